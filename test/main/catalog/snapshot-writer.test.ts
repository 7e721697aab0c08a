import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../../src-main/catalog';
import * as sample from './fixtures/sample-tenant';
import { beginCrawl, CONNECTION_ID, openTempCatalog, writeFullCrawl } from './catalog-test-kit';
import { latestSchemaVersion } from '../../../src-main/catalog/migrations';

const open: Catalog[] = [];
function setup() {
  const t = openTempCatalog();
  open.push(t.catalog);
  return t;
}
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

describe('catalog migrations', () => {
  it('an empty file is migrated to the latest schema, with WAL, foreign keys and our application id', () => {
    const { catalog, file } = setup();
    catalog.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('application_id', { simple: true })).toBe(0x514d4531);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['connection', 'crawl_run', 'app_version', 'snapshot_app', 'lineage_edge', 'search_fts']),
    );
    db.close();
    const again = openCatalog(file);
    expect(again.integrityCheck()).toBe('ok');
    again.close();
  });

  it('refuses files that are not catalogs, and files from a newer version', () => {
    const { file } = setup();
    const foreign = file.replace('catalog.sqlite', 'foreign.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => openCatalog(foreign, { readonly: true })).toThrow(/not a Qlik Metadata Explorer catalog/);
    expect(() => openCatalog(foreign)).toThrow(/not a Qlik Metadata Explorer catalog/);

    const newer = file.replace('catalog.sqlite', 'newer.sqlite');
    openCatalog(newer).close();
    const raw = new Database(newer);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openCatalog(newer, { readonly: true })).toThrow(/newer version/);

    const garbage = file.replace('catalog.sqlite', 'garbage.sqlite');
    writeFileSync(garbage, 'this is not sqlite at all, just some text that is long enough'.repeat(100));
    expect(() => openCatalog(garbage, { readonly: true })).toThrow(/not a Qlik Metadata Explorer catalog/);
  });

  it('no table has a column for an API key, password, token or secret', () => {
    const { catalog, file } = setup();
    catalog.close();
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const columns = tables.flatMap((t) =>
      (db.pragma(`table_info(${JSON.stringify(t)})`) as { name: string }[]).map((c) => `${t}.${c.name}`),
    );
    expect(columns.filter((c) => /api_?key|password|passwd|token|secret|credential/i.test(c.replace('stripped_secret_paths', '')))).toEqual(
      [],
    );
    db.close();
  });
});

