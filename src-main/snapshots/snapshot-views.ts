/** Result and event types of the snapshots/* calls. Shared by main and renderer (types only). */
import type { Schedule } from './schedule-plan';

export interface ExportedSnapshotFile {
  readonly snapshotId: number;
  readonly fileName: string;
  readonly sizeBytes: number;
  /** Where the file was written on this machine, or null when it came back for a download. */
  readonly path: string | null;
  /** The file gzipped and base64-encoded (browser downloads only), else null. */
  readonly gzipBase64: string | null;
}

export interface OpenedSnapshotView {
  /** What catalog/* calls pass to browse the file: `file:1`, `file:2`… */
  readonly connectionId: string;
  readonly fileName: string;
  /** The file on disk when opened by path; null for an upload (kept in a private temp copy). */
  readonly path: string | null;
  readonly snapshotId: number;
  /** The connection the snapshot was crawled from, as the exporter named it. */
  readonly originalConnectionId: string;
  readonly connectionName: string;
  readonly tenantUrl: string;
  readonly startedAt: string;
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly formatVersion: number;
  readonly appCount: number;
}

export interface RetentionSettings {
  /** Keep at most this many complete snapshots per connection; null: no count limit. */
  readonly keepLast: number | null;
  /** Delete snapshots older than this many days; null: no age limit. */
  readonly keepDays: number | null;
}

export interface ScheduleRunResult {
  readonly at: string;
  readonly status: 'complete' | 'cancelled' | 'failed' | 'skipped';
  readonly snapshotId: number | null;
  /** "3 apps changed, 1 app added" or why the run did not happen. */
  readonly summary: string;
}

export interface ScheduleView extends Schedule {
  readonly connectionName: string;
  readonly lastResult: ScheduleRunResult | null;
}

export interface ScheduleList {
  readonly schedules: readonly ScheduleView[];
  /** "Demo tenant: 2 runs missed while the app was closed; the next runs at …" */
  readonly notices: readonly string[];
}

export interface ChangeNotification {
  readonly connectionId: string;
  readonly connectionName: string;
  readonly fromSnapshotId: number;
  readonly toSnapshotId: number;
  /** Desktop notification text (describeChanges). */
  readonly title: string;
  readonly body: string;
  readonly isEmpty: boolean;
  /** Where the diff JSON was written, when the schedule names a folder. */
  readonly diffFile: string | null;
  /** In-app link to the diff page. */
  readonly link: string;
}
