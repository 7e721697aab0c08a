/**
 * Snapshot files (docs/snapshot-file.md): ONE snapshot of a catalog copied into a new SQLite file
 * with the catalog's own schema, so a shared file is browsed by the same queries as the working
 * catalog. The SQL half of src-main/snapshots/snapshot-file.ts: copying rows and reading the
 * file's identity. What the checks mean to a user is decided there, not here.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, readSync } from 'node:fs';
import { CATALOG_APPLICATION_ID } from './catalog';
import { latestSchemaVersion, migrations } from './migrations';
import { applyMigrations, readUserVersion } from './migrations/migration';

/** The `format` value in every snapshot file's snapshot_file table. */
export const SNAPSHOT_FILE_FORMAT = 'qme-snapshot';
/** Bumped when a snapshot file stops being readable by older versions of the app. */
export const SNAPSHOT_FILE_VERSION = 1;

export interface SnapshotFileInfo {
  readonly format: string;
  readonly formatVersion: number;
  readonly snapshotId: number;
  readonly connectionId: string;
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly schemaVersion: number;
}

/**
 * Rows to copy for one run, per table. `run` is the run id, `versions` the app versions the run
 * shows, `connection` its connection. Every table of the schema must be listed here or in
 * `notCopied`, so a new migration cannot silently leave its table out of shared files.
 */
const copyPlan: Readonly<Record<string, string>> = {
  connection: 'id = @connection',
  crawl_run: 'id = @run',
  app: 'connection_id = @connection AND id IN (SELECT app_id FROM src.snapshot_app WHERE run_id = @run)',
  app_version: 'id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  snapshot_app: 'run_id = @run',
  space: 'run_id = @run',
  collection: 'run_id = @run',
  collection_item: 'run_id = @run',
  data_connection: 'run_id = @run',
  automation: 'run_id = @run',
  automation_run: 'run_id = @run',
  crawl_error: 'run_id = @run',
  sheet: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  visual_object: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  master_item: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  variable: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  bookmark: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  data_table: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  field: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  table_field: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  script: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  engine_lineage: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  lineage_node: 'run_id = @run',
  // Migration 002: per-version lineage fragments and the run's tenant-level lineage.
  app_version_lineage: 'app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
  run_lineage: 'run_id = @run',
  lineage_edge: 'run_id = @run',
  // Manual lineage and notes belong to the connection and are part of what a reviewer sees.
  manual_lineage_edge: 'connection_id = @connection',
  external_node: 'connection_id = @connection',
  annotation: 'connection_id = @connection',
  // The FTS index is filled by search_doc's insert trigger.
  search_doc: 'run_id = @run OR app_version_id IN (SELECT app_version_id FROM src.snapshot_app WHERE run_id = @run)',
};

/**
 * Tables deliberately left out: crawl staging, the list of versions whose search documents are
 * not indexed yet (migration 003; a published snapshot's versions are all indexed, and the copied
 * documents are indexed by the trigger), and FTS5's shadow tables (rebuilt by the trigger).
 */
const notCopied = new Set(['staged_app', 'search_pending', 'snapshot_file']);
const isFtsShadow = (name: string) => name === 'search_fts' || name.startsWith('search_fts_');

export interface WriteSnapshotFileOptions {
  readonly sourceFile: string;
  readonly snapshotId: number;
  readonly connectionId: string;
  readonly targetFile: string;
  readonly exportedAt: string;
  readonly exportedBy: string;
}

/**
 * Writes `targetFile` (which must not exist): the schema, the one snapshot's rows, the
 * snapshot_file identity table, then VACUUM and a rollback journal, so the result is one
 * self-contained file that opens read-only without creating -wal/-shm files beside it.
 */
