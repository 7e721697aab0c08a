/**
 * Sharing snapshots: export one snapshot of the working catalog to a single file, and open such a
 * file read-only for offline review. The file format is documented in docs/snapshot-file.md; the
 * SQL lives in src-main/catalog/snapshot-file.ts. Here: file handling and what each refusal says.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../api/errors';
import {
  openCatalog,
  probeSnapshotFile,
  writeSnapshotFile,
  SNAPSHOT_FILE_VERSION,
  type Catalog,
  type SnapshotFileInfo,
  type SnapshotFileProbe,
} from '../catalog';
import { appVersion } from '../version';

/** The extension the app offers in save and open dialogs. */
export const SNAPSHOT_FILE_EXTENSION = '.qmesnap';

export interface ExportedSnapshot {
  readonly path: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly snapshotId: number;
}

/** A file name that says what is inside: `Demo tenant-snapshot-12-2025-06-01.qmesnap`. */
export function suggestedFileName(connectionName: string, snapshotId: number, startedAt: string): string {
  const safe = connectionName.replace(/[^\p{L}\p{N} _.-]+/gu, '_').trim() || 'snapshot';
  return `${safe}-snapshot-${snapshotId}-${startedAt.slice(0, 10)}${SNAPSHOT_FILE_EXTENSION}`;
}

/**
 * Writes one complete snapshot of `catalog` to `path`: written beside it and renamed, so a reader
 * (or a sync client) never sees half a file, and an existing file is replaced only when done.
 */
export function exportSnapshotFile(catalog: Catalog, snapshotId: number, path: string, now: Date = new Date()): ExportedSnapshot {
  const snapshot = catalog.snapshot(snapshotId);
  if (snapshot.status !== 'complete') {
    throw new AppError({
      code: 'invalid-arguments',
      message: `Snapshot ${snapshotId} is ${snapshot.status}, so it cannot be shared.`,
      remedy: 'Export a complete snapshot: pick one marked complete in the snapshot list.',
    });
  }
  if (catalog.file === ':memory:' || catalog.file === '') {
    throw new AppError({
      code: 'internal',
      message: 'An in-memory catalog cannot be exported to a file.',
      remedy: 'Export from a catalog file.',
    });
  }
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  try {
    writeSnapshotFile({
      sourceFile: catalog.file,
      snapshotId,
      connectionId: snapshot.connectionId,
      targetFile: partial,
      exportedAt: now.toISOString(),
      exportedBy: `Qlik Metadata Explorer ${appVersion}`,
    });
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError(
      {
        code: 'internal',
        message: 'The snapshot file could not be written.',
        remedy: 'Check that the folder exists, is writable and has free space, then export again.',
        detail: error instanceof Error ? error.message : String(error),
      },
      { cause: error },
    );
  }
  return { path, fileName: basename(path), sizeBytes: statSync(path).size, snapshotId };
}

export interface OpenedSnapshotFile {
  readonly catalog: Catalog;
  readonly info: SnapshotFileInfo;
}

/**
 * Opens a snapshot file for review: read-only at the SQLite level (the file's bytes and mtime
 * never change), after checking it is a snapshot this version can read and is not damaged.
 */
/** `displayName` names the file in messages (an upload's own name rather than its private temp copy). */
export function openSnapshotFile(path: string, displayName: string = basename(path)): OpenedSnapshotFile {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new AppError({
      code: 'not-found',
      message: `There is no file at ${path}.`,
      remedy: 'Check the path, or pick the file again.',
    });
  }
  const probe = probeSnapshotFile(path);
  if (probe.kind !== 'snapshot') throw refusal(displayName, probe);
  try {
    return { catalog: openCatalog(path, { readonly: true }), info: probe.info };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refusal(displayName, { kind: 'corrupt', detail: error instanceof Error ? error.message : String(error) });
  }
}

/** Why a file cannot be opened as a snapshot, and what to do instead. */
export function refusal(name: string, probe: Exclude<SnapshotFileProbe, { kind: 'snapshot' }>): AppError {
  switch (probe.kind) {
    case 'not-sqlite':
      return new AppError({
        code: 'unsupported-file',
        message: `${name} is not a snapshot file: it is not an SQLite database at all.`,
        remedy: `Open a ${SNAPSHOT_FILE_EXTENSION} file made with "Export snapshot" or \`qme export-snapshot\`.`,
      });
    case 'foreign-sqlite':
      return new AppError({
        code: 'unsupported-file',
        message: `${name} is an SQLite database from another program, not a Qlik Metadata Explorer snapshot.`,
        remedy: `Open a ${SNAPSHOT_FILE_EXTENSION} file made with "Export snapshot" or \`qme export-snapshot\`.`,
      });
    case 'catalog-not-snapshot':
      return new AppError({
        code: 'unsupported-file',
        message: `${name} is a whole Qlik Metadata Explorer catalog, not a shared snapshot.`,
        remedy: 'Export one snapshot from it with `qme export-snapshot --db FILE --snapshot ID --out FILE`, then open that file.',
      });
    case 'not-a-snapshot-format':
      return new AppError({
        code: 'unsupported-file',
        message: `${name} holds data of kind "${probe.format}", not a snapshot.`,
        remedy: `Open a ${SNAPSHOT_FILE_EXTENSION} file made with "Export snapshot" or \`qme export-snapshot\`.`,
      });
    case 'newer-format':
      return new AppError({
        code: 'unsupported-file',
        message: `${name} was written by a newer version of Qlik Metadata Explorer (snapshot format ${probe.formatVersion}; this version reads up to ${SNAPSHOT_FILE_VERSION}).`,
        remedy: 'Update Qlik Metadata Explorer, then open the file again.',
        detail: `format_version ${probe.formatVersion}, schema ${probe.schemaVersion}`,
      });
    case 'corrupt':
      return new AppError({
        code: 'catalog-corrupt',
        message: `${name} is damaged and cannot be read.`,
        remedy: 'Ask for the file again (a download or copy may have been cut short); the original is unaffected.',
        detail: probe.detail,
      });
  }
}

/**
 * For `qme diff` and `qme export`: a working catalog or a snapshot file, both read-only. Anything
 * else is refused with the same words the app uses.
 */
export function openCatalogOrSnapshotFile(path: string): Catalog {
  if (!existsSync(path)) {
    throw new AppError({ code: 'not-found', message: `There is no file at ${path}.`, remedy: 'Check the --db path.' });
  }
  const probe = probeSnapshotFile(path);
  if (probe.kind === 'snapshot') return openSnapshotFile(path).catalog;
  if (probe.kind === 'catalog-not-snapshot') return openCatalog(path, { readonly: true });
  throw refusal(basename(path), probe);
}
