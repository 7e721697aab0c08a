/**
 * Migration 003: a crawl's new app versions are indexed for search in bulk (every
 * SEARCH_INDEX_BATCH versions and when the snapshot is published). The index must never lag a
 * published snapshot, survive a writer that dies with versions not yet indexed, and never be told
 * to forget documents it was not given.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../../src-main/catalog';
import { SEARCH_INDEX_BATCH } from '../../../src-main/catalog/snapshot-writer';
import { writeSnapshotFile } from '../../../src-main/catalog/snapshot-file';
import * as sample from './fixtures/sample-tenant';
import { beginCrawl, CONNECTION_ID, openTempCatalog, writeFullCrawl } from './catalog-test-kit';

const open: Catalog[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

function setup() {
  const t = openTempCatalog();
  open.push(t.catalog);
  return t;
}

function pendingCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return Number(db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get());
  } finally {
    db.close();
  }
}

describe('deferred search indexing', () => {
  it('a published snapshot is fully searchable, however many versions it has', () => {
    const { catalog, file } = setup();
    const w = beginCrawl(catalog);
    const count = SEARCH_INDEX_BATCH + 5;
    for (let i = 0; i < count; i++) {
      w.putApp(
        sample.app(`app-${i}`, { name: `Zebracorn ${i}` }),
        sample.content({ script: `LOAD ${i} AS Qwertyfield${i} AutoGenerate 1;` }),
      );
    }
    expect(pendingCount(file)).toBe(5); // the first batch was indexed during the crawl
    w.commit();
    expect(pendingCount(file)).toBe(0);
    expect(catalog.searchCatalog('zebracorn', { types: ['app'], limit: 500 }).hits).toHaveLength(count);
    expect(catalog.searchCatalog(`qwertyfield${count - 1}`).total).toBeGreaterThan(0);
    expect(catalog.integrityCheck()).toBe('ok');
  });

  it('versions a crashed writer left unindexed are indexed when the catalog reopens, and shared by the next crawl', () => {
    const { catalog, file } = setup();
    const w = beginCrawl(catalog);
    w.putApp(sample.app('app-a', { name: 'Crashcanary' }), sample.content());
    expect(pendingCount(file)).toBe(1);
    // A crash: the writer never commits or aborts, and its run is no longer live.
    catalog.close();
    const reopened = openCatalog(file);
    open.push(reopened);
    expect(reopened.recoveredSnapshotIds).toEqual([w.snapshotId]);
    expect(pendingCount(file)).toBe(0);
    expect(reopened.integrityCheck()).toBe('ok');

    const w2 = beginCrawl(reopened);
    const stored = w2.putApp(sample.app('app-a', { name: 'Crashcanary' }), sample.content()) as { isNew: boolean };
    expect(stored.isNew).toBe(false); // the identical version is shared, already indexed
    w2.commit();
    expect(reopened.searchCatalog('crashcanary').hits.map((h) => h.id)).toContain('app-a');
    expect(reopened.integrityCheck()).toBe('ok');
  });

  it('an integrity check during a crawl indexes the pending versions rather than reporting them', () => {
    const { catalog, file } = setup();
    const w = beginCrawl(catalog);
    w.putApp(sample.app('app-a'), sample.content());
    expect(catalog.integrityCheck()).toBe('ok');
    expect(pendingCount(file)).toBe(0);
    w.putApp(sample.app('app-b'), sample.content({ script: 'LOAD 2 AS B AutoGenerate 1;' }));
    w.commit();
    expect(catalog.integrityCheck()).toBe('ok');
  });

  it('deleting a version whose documents were never indexed leaves the index intact', () => {
    const { catalog, file, clock } = setup();
    clock.set('2025-01-01T00:00:00Z');
    const first = beginCrawl(catalog);
    first.putApp(sample.app('app-a', { name: 'Keeper' }), sample.content());
    first.commit();
    clock.set('2025-01-02T00:00:00Z');
    const crashed = beginCrawl(catalog);
    crashed.putApp(sample.app('app-gone', { name: 'Neverindexed' }), sample.content({ script: 'LOAD 3 AS Gone AutoGenerate 1;' }));
    catalog.close();
    // Recovery on reopen indexes the pending version; undo that to get the state a writer in
    // flight has (documents stored, not indexed, version pending), then let retention collect it.
    const reopened = openCatalog(file, { now: clock.now });
    open.push(reopened);
    const raw = new Database(file);
    const version = Number(raw.prepare("SELECT id FROM app_version WHERE app_id = 'app-gone'").pluck().get());
    raw.prepare('DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_doc WHERE app_version_id = ?)').run(version);
    raw.prepare('INSERT INTO search_pending (app_version_id) VALUES (?)').run(version);
    raw.close();
    clock.set('2025-03-01T00:00:00Z');
    expect(reopened.pruneSnapshots({ keepDays: 30 }).deletedAppVersionCount).toBe(1);
    expect(reopened.searchCatalog('neverindexed').total).toBe(0);
    expect(reopened.searchCatalog('keeper').total).toBeGreaterThan(0);
    expect(reopened.integrityCheck()).toBe('ok');
    expect(reopened.latestCompleteSnapshotId(CONNECTION_ID)).not.toBeNull();
  });

  it('a snapshot file written before migration 003 (schema 2) still opens read-only and searches', () => {
    const { catalog, file } = setup();
    const id = writeFullCrawl(catalog);
    const shared = file.replace('catalog.sqlite', 'shared.qmesnap');
    writeSnapshotFile({
      sourceFile: file,
      snapshotId: id,
      connectionId: CONNECTION_ID,
      targetFile: shared,
      exportedAt: '2025-01-10T00:00:00Z',
      exportedBy: 'test',
    });
    // Undo migration 003 in the file: the schema-2 triggers, no search_pending, user_version 2.
    const raw = new Database(shared);
    raw.exec(`
      DROP TABLE search_pending;
      DROP TRIGGER search_doc_ai;
      CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
      END;
      DROP TRIGGER search_doc_ad;
      CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
      END;
      PRAGMA user_version = 2;`);
    raw.close();
    const old = openCatalog(shared, { readonly: true });
    open.push(old);
    expect(old.searchCatalog('budget').total).toBe(catalog.searchCatalog('budget').total);
    expect(old.searchCatalog('budget').total).toBeGreaterThan(0);
    expect(old.apps()).toHaveLength(3);
  });
});
