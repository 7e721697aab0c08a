/**
 * Migration 005: a client-managed app version keeps how many sheets the repository lists for the
 * app (every owner's), and names those the crawl account could not read (other users' private
 * sheets) as JSON [{title, ownerName}]. NULL for Qlik Cloud apps and older rows: not known.
 */
import type { Migration } from './migration';

export const migration005RepositorySheets: Migration = {
  version: 5,
  name: 'repository-sheets',
  up: (db) =>
    db.exec(`
      ALTER TABLE app_version ADD COLUMN repository_sheet_count INTEGER;
      ALTER TABLE app_version ADD COLUMN unreadable_sheets TEXT;`),
};
