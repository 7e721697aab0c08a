/**
 * Migration 005: a client-managed app version keeps how many sheets the repository lists for the
 * app (every owner's). Fewer crawled sheets than that means the crawl account could not read
 * some (other users' private sheets). NULL for Qlik Cloud apps and older rows: not known.
 */
import type { Migration } from './migration';

export const migration005RepositorySheetCount: Migration = {
  version: 5,
  name: 'repository-sheet-count',
  up: (db) => db.exec('ALTER TABLE app_version ADD COLUMN repository_sheet_count INTEGER;'),
};
