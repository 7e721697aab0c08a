/**
 * Writing a snapshot. Every crawl is one crawl_run; what it reads is written as it goes (immutable
 * app versions, the run's own spaces, connections, automations, lineage and errors), but which
 * apps the snapshot shows is staged and moved into snapshot_app together with the flip to
 * 'complete' in ONE final transaction. Until then readers see the previous complete snapshot, and
 * a crash at any point (kill -9 included) leaves it untouched.
 */
import type Database from 'better-sqlite3';
import type {
  AppContent,
  AppFailure,
  AppRecord,
  AutomationRecord,
  CollectionRecord,
  DataConnectionRecord,
  SpaceRecord,
  TenantRecord,
} from '../crawl/records';
import type { AppVersionStore, StoredVersion } from './app-version-store';
import { nothingToCarryOver, snapshotClosed } from './catalog-errors';
import type { AppSource, PreviousAppState, SnapshotKind, SnapshotRow, SnapshotStatus } from './catalog-types';
import type { AppLineageFragment, TenantLineage } from '../lineage';
import type { LineageGraph } from './lineage-graph';
import { encodeFragment, encodeTenant } from './lineage-fragments';
import { maskSecrets } from './secret-mask';
import { json } from './sql-values';

export interface BeginSnapshotOptions {
  /** Stable id of the connection profile this crawl reads (never a key or secret). */
  readonly connectionId: string;
  readonly connectionName: string;
  readonly tenant: TenantRecord;
  readonly kind: SnapshotKind;
}

export interface FailureOutcome {
  /** True when the snapshot keeps showing the app's version from the previous complete snapshot. */
  readonly keptPreviousVersion: boolean;
  readonly appVersionId: number | null;
}

/** Runs this process is writing right now, per catalog file: they are alive, not crashed. */
const liveRuns = new Set<string>();
const liveKey = (db: Database.Database, runId: number) => `${db.name}#${runId}`;

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A tenant URL with any user:password, query (tickets) or fragment removed. */
export function urlWithoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//').replace(/[?#].*$/, '');
  }
}

/**
 * New app versions whose search documents are indexed together (migration 003): one bulk insert
 * into the FTS index per this many versions during a crawl, the rest when the snapshot is published.
 */
export const SEARCH_INDEX_BATCH = 32;

export const INTERRUPTED_MESSAGE = 'The crawl stopped before it finished (the app, worker or computer closed).';

export class SnapshotStore {
  private readonly upsertConnection;
  private readonly latestComplete;
  private readonly insertRun;
  private readonly runningRuns;
  private readonly markInterrupted;
  private readonly deleteStaged;
  private readonly previousStates;
  private readonly openRunIds = new Set<number>();
  readonly s;

