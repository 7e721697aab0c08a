/**
 * Contract entries for snapshots as a feature: compare two snapshots, share one as a file, open a
 * shared file for offline review, schedule crawls, and keep the catalog's size in check.
 * contract.ts spreads them into the one list. Implementation: handlers/snapshots-handlers.ts.
 */
import { z } from 'zod';
import type { PruneResult } from '../catalog/retention';
import type { SnapshotDiff } from '../snapshots/snapshot-diff';
import type {
  ChangeNotification,
  ExportedSnapshotFile,
  OpenedSnapshotView,
  RetentionSettings,
  ScheduleList,
  ScheduleView,
} from '../snapshots/snapshot-views';

function returns<T>(): T {
  return undefined as unknown as T;
}

const id = z.string().min(1).max(512);
const snapshotId = z.number().int().positive();
/** Base64 of the gzip of a snapshot file: what a browser uploads or downloads (serve caps a message at 4 MB). */
const gzipBase64 = z
  .string()
  .min(1)
  .max(4 * 1024 * 1024);
const filePath = z.string().trim().min(1).max(4096);

export const recurrenceSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('interval'),
      every: z.number().int().min(1).max(525_600),
      unit: z.enum(['minutes', 'hours', 'days', 'weeks', 'months']),
    })
    .strict(),
  z.object({ type: z.literal('cron'), expression: z.string().trim().min(9).max(200) }).strict(),
]);

export const scheduleInputSchema = z
  .object({
    /** Absent: a new schedule. */
    id: z.string().min(1).max(100).optional(),
    connectionId: id,
    recurrence: recurrenceSchema,
    mode: z.enum(['full', 'delta']),
    isEnabled: z.boolean(),
    diffFolder: filePath.nullable().default(null),
  })
  .strict();

export const retentionSettingsSchema = z
  .object({
    /** Keep at most this many complete snapshots per connection; null: no count limit. */
    keepLast: z.number().int().min(1).max(100_000).nullable(),
    /** Delete snapshots older than this many days; null: no age limit. */
    keepDays: z.number().int().min(1).max(36_500).nullable(),
  })
  .strict();

export const snapshotsContract = {
  'snapshots/diff': {
    args: z
      .object({
        /** The connection of both snapshots (an opened file's id `file:N` works too). */
        connectionId: id.optional(),
        from: snapshotId,
        to: snapshotId,
        /** Per side, when the two snapshots live in different places (a shared file against the catalog). */
        fromConnectionId: id.optional(),
        toConnectionId: id.optional(),
      })
      .strict(),
    result: returns<SnapshotDiff>(),
    doc: 'What changed between two snapshots: entities added, removed and changed (field by field), scripts side by side, lineage edges.',
  },
  'snapshots/export-file': {
    args: z
      .object({
        snapshotId,
        connectionId: id.optional(),
        /** Where to write on this machine; absent: the file comes back gzipped for a browser download. */
        path: filePath.optional(),
      })
      .strict(),
    result: returns<ExportedSnapshotFile>(),
    doc: 'Exports one complete snapshot to a single snapshot file (docs/snapshot-file.md): no secrets, no other snapshots.',
  },
  'snapshots/open-file': {
    args: z.union([z.object({ path: filePath }).strict(), z.object({ fileName: z.string().trim().min(1).max(255), gzipBase64 }).strict()]),
    result: returns<OpenedSnapshotView>(),
    doc: 'Opens a snapshot file read-only for offline review; it then browses like a connection with id `file:N`.',
  },
  'snapshots/opened-files': {
    args: z.object({}).strict(),
    result: returns<OpenedSnapshotView[]>(),
    doc: 'Snapshot files opened in this session.',
  },
  'snapshots/close-file': {
    args: z.object({ connectionId: id }).strict(),
    result: returns<null>(),
    doc: 'Closes an opened snapshot file (the file itself is left untouched).',
  },
  'snapshots/schedules': {
    args: z.object({}).strict(),
    result: returns<ScheduleList>(),
    doc: 'Scheduled crawls with their next run, and notices about runs missed while the app was closed.',
  },
  'snapshots/schedule-save': {
    args: scheduleInputSchema,
    result: returns<ScheduleView>(),
    doc: 'Adds or changes a scheduled crawl (every N minutes…months, or a cron expression).',
  },
  'snapshots/schedule-delete': {
    args: z.object({ id: z.string().min(1).max(100) }).strict(),
    result: returns<null>(),
    doc: 'Deletes a scheduled crawl.',
  },
  'snapshots/retention-get': {
    args: z.object({}).strict(),
    result: returns<RetentionSettings>(),
    doc: 'How many snapshots, or how many days of them, the catalog keeps.',
  },
  'snapshots/retention-set': {
    args: retentionSettingsSchema,
    result: returns<RetentionSettings>(),
    doc: 'Changes the retention policy; it applies after every crawl and on `snapshots/prune`.',
  },
  'snapshots/prune': {
    args: z.object({}).strict(),
    result: returns<PruneResult>(),
    doc: 'Deletes snapshots outside the retention policy now; the latest complete snapshot of a connection is always kept.',
  },
} as const;

/** Events of this area (spread into `events` in contract.ts). */
export const snapshotsEvents = {
  /** A scheduled crawl finished: its changes against the previous complete snapshot, in words. */
  'snapshots/changes': returns<ChangeNotification>(),
} as const;

export type { ChangeNotification };
