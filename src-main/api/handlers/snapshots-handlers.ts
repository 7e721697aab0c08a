/**
 * The snapshots/* calls, plus the one thing they add to browsing: catalog/* calls whose
 * connectionId is an opened snapshot file (`file:N`) are answered from that file, read-only.
 * Also starts the crawl scheduler and applies retention after every crawl.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Catalog, SnapshotContent } from '../../catalog';
import type { ConnectionService } from '../../connections/connection-service';
import type { CrawlJobs } from '../../crawl-jobs/crawl-jobs';
import { describeChanges, changePhrases } from '../../snapshots/change-summary';
import { CrawlScheduler, schedulesFile, unrefTimer, type ScheduledCrawlOutcome } from '../../snapshots/crawl-scheduler';
import { isOpenedFileId, OpenedSnapshotFiles } from '../../snapshots/opened-files';
import { readRetention, retentionPolicy, writeRetention } from '../../snapshots/retention-settings';
import type { Schedule } from '../../snapshots/schedule-plan';
import { diffSnapshots, type SnapshotDiff } from '../../snapshots/snapshot-diff';
import { exportSnapshotFile, suggestedFileName } from '../../snapshots/snapshot-file';
import type { ChangeNotification, ScheduleView } from '../../snapshots/snapshot-views';
import type { Service } from '../dispatch';
import { AppError } from '../errors';
import type { EventBus } from '../event-bus';
import type { CrawlJobView } from '../types/crawl';
import { catalogHandlers } from './catalog-handlers';

type SnapshotsCalls = Pick<Service, Extract<keyof Service, `snapshots/${string}`>>;
type CatalogCalls = Pick<Service, Extract<keyof Service, `catalog/${string}`>>;

export interface SnapshotsContext {
  readonly userDataDir: string;
  readonly events: EventBus;
  readonly readCatalog: () => Catalog;
  readonly crawls: CrawlJobs;
  readonly connections: ConnectionService;
  /** The clock and timer of the scheduler; real ones unless a test passes its own. */
  readonly now?: () => Date;
  readonly setTimer?: (run: () => void, ms: number) => () => void;
}

/** A browser download travels over the serve WebSocket, whose messages stop at 4 MB. */
const MAX_DOWNLOAD_BASE64 = 4 * 1024 * 1024 - 64 * 1024;