describe('snapshot writing', () => {
  it('the canary password in a connect statement, script or tenant URL is never stored', () => {
    const { catalog, file } = setup();
    const w = beginCrawl(catalog);
    w.putDataConnections(sample.dataConnections);
    w.putApp(
      sample.app('app-a'),
      sample.content({ script: `ODBC CONNECT TO dsn (XUserId is bob, XPassword is ${sample.CANARY_PASSWORD});\nLOAD 1;` }),
    );
    w.commit();
    catalog.close();
    const bytes = readFileSync(file).toString('latin1') + readWal(file);
    expect(bytes).not.toContain(sample.CANARY_PASSWORD);
    expect(bytes).not.toContain('hunter2');
    expect(bytes).not.toContain('qlikTicket');
  });

  it('two snapshots with an unchanged app store one version of it', () => {
    const { catalog } = setup();
    const first = writeFullCrawl(catalog);
    const second = writeFullCrawl(catalog);
    const a1 = catalog.appDetail('app-a', { snapshotId: first });
    const a2 = catalog.appDetail('app-a', { snapshotId: second });
    expect(a2.appVersionId).toBe(a1.appVersionId);
    expect(a2.versionCrawledBySnapshotId).toBe(first);
    expect(countRows(catalog, 'app_version')).toBe(3);
    expect(countRows(catalog, 'sheet')).toBe(4);
  });

  it('delta crawl carries unchanged apps over, stores changed ones, and drops deleted ones', () => {
    const { catalog } = setup();
    const first = writeFullCrawl(catalog);
    const previous = catalog.previousAppStates(CONNECTION_ID);
    expect([...previous.keys()].sort()).toEqual(['app-a', 'app-b', 'app-c']);
    expect(previous.get('app-a')?.modifiedDate).toBe('2025-01-01T00:00:00Z');

    const w = beginCrawl(catalog, 'delta');
    w.putSpaces(sample.spaces);
    expect(w.carryOverApp('app-a')).toBe(previous.get('app-a')?.versionId);
    w.putApp(
      sample.app('app-b', { name: 'Sales Details', modifiedDate: '2025-01-05T00:00:00Z' }),
      sample.content({ sheets: [], objects: [] }),
    );
    // app-c was deleted in the tenant: simply not part of this snapshot.
    const second = w.commit();

    expect(second.kind).toBe('delta');
    expect(second.counts).toMatchObject({ apps: 2, crawledApps: 1, carriedOverApps: 1 });
    expect(catalog.apps().map((a) => [a.id, a.source])).toEqual([
      ['app-b', 'crawled'], // "Sales Details" sorts before "Sales Overview"
      ['app-a', 'carried-over'],
    ]);
    expect(
      catalog
        .apps()
        .map((a) => a.id)
        .sort(),
    ).toEqual(['app-a', 'app-b']);
    expect(
      catalog
        .apps({ snapshotId: first })
        .map((a) => a.id)
        .sort(),
    ).toEqual(['app-a', 'app-b', 'app-c']);
    expect(catalog.appDetail('app-a').source).toBe('carried-over');
    expect(catalog.appDetail('app-b').record.modifiedDate).toBe('2025-01-05T00:00:00Z');
    expect(() => catalog.appDetail('app-c')).toThrow(/not in the catalog/);
  });

  it('a failed app keeps its previous version, and the crawl says so', () => {
    const { catalog } = setup();
    writeFullCrawl(catalog);
    const w = beginCrawl(catalog, 'delta');
    w.carryOverApp('app-a');
    const kept = w.recordFailure({
      appId: 'app-b',
      appName: 'Sales Details',
      error: { code: 'timeout', message: 'Timed out', remedy: 'Retry' },
    });
    const lost = w.recordFailure({
      appId: 'app-new',
      appName: 'New',
      error: { code: 'app-access-denied', message: 'Denied', remedy: 'Ask' },
    });
    const run = w.commit();
    expect(kept.keptPreviousVersion).toBe(true);
    expect(lost).toEqual({ keptPreviousVersion: false, appVersionId: null });
    expect(run.counts.failedApps).toBe(2);
    expect(run.errorCount).toBe(2);
    const detail = catalog.appDetail('app-b');
    expect(detail.source).toBe('kept-after-failure');
    expect(detail.errors.map((e) => e.error.code)).toEqual(['timeout']);
    expect(catalog.crawlHistory(CONNECTION_ID)[0]?.errors.map((e) => [e.appId, e.keptAppVersionId !== null])).toEqual([
      ['app-b', true],
      ['app-new', false],
    ]);
  });

  it('an aborted snapshot leaves the previous complete snapshot as the latest', () => {
    const { catalog } = setup();
    const first = writeFullCrawl(catalog);
    const w = beginCrawl(catalog);
    w.putApp(sample.app('app-z'), sample.content());
    const aborted = w.abort('Cancelled by the user', 'cancelled');
    expect(aborted.status).toBe('cancelled');
    expect(aborted.error).toBe('Cancelled by the user');
    expect(catalog.latestCompleteSnapshotId(CONNECTION_ID)).toBe(first);
    expect(
      catalog
        .apps()
        .map((a) => a.id)
        .sort(),
    ).toEqual(['app-a', 'app-b', 'app-c']);
    expect(() => w.putApp(sample.app('app-y'), sample.content())).toThrow(/can no longer be written/);
  });

  it('a crash mid-crawl leaves the previous snapshot intact and the run marked interrupted', () => {
    const { catalog, file, clock } = setup();
    const first = writeFullCrawl(catalog);
    const before = catalog.snapshotContent(first);
    const w = beginCrawl(catalog);
    w.putSpaces([{ ...sample.spaces[0]!, name: 'Renamed' }]);
    w.putApp(sample.app('app-a', { name: 'Changed' }), sample.content({ sheets: [] }));
    w.putApp(sample.app('app-new'), sample.content());
    catalog.close(); // no commit, no abort: the process "dies" here

    const reopened = openCatalog(file, { now: clock.now });
    open.push(reopened);
    expect(reopened.recoveredSnapshotIds).toEqual([w.snapshotId]);
    expect(reopened.snapshot(w.snapshotId).status).toBe('interrupted');
    expect(reopened.latestCompleteSnapshotId(CONNECTION_ID)).toBe(first);
    expect(reopened.snapshotContent()).toEqual(before);
    expect(reopened.integrityCheck()).toBe('ok');
  });

  it('a second connection opened while a crawl runs does not mark the live crawl interrupted', () => {
    const { catalog, file } = setup();
    const w = beginCrawl(catalog);
    const browser = openCatalog(file, { readonly: true });
    const writer2 = openCatalog(file);
    expect(writer2.recoveredSnapshotIds).toEqual([]);
    writer2.close();
    browser.close();
    w.putApp(sample.app('app-a'), sample.content());
    expect(w.commit().status).toBe('complete');
  });

  it('the read-only catalog refuses writes and never changes the file', () => {
    const { catalog, file } = setup();
    writeFullCrawl(catalog);
    catalog.close();
    const before = readFileSync(file);
    const ro = openCatalog(file, { readonly: true });
    expect(ro.apps()).toHaveLength(3);
    expect(() => beginCrawl(ro)).toThrow(/read-only/);
    ro.close();
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

function countRows(catalog: Catalog, table: string): number {
  const db = new Database(catalog.file, { readonly: true });
  try {
    return Number(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
  } finally {
    db.close();
  }
}

function readWal(file: string): string {
  return existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).toString('latin1') : '';
}