  constructor(
    readonly db: Database.Database,
    readonly versions: AppVersionStore,
    readonly now: () => Date,
    private readonly readSnapshot: (runId: number) => SnapshotRow,
  ) {
    this.upsertConnection = db.prepare(`
      INSERT INTO connection (id, name, kind, url, tenant_id, created_at, updated_at)
      VALUES (@id, @name, @kind, @url, @tenantId, @now, @now)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, url = excluded.url,
        tenant_id = excluded.tenant_id, updated_at = excluded.updated_at`);
    this.latestComplete = db.prepare<[string], { id: number }>(
      "SELECT id FROM crawl_run WHERE connection_id = ? AND status = 'complete' ORDER BY id DESC LIMIT 1",
    );
    this.insertRun = db.prepare(`
      INSERT INTO crawl_run (connection_id, kind, status, base_run_id, started_at, tenant_url, tenant_id, user_id, user_name, writer_pid)
      VALUES (@connectionId, @kind, 'running', @baseRunId, @startedAt, @tenantUrl, @tenantId, @userId, @userName, @pid)`);
    this.runningRuns = db.prepare<[], { id: number; writer_pid: number | null }>(
      "SELECT id, writer_pid FROM crawl_run WHERE status = 'running'",
    );
    this.markInterrupted = db.prepare(
      "UPDATE crawl_run SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ? AND status = 'running'",
    );
    this.deleteStaged = db.prepare('DELETE FROM staged_app WHERE run_id = ?');
    this.previousStates = db.prepare<
      [number],
      { app_id: string; modified_date: string | null; last_reload_time: string | null; item_updated_at: string | null; id: number }
    >(`
      SELECT sa.app_id, av.modified_date, av.last_reload_time, av.item_updated_at, av.id
      FROM snapshot_app sa JOIN app_version av ON av.id = sa.app_version_id
      WHERE sa.run_id = ?`);

    this.s = {
      insertApp: db.prepare('INSERT OR IGNORE INTO app (connection_id, id, first_seen_run_id) VALUES (?, ?, ?)'),
      stage: db.prepare('INSERT OR REPLACE INTO staged_app (run_id, app_id, app_version_id, source) VALUES (?, ?, ?, ?)'),
      isStaged: db.prepare<[number, string], { source: AppSource }>('SELECT source FROM staged_app WHERE run_id = ? AND app_id = ?'),
      baseMember: db.prepare<[number, string], { app_version_id: number }>(
        'SELECT app_version_id FROM snapshot_app WHERE run_id = ? AND app_id = ?',
      ),
      insertSpace: db.prepare(`
        INSERT OR IGNORE INTO space (run_id, id, name, type, description, owner_id, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertCollection: db.prepare(`
        INSERT OR IGNORE INTO collection (run_id, id, name, description, type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertCollectionItem: db.prepare(
        'INSERT OR IGNORE INTO collection_item (run_id, collection_id, position, app_id) VALUES (?, ?, ?, ?)',
      ),
      insertDataConnection: db.prepare(`
        INSERT OR IGNORE INTO data_connection (run_id, id, name, type, space_id, connect_statement, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertAutomation: db.prepare(`
        INSERT OR IGNORE INTO automation (run_id, id, name, description, state, run_mode, schedule, owner_id, space_id,
          last_run_at, last_run_status, created_at, updated_at, definition, stripped_secret_paths)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertAutomationRun: db.prepare(`
        INSERT OR IGNORE INTO automation_run (run_id, automation_id, id, status, start_time, stop_time, trigger_kind, error)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertRunDoc: db.prepare(`
        INSERT INTO search_doc (run_id, entity_type, entity_id, sheet_id, title, body) VALUES (?, ?, ?, NULL, ?, ?)`),
      insertError: db.prepare(`
        INSERT INTO crawl_error (run_id, app_id, app_name, code, message, remedy, detail, kept_app_version_id, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      deleteLineageNodes: db.prepare('DELETE FROM lineage_node WHERE run_id = ?'),
      deleteLineageEdges: db.prepare('DELETE FROM lineage_edge WHERE run_id = ?'),
      insertLineageNode: db.prepare('INSERT OR IGNORE INTO lineage_node (run_id, id, kind, label, app_id) VALUES (?, ?, ?, ?, ?)'),
      insertLineageEdge: db.prepare(`
        INSERT INTO lineage_edge (run_id, position, from_id, to_id, kind, origin, evidence_app_id, evidence_line_start,
          evidence_line_end, evidence_statement)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      stagedVersion: db.prepare<[number, string], { app_version_id: number }>(
        'SELECT app_version_id FROM staged_app WHERE run_id = ? AND app_id = ?',
      ),
      hasFragment: db.prepare<[number, number], { found: number }>(
        'SELECT 1 AS found FROM app_version_lineage WHERE app_version_id = ? AND layout = ?',
      ),
      insertFragment: db.prepare('INSERT OR IGNORE INTO app_version_lineage (app_version_id, layout, fragment) VALUES (?, ?, ?)'),
      lineageMembers: db.prepare<[number, number], { app_id: string; app_version_id: number; has_fragment: number }>(`
        SELECT s.app_id, s.app_version_id, (l.app_version_id IS NOT NULL) AS has_fragment
        FROM staged_app s LEFT JOIN app_version_lineage l ON l.app_version_id = s.app_version_id AND l.layout = ?
        WHERE s.run_id = ? ORDER BY s.app_id`),
      putRunLineage: db.prepare('INSERT OR REPLACE INTO run_lineage (run_id, layout, tenant) VALUES (?, ?, ?)'),
      runStatus: db.prepare<[number], { status: SnapshotStatus }>('SELECT status FROM crawl_run WHERE id = ?'),
      publishMembers: db.prepare(
        'INSERT INTO snapshot_app (run_id, app_id, app_version_id, source) SELECT run_id, app_id, app_version_id, source FROM staged_app WHERE run_id = ?',
      ),
      deleteStaged: this.deleteStaged,
      memberCounts: db.prepare<[number], { source: AppSource; n: number }>(
        'SELECT source, COUNT(*) AS n FROM snapshot_app WHERE run_id = ? GROUP BY source',
      ),
      complete: db.prepare(`
        UPDATE crawl_run SET status = 'complete', finished_at = @finishedAt, app_count = @apps, crawled_app_count = @crawled,
          carried_over_app_count = @carried,
          failed_app_count = (SELECT COUNT(DISTINCT app_id) FROM crawl_error WHERE run_id = @runId),
          space_count = (SELECT COUNT(*) FROM space WHERE run_id = @runId),
          collection_count = (SELECT COUNT(*) FROM collection WHERE run_id = @runId),
          data_connection_count = (SELECT COUNT(*) FROM data_connection WHERE run_id = @runId),
          automation_count = (SELECT COUNT(*) FROM automation WHERE run_id = @runId)
        WHERE id = @runId AND status = 'running'`),
      finishUnsuccessfully: db.prepare(`
        UPDATE crawl_run SET status = @status, finished_at = @finishedAt, error = @error,
          failed_app_count = (SELECT COUNT(DISTINCT app_id) FROM crawl_error WHERE run_id = @runId)
        WHERE id = @runId AND status = 'running'`),
    };
  }

  latestCompleteRunId(connectionId: string): number | null {
    return this.latestComplete.get(connectionId)?.id ?? null;
  }

  /**
   * Marks runs left 'running' by a crashed writer as 'interrupted'. A run is crashed when the
   * process that wrote it is gone, or is this process but no live writer holds it.
   */
  recoverInterruptedRuns(): number[] {
    const recovered: number[] = [];
    const finishedAt = this.now().toISOString();
    this.db.transaction(() => {
      for (const run of this.runningRuns.all()) {
        const isOurs = run.writer_pid === process.pid;
        const isLive = isOurs ? liveRuns.has(liveKey(this.db, run.id)) : run.writer_pid !== null && isProcessAlive(run.writer_pid);
        if (isLive) continue;
        this.markInterrupted.run(finishedAt, INTERRUPTED_MESSAGE, run.id);
        this.deleteStaged.run(run.id);
        recovered.push(run.id);
      }
      // Versions a crashed writer stored but did not index yet: searchable from now on.
      if (recovered.length > 0) this.versions.indexPendingDocuments();
    })();
    return recovered;
  }

  begin(options: BeginSnapshotOptions): SnapshotWriter {
    const startedAt = this.now().toISOString();
    const tenantUrl = urlWithoutCredentials(options.tenant.url);
    const { runId, baseRunId } = this.db.transaction(() => {
      this.upsertConnection.run({
        id: options.connectionId,
        name: options.connectionName,
        kind: options.tenant.kind,
        url: tenantUrl,
        tenantId: options.tenant.tenantId,
        now: startedAt,
      });
      const baseRunId = this.latestCompleteRunId(options.connectionId);
      const info = this.insertRun.run({
        connectionId: options.connectionId,
        kind: options.kind,
        baseRunId,
        startedAt,
        tenantUrl,
        tenantId: options.tenant.tenantId,
        userId: options.tenant.userId,
        userName: options.tenant.userName,
        pid: process.pid,
      });
      return { runId: Number(info.lastInsertRowid), baseRunId };
    })();
    liveRuns.add(liveKey(this.db, runId));
    this.openRunIds.add(runId);
    return new SnapshotWriter(this, runId, options.connectionId, baseRunId, this.readSnapshot);
  }

  /** For delta planning: what the last complete snapshot knew about each app. */
  previousAppStates(connectionId: string): Map<string, PreviousAppState> {
    const runId = this.latestCompleteRunId(connectionId);
    const states = new Map<string, PreviousAppState>();
    if (runId === null) return states;
    for (const r of this.previousStates.all(runId)) {
      states.set(r.app_id, {
        modifiedDate: r.modified_date,
        lastReloadTime: r.last_reload_time,
        itemUpdatedAt: r.item_updated_at,
        versionId: r.id,
      });
    }
    return states;
  }

  releaseLiveRun(runId: number): void {
    liveRuns.delete(liveKey(this.db, runId));
    this.openRunIds.delete(runId);
  }

  /** On close: writers of this connection can no longer commit, so their runs are no longer live. */
  releaseAllLiveRuns(): void {
    for (const runId of [...this.openRunIds]) this.releaseLiveRun(runId);
  }
}

/** The handle a crawl writes one snapshot through. Methods are synchronous (better-sqlite3). */
export class SnapshotWriter {
  private state: 'open' | 'committed' | 'aborted' = 'open';
  /** New versions stored since their search documents were last indexed. */
  private unindexedVersions = 0;

  constructor(
    private readonly store: SnapshotStore,
    readonly snapshotId: number,
    readonly connectionId: string,
    /** The complete snapshot this crawl builds on (carry-over source), or null for the first crawl. */
    readonly baseSnapshotId: number | null,
    private readonly readSnapshot: (runId: number) => SnapshotRow,
  ) {}

  private get s() {
    return this.store.s;
  }

  private tx<T>(work: () => T): T {
    if (this.state !== 'open') throw snapshotClosed(this.snapshotId, this.state);
    return this.store.db.transaction(work)();
  }

  private runDoc(type: string, id: string, title: string, body: string): void {
    this.s.insertRunDoc.run(this.snapshotId, type, id, title, body);
  }

  putSpaces(spaces: readonly SpaceRecord[]): void {
    this.tx(() => {
      for (const x of spaces) {
        const info = this.s.insertSpace.run(this.snapshotId, x.id, x.name, x.type, x.description, x.ownerId, x.createdAt, x.updatedAt);
        if (info.changes > 0) this.runDoc('space', x.id, x.name, `${x.type}\n${x.description}`);
      }
    });
  }

  putCollections(collections: readonly CollectionRecord[]): void {
    this.tx(() => {
      for (const c of collections) {
        const info = this.s.insertCollection.run(this.snapshotId, c.id, c.name, c.description, c.type, c.createdAt, c.updatedAt);
        if (info.changes === 0) continue;
        c.appIds.forEach((appId, i) => this.s.insertCollectionItem.run(this.snapshotId, c.id, i, appId));
        this.runDoc('collection', c.id, c.name, c.description);
      }
    });
  }

  putDataConnections(connections: readonly DataConnectionRecord[]): void {
    this.tx(() => {
      for (const d of connections) {
        const statement = maskSecrets(d.connectStatement);
        const info = this.s.insertDataConnection.run(this.snapshotId, d.id, d.name, d.type, d.spaceId, statement, d.createdAt, d.updatedAt);
        if (info.changes > 0) this.runDoc('data-connection', d.id, d.name, `${d.type}\n${statement}`);
      }
    });
  }

  putAutomations(automations: readonly AutomationRecord[]): void {
    this.tx(() => {
      for (const a of automations) {
        const info = this.s.insertAutomation.run(
          this.snapshotId,
          a.id,
          a.name,
          a.description,
          a.state,
          a.runMode,
          a.schedule,
          a.ownerId,
          a.spaceId,
          a.lastRunAt,
          a.lastRunStatus,
          a.createdAt,
          a.updatedAt,
          a.definition === null || a.definition === undefined ? null : json(a.definition),
          json(a.strippedSecrets),
        );
        if (info.changes === 0) continue;
        for (const r of a.runs) {
          this.s.insertAutomationRun.run(this.snapshotId, a.id, r.id, r.status, r.startTime, r.stopTime, r.trigger, r.error);
        }
        this.runDoc('automation', a.id, a.name, a.description);
      }
    });
  }

  /** Stores the app's version (or finds the identical one already stored) and stages it. */
  putApp(app: AppRecord, content: AppContent): StoredVersion {
    return this.tx(() => {
      const stored = this.store.versions.store(this.snapshotId, app, content, this.store.now().toISOString());
      this.s.insertApp.run(this.connectionId, app.id, this.snapshotId);
      this.s.stage.run(this.snapshotId, app.id, stored.versionId, 'crawled');
      if (stored.isNew && ++this.unindexedVersions >= SEARCH_INDEX_BATCH) this.indexSearchDocuments();
      return stored;
    });
  }

  /** Inside a transaction: bulk-indexes the search documents of the versions stored so far. */
  private indexSearchDocuments(): void {
    this.store.versions.indexPendingDocuments();
    this.unindexedVersions = 0;
  }

  /** Delta crawl: the app did not change, so this snapshot shows the previous snapshot's version. */
  carryOverApp(appId: string): number {
    return this.tx(() => {
      const previous = this.baseSnapshotId === null ? undefined : this.s.baseMember.get(this.baseSnapshotId, appId);
      if (!previous) throw nothingToCarryOver(appId);
      this.s.stage.run(this.snapshotId, appId, previous.app_version_id, 'carried-over');
      return previous.app_version_id;
    });
  }

  /**
   * Records why an app could not be read. The app is not deleted because a read failed: when the
   * previous complete snapshot had it, this one keeps showing that version (and says so).
   */
  recordFailure(failure: AppFailure): FailureOutcome {
    return this.tx(() => {
      const isAlreadyStaged = this.s.isStaged.get(this.snapshotId, failure.appId) !== undefined;
      const previous =
        isAlreadyStaged || this.baseSnapshotId === null ? undefined : this.s.baseMember.get(this.baseSnapshotId, failure.appId);
      if (previous) this.s.stage.run(this.snapshotId, failure.appId, previous.app_version_id, 'kept-after-failure');
      const e = failure.error;
      this.s.insertError.run(
        this.snapshotId,
        failure.appId,
        failure.appName,
        e.code,
        e.message,
        e.remedy,
        e.detail ?? null,
        previous?.app_version_id ?? null,
        this.store.now().toISOString(),
      );
      return { keptPreviousVersion: previous !== undefined, appVersionId: previous?.app_version_id ?? null };
    });
  }

  /** Replaces this snapshot's lineage graph (the lineage engine builds it whole). */
  putLineage(graph: LineageGraph): void {
    this.tx(() => {
      this.s.deleteLineageEdges.run(this.snapshotId);
      this.s.deleteLineageNodes.run(this.snapshotId);
      for (const n of graph.nodes) this.s.insertLineageNode.run(this.snapshotId, n.id, n.kind, n.label, n.appId ?? null);
      graph.edges.forEach((e, i) => {
        const ev = e.evidence ?? null;
        this.s.insertLineageEdge.run(
          this.snapshotId,
          i,
          e.from,
          e.to,
          e.kind,
          e.origin,
          ev?.appId ?? null,
          ev?.lineStart ?? null,
          ev?.lineEnd ?? null,
          ev?.statement === undefined ? null : maskSecrets(ev.statement),
        );
      });
    });
  }

  /**
   * Stores the lineage fragment of the app version staged for `appId`, unless that version has
   * one of this layout already (versions are shared, so the fragment is computed once).
   * Returns whether `fragment` was called.
   */
  putAppLineage(appId: string, layout: number, fragment: () => AppLineageFragment): boolean {
    return this.tx(() => {
      const staged = this.s.stagedVersion.get(this.snapshotId, appId);
      if (!staged || this.s.hasFragment.get(staged.app_version_id, layout)) return false;
      this.s.insertFragment.run(staged.app_version_id, layout, encodeFragment(fragment()));
      return true;
    });
  }

  /** The snapshot's apps and whether their versions have a lineage fragment of this layout. */
  lineageMembers(layout: number): Array<{ appId: string; versionId: number; hasFragment: boolean }> {
    if (this.state !== 'open') throw snapshotClosed(this.snapshotId, this.state);
    return this.s.lineageMembers
      .all(layout, this.snapshotId)
      .map((r) => ({ appId: r.app_id, versionId: r.app_version_id, hasFragment: r.has_fragment === 1 }));
  }

  /** The tenant-level part of the snapshot's graph; the rest comes from its versions' fragments. */
  putTenantLineage(layout: number, tenant: TenantLineage): void {
    this.tx(() => {
      this.s.putRunLineage.run(this.snapshotId, layout, encodeTenant(tenant));
    });
  }

  /**
   * Runs several writes in ONE transaction (the calls inside nest as savepoints): a crawl writes
   * the apps whose answers arrived together this way, with fewer commits. All or none.
   */
  batch<T>(work: () => T): T {
    return this.tx(work);
  }

  /** Publishes the snapshot: membership and status flip in one transaction. */
  commit(): SnapshotRow {
    this.tx(() => {
      const status = this.s.runStatus.get(this.snapshotId)?.status ?? 'missing';
      if (status !== 'running') throw snapshotClosed(this.snapshotId, status);
      // Every version the snapshot shows is searchable the moment it is published.
      this.indexSearchDocuments();
      this.s.publishMembers.run(this.snapshotId);
      this.s.deleteStaged.run(this.snapshotId);
      const counts = new Map(this.s.memberCounts.all(this.snapshotId).map((r) => [r.source, r.n]));
      const crawled = counts.get('crawled') ?? 0;
      const carried = counts.get('carried-over') ?? 0;
      const kept = counts.get('kept-after-failure') ?? 0;
      this.s.complete.run({
        runId: this.snapshotId,
        finishedAt: this.store.now().toISOString(),
        apps: crawled + carried + kept,
        crawled,
        carried,
      });
    });
    this.finish('committed');
    return this.readSnapshot(this.snapshotId);
  }

  /** Ends the crawl without publishing it; the previous complete snapshot stays the latest. */
  abort(reason: string, status: Extract<SnapshotStatus, 'failed' | 'cancelled'> = 'failed'): SnapshotRow {
    if (this.state !== 'open') return this.readSnapshot(this.snapshotId);
    this.tx(() => {
      this.s.finishUnsuccessfully.run({ runId: this.snapshotId, status, finishedAt: this.store.now().toISOString(), error: reason });
      this.s.deleteStaged.run(this.snapshotId);
      // The versions stay (a later crawl may share them); their documents are indexed like any other.
      this.indexSearchDocuments();
    });
    this.finish('aborted');
    return this.readSnapshot(this.snapshotId);
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  private finish(state: 'committed' | 'aborted'): void {
    this.state = state;
    this.store.releaseLiveRun(this.snapshotId);
  }
}
