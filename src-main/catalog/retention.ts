/**
 * Retention: old crawl runs are pruned and app versions no snapshot shows any more are collected.
 * The latest complete snapshot of a connection is never deleted, however old, and a crawl still
 * running is never touched.
 */
import type Database from 'better-sqlite3';

export interface RetentionPolicy {
  /** Delete runs that started more than this many days ago. Default 30. */
  readonly keepDays?: number;
  /** Also delete complete snapshots beyond the newest N of each connection. Default: no limit. */
  readonly keepLast?: number;
}

export interface PruneResult {
  readonly deletedSnapshotIds: readonly number[];
  readonly deletedAppVersionCount: number;
}

export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export class Retention {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.s = {
      runs: db.prepare<[], { id: number; connection_id: string; status: string; started_at: string }>(
        'SELECT id, connection_id, status, started_at FROM crawl_run ORDER BY connection_id, id DESC',
      ),
      deleteRun: db.prepare('DELETE FROM crawl_run WHERE id = ?'),
      // Versions staged by a crawl in flight are not yet in snapshot_app but must survive.
      collectVersions: db.prepare(`
        DELETE FROM app_version
        WHERE id NOT IN (SELECT app_version_id FROM snapshot_app)
          AND id NOT IN (SELECT app_version_id FROM staged_app)
          AND created_by_run_id NOT IN (SELECT id FROM crawl_run WHERE status = 'running')`),
    };
  }

  /** The runs the policy would delete, without deleting anything. */
  plan(policy: RetentionPolicy = {}): number[] {
    const keepDays = policy.keepDays ?? DEFAULT_RETENTION_DAYS;
    const cutoff = this.now().getTime() - keepDays * DAY_MS;
    const doomed: number[] = [];
    const completeSeen = new Map<string, number>();
    for (const run of this.s.runs.all()) {
      if (run.status === 'running') continue;
      const isComplete = run.status === 'complete';
      const completeRank = isComplete ? (completeSeen.get(run.connection_id) ?? 0) : -1;
      if (isComplete) completeSeen.set(run.connection_id, completeRank + 1);
      if (completeRank === 0) continue; // the latest complete snapshot of this connection
      const isTooOld = Date.parse(run.started_at) < cutoff;
      const isBeyondLast = isComplete && policy.keepLast !== undefined && completeRank >= policy.keepLast;
      if (isTooOld || isBeyondLast) doomed.push(run.id);
    }
    return doomed;
  }

  prune(policy: RetentionPolicy = {}): PruneResult {
    return this.db.transaction(() => {
      const doomed = this.plan(policy);
      for (const id of doomed) this.s.deleteRun.run(id);
      return { deletedSnapshotIds: doomed, deletedAppVersionCount: this.collectUnusedVersions() };
    })();
  }

  /** Deletes app versions no snapshot (or crawl in flight) refers to; returns how many. */
  collectUnusedVersions(): number {
    return this.s.collectVersions.run().changes;
  }
}
