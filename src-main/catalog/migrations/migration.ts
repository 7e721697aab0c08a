/** The shape of one numbered schema migration and the runner that applies them. */
import type Database from 'better-sqlite3';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; numbered 1, 2, 3… without gaps. */
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

/**
 * Applies every migration newer than the file's user_version in ONE transaction, so a crash
 * mid-upgrade leaves the file at its old version rather than half migrated.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  const from = readUserVersion(db);
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      // PRAGMA takes no bound parameters; the version is a number from our own list.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    }
  })();
  return { from, to: readUserVersion(db) };
}

export function readUserVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}
