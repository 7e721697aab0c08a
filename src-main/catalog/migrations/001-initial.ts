/**
 * Migration 001: the first catalog schema. Never edit after landing; add 002-… instead.
 *
 * Layout, in three lifetimes:
 * - per connection, kept across crawls: connection, app, manual lineage, external nodes, annotations;
 * - per snapshot (crawl_run): spaces, collections, data connections, automations, lineage, errors,
 *   and snapshot_app, the membership table that says which app version each snapshot shows;
 * - per app version (immutable, addressed by content hash, shared by every snapshot that shows it):
 *   sheets, objects, master items, variables, bookmarks, data model, script, engine lineage.
 * No table has a column for an API key, password or token: secrets live in the OS keychain only.
 */
import type { Migration } from './migration';

const sql = `
CREATE TABLE connection (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  url TEXT NOT NULL,
  tenant_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE crawl_run (
  id INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connection(id),
  kind TEXT NOT NULL CHECK (kind IN ('full', 'delta')),
  status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'cancelled', 'interrupted')),
  base_run_id INTEGER,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  tenant_url TEXT NOT NULL,
  tenant_id TEXT,
  user_id TEXT,
  user_name TEXT,
  writer_pid INTEGER,
  app_count INTEGER NOT NULL DEFAULT 0,
  crawled_app_count INTEGER NOT NULL DEFAULT 0,
  carried_over_app_count INTEGER NOT NULL DEFAULT 0,
  failed_app_count INTEGER NOT NULL DEFAULT 0,
  space_count INTEGER NOT NULL DEFAULT 0,
  collection_count INTEGER NOT NULL DEFAULT 0,
  data_connection_count INTEGER NOT NULL DEFAULT 0,
  automation_count INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE INDEX crawl_run_by_connection ON crawl_run(connection_id, status, id);

CREATE TABLE app (
  connection_id TEXT NOT NULL REFERENCES connection(id),
  id TEXT NOT NULL,
  first_seen_run_id INTEGER NOT NULL,
  PRIMARY KEY (connection_id, id)
);

CREATE TABLE app_version (
  id INTEGER PRIMARY KEY,
  app_id TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  created_by_run_id INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  space_id TEXT,
  owner_id TEXT,
  owner_name TEXT,
  created_date TEXT,
  modified_date TEXT,
  last_reload_time TEXT,
  item_updated_at TEXT,
  publish_time TEXT,
  is_published INTEGER NOT NULL,
  usage TEXT,
  has_section_access INTEGER NOT NULL,
  is_direct_query_mode INTEGER NOT NULL,
  tags TEXT NOT NULL,
  file_size_bytes INTEGER,
  memory_bytes INTEGER,
  thumbnail_url TEXT,
  script_error TEXT,
  sheet_count INTEGER NOT NULL,
  object_count INTEGER NOT NULL,
  master_item_count INTEGER NOT NULL,
  variable_count INTEGER NOT NULL,
  bookmark_count INTEGER NOT NULL,
  table_count INTEGER NOT NULL,
  field_count INTEGER NOT NULL
);
CREATE INDEX app_version_by_app ON app_version(app_id);

CREATE TABLE snapshot_app (
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  app_id TEXT NOT NULL,
  app_version_id INTEGER NOT NULL REFERENCES app_version(id),
  source TEXT NOT NULL CHECK (source IN ('crawled', 'carried-over', 'kept-after-failure')),
  PRIMARY KEY (run_id, app_id)
);
CREATE INDEX snapshot_app_by_version ON snapshot_app(app_version_id);

-- Membership written while a crawl runs; moved into snapshot_app by the commit transaction.
CREATE TABLE staged_app (
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  app_id TEXT NOT NULL,
  app_version_id INTEGER NOT NULL REFERENCES app_version(id),
  source TEXT NOT NULL,
  PRIMARY KEY (run_id, app_id)
);
CREATE INDEX staged_app_by_version ON staged_app(app_version_id);

CREATE TABLE space (
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id TEXT,
  created_at TEXT,
  updated_at TEXT,
  PRIMARY KEY (run_id, id)
);

CREATE TABLE collection (
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  type TEXT NOT NULL,
  created_at TEXT,
  updated_at TEXT,
  PRIMARY KEY (run_id, id)
);

CREATE TABLE collection_item (
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  collection_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  app_id TEXT NOT NULL,
  PRIMARY KEY (run_id, collection_id, position)
);

CREATE TABLE data_connection (
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  space_id TEXT,
  connect_statement TEXT NOT NULL,
  created_at TEXT,
  updated_at TEXT,
  PRIMARY KEY (run_id, id)
);

CREATE TABLE automation (
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  state TEXT NOT NULL,
  run_mode TEXT NOT NULL,
  schedule TEXT,
  owner_id TEXT,
  space_id TEXT,
  last_run_at TEXT,
  last_run_status TEXT,
  created_at TEXT,
  updated_at TEXT,
  definition TEXT,
  stripped_secret_paths TEXT NOT NULL,
  PRIMARY KEY (run_id, id)
);

CREATE TABLE automation_run (
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  automation_id TEXT NOT NULL,
  id TEXT NOT NULL,
  status TEXT NOT NULL,
  start_time TEXT,
  stop_time TEXT,
  trigger_kind TEXT,
  error TEXT,
  PRIMARY KEY (run_id, automation_id, id)
);

CREATE TABLE crawl_error (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  app_id TEXT NOT NULL,
  app_name TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  remedy TEXT NOT NULL,
  detail TEXT,
  kept_app_version_id INTEGER,
  recorded_at TEXT NOT NULL
);
CREATE INDEX crawl_error_by_run ON crawl_error(run_id, app_id);

CREATE TABLE sheet (
  app_version_id INTEGER NOT NULL REFERENCES app_version(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  rank REAL,
  columns INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  owner_id TEXT,
  is_published INTEGER NOT NULL,
  is_approved INTEGER NOT NULL,
  created_date TEXT,
  modified_date TEXT,
  PRIMARY KEY (app_version_id, position)
);
CREATE INDEX sheet_by_id ON sheet(app_version_id, id);

CREATE TABLE visual_object (
  app_version_id INTEGER NOT NULL REFERENCES app_version(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  sheet_id TEXT NOT NULL,
  parent_id TEXT,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  subtitle TEXT NOT NULL,
  master_visualization_id TEXT,
  cell TEXT,
  dimensions TEXT NOT NULL,
  measures TEXT NOT NULL,
  PRIMARY KEY (app_version_id, position)
);
CREATE INDEX visual_object_by_sheet ON visual_object(app_version_id, sheet_id);
CREATE INDEX visual_object_by_id ON visual_object(app_version_id, id);

CREATE TABLE master_item (
  app_version_id INTEGER NOT NULL REFERENCES app_version(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('measure', 'dimension', 'visualization')),
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  expression TEXT,
  label TEXT,
  field_defs TEXT,
  grouping TEXT,
  visualization_type TEXT,
  dimensions TEXT,
  measures TEXT,
  tags TEXT NOT NULL,
  PRIMARY KEY (app_version_id, kind, position)
);
CREATE INDEX master_item_by_id ON master_item(app_version_id, id);

CREATE TABLE variable (
  app_version_id INTEGER NOT NULL REFERENCES app_version(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  comment TEXT NOT NULL,
  is_script_created INTEGER NOT NULL,
  is_reserved INTEGER NOT NULL,
  is_config INTEGER NOT NULL,
  PRIMARY KEY (app_version_id, position)
);

CREATE TABLE bookmark (
  app_version_id INTEGER NOT NULL REFERENCES app_version(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  sheet_id TEXT,
  selection_fields TEXT NOT NULL,
  created_date TEXT,
  PRIMARY KEY (app_version_id, position)
);

CREATE TABLE data_table (
  app_version_id INTEGER NOT NULL REFERENCES app_version(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  field_count INTEGER NOT NULL,
  key_field_count INTEGER NOT NULL,
  comment TEXT NOT NULL,
  is_synthetic INTEGER NOT NULL,
  is_loose INTEGER NOT NULL,
  byte_size INTEGER,
  PRIMARY KEY (app_version_id, position)
);

CREATE TABLE field (
  app_version_id INTEGER NOT NULL REFERENCES app_version(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  cardinal INTEGER,
  total_count INTEGER,
  key_type TEXT NOT NULL,
  is_key INTEGER NOT NULL,
  tags TEXT NOT NULL,
  comment TEXT NOT NULL,
  is_numeric INTEGER NOT NULL,
  is_system INTEGER NOT NULL,
  is_hidden INTEGER NOT NULL,
  PRIMARY KEY (app_version_id, position)
);

CREATE TABLE table_field (
  app_version_id INTEGER NOT NULL REFERENCES app_version(id) ON DELETE CASCADE,
  table_name TEXT NOT NULL,
  field_name TEXT NOT NULL,
  PRIMARY KEY (app_version_id, table_name, field_name)
);

CREATE TABLE script (
  app_version_id INTEGER PRIMARY KEY REFERENCES app_version(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  sections TEXT NOT NULL
);

CREATE TABLE engine_lineage (
  app_version_id INTEGER NOT NULL REFERENCES app_version(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  discriminator TEXT NOT NULL,
  statement TEXT NOT NULL,
  PRIMARY KEY (app_version_id, position)
);

CREATE TABLE lineage_node (
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  app_id TEXT,
  PRIMARY KEY (run_id, id)
);

CREATE TABLE lineage_edge (
  run_id INTEGER NOT NULL REFERENCES crawl_run(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  from_id TEXT NOT NULL,
  to_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('script', 'engine', 'data-model', 'manual')),
  evidence_app_id TEXT,
  evidence_line_start INTEGER,
  evidence_line_end INTEGER,
  evidence_statement TEXT,
  PRIMARY KEY (run_id, position)
);
CREATE INDEX lineage_edge_to ON lineage_edge(run_id, to_id);
CREATE INDEX lineage_edge_from ON lineage_edge(run_id, from_id);

-- Manual lineage belongs to the connection, not to a snapshot: a recrawl must never lose it.
CREATE TABLE manual_lineage_edge (
  id INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connection(id),
  from_id TEXT NOT NULL,
  to_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE external_node (
  connection_id TEXT NOT NULL REFERENCES connection(id),
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, id)
);

CREATE TABLE annotation (
  id INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connection(id),
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  app_id TEXT,
  note TEXT NOT NULL,
  tags TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX annotation_by_entity ON annotation(connection_id, entity_type, entity_id);

-- One searchable document per entity. App content documents belong to an app version (shared
-- like the version); tenant-level documents (spaces, automations…) belong to one run.
CREATE TABLE search_doc (
  id INTEGER PRIMARY KEY,
  app_version_id INTEGER REFERENCES app_version(id) ON DELETE CASCADE,
  run_id INTEGER REFERENCES crawl_run(id) ON DELETE CASCADE,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  sheet_id TEXT,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  CHECK ((app_version_id IS NULL) <> (run_id IS NULL))
);
CREATE INDEX search_doc_by_version ON search_doc(app_version_id);
CREATE INDEX search_doc_by_run ON search_doc(run_id);

CREATE VIRTUAL TABLE search_fts USING fts5(
  title, body,
  content = 'search_doc', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
-- The standard external-content sync: cascaded deletes (a pruned run, a collected version) fire
-- these too, so the index can never point at a document that is gone.
CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
  INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
  INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
`;

export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => db.exec(sql),
};
