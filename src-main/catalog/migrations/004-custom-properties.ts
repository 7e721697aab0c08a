/**
 * Migration 004: an app version keeps its custom properties (client-managed Qlik Sense: QRS
 * `customProperties`, e.g. Department = Finance) as a JSON array of {name, value}. Older rows and
 * Qlik Cloud apps, which have none, hold '[]'.
 */
import type { Migration } from './migration';

export const migration004CustomProperties: Migration = {
  version: 4,
  name: 'custom-properties',
  up: (db) => db.exec(`ALTER TABLE app_version ADD COLUMN custom_properties TEXT NOT NULL DEFAULT '[]';`),
};
