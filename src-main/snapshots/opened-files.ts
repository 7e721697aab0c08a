/**
 * Snapshot files opened for review in this session. Each one browses like a connection whose id
 * is `file:N`: the catalog/* calls carrying that id are answered from the file (opened read-only),
 * every other call from the working catalog. Uploads from a browser are written to a private temp
 * copy first; a file opened by path is read in place and never written.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../api/errors';
import type { Catalog, ConnectionRow } from '../catalog';
import { openSnapshotFile } from './snapshot-file';
import type { OpenedSnapshotView } from './snapshot-views';

export const OPENED_FILE_PREFIX = 'file:';

export function isOpenedFileId(connectionId: string | undefined): connectionId is string {
  return connectionId !== undefined && connectionId.startsWith(OPENED_FILE_PREFIX);
}

interface OpenedFile {
  readonly view: OpenedSnapshotView;
  readonly catalog: Catalog;
  /** The private copy of an upload, deleted on close. */
  readonly tempCopy: string | null;
}

/** The largest upload accepted after decompression: a 12-app demo snapshot is well under 2 MB. */
const MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024;

export class OpenedSnapshotFiles {
  private readonly files = new Map<string, OpenedFile>();
  private nextNumber = 1;

  /** `tempDir` holds private copies of uploaded files. */
  constructor(private readonly tempDir: string) {}

  openPath(path: string): OpenedSnapshotView {
    return this.register(path, basename(path), null);
  }

  openUpload(fileName: string, gzipBase64: string): OpenedSnapshotView {
    let bytes: Buffer;
    try {
      bytes = gunzipSync(Buffer.from(gzipBase64, 'base64'), { maxOutputLength: MAX_UNCOMPRESSED_BYTES });
    } catch (error) {
      throw new AppError({
        code: 'unsupported-file',
        message: `${fileName} did not arrive intact.`,
        remedy: 'Pick the file again; if it keeps failing, open it with `qme` or in the desktop app by path.',
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    mkdirSync(this.tempDir, { recursive: true, mode: 0o700 });
    const copy = join(this.tempDir, `${randomBytes(8).toString('hex')}.qmesnap`);
    writeFileSync(copy, bytes, { mode: 0o600 });
    try {
      return this.register(copy, basename(fileName), copy);
    } catch (error) {
      rmSync(copy, { force: true });
      throw error;
    }
  }

  private register(path: string, fileName: string, tempCopy: string | null): OpenedSnapshotView {
    const { catalog, info } = openSnapshotFile(path, fileName);
    try {
      const snapshot = catalog.snapshot(info.snapshotId);
      const connection = catalog.connection(snapshot.connectionId);
      const connectionId = `${OPENED_FILE_PREFIX}${this.nextNumber++}`;
      const view: OpenedSnapshotView = {
        connectionId,
        fileName,
        path: tempCopy ? null : path,
        snapshotId: snapshot.id,
        originalConnectionId: snapshot.connectionId,
        connectionName: connection?.name ?? snapshot.connectionId,
        tenantUrl: snapshot.tenantUrl,
        startedAt: snapshot.startedAt,
        exportedAt: info.exportedAt,
        exportedBy: info.exportedBy,
        formatVersion: info.formatVersion,
        appCount: snapshot.counts.apps,
      };
      this.files.set(connectionId, { view, catalog, tempCopy });
      return view;
    } catch (error) {
      catalog.close();
      throw error;
    }
  }

  list(): OpenedSnapshotView[] {
    return [...this.files.values()].map((f) => f.view);
  }

  /** The opened file's catalog, or a not-found error saying how to get it back. */
  catalogOf(connectionId: string): Catalog {
    const file = this.files.get(connectionId);
    if (!file) {
      throw new AppError({
        code: 'not-found',
        message: 'That snapshot file is no longer open.',
        remedy: 'Open the file again from the Snapshots page (files are closed when the app restarts).',
        detail: connectionId,
      });
    }
    return file.catalog;
  }

  view(connectionId: string): OpenedSnapshotView | null {
    return this.files.get(connectionId)?.view ?? null;
  }

  /** How an opened file appears in the connection list of the catalog screens. */
  connectionRows(): ConnectionRow[] {
    return [...this.files.values()].map(({ view, catalog }) => {
      const original = catalog.connection(view.originalConnectionId);
      return {
        id: view.connectionId,
        name: `${view.connectionName} (file ${view.fileName})`,
        kind: original?.kind ?? 'cloud',
        url: view.tenantUrl,
        tenantId: original?.tenantId ?? null,
        latestCompleteSnapshotId: view.snapshotId,
      };
    });
  }

  close(connectionId: string): void {
    const file = this.files.get(connectionId);
    if (!file) return;
    this.files.delete(connectionId);
    file.catalog.close();
    if (file.tempCopy) rmSync(file.tempCopy, { force: true });
  }

  closeAll(): void {
    for (const id of [...this.files.keys()]) this.close(id);
  }
}
