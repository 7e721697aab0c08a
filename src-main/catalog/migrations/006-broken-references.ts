/**
 * Migration 006: an app version keeps its broken references (broken-references.ts) as JSON,
 * computed once when the version is written, in the crawl worker, so the catalog home and
 * `qme check` read them instead of re-reading every chart on Electron's main thread. NULL for
 * versions written before: the catalog computes those from their rows when asked.
 */
import type { Migration } from './migration';

export const migration006BrokenReferences: Migration = {
  version: 6,
  name: 'broken-references',
  up: (db) => db.exec('ALTER TABLE app_version ADD COLUMN broken_references TEXT;'),
};
