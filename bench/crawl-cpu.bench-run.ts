/**
 * Where the crawler's CPU goes (`BENCH_FILE=bench/crawl-cpu.bench-run.ts npx vitest run --config
 * bench/vitest.bench.config.ts`): a full crawl of the demo tenant (own process) with every
 * snapshot-writer call timed, plus a V8 CPU profile of the crawl summarised by self time.
 * Options: BENCH_APPS (200), BENCH_LATENCY_MS (50), BENCH_PROFILE=0 to skip the profile,
 * BENCH_PROFILE_OUT=file to keep the raw .cpuprofile. A diagnostic, never part of `npm test`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { openCatalog } from '../src-main/catalog';
import { catalogPort } from '../src-main/crawl/catalog-adapter';
import type { CatalogPort, SnapshotWriterPort } from '../src-main/crawl/catalog-port';
import { runCrawl } from '../src-main/crawl/crawl-runner';
import { startDemoTenantProcess } from './demo-tenant-process';

const apps = Number(process.env['BENCH_APPS'] ?? 200);
const latencyMs = Number(process.env['BENCH_LATENCY_MS'] ?? 50);
const profile = process.env['BENCH_PROFILE'] !== '0';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

function timedPort(port: CatalogPort, times: Map<string, number>): CatalogPort {
  const add = (name: string, ms: number) => times.set(name, (times.get(name) ?? 0) + ms);
  return {
    ...port,
    beginSnapshot(options) {
      const writer = port.beginSnapshot(options);
      return new Proxy(writer, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const t = performance.now();
            try {
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            } finally {
              add(String(prop), performance.now() - t);
            }
          };
        },
      }) as SnapshotWriterPort;
    },
  };
}

it('crawl CPU breakdown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qme-bench-cpu-'));
  const tenant = await startDemoTenantProcess({ apps, seed: 4242, sheetsPerApp: 10, chartsPerSheet: 8, latencyMs });
  const catalog = openCatalog(join(dir, 'bench.sqlite'));
  const session = new Session();
  try {
    const times = new Map<string, number>();
    if (profile) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    }
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const summary = await runCrawl(
      { url: tenant.url, apiKey: tenant.apiKey, connectionId: 'bench', kind: 'demo', mode: 'full', concurrency: 8 },
      timedPort(catalogPort(catalog), times),
      () => undefined,
    );
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (summary.status !== 'complete') throw new Error(`crawl ${summary.status}`);
    const lines: string[] = [];
    const cpuMs = (cpu.user + cpu.system) / 1000;
    lines.push(`apps ${apps}, wall ${Math.round(wallMs)} ms, crawler CPU ${Math.round(cpuMs)} ms (${(cpuMs / apps).toFixed(2)} ms/app)`);
    for (const [name, ms] of [...times].sort((a, b) => b[1] - a[1]))
      lines.push(`  writer.${name}: ${Math.round(ms)} ms (${(ms / apps).toFixed(2)} ms/app)`);
    if (profile) {
      const { profile: p } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[] } };
      if (process.env['BENCH_PROFILE_OUT']) writeFileSync(process.env['BENCH_PROFILE_OUT'], JSON.stringify(p));
      const total = p.samples.length;
      const self = new Map<string, number>();
      for (const n of p.nodes) {
        const url = n.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|src-main)\//, '$1/');
        const key = `${n.callFrame.functionName || '(anon)'} ${url}:${n.callFrame.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0));
      }
      const byFile = new Map<string, number>();
      for (const n of p.nodes) {
        const url = n.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|src-main\/[^/]+)\/.*$/, '$1') || n.callFrame.functionName;
        byFile.set(url, (byFile.get(url) ?? 0) + (n.hitCount ?? 0));
      }
      lines.push(`profile: ${total} samples; self time by module:`);
      for (const [key, hits] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25))
        lines.push(`  ${((hits / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
      lines.push(`top self time:`);
      for (const [key, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
        lines.push(`  ${((hits / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
    }
    const out = process.env['BENCH_OUT'];
    if (out) writeFileSync(out, lines.join('\n'));
    else console.warn(lines.join('\n'));
  } finally {
    session.disconnect();
    catalog.close();
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
