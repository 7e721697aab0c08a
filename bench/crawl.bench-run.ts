/**
 * The crawl benchmark (`npm run bench`): a demo tenant with N apps (10 sheets × 8 charts each) at
 * L ms injected latency; full crawl, delta crawl with 1 % of apps changed, a peer-style sequential
 * walk on a sample of apps (extrapolated), and the floor. Writes one JSON object to BENCH_OUT.
 * The demo tenant runs in a child process (bench/demo-tenant-process.ts): wall times, CPU and
 * peak RSS measured here are the crawler's (plus the catalog it writes), not the simulator's. The
 * tenant warms its answer cache by crawling itself first, so it takes little of the two cores the
 * crawler is measured on; liveTenantFullCrawl shows a crawl against a tenant computing everything.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { openCatalog } from '../src-main/catalog';
import { catalogPort } from '../src-main/crawl/catalog-adapter';
import { defaultWalkerThreads } from '../src-main/crawl/app-walks';
import { DEFAULT_CONCURRENCY, runCrawl } from '../src-main/crawl/crawl-runner';
import { createTransport } from '../src-main/qlik/connection-options';
import { bundleWalkerWorker } from '../test/support/walker-worker-bundle';
import { startDemoTenantProcess } from './demo-tenant-process';
import { peerWalkApp } from './peer-walker';

const apps = Number(process.env['BENCH_APPS'] ?? 1000);
const latencyMs = Number(process.env['BENCH_LATENCY_MS'] ?? 50);
const peerSample = Math.min(apps, Number(process.env['BENCH_PEER_SAMPLE'] ?? 3));
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? DEFAULT_CONCURRENCY);
// Walker threads as the app starts them (one per spare core); BENCH_WALKER_THREADS=0 walks on the runner's thread.
const walkerThreadsOption = process.env['BENCH_WALKER_THREADS'];
const sheetsPerApp = 10;
const chartsPerSheet = 8;

it('crawl benchmark', async () => {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const dir = mkdtempSync(join(tmpdir(), 'qme-bench-'));
  // The tenant keeps each app's serialised answers once computed (cacheAnswers): a real tenant's CPU
  // is not on the crawler's machine, while this one shares its two cores.
  const tenant = await startDemoTenantProcess({ apps, seed: 4242, sheetsPerApp, chartsPerSheet, latencyMs, cacheAnswers: true });
  const appIds = await tenant.appIds();
  const catalog = openCatalog(join(dir, 'bench.sqlite'));
  const walker = walkerThreadsOption === '0' ? null : await bundleWalkerWorker();
  const deps = walker
    ? { createWalkerWorker: walker.createWalkerWorker, ...(walkerThreadsOption ? { walkerThreads: Number(walkerThreadsOption) } : {}) }
    : {};
  try {
    const options = { url: tenant.url, apiKey: tenant.apiKey, connectionId: 'bench', kind: 'demo' as const, concurrency };

    // The tenant crawls itself once from its own process: its answers are then ready, as a remote
    // tenant's would be, while this process (the crawler under test) is still cold.
    await tenant.warm();

    await tenant.resetStats();
    const tenantCpu0 = await tenant.cpu();
    const crawlerCpu0 = process.cpuUsage();
    let t0 = performance.now();
    const full = await runCrawl({ ...options, mode: 'full' }, catalogPort(catalog), () => undefined, undefined, deps);
    const fullMs = performance.now() - t0;
    const crawlerCpu = process.cpuUsage(crawlerCpu0);
    const tenantCpu1 = await tenant.cpu();
    const fullStats = await tenant.stats();
    if (full.status !== 'complete') throw new Error(`full crawl ${full.status}: ${JSON.stringify(full.error)}`);

    const changed = Math.max(1, Math.round(apps / 100));
    for (const appId of appIds.slice(0, changed)) await tenant.modifyApp(appId);
    await tenant.resetStats();
    t0 = performance.now();
    const delta = await runCrawl({ ...options, mode: 'delta' }, catalogPort(catalog), () => undefined, undefined, deps);
    const deltaMs = performance.now() - t0;
    const deltaStats = await tenant.stats();

    // For comparison: a full crawl while the tenant computes every answer on the same two cores
    // (this process is warm by now), into a throwaway catalog.
    await tenant.answerCache(false);
    const liveCatalog = openCatalog(join(dir, 'live-tenant.sqlite'));
    const liveTenantCpu0 = await tenant.cpu();
    t0 = performance.now();
    const live = await runCrawl({ ...options, mode: 'full' }, catalogPort(liveCatalog), () => undefined, undefined, deps);
    const liveMs = performance.now() - t0;
    const liveTenantCpu1 = await tenant.cpu();
    liveCatalog.close();
    await tenant.answerCache(true);
    if (live.status !== 'complete') throw new Error(`live-tenant full crawl ${live.status}: ${JSON.stringify(live.error)}`);

    const transport = createTransport({ url: tenant.url, apiKey: tenant.apiKey });
    await tenant.resetStats();
    t0 = performance.now();
    for (const appId of appIds.slice(0, peerSample)) await peerWalkApp(transport, tenant.apiKey, appId);
    const peerSampleMs = performance.now() - t0;
    const peerStats = await tenant.stats();
    await transport.close();

    const floorMs = (apps * latencyMs) / concurrency;
    const peerWalkMs = (peerSampleMs / peerSample) * apps;
    const result = {
      tenant: { apps, sheetsPerApp, chartsPerSheet, latencyMs, concurrency },
      walkerThreads: walker ? Number(walkerThreadsOption ?? defaultWalkerThreads()) : 0,
      fullCrawl: {
        wallMs: Math.round(fullMs),
        appsCrawled: full.counts.appsCrawled,
        failures: full.failures.length,
        engineCalls: fullStats.engineTotal,
        restCalls: fullStats.restTotal,
        rowsWritten: full.counts.rowsWritten,
        crawlerCpuMs: Math.round((crawlerCpu.user + crawlerCpu.system) / 1000),
        tenantCpuMs: Math.round((tenantCpu1.user + tenantCpu1.system - tenantCpu0.user - tenantCpu0.system) / 1000),
      },
      liveTenantFullCrawl: {
        wallMs: Math.round(liveMs),
        tenantCpuMs: Math.round((liveTenantCpu1.user + liveTenantCpu1.system - liveTenantCpu0.user - liveTenantCpu0.system) / 1000),
        fullOverFloor: Math.round((liveMs / ((apps * latencyMs) / concurrency)) * 100) / 100,
      },
      deltaCrawl: {
        wallMs: Math.round(deltaMs),
        appsChanged: changed,
        appsCrawled: delta.counts.appsCrawled,
        appsCarriedOver: delta.counts.appsCarriedOver,
        engineCalls: deltaStats.engineTotal,
        restCalls: deltaStats.restTotal,
        percentOfFull: Math.round((deltaMs / fullMs) * 1000) / 10,
      },
      peerWalk: {
        wallMs: Math.round(peerWalkMs),
        extrapolated: peerSample < apps,
        sampleApps: peerSample,
        sampleWallMs: Math.round(peerSampleMs),
        engineCallsPerApp: Math.round(peerStats.engineTotal / peerSample),
      },
      floorMs: Math.round(floorMs),
      engineCallsPerApp: Math.round((fullStats.engineTotal / apps) * 10) / 10,
      restCalls: fullStats.restTotal,
      rowsPerSecond: Math.round(full.counts.rowsWritten / (fullMs / 1000)),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      ratios: {
        speedupOverPeer: Math.round((peerWalkMs / fullMs) * 10) / 10,
        fullOverFloor: Math.round((fullMs / floorMs) * 100) / 100,
        deltaOverFull: Math.round((deltaMs / fullMs) * 1000) / 1000,
      },
      note:
        'Peer walk runs on a sample of apps and is extrapolated linearly (it is strictly sequential). ' +
        'Floor = apps × latency / concurrency (one round trip per app). The demo tenant runs in its own process and ' +
        'serves answers it computed during a warm-up crawl run from that process (the crawler under test starts cold); ' +
        'liveTenantFullCrawl is a full crawl while the tenant computes every answer on the same cores. ' +
        'peakRssMb and crawlerCpuMs are the crawler process alone (walker threads included).',
    };
    const out = process.env['BENCH_OUT'];
    if (out) writeFileSync(out, JSON.stringify(result, null, 2));
    else console.warn(JSON.stringify(result, null, 2));
  } finally {
    clearInterval(sampler);
    catalog.close();
    walker?.dispose();
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
