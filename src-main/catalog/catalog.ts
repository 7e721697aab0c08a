/**
 * The catalog: one SQLite file holding every crawl of every connection as snapshots. Open it with
 * openCatalog(); the Catalog object is the only way the rest of the app touches SQL.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../api/errors';
import { AppVersionStore } from './app-version-store';
import { Annotations, type AnnotationFilter, type NewAnnotation } from './annotations';
import { corruptCatalog, newerCatalog, noCatalogFile, notACatalog, olderCatalogReadOnly, snapshotNotFound } from './catalog-errors';
import { CatalogQueries } from './catalog-queries';
import {
  ExplorerQueries,
  connectionsUsedByApp,
  personalSpaceRow,
  withOwnerNames,
  type AppDataConnections,
  type UnusedFields,
} from './explorer-queries';
import type {
  AnnotationRow,
  ExternalNodeRow,
  ManualEdgeRow,
  PreviousAppState,
  SearchOptions,
  SearchResult,
  SnapshotApp,
  SnapshotContent,
  SnapshotLineage,
  SnapshotRef,
  AppSource,
  SpaceRow,
} from './catalog-types';
import type { AppContent, AppRecord } from '../crawl/records';
import type { LineageEdge } from './lineage-graph';
import { LineageStore, type NewExternalNode, type NewManualEdge } from './lineage-store';
import { latestSchemaVersion, migrations, oldestReadOnlySchemaVersion } from './migrations';
import { applyMigrations, readUserVersion } from './migrations/migration';
import { Retention, type PruneResult, type RetentionPolicy } from './retention';
import { SearchIndex } from './search-index';
import { SnapshotStore, type BeginSnapshotOptions, type SnapshotWriter } from './snapshot-writer';

/** PRAGMA application_id of catalog files ("QME1"): tells our files from any other SQLite file. */
export const CATALOG_APPLICATION_ID = 0x514d4531;

export interface OpenCatalogOptions {
  /** Browse only (a second connection beside the crawl's, or an opened snapshot file): never writes. */
  readonly readonly?: boolean;
  /** The clock, for tests of retention and crawl times. */
  readonly now?: () => Date;
  /** How long a write waits for another writer's lock before failing. Default 5 s. */
  readonly busyTimeoutMs?: number;
}

export function openCatalog(file: string, options: OpenCatalogOptions = {}): Catalog {
  const isReadonly = options.readonly ?? false;
  if (isReadonly && file !== ':memory:' && !existsSync(file)) throw noCatalogFile(file);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: isReadonly, fileMustExist: isReadonly });
  } catch (error) {
    throw notACatalog(file, error instanceof Error ? error.message : String(error));
  }
  try {
    prepareConnection(db, file, isReadonly, options.busyTimeoutMs ?? 5000);
    return new Catalog(db, isReadonly, options.now ?? (() => new Date()));
  } catch (error) {
    db.close();
    throw error;
  }
}

function prepareConnection(db: Database.Database, file: string, isReadonly: boolean, busyTimeoutMs: number): void {
  let version: number;
  let applicationId: number;
  try {
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    version = readUserVersion(db);
    applicationId = Number(db.pragma('application_id', { simple: true }));
  } catch (error) {
    // SQLITE_NOTADB: "file is not a database" surfaces on the first read, not on open.
    const message = error instanceof Error ? error.message : String(error);
    throw /not a database|file is encrypted/i.test(message) ? notACatalog(file, message) : corruptCatalog(file, message);
  }
  const isEmpty = version === 0 && Number(db.prepare('SELECT COUNT(*) AS n FROM sqlite_master').pluck().get()) === 0;
  if (!isEmpty && applicationId !== CATALOG_APPLICATION_ID) throw notACatalog(file, 'not written by Qlik Metadata Explorer');
  if (version > latestSchemaVersion) throw newerCatalog(file, version, latestSchemaVersion);
  if (isReadonly) {
    if (isEmpty) throw notACatalog(file, 'empty database');
    if (version < oldestReadOnlySchemaVersion) throw olderCatalogReadOnly(file, version, latestSchemaVersion);
    db.pragma('query_only = ON');
    return;
  }
  // WAL: browsing reads never wait for a crawl's writes, and a crash loses at most the open transaction.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  if (isEmpty) db.pragma(`application_id = ${CATALOG_APPLICATION_ID}`);
  applyMigrations(db, migrations);
}

