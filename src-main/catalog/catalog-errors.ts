/** The catalog's failures as values with a remedy (see src-main/api/errors.ts). */
import { AppError } from '../api/errors';

export function snapshotNotFound(detail: string): AppError {
  return new AppError({
    code: 'not-found',
    message: 'That snapshot is not in the catalog.',
    remedy: 'Pick a snapshot from the list, or run a crawl first.',
    detail,
  });
}

export function noCompleteSnapshot(connectionId: string | undefined): AppError {
  return new AppError({
    code: 'not-found',
    message: 'There is no complete crawl to show yet.',
    remedy: 'Run a crawl of this connection; the catalog shows the latest complete one.',
    ...(connectionId ? { detail: `connection ${connectionId}` } : {}),
  });
}

export function notACatalog(file: string, detail?: string): AppError {
  return new AppError({
    code: 'unsupported-file',
    message: 'This file is not a Qlik Metadata Explorer catalog or snapshot.',
    remedy: 'Open a .sqlite file written by Qlik Metadata Explorer or by `qme crawl`.',
    detail: detail ? `${file}: ${detail}` : file,
  });
}

export function noCatalogFile(file: string): AppError {
  return new AppError({
    code: 'not-found',
    message: `There is no catalog at ${file}.`,
    remedy: 'Crawl first (in the app, or `qme crawl`), or pass --db with the path of an existing catalog or snapshot file.',
    detail: `${file}: no such file`,
  });
}

export function newerCatalog(file: string, fileVersion: number, knownVersion: number): AppError {
  return new AppError({
    code: 'unsupported-file',
    message: 'This catalog was written by a newer version of Qlik Metadata Explorer.',
    remedy: 'Update Qlik Metadata Explorer, then open the file again.',
    detail: `${file}: format version ${fileVersion}, this version reads up to ${knownVersion}`,
  });
}

export function olderCatalogReadOnly(file: string, fileVersion: number, knownVersion: number): AppError {
  return new AppError({
    code: 'unsupported-file',
    message: 'This catalog uses an older format that can only be upgraded when opened for writing.',
    remedy: 'Open it once as the working catalog (or copy it and open the copy) so it can be upgraded.',
    detail: `${file}: format version ${fileVersion}, current ${knownVersion}`,
  });
}

export function corruptCatalog(file: string, detail: string): AppError {
  return new AppError({
    code: 'catalog-corrupt',
    message: 'The catalog file is damaged.',
    remedy: 'Restore it from a backup or delete it and crawl again; earlier exports are unaffected.',
    detail: `${file}: ${detail}`,
  });
}

export function snapshotClosed(runId: number, status: string): AppError {
  return new AppError({
    code: 'internal',
    message: 'This crawl can no longer be written to.',
    remedy: 'Start a new crawl.',
    detail: `crawl run ${runId} is ${status}`,
  });
}

export function nothingToCarryOver(appId: string): AppError {
  return new AppError({
    code: 'not-found',
    message: 'An unchanged app has no earlier version to carry over.',
    remedy: 'Run a full crawl of this connection.',
    detail: `app ${appId} is not in the previous complete snapshot`,
  });
}
