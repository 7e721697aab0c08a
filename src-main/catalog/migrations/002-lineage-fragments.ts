/**
 * Migration 002: lineage by app version. Each immutable app version keeps its own lineage
 * fragment (the nodes and edges its script, engine lineage, data model and objects give), and a
 * snapshot keeps only its tenant-level part (data connections, automations); its graph is
 * composed from the fragments of the versions it shows. A delta crawl then computes lineage for
 * the reopened apps only. Snapshots written before this migration keep lineage_node/lineage_edge.
 */
import type { Migration } from './migration';

const sql = `
CREATE TABLE app_version_lineage (
  app_version_id INTEGER NOT NULL REFERENCES app_version(id) ON DELETE CASCADE,
  layout INTEGER NOT NULL,
  fragment TEXT NOT NULL,
  PRIMARY KEY (app_version_id, layout)
);

CREATE TABLE run_lineage (
  run_id INTEGER PRIMARY KEY REFERENCES crawl_run(id) ON DELETE CASCADE,
  layout INTEGER NOT NULL,
  tenant TEXT NOT NULL
);
`;

export const migration002LineageFragments: Migration = {
  version: 2,
  name: 'lineage-fragments',
  up: (db) => db.exec(sql),
};
