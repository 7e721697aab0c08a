/**
 * Walker threads (app-walks.ts) with the real walker entry, bundled as the app's build does:
 * same content as walking on the crawl thread, the crawl thread walking until a thread has
 * loaded, and a thread that cannot start leaving the crawl on the crawl thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../../src-main/catalog';
import { startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import { catalogPort } from '../../../src-main/crawl/catalog-adapter';
import { runCrawl } from '../../../src-main/crawl/crawl-runner';
import { expectCrawledAsGenerated, recording } from '../../support/crawl-recording';
import { bundleWalkerWorker, type BundledWalker } from '../../support/walker-worker-bundle';

let dir: string;
let walker: BundledWalker;
let tenant: DemoTenant;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qme-walkers-'));
  walker = await bundleWalkerWorker();
  tenant = await startDemoTenant({ apps: 24, seed: 9, sheetsPerApp: 2, chartsPerSheet: 3, latencyMs: 20 });
}, 60_000);
afterAll(async () => {
  await tenant.close();
  walker.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function crawlWith(createWalkerWorker: (options: WorkerOptions) => Worker, file: string) {
  const catalog = openCatalog(join(dir, file));
  try {
    const rec = recording(catalogPort(catalog));
    const options = {
      url: tenant.url,
      apiKey: tenant.apiKey,
      connectionId: 'demo',
      kind: 'demo' as const,
      mode: 'full' as const,
      concurrency: 4,
    };
    const summary = await runCrawl(options, rec.port, () => undefined, undefined, { createWalkerWorker, walkerThreads: 1 });
    return { summary, contents: rec.contents };
  } finally {
    catalog.close();
  }
}

describe('walker threads', () => {
  it('read the same content as the crawl thread; the crawl thread walks until a thread has loaded', async () => {
    let walkedByThread = 0;
    // The engine holds its replies until the thread has loaded: the crawl thread's first walks
    // wait, so apps are still queued for the thread however long it takes to load on a busy machine.
    const release = tenant.holdEngineReplies();
    const counting = (options: WorkerOptions): Worker => {
      const worker = walker.createWalkerWorker(options);
      worker.on('message', (reply: { kind: string }) => {
        if (reply.kind === 'ready') release();
        if (reply.kind === 'walked') walkedByThread++;
      });
      return worker;
    };
    const { summary, contents } = await crawlWith(counting, 'threads.sqlite').finally(release);
    expect(summary.status).toBe('complete');
    expect(summary.failures).toEqual([]);
    expectCrawledAsGenerated(tenant.model, contents);
    expect(walkedByThread).toBeGreaterThan(0);
    expect(walkedByThread).toBeLessThanOrEqual(tenant.model.apps.length);
    // Each app's REST data/metadata call is counted, whichever thread made it.
    expect(summary.restCalls).toBeGreaterThanOrEqual(tenant.model.apps.length);
  });

  it('a delta crawl with a few changed apps starts no walker thread', async () => {
    let threadsStarted = 0;
    const counting = (options: WorkerOptions): Worker => {
      threadsStarted++;
      return walker.createWalkerWorker(options);
    };
    const catalog = openCatalog(join(dir, 'delta.sqlite'));
    try {
      const options = { url: tenant.url, apiKey: tenant.apiKey, connectionId: 'demo', kind: 'demo' as const, concurrency: 4 };
      await runCrawl({ ...options, mode: 'full' }, catalogPort(catalog), () => undefined, undefined, { createWalkerWorker: counting });
      expect(threadsStarted).toBe(1);
      tenant.modifyApp((tenant.model.apps[0] as (typeof tenant.model.apps)[number]).record.id);
      const delta = await runCrawl({ ...options, mode: 'delta' }, catalogPort(catalog), () => undefined, undefined, {
        createWalkerWorker: counting,
      });
      expect(delta.status).toBe('complete');
      expect(delta.counts.appsCrawled).toBe(1);
      expect(threadsStarted).toBe(1);
    } finally {
      catalog.close();
    }
  });

  it('a walker thread that cannot start leaves every app to the crawl thread', async () => {
    const broken = (options: WorkerOptions): Worker => new Worker('throw new Error("walker bundle missing")', { ...options, eval: true });
    const { summary, contents } = await crawlWith(broken, 'broken.sqlite');
    expect(summary.status).toBe('complete');
    expect(summary.failures).toEqual([]);
    expect(contents.size).toBe(tenant.model.apps.length);
  });
});
