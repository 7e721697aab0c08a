/**
 * Migration 003: search indexing of app versions is deferred and done in bulk. Indexing each
 * search document as it is inserted (search_doc's trigger) cost a crawl about a third of its
 * catalog write time; one INSERT … SELECT over many versions' documents costs a fraction of it.
 *
 * A version the crawler stores is listed in search_pending before its documents are inserted:
 * the insert trigger skips documents of pending versions, and the writer indexes them in bulk
 * (every few dozen apps, and in the transaction that publishes the snapshot), then clears the
 * list. So a document is in the FTS index exactly when its version is not pending, and the delete
 * trigger tells the index to forget only documents it holds (an external-content FTS5 table must
 * never be told to delete a row it was never given). search_pending has no foreign key on
 * purpose: a pending version deleted by retention leaves its row, which the next bulk pass drops.
 * Documents inserted any other way (tenant-level documents, snapshot files) are indexed by the
 * trigger as before.
 */
import type { Migration } from './migration';

const sql = `
CREATE TABLE search_pending (
  app_version_id INTEGER PRIMARY KEY
);

DROP TRIGGER search_doc_ai;
CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc
WHEN new.app_version_id IS NULL OR NOT EXISTS (SELECT 1 FROM search_pending WHERE app_version_id = new.app_version_id)
BEGIN
  INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

DROP TRIGGER search_doc_ad;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc
WHEN old.app_version_id IS NULL OR NOT EXISTS (SELECT 1 FROM search_pending WHERE app_version_id = old.app_version_id)
BEGIN
  INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
`;

export const migration003DeferredSearchIndex: Migration = {
  version: 3,
  name: 'deferred-search-index',
  up: (db) => db.exec(sql),
};