/** The catalog: snapshot writing, browsing queries, search, lineage, annotations and retention. */
export class Catalog extends CatalogQueries {
  private readonly snapshots: SnapshotStore;
  private readonly searchIndex: SearchIndex;
  private readonly lineageStore: LineageStore;
  private readonly notes: Annotations;
  private readonly retention: Retention;
  private readonly explorer: ExplorerQueries;
  private readonly members;
  /** Runs found 'running' from a crashed writer and marked 'interrupted' when this catalog opened. */
  readonly recoveredSnapshotIds: readonly number[];

  constructor(
    db: Database.Database,
    readonly isReadonly: boolean,
    private readonly now: () => Date,
  ) {
    const versions = new AppVersionStore(db);
    super(db, versions);
    this.snapshots = new SnapshotStore(db, versions, now, (id) => this.snapshot(id));
    this.searchIndex = new SearchIndex(db);
    this.lineageStore = new LineageStore(db, now);
    this.notes = new Annotations(db, now);
    this.retention = new Retention(db, now);
    this.explorer = new ExplorerQueries(db);
    this.members = db.prepare<[number], { app_id: string; app_version_id: number; source: AppSource }>(
      'SELECT sa.app_id, sa.app_version_id, sa.source FROM snapshot_app sa JOIN app_version av ON av.id = sa.app_version_id WHERE sa.run_id = ? ORDER BY av.name COLLATE NOCASE, sa.app_id',
    );
    this.recoveredSnapshotIds = isReadonly ? [] : this.snapshots.recoverInterruptedRuns();
  }

  /** The file's path (':memory:' for an in-memory catalog). */
  get file(): string {
    return this.db.name;
  }

  close(): void {
    this.snapshots.releaseAllLiveRuns();
    if (this.db.open) this.db.close();
  }

  private assertWritable(): void {
    if (!this.isReadonly) return;
    throw new AppError({
      code: 'unsupported-file',
      message: 'This catalog is open read-only.',
      remedy: 'Snapshots opened for review are never modified; crawl into the working catalog instead.',
    });
  }

  // ---- writing snapshots --------------------------------------------------------------------

  /** Starts a crawl's snapshot; nothing it writes is visible until writer.commit(). */
  beginSnapshot(options: BeginSnapshotOptions): SnapshotWriter {
    this.assertWritable();
    return this.snapshots.begin(options);
  }

  /** For the delta planner: per app, what the last complete snapshot of the connection knew. */
  previousAppStates(connectionId: string): Map<string, PreviousAppState> {
    return this.snapshots.previousAppStates(connectionId);
  }

  // ---- search and lineage -------------------------------------------------------------------

  /** Full-text search; owner facets carry the owners' names where the snapshot knows them. */
  searchCatalog(text: string, options: SearchOptions & SnapshotRef = {}): SearchResult {
    const runId = this.snapshotIdOf(options);
    return withOwnerNames(this.searchIndex.search(runId, text, options), this.explorer.ownerNames(runId));
  }

  lineage(ref?: SnapshotRef): SnapshotLineage {
    return this.lineageStore.snapshotLineage(this.snapshotIdOf(ref));
  }

  upstreamEdges(nodeId: string, ref?: SnapshotRef): LineageEdge[] {
    return this.lineageStore.upstreamEdges(this.snapshotIdOf(ref), nodeId);
  }

  downstreamEdges(nodeId: string, ref?: SnapshotRef): LineageEdge[] {
    return this.lineageStore.downstreamEdges(this.snapshotIdOf(ref), nodeId);
  }

  manualEdges(connectionId: string): ManualEdgeRow[] {
    return this.lineageStore.manualEdges(connectionId);
  }

  addManualEdge(edge: NewManualEdge): ManualEdgeRow {
    this.assertWritable();
    return this.lineageStore.addManualEdge(edge);
  }

  removeManualEdge(id: number): boolean {
    this.assertWritable();
    return this.lineageStore.removeManualEdge(id);
  }

  externalNodes(connectionId: string): ExternalNodeRow[] {
    return this.lineageStore.externalNodes(connectionId);
  }

  putExternalNode(node: NewExternalNode): ExternalNodeRow {
    this.assertWritable();
    return this.lineageStore.putExternalNode(node);
  }

  removeExternalNode(connectionId: string, id: string): boolean {
    this.assertWritable();
    return this.lineageStore.removeExternalNode(connectionId, id);
  }

