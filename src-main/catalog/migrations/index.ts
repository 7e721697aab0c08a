/** Every catalog migration, in order. Append a new file here; never edit one that has landed. */
import { migration001Initial } from './001-initial';
import { migration002LineageFragments } from './002-lineage-fragments';
import { migration003DeferredSearchIndex } from './003-deferred-search-index';
import { migration004CustomProperties } from './004-custom-properties';
import { migration005RepositorySheets } from './005-repository-sheets';
import { migration006BrokenReferences } from './006-broken-references';
import type { Migration } from './migration';

export const migrations: readonly Migration[] = [
  migration001Initial,
  migration002LineageFragments,
  migration003DeferredSearchIndex,
  migration004CustomProperties,
  migration005RepositorySheets,
  migration006BrokenReferences,
];

export const latestSchemaVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * The oldest schema a read-only catalog (a shared snapshot file) may have. Migration 003 changes
 * only how crawls fill the search index, not what readers query, so schema-2 files stay readable.
 */
export const oldestReadOnlySchemaVersion = 2;