export function writeSnapshotFile(options: WriteSnapshotFileOptions): void {
  const db = new Database(options.targetFile);
  try {
    db.pragma(`application_id = ${CATALOG_APPLICATION_ID}`);
    applyMigrations(db, migrations);
    const tables = assertCopyPlanCoversSchema(db);
    db.prepare('ATTACH DATABASE ? AS src').run(options.sourceFile);
    const params = { run: options.snapshotId, connection: options.connectionId };
    db.transaction(() => {
      for (const [table, where] of Object.entries(copyPlan).filter(([name]) => tables.has(name))) {
        db.prepare(`INSERT INTO main.${table} SELECT * FROM src.${table} WHERE ${where}`).run(params);
      }
      // No pointers into runs the file does not hold, and no process id of the crawling machine.
      db.prepare('UPDATE main.crawl_run SET base_run_id = NULL, writer_pid = NULL').run();
      db.exec('CREATE TABLE snapshot_file (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO snapshot_file (key, value) VALUES (?, ?)');
      insert.run('format', SNAPSHOT_FILE_FORMAT);
      insert.run('format_version', String(SNAPSHOT_FILE_VERSION));
      insert.run('snapshot_id', String(options.snapshotId));
      insert.run('connection_id', options.connectionId);
      insert.run('exported_at', options.exportedAt);
      insert.run('exported_by', options.exportedBy);
    })();
    db.exec('DETACH DATABASE src');
    db.pragma('journal_mode = DELETE');
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}

/** The schema's tables; throws when one is neither copied nor deliberately left out. */
function assertCopyPlanCoversSchema(db: Database.Database): Set<string> {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map((t) => t.name);
  const missing = tables.filter((name) => !(name in copyPlan) && !notCopied.has(name) && !isFtsShadow(name));
  if (missing.length) throw new Error(`snapshot-file copy plan does not cover tables: ${missing.join(', ')}`);
  return new Set(tables);
}

/** What a file turned out to be when inspected, before any catalog query touches it. */
export type SnapshotFileProbe =
  | { readonly kind: 'snapshot'; readonly info: SnapshotFileInfo }
  | { readonly kind: 'not-sqlite' }
  | { readonly kind: 'foreign-sqlite' }
  | { readonly kind: 'catalog-not-snapshot' }
  | { readonly kind: 'not-a-snapshot-format'; readonly format: string }
  | { readonly kind: 'newer-format'; readonly formatVersion: number; readonly schemaVersion: number }
  | { readonly kind: 'corrupt'; readonly detail: string };

const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/** Reads a file's identity read-only, checking its integrity; never writes to it. */
export function probeSnapshotFile(file: string): SnapshotFileProbe {
  if (!hasSqliteHeader(file)) return { kind: 'not-sqlite' };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { kind: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  }
  try {
    db.pragma('query_only = ON');
    const applicationId = Number(db.pragma('application_id', { simple: true }));
    if (applicationId !== CATALOG_APPLICATION_ID) return { kind: 'foreign-sqlite' };
    const schemaVersion = readUserVersion(db);
    const hasInfo = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'snapshot_file'").get() !== undefined;
    if (!hasInfo) return { kind: 'catalog-not-snapshot' };
    const entries = new Map(
      db
        .prepare<[], { key: string; value: string }>('SELECT key, value FROM snapshot_file')
        .all()
        .map((r) => [r.key, r.value]),
    );
    const format = entries.get('format') ?? '';
    if (format !== SNAPSHOT_FILE_FORMAT) return { kind: 'not-a-snapshot-format', format };
    const formatVersion = Number(entries.get('format_version'));
    if (!(formatVersion <= SNAPSHOT_FILE_VERSION) || schemaVersion > latestSchemaVersion) {
      return { kind: 'newer-format', formatVersion, schemaVersion };
    }
    const check = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ');
    if (check !== 'ok') return { kind: 'corrupt', detail: check };
    return {
      kind: 'snapshot',
      info: {
        format,
        formatVersion,
        snapshotId: Number(entries.get('snapshot_id')),
        connectionId: entries.get('connection_id') ?? '',
        exportedAt: entries.get('exported_at') ?? '',
        exportedBy: entries.get('exported_by') ?? '',
        schemaVersion,
      },
    };
  } catch (error) {
    // SQLITE_CORRUPT / SQLITE_NOTADB surface on the first read of a damaged page.
    return { kind: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    db.close();
  }
}