  // ---- explorer screens (src-main/catalog/explorer-queries.ts) -------------------------------

  /** Fields of an app that no chart, master item or variable uses (keys and system fields aside). */
  unusedFields(appId: string, ref?: SnapshotRef): UnusedFields {
    return this.explorer.unusedFields(this.memberOf(appId, ref).app_version_id);
  }

  /** Data connections the app's tables read or store through, from the snapshot's lineage. */
  appDataConnections(appId: string, ref?: SnapshotRef): AppDataConnections {
    const member = this.memberOf(appId, ref);
    const snapshot = { snapshotId: member.runId };
    const graph =
      this.explorer.appLineageGraph(member.runId, appId, member.app_version_id) ??
      (this.explorer.hasLegacyAppLineage(member.runId, appId) ? this.lineage(snapshot) : null);
    if (!graph) return { hasLineage: false, uses: [] };
    return { hasLineage: true, uses: connectionsUsedByApp(appId, graph, this.dataConnections(snapshot)) };
  }

  /** The snapshot's spaces followed by the personal pseudo-space (id 'personal') when it holds apps. */
  spacesWithPersonal(ref?: SnapshotRef): SpaceRow[] {
    const runId = this.snapshotIdOf(ref);
    const personal = personalSpaceRow(this.explorer.personalAppCount(runId));
    return [...this.spaces({ snapshotId: runId }), ...(personal ? [personal] : [])];
  }

  // ---- annotations --------------------------------------------------------------------------

  addAnnotation(annotation: NewAnnotation): AnnotationRow {
    this.assertWritable();
    return this.notes.add(annotation);
  }

  annotations(filter: AnnotationFilter): AnnotationRow[] {
    return this.notes.list(filter);
  }

  removeAnnotation(id: number): boolean {
    this.assertWritable();
    return this.notes.remove(id);
  }

  // ---- retention and health -----------------------------------------------------------------

  /** Deletes old runs per the policy (never a connection's latest complete snapshot) and unused versions. */
  pruneSnapshots(policy: RetentionPolicy = {}): PruneResult {
    this.assertWritable();
    return this.retention.prune(policy);
  }

  /** The runs pruneSnapshots would delete. */
  snapshotsToPrune(policy: RetentionPolicy = {}): number[] {
    return this.retention.plan(policy);
  }

  /** PRAGMA integrity_check plus the FTS index's own check; 'ok' when healthy. */
  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    const result = rows.map((r) => r.integrity_check).join('\n');
    if (result !== 'ok' || this.isReadonly) return result;
    try {
      // Documents of versions a crawl in flight stored but has not indexed yet (migration 003)
      // are not damage: index them first, so the check compares the index with every document.
      this.db.transaction(() => this.versions.indexPendingDocuments())();
      this.db.exec("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)");
      return 'ok';
    } catch (error) {
      return `search index: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** One stored app version's record and content (for lineage of versions stored without it). */
  appVersionContent(versionId: number): { record: AppRecord; content: AppContent } | null {
    const version = this.versions.version(versionId);
    if (!version) return null;
    return { record: version.record, content: this.versions.content(version.id, version.scriptError) };
  }

  // ---- whole snapshots ----------------------------------------------------------------------

  /** Everything one snapshot holds: what export and snapshot diffs read. */
  snapshotContent(snapshotId?: number | SnapshotRef): SnapshotContent {
    const runId = this.snapshotIdOf(typeof snapshotId === 'number' ? { snapshotId } : snapshotId);
    const snapshot = this.snapshot(runId);
    const connection = this.connection(snapshot.connectionId);
    if (!connection) throw snapshotNotFound(`connection ${snapshot.connectionId}`);
    const ref = { snapshotId: runId };
    const apps = this.members.all(runId).map((m): SnapshotApp => {
      const version = this.versions.version(m.app_version_id);
      if (!version) throw snapshotNotFound(`app version ${m.app_version_id}`);
      return {
        record: version.record,
        source: m.source,
        appVersionId: version.id,
        contentHash: version.contentHash,
        ...this.versions.content(version.id, version.scriptError),
      };
    });
    return {
      snapshot,
      connection,
      spaces: this.spaces(ref).map(({ appCount: _appCount, ...space }) => space),
      collections: this.collections(ref),
      dataConnections: this.dataConnections(ref),
      automations: this.automations(ref),
      apps,
      errors: this.crawlErrors(runId),
      lineage: this.lineage(ref),
    };
  }
}
