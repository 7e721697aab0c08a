/**
 * Shared pieces of the reliability suite: a demo tenant and a catalog in a temporary folder, one
 * crawl through runCrawl over real sockets, and a fingerprint of a stored snapshot so "nothing
 * already stored is lost" is a byte-for-byte comparison.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog, type Catalog } from '../../../src-main/catalog';
import { catalogPort } from '../../../src-main/crawl/catalog-adapter';
import type { CrawlEvent, CrawlRunOptions, CrawlSummary } from '../../../src-main/crawl/crawl-events';
import { runCrawl } from '../../../src-main/crawl/crawl-runner';
import { startDemoTenant, type DemoTenant, type DemoTenantOptions } from '../../../src-main/demo-tenant';

export interface FaultBench {
  readonly dir: string;
  readonly tenant: DemoTenant;
  readonly catalog: Catalog;
  crawl(over?: Partial<CrawlRunOptions>, onEvent?: (event: CrawlEvent) => void, signal?: AbortSignal): Promise<CrawlSummary>;
  close(): Promise<void>;
}

export const CONNECTION_ID = 'reliability';

export async function faultBench(options: DemoTenantOptions = {}): Promise<FaultBench> {
  const dir = mkdtempSync(join(tmpdir(), 'qme-reliability-'));
  const tenant = await startDemoTenant({ apps: 5, seed: 31, sheetsPerApp: 2, chartsPerSheet: 3, ...options });
  const catalog = openCatalog(join(dir, 'catalog.sqlite'));
  return {
    dir,
    tenant,
    catalog,
    crawl: (over = {}, onEvent = () => undefined, signal) =>
      runCrawl(
        {
          url: tenant.url,
          apiKey: tenant.apiKey,
          connectionId: CONNECTION_ID,
          kind: 'demo',
          mode: 'full',
          concurrency: 2,
          requestTimeoutMs: 5_000,
          ...over,
        },
        catalogPort(catalog),
        onEvent,
        signal,
      ),
    async close() {
      catalog.close();
      await tenant.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything one snapshot holds, as text: equal fingerprints mean nothing stored was lost or changed. */
export function snapshotFingerprint(catalog: Catalog, snapshotId: number): string {
  // The connection row carries the latest crawl's bookkeeping; the snapshot's own rows must not move.
  const { connection: _connection, ...stored } = catalog.snapshotContent({ snapshotId });
  return JSON.stringify(stored);
}

/** The stored content of one app in the latest complete snapshot, as text. */
export function storedApp(catalog: Catalog, appId: string): string {
  const content = catalog.snapshotContent({ connectionId: CONNECTION_ID });
  const app = content.apps.find((a) => a.record.id === appId);
  if (!app) return 'absent';
  // Why it is in the snapshot (crawled, carried over, kept after a failure) is not its content.
  const { appVersionId: _version, source: _source, ...rest } = app;
  return JSON.stringify(rest);
}
