/** Crawls of the demo tenant into a temporary catalog, shared by the snapshot tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog, type Catalog } from '../../../src-main/catalog';
import { catalogPort } from '../../../src-main/crawl/catalog-adapter';
import { runCrawl } from '../../../src-main/crawl/crawl-runner';
import type { DemoTenant } from '../../../src-main/demo-tenant';

export function tempDir(prefix = 'qme-snapshots-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs one crawl of the demo tenant into the catalog file; returns the new snapshot id. */
export async function crawlDemo(tenant: DemoTenant, catalogFile: string, mode: 'full' | 'delta' = 'full'): Promise<number> {
  const catalog = openCatalog(catalogFile);
  try {
    const summary = await runCrawl(
      { url: tenant.url, apiKey: tenant.apiKey, connectionId: 'demo', connectionName: 'Demo tenant', kind: 'demo', mode, concurrency: 4 },
      catalogPort(catalog),
      () => undefined,
      new AbortController().signal,
    );
    if (summary.status !== 'complete' || summary.snapshotId === null)
      throw new Error(`crawl ${summary.status}: ${JSON.stringify(summary.error)}`);
    return summary.snapshotId;
  } finally {
    catalog.close();
  }
}

export function withCatalog<T>(file: string, read: (catalog: Catalog) => T, readonly = true): T {
  const catalog = openCatalog(file, { readonly });
  try {
    return read(catalog);
  } finally {
    catalog.close();
  }
}