export function snapshotsHandlers(context: SnapshotsContext): SnapshotsCalls & CatalogCalls {
  const { userDataDir, events, readCatalog, crawls, connections } = context;
  const now = context.now ?? (() => new Date());
  const opened = new OpenedSnapshotFiles(join(tmpdir(), `qme-opened-${process.pid}`));
  const scheduledJobIds = new Set<string>();

  const connectionName = (connectionId: string): string => {
    try {
      return connections.get(connectionId).name;
    } catch {
      return readCatalog().connection(connectionId)?.name ?? connectionId;
    }
  };
  const catalogFor = (connectionId: string | undefined): Catalog =>
    isOpenedFileId(connectionId) ? opened.catalogOf(connectionId) : readCatalog();
  const contentOf = (connectionId: string | undefined, snapshotId: number): SnapshotContent =>
    catalogFor(connectionId).snapshotContent(snapshotId);

  const prune = () => readCatalog().pruneSnapshots(retentionPolicy(readRetention(userDataDir)));

  // Retention after every crawl; scheduled crawls prune after their diff has been taken.
  events.onAny((event, payload) => {
    if (event !== 'crawl/finished') return;
    const job = payload as CrawlJobView;
    if (job.status !== 'complete' || scheduledJobIds.has(job.jobId)) return;
    try {
      prune();
    } catch (error) {
      console.warn('retention after crawl failed:', error);
    }
  });

  const startCrawlAndWait = (connectionId: string, mode: 'full' | 'delta'): Promise<ScheduledCrawlOutcome> =>
    new Promise((resolve, reject) => {
      let jobId: string | null = null;
      const off = events.onAny((event, payload) => {
        const job = payload as CrawlJobView;
        if (event !== 'crawl/finished' || job.jobId !== jobId) return;
        off();
        resolve({
          status: job.status === 'running' ? 'failed' : job.status,
          snapshotId: job.summary?.snapshotId ?? null,
          error: job.error?.message ?? null,
        });
      });
      try {
        jobId = crawls.start({ connectionId, mode }).jobId;
        scheduledJobIds.add(jobId);
      } catch (error) {
        off();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });

  const notifyChanges = (schedule: Schedule, snapshotId: number): string => {
    try {
      const catalog = readCatalog();
      const previous = catalog.snapshotsOfConnection(schedule.connectionId).find((s) => s.status === 'complete' && s.id < snapshotId);
      if (!previous) return 'First snapshot of this connection.';
      const diff = diffSnapshots(catalog.snapshotContent(previous.id), catalog.snapshotContent(snapshotId));
      const diffFile = schedule.diffFolder ? writeDiffJson(schedule.diffFolder, diff) : null;
      const words = describeChanges(diff);
      const notification: ChangeNotification = {
        connectionId: schedule.connectionId,
        connectionName: diff.to.connectionName,
        fromSnapshotId: previous.id,
        toSnapshotId: snapshotId,
        ...words,
        isEmpty: diff.isEmpty,
        diffFile,
        link: `/snapshots/diff?connection=${encodeURIComponent(schedule.connectionId)}&from=${previous.id}&to=${snapshotId}`,
      };
      events.emit('snapshots/changes', notification);
      return diff.isEmpty ? 'No changes.' : changePhrases(diff, 4).join(', ');
    } finally {
      prune();
    }
  };

  const scheduler = new CrawlScheduler({
    file: schedulesFile(userDataDir),
    now,
    setTimer: context.setTimer ?? unrefTimer,
    startCrawl: startCrawlAndWait,
    onCompleted: notifyChanges,
    connectionName,
  });
  scheduler.start();

  const scheduleView = (schedule: Schedule): ScheduleView => ({
    ...schedule,
    connectionName: connectionName(schedule.connectionId),
    lastResult: scheduler.lastResult(schedule.id),
  });

  return {
    ...routeCatalogCalls(catalogHandlers(readCatalog), opened),
    'snapshots/diff': ({ connectionId, from, to, fromConnectionId, toConnectionId }) =>
      diffSnapshots(contentOf(fromConnectionId ?? connectionId, from), contentOf(toConnectionId ?? connectionId, to)),
    'snapshots/export-file': ({ snapshotId, connectionId, path }) => {
      if (isOpenedFileId(connectionId)) {
        throw new AppError({
          code: 'invalid-arguments',
          message: 'This snapshot is already a shared file.',
          remedy: 'Pass the file itself on; exporting copies snapshots out of the working catalog only.',
        });
      }
      const catalog = readCatalog();
      const snapshot = catalog.snapshot(snapshotId);
      const fileName = suggestedFileName(connectionName(snapshot.connectionId), snapshot.id, snapshot.startedAt);
      if (path !== undefined) {
        if (!isAbsolute(path))
          throw new AppError({
            code: 'invalid-arguments',
            message: `"${path}" is not an absolute path.`,
            remedy: 'Give the full path of the file to write.',
          });
        const written = exportSnapshotFile(catalog, snapshotId, path, now());
        return { snapshotId, fileName: written.fileName, sizeBytes: written.sizeBytes, path: written.path, gzipBase64: null };
      }
      const temp = join(tmpdir(), `qme-export-${process.pid}-${snapshotId}-${Date.now()}.qmesnap`);
      try {
        const written = exportSnapshotFile(catalog, snapshotId, temp, now());
        const gzipBase64 = gzipSync(readFileSync(temp)).toString('base64');
        if (gzipBase64.length > MAX_DOWNLOAD_BASE64) {
          throw new AppError({
            code: 'invalid-arguments',
            message: 'This snapshot is too large to download through the browser.',
            remedy: 'Use the desktop app, or `qme export-snapshot --db FILE --snapshot ID --out FILE`.',
            detail: `${written.sizeBytes} bytes`,
          });
        }
        return { snapshotId, fileName, sizeBytes: written.sizeBytes, path: null, gzipBase64 };
      } finally {
        rmSync(temp, { force: true });
      }
    },
    'snapshots/open-file': (args) => {
      if ('path' in args) {
        if (!isAbsolute(args.path))
          throw new AppError({
            code: 'invalid-arguments',
            message: `"${args.path}" is not an absolute path.`,
            remedy: 'Give the full path of the snapshot file.',
          });
        return opened.openPath(args.path);
      }
      return opened.openUpload(args.fileName, args.gzipBase64);
    },
    'snapshots/opened-files': () => opened.list(),
    'snapshots/close-file': ({ connectionId }) => {
      opened.close(connectionId);
      return null;
    },
    'snapshots/schedules': () => ({ schedules: scheduler.list().map(scheduleView), notices: scheduler.notices() }),
    'snapshots/schedule-save': (input) => {
      connections.get(input.connectionId); // refuses an unknown connection with its own message
      return scheduleView(scheduler.save(input));
    },
    'snapshots/schedule-delete': ({ id }) => {
      scheduler.delete(id);
      return null;
    },
    'snapshots/retention-get': () => readRetention(userDataDir),
    'snapshots/retention-set': (settings) => writeRetention(userDataDir, settings),
    'snapshots/prune': () => prune(),
  };
}

/** Writes `qme-diff-<connection>-<from>-<to>.json` into the folder; returns its path. */
function writeDiffJson(folder: string, diff: SnapshotDiff): string {
  mkdirSync(folder, { recursive: true });
  const safe = diff.to.connectionId.replace(/[^\w.-]+/g, '_');
  const file = join(folder, `qme-diff-${safe}-${diff.from.snapshotId}-${diff.to.snapshotId}.json`);
  writeFileSync(file, JSON.stringify(diff, null, 2) + '\n');
  return file;
}

/**
 * The catalog/* calls with opened files routed: `file:N` is replaced by the file's own
 * connection id for the query, and put back into the rows that carry it. catalog/connections
 * lists opened files after the working catalog's connections.
 */
function routeCatalogCalls(working: CatalogCalls, opened: OpenedSnapshotFiles): CatalogCalls {
  const routed = {} as Record<string, (args: { connectionId?: string }) => unknown>;
  for (const [name, handler] of Object.entries(working) as [keyof CatalogCalls, (args: { connectionId?: string }) => unknown][]) {
    routed[name] = (args) => {
      if (name === 'catalog/connections') return [...(handler(args) as unknown[]), ...opened.connectionRows()];
      const fileId = args.connectionId;
      if (!isOpenedFileId(fileId)) return handler(args);
      const view = opened.view(fileId);
      const fileCalls = catalogHandlers(() => opened.catalogOf(fileId)) as unknown as Record<string, (a: unknown) => unknown>;
      const result = fileCalls[name]!({ ...args, connectionId: view?.originalConnectionId ?? fileId });
      if (name === 'catalog/snapshots' || name === 'catalog/crawl-history') {
        return (result as { connectionId: string }[]).map((row) => ({ ...row, connectionId: fileId }));
      }
      return result;
    };
  }
  return routed as unknown as CatalogCalls;
}
