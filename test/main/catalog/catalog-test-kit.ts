/** Shared setup for catalog tests: a temporary catalog file and a full first crawl. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog, type Catalog } from '../../../src-main/catalog';
import * as sample from './fixtures/sample-tenant';

export function tempCatalogFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'qme-catalog-')), 'catalog.sqlite');
}

/** A settable clock so retention and durations are deterministic. */
export function fakeClock(start = '2025-01-10T00:00:00Z') {
  let now = new Date(start);
  return {
    now: () => now,
    set: (iso: string) => {
      now = new Date(iso);
    },
    advanceMs: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

export const CONNECTION_ID = 'conn-acme';

export function beginCrawl(catalog: Catalog, kind: 'full' | 'delta' = 'full') {
  return catalog.beginSnapshot({ connectionId: CONNECTION_ID, connectionName: 'Acme cloud', tenant: sample.tenant, kind });
}

/** A complete full crawl of the sample tenant: app-a and app-b in Sales, app-c in Finance. */
export function writeFullCrawl(catalog: Catalog): number {
  const w = beginCrawl(catalog);
  w.putSpaces(sample.spaces);
  w.putCollections(sample.collections);
  w.putDataConnections(sample.dataConnections);
  w.putAutomations(sample.automations);
  w.putApp(sample.app('app-a', { name: 'Sales Overview' }), sample.content());
  w.putApp(sample.app('app-b', { name: 'Sales Details' }), sample.content({ sheets: [], objects: [] }));
  w.putApp(
    sample.app('app-c', { name: 'Budget', spaceId: 'sp-fin', ownerId: 'user-2' }),
    sample.content({ script: 'LOAD 1 AS Budget AutoGenerate 1;' }),
  );
  w.putLineage(sample.lineage);
  return w.commit().id;
}

export function openTempCatalog(clock = fakeClock()) {
  const file = tempCatalogFile();
  const catalog = openCatalog(file, { now: clock.now });
  return { file, catalog, clock };
}
