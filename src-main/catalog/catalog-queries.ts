/**
 * The browsing queries the UI needs, each a named function over one snapshot. Every method takes
 * a SnapshotRef (explicit snapshot id, or the latest complete snapshot of a connection).
 */
import type Database from 'better-sqlite3';
import type { ErrorShape, ErrorCode } from '../api/errors';
import type { CellPosition, CollectionRecord, DataConnectionRecord, ObjectDimension, ObjectMeasure } from '../crawl/records';
import {
  toBookmark,
  toMasterDimension,
  toMasterMeasure,
  toMasterVisualization,
  toSheet,
  toTable,
  toVariable,
  type AppVersionStore,
} from './app-version-store';
import { noCompleteSnapshot, snapshotNotFound } from './catalog-errors';
import type {
  AppDetail,
  AppRow,
  AppScript,
  AppSource,
  AutomationRow,
  BookmarkRow,
  CollectionRow,
  ConnectionRow,
  CrawlErrorRow,
  CrawlHistoryEntry,
  DataModel,
  DataModelField,
  LinkedMasterItem,
  MasterItemKind,
  MasterItemRow,
  ObjectDetail,
  ObjectRow,
  ScriptSection,
  SheetRow,
  SnapshotKind,
  SnapshotRef,
  SnapshotRow,
  SnapshotStatus,
  SpaceRow,
  VariableRow,
  WhereUsedHit,
  WhereUsedTarget,
} from './catalog-types';
import { findBrokenReferences, type AppBrokenReferences, type BrokenReference } from './broken-references';
import { referencesField, referencesVariable } from './expression-references';
import { bool, parseJson } from './sql-values';

interface RawRun {
  id: number;
  connection_id: string;
  kind: SnapshotKind;
  status: SnapshotStatus;
  base_run_id: number | null;
  started_at: string;
  finished_at: string | null;
  tenant_url: string;
  tenant_id: string | null;
  user_id: string | null;
  user_name: string | null;
  app_count: number;
  crawled_app_count: number;
  carried_over_app_count: number;
  failed_app_count: number;
  space_count: number;
  collection_count: number;
  data_connection_count: number;
  automation_count: number;
  error: string | null;
  error_count: number;
}

interface RawError {
  run_id: number;
  app_id: string;
  app_name: string;
  code: string;
  message: string;
  remedy: string;
  detail: string | null;
  kept_app_version_id: number | null;
  recorded_at: string;
}

interface RawMember {
  app_version_id: number;
  source: AppSource;
}

type Row = Record<string, unknown>;

const RUN_COLUMNS = 'r.*, (SELECT COUNT(*) FROM crawl_error e WHERE e.run_id = r.id) AS error_count';

function toSnapshotRow(r: RawRun): SnapshotRow {
  const durationMs = r.finished_at ? Date.parse(r.finished_at) - Date.parse(r.started_at) : null;
  return {
    id: r.id,
    connectionId: r.connection_id,
    kind: r.kind,
    status: r.status,
    baseSnapshotId: r.base_run_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs,
    tenantUrl: r.tenant_url,
    tenantId: r.tenant_id,
    userId: r.user_id,
    userName: r.user_name,
    counts: {
      apps: r.app_count,
      crawledApps: r.crawled_app_count,
      carriedOverApps: r.carried_over_app_count,
      failedApps: r.failed_app_count,
      spaces: r.space_count,
      collections: r.collection_count,
      dataConnections: r.data_connection_count,
      automations: r.automation_count,
    },
    errorCount: r.error_count,
    error: r.error,
  };
}

function toCrawlError(r: RawError): CrawlErrorRow {
  const error: ErrorShape = {
    code: r.code as ErrorCode,
    message: r.message,
    remedy: r.remedy,
    ...(r.detail !== null ? { detail: r.detail } : {}),
  };
  return {
    snapshotId: r.run_id,
    appId: r.app_id,
    appName: r.app_name,
    error,
    keptAppVersionId: r.kept_app_version_id,
    recordedAt: r.recorded_at,
  };
}

function toObjectRow(r: Row): ObjectRow {
  return {
    id: String(r['id']),
    sheetId: String(r['sheet_id']),
    parentId: (r['parent_id'] as string | null) ?? null,
    type: String(r['type']),
    title: String(r['title']),
    subtitle: String(r['subtitle']),
    masterVisualizationId: (r['master_visualization_id'] as string | null) ?? null,
    position: r['cell'] ? parseJson<CellPosition>(String(r['cell'])) : null,
  };
}

function toMasterItem(r: Row): MasterItemRow {
  const kind = r['kind'] as MasterItemKind;
  switch (kind) {
    case 'measure':
      return { kind, ...toMasterMeasure(r) };
    case 'dimension':
      return { kind, ...toMasterDimension(r) };
    case 'visualization':
      return { kind, ...toMasterVisualization(r) };
  }
}

export class CatalogQueries {
  protected readonly q;
  private readonly brokenBySnapshot = new Map<number, AppBrokenReferences[]>();

  constructor(
    protected readonly db: Database.Database,
    protected readonly versions: AppVersionStore,
  ) {
    this.q = {
      connections: db.prepare<[], Row>(`
        SELECT c.*, (SELECT MAX(id) FROM crawl_run r WHERE r.connection_id = c.id AND r.status = 'complete') AS latest
        FROM connection c ORDER BY c.name`),
      connection: db.prepare<[string], Row>(`
        SELECT c.*, (SELECT MAX(id) FROM crawl_run r WHERE r.connection_id = c.id AND r.status = 'complete') AS latest
        FROM connection c WHERE c.id = ?`),
      run: db.prepare<[number], RawRun>(`SELECT ${RUN_COLUMNS} FROM crawl_run r WHERE r.id = ?`),
      runsOfConnection: db.prepare<[string], RawRun>(`SELECT ${RUN_COLUMNS} FROM crawl_run r WHERE r.connection_id = ? ORDER BY r.id DESC`),
      latestCompleteOf: db.prepare<[string], { id: number }>(
        "SELECT id FROM crawl_run WHERE connection_id = ? AND status = 'complete' ORDER BY id DESC LIMIT 1",
      ),
      latestCompleteAny: db.prepare<[], { id: number }>("SELECT id FROM crawl_run WHERE status = 'complete' ORDER BY id DESC LIMIT 1"),
      errorsOfRun: db.prepare<[number], RawError>('SELECT * FROM crawl_error WHERE run_id = ? ORDER BY id'),
      errorsOfApp: db.prepare<[number, string], RawError>('SELECT * FROM crawl_error WHERE run_id = ? AND app_id = ? ORDER BY id'),
      spaces: db.prepare<[number], Row>(`
        SELECT s.*, (SELECT COUNT(*) FROM snapshot_app sa JOIN app_version av ON av.id = sa.app_version_id
                     WHERE sa.run_id = s.run_id AND av.space_id = s.id) AS app_count
        FROM space s WHERE s.run_id = ? ORDER BY s.name COLLATE NOCASE, s.id`),
      collections: db.prepare<[number], Row>('SELECT * FROM collection WHERE run_id = ? ORDER BY name COLLATE NOCASE, id'),
      collectionItems: db.prepare<[number], { collection_id: string; app_id: string }>(
        'SELECT collection_id, app_id FROM collection_item WHERE run_id = ? ORDER BY collection_id, position',
      ),
      apps: db.prepare<[number], Row>(`
        SELECT av.*, sa.source, sp.name AS space_name FROM snapshot_app sa
        JOIN app_version av ON av.id = sa.app_version_id
        LEFT JOIN space sp ON sp.run_id = sa.run_id AND sp.id = av.space_id
        WHERE sa.run_id = ? ORDER BY av.name COLLATE NOCASE, av.app_id`),
      appsInSpace: db.prepare<[number, string], Row>(`
        SELECT av.*, sa.source, sp.name AS space_name FROM snapshot_app sa
        JOIN app_version av ON av.id = sa.app_version_id
        LEFT JOIN space sp ON sp.run_id = sa.run_id AND sp.id = av.space_id
        WHERE sa.run_id = ? AND av.space_id IS ? ORDER BY av.name COLLATE NOCASE, av.app_id`),
      member: db.prepare<[number, string], RawMember>('SELECT app_version_id, source FROM snapshot_app WHERE run_id = ? AND app_id = ?'),
      spaceName: db.prepare<[number, string], { name: string }>('SELECT name FROM space WHERE run_id = ? AND id = ?'),
      sheets: db.prepare<[number], Row>(`
        SELECT s.*, (SELECT COUNT(*) FROM visual_object o WHERE o.app_version_id = s.app_version_id AND o.sheet_id = s.id) AS object_count
        FROM sheet s WHERE s.app_version_id = ? ORDER BY s.position`),
      objectsOfSheet: db.prepare<[number, string], Row>(
        'SELECT * FROM visual_object WHERE app_version_id = ? AND sheet_id = ? ORDER BY position',
      ),
      allObjects: db.prepare<[number], Row>('SELECT * FROM visual_object WHERE app_version_id = ? ORDER BY position'),
      object: db.prepare<[number, string], Row>(
        'SELECT * FROM visual_object WHERE app_version_id = ? AND id = ? ORDER BY position LIMIT 1',
      ),
      childObjects: db.prepare<[number, string], Row>(
        'SELECT * FROM visual_object WHERE app_version_id = ? AND parent_id = ? ORDER BY position',
      ),
      masterItems: db.prepare<[number], Row>('SELECT * FROM master_item WHERE app_version_id = ? ORDER BY kind, position'),
      masterItemsOfKind: db.prepare<[number, string], Row>(
        'SELECT * FROM master_item WHERE app_version_id = ? AND kind = ? ORDER BY position',
      ),
      masterItem: db.prepare<[number, string], Row>('SELECT * FROM master_item WHERE app_version_id = ? AND id = ? LIMIT 1'),
      variables: db.prepare<[number], Row>('SELECT * FROM variable WHERE app_version_id = ? ORDER BY position'),
      bookmarks: db.prepare<[number], Row>('SELECT * FROM bookmark WHERE app_version_id = ? ORDER BY position'),
      tables: db.prepare<[number], Row>('SELECT * FROM data_table WHERE app_version_id = ? ORDER BY position'),
      dataConnections: db.prepare<[number], Row>('SELECT * FROM data_connection WHERE run_id = ? ORDER BY name COLLATE NOCASE, id'),
      automations: db.prepare<[number], Row>('SELECT * FROM automation WHERE run_id = ? ORDER BY name COLLATE NOCASE, id'),
      automationRuns: db.prepare<[number], Row>(
        'SELECT * FROM automation_run WHERE run_id = ? ORDER BY automation_id, start_time DESC, id',
      ),
      script: db.prepare<[number], { text: string; sections: string }>('SELECT text, sections FROM script WHERE app_version_id = ?'),
    };
  }

  // ---- snapshots ----------------------------------------------------------------------------

  /** Resolves a SnapshotRef to a snapshot id; throws not-found when there is none. */
  snapshotIdOf(ref: SnapshotRef = {}): number {
    if (ref.snapshotId !== undefined) {
      if (!this.q.run.get(ref.snapshotId)) throw snapshotNotFound(`snapshot ${ref.snapshotId}`);
      return ref.snapshotId;
    }
    const latest = ref.connectionId !== undefined ? this.q.latestCompleteOf.get(ref.connectionId) : this.q.latestCompleteAny.get();
    if (!latest) throw noCompleteSnapshot(ref.connectionId);
    return latest.id;
  }

  connections(): ConnectionRow[] {
    return this.q.connections.all().map(toConnectionRow);
  }

  connection(connectionId: string): ConnectionRow | null {
    const r = this.q.connection.get(connectionId);
    return r ? toConnectionRow(r) : null;
  }

  snapshot(snapshotId: number): SnapshotRow {
    const r = this.q.run.get(snapshotId);
    if (!r) throw snapshotNotFound(`snapshot ${snapshotId}`);
    return toSnapshotRow(r);
  }

  /** Every crawl of a connection, newest first, whatever its status. */
  snapshotsOfConnection(connectionId: string): SnapshotRow[] {
    return this.q.runsOfConnection.all(connectionId).map(toSnapshotRow);
  }

  latestCompleteSnapshotId(connectionId: string): number | null {
    return this.q.latestCompleteOf.get(connectionId)?.id ?? null;
  }

  crawlErrors(snapshotId: number): CrawlErrorRow[] {
    return this.q.errorsOfRun.all(snapshotId).map(toCrawlError);
  }

  /** Crawl history of a connection with each run's per-app errors, newest first. */
  crawlHistory(connectionId: string): CrawlHistoryEntry[] {
    return this.snapshotsOfConnection(connectionId).map((s) => ({ ...s, errors: this.crawlErrors(s.id) }));
  }

  // ---- tenant level -------------------------------------------------------------------------

  spaces(ref?: SnapshotRef): SpaceRow[] {
    return this.q.spaces.all(this.snapshotIdOf(ref)).map((r) => ({
      id: String(r['id']),
      name: String(r['name']),
      type: r['type'] as SpaceRow['type'],
      description: String(r['description']),
      ownerId: (r['owner_id'] as string | null) ?? null,
      createdAt: (r['created_at'] as string | null) ?? null,
      updatedAt: (r['updated_at'] as string | null) ?? null,
      appCount: Number(r['app_count']),
    }));
  }

  collections(ref?: SnapshotRef): CollectionRow[] {
    const runId = this.snapshotIdOf(ref);
    const items = new Map<string, string[]>();
    for (const i of this.q.collectionItems.all(runId)) items.set(i.collection_id, [...(items.get(i.collection_id) ?? []), i.app_id]);
    return this.q.collections.all(runId).map((r): CollectionRecord => ({
      id: String(r['id']),
      name: String(r['name']),
      description: String(r['description']),
      type: String(r['type']),
      appIds: items.get(String(r['id'])) ?? [],
      createdAt: (r['created_at'] as string | null) ?? null,
      updatedAt: (r['updated_at'] as string | null) ?? null,
    }));
  }

  dataConnections(ref?: SnapshotRef): DataConnectionRecord[] {
    return this.q.dataConnections.all(this.snapshotIdOf(ref)).map((r) => ({
      id: String(r['id']),
      name: String(r['name']),
      type: String(r['type']),
      spaceId: (r['space_id'] as string | null) ?? null,
      connectStatement: String(r['connect_statement']),
      createdAt: (r['created_at'] as string | null) ?? null,
      updatedAt: (r['updated_at'] as string | null) ?? null,
    }));
  }

  automations(ref?: SnapshotRef): AutomationRow[] {
    const runId = this.snapshotIdOf(ref);
    const runs = new Map<string, AutomationRow['runs'][number][]>();
    for (const r of this.q.automationRuns.all(runId)) {
      const id = String(r['automation_id']);
      runs.set(id, [
        ...(runs.get(id) ?? []),
        {
          id: String(r['id']),
          status: String(r['status']),
          startTime: (r['start_time'] as string | null) ?? null,
          stopTime: (r['stop_time'] as string | null) ?? null,
          trigger: (r['trigger_kind'] as string | null) ?? null,
          error: (r['error'] as string | null) ?? null,
        },
      ]);
    }
    return this.q.automations.all(runId).map((r) => ({
      id: String(r['id']),
      name: String(r['name']),
      description: String(r['description']),
      state: String(r['state']),
      runMode: String(r['run_mode']),
      schedule: (r['schedule'] as string | null) ?? null,
      ownerId: (r['owner_id'] as string | null) ?? null,
      spaceId: (r['space_id'] as string | null) ?? null,
      lastRunAt: (r['last_run_at'] as string | null) ?? null,
      lastRunStatus: (r['last_run_status'] as string | null) ?? null,
      createdAt: (r['created_at'] as string | null) ?? null,
      updatedAt: (r['updated_at'] as string | null) ?? null,
      definition: r['definition'] === null ? null : parseJson<unknown>(String(r['definition'])),
      strippedSecrets: parseJson<string[]>(String(r['stripped_secret_paths'])),
      runs: runs.get(String(r['id'])) ?? [],
    }));
  }

  // ---- apps ---------------------------------------------------------------------------------

  apps(ref?: SnapshotRef): AppRow[] {
    return this.q.apps.all(this.snapshotIdOf(ref)).map(toAppRow);
  }

  /** Apps of one space; pass null for apps outside any space (personal). */
  appsInSpace(spaceId: string | null, ref?: SnapshotRef): AppRow[] {
    return this.q.appsInSpace.all(this.snapshotIdOf(ref), spaceId as string).map(toAppRow);
  }

  /** The app version a snapshot shows for an app; throws not-found when it has none. */
  protected memberOf(appId: string, ref?: SnapshotRef): RawMember & { runId: number } {
    const runId = this.snapshotIdOf(ref);
    const member = this.q.member.get(runId, appId);
    if (!member) throw snapshotNotFound(`app ${appId} is not in snapshot ${runId}`);
    return { ...member, runId };
  }

  appDetail(appId: string, ref?: SnapshotRef): AppDetail {
    const m = this.memberOf(appId, ref);
    const v = this.versions.version(m.app_version_id);
    if (!v) throw snapshotNotFound(`app version ${m.app_version_id}`);
    return {
      record: v.record,
      spaceName: v.record.spaceId ? (this.q.spaceName.get(m.runId, v.record.spaceId)?.name ?? null) : null,
      appVersionId: v.id,
      contentHash: v.contentHash,
      source: m.source,
      versionCrawledBySnapshotId: v.createdByRunId,
      counts: v.counts,
      scriptError: v.scriptError,
      errors: this.q.errorsOfApp.all(m.runId, appId).map(toCrawlError),
    };
  }

  sheetsOfApp(appId: string, ref?: SnapshotRef): SheetRow[] {
    return this.q.sheets
      .all(this.memberOf(appId, ref).app_version_id)
      .map((r) => ({ ...toSheet(r), objectCount: Number(r['object_count']) }));
  }

  /** Objects on a sheet (cells and the objects nested in them), with their positions. */
  objectsOfSheet(appId: string, sheetId: string, ref?: SnapshotRef): ObjectRow[] {
    return this.q.objectsOfSheet.all(this.memberOf(appId, ref).app_version_id, sheetId).map(toObjectRow);
  }

  objectDetail(appId: string, objectId: string, ref?: SnapshotRef): ObjectDetail | null {
    const versionId = this.memberOf(appId, ref).app_version_id;
    const r = this.q.object.get(versionId, objectId);
    if (!r) return null;
    const linked = (libraryId: string | null): LinkedMasterItem | null => {
      if (!libraryId) return null;
      const item = this.q.masterItem.get(versionId, libraryId);
      if (!item) return null;
      return {
        id: libraryId,
        title: String(item['title']),
        expression: (item['expression'] as string | null) ?? null,
        fieldDefs: item['field_defs'] ? parseJson<string[]>(String(item['field_defs'])) : null,
      };
    };
    const row = toObjectRow(r);
    const masterVis = row.masterVisualizationId ? this.q.masterItem.get(versionId, row.masterVisualizationId) : undefined;
    return {
      ...row,
      dimensions: parseJson<ObjectDimension[]>(String(r['dimensions'])).map((d) => ({ ...d, masterItem: linked(d.libraryId) })),
      measures: parseJson<ObjectMeasure[]>(String(r['measures'])).map((m) => ({ ...m, masterItem: linked(m.libraryId) })),
      masterVisualization: masterVis ? { id: String(masterVis['id']), title: String(masterVis['title']) } : null,
      children: this.q.childObjects.all(versionId, objectId).map(toObjectRow),
    };
  }

  masterItems(appId: string, kind?: MasterItemKind, ref?: SnapshotRef): MasterItemRow[] {
    const versionId = this.memberOf(appId, ref).app_version_id;
    const rows = kind ? this.q.masterItemsOfKind.all(versionId, kind) : this.q.masterItems.all(versionId);
    return rows.map(toMasterItem);
  }

  variables(appId: string, ref?: SnapshotRef): VariableRow[] {
    return this.q.variables.all(this.memberOf(appId, ref).app_version_id).map(toVariable);
  }

  bookmarks(appId: string, ref?: SnapshotRef): BookmarkRow[] {
    return this.q.bookmarks.all(this.memberOf(appId, ref).app_version_id).map(toBookmark);
  }

  dataModel(appId: string, ref?: SnapshotRef): DataModel {
    const versionId = this.memberOf(appId, ref).app_version_id;
    const fields: DataModelField[] = this.versions.fieldsWithTables(versionId).map((f) => ({
      name: f.name,
      keyType: f.keyType,
      isKey: f.isKey,
      cardinal: f.cardinal,
      totalCount: f.totalCount,
      isNumeric: f.isNumeric,
      isSystem: f.isSystem,
      isHidden: f.isHidden,
      tags: f.tags,
      comment: f.comment,
      tables: f.tables,
    }));
    const tables = this.q.tables.all(versionId).map((r) => {
      const table = toTable(r);
      return { ...table, fields: fields.filter((f) => f.tables.includes(table.name)) };
    });
    // Qlik links tables through same-named fields; the engine's key flag can lag on synthetic keys.
    const keyFields = fields.filter((f) => f.isKey || f.tables.length > 1);
    return { tables, keyFields, fields };
  }

  scriptOfApp(appId: string, ref?: SnapshotRef): AppScript {
    const m = this.memberOf(appId, ref);
    const script = this.q.script.get(m.app_version_id);
    return {
      appId,
      text: script?.text ?? null,
      sections: script ? parseJson<ScriptSection[]>(script.sections) : [],
      error: this.versions.version(m.app_version_id)?.scriptError ?? null,
    };
  }

  /**
   * References of an app's charts, master items and bookmarks that point at nothing
   * (broken-references.ts): as stored when the version was written, else checked from its rows.
   */
  brokenReferences(appId: string, ref?: SnapshotRef): BrokenReference[] {
    const versionId = this.memberOf(appId, ref).app_version_id;
    return this.versions.storedBrokenReferences(versionId) ?? this.brokenReferencesFromRows(versionId);
  }

  /** The check over a version's stored rows: for versions written before migration 006. */
  protected brokenReferencesFromRows(versionId: number): BrokenReference[] {
    const masterItems = this.q.masterItems.all(versionId).map(toMasterItem);
    return findBrokenReferences({
      objects: this.q.allObjects.all(versionId).map((r) => ({
        ...toObjectRow(r),
        dimensions: parseJson<ObjectDimension[]>(String(r['dimensions'])),
        measures: parseJson<ObjectMeasure[]>(String(r['measures'])),
      })),
      masterDimensions: masterItems.flatMap((m) => (m.kind === 'dimension' ? [m] : [])),
      masterMeasures: masterItems.flatMap((m) => (m.kind === 'measure' ? [m] : [])),
      masterVisualizations: masterItems.flatMap((m) => (m.kind === 'visualization' ? [m] : [])),
      bookmarks: this.q.bookmarks.all(versionId).map(toBookmark),
      fields: this.versions.fieldsWithTables(versionId).map((f) => f.name),
      sheetTitles: new Map(this.q.sheets.all(versionId).map((s) => [String(s['id']), String(s['title'])])),
    });
  }

  /**
   * The snapshot's apps that have broken references, most first. A complete snapshot never
   * changes, so each is checked once per open catalog (the last few are kept).
   */
  brokenReferencesOfSnapshot(ref?: SnapshotRef): AppBrokenReferences[] {
    const snapshotId = this.snapshotIdOf(ref);
    const cached = this.brokenBySnapshot.get(snapshotId);
    if (cached) return cached;
    const at: SnapshotRef = { ...ref, snapshotId };
    const result = this.apps(at)
      .map((app) => ({ appId: app.id, appName: app.name, references: this.brokenReferences(app.id, at) }))
      .filter((app) => app.references.length > 0)
      .sort((a, b) => b.references.length - a.references.length || a.appName.localeCompare(b.appName));
    if (this.brokenBySnapshot.size >= 4) this.brokenBySnapshot.delete(this.brokenBySnapshot.keys().next().value as number);
    this.brokenBySnapshot.set(snapshotId, result);
    return result;
  }

  /** Charts, master items and variables of an app that use a field, master item or variable. */
  whereUsed(appId: string, target: WhereUsedTarget, ref?: SnapshotRef): WhereUsedHit[] {
    const versionId = this.memberOf(appId, ref).app_version_id;
    const sheetTitles = new Map(this.q.sheets.all(versionId).map((s) => [String(s['id']), String(s['title'])]));
    const refersTo = (text: string): boolean => {
      switch (target.kind) {
        case 'field':
          return referencesField(text, target.name);
        case 'variable':
          return referencesVariable(text, target.name);
        case 'master-item':
          return false;
      }
    };
    const usesLibrary = (libraryId: string | null) => target.kind === 'master-item' && libraryId === target.id;
    const viaDims = (dims: readonly ObjectDimension[]) =>
      dims.flatMap((d) => (usesLibrary(d.libraryId) ? [`library:${d.libraryId}`] : d.fieldDefs.filter(refersTo)));
    const viaMeasures = (measures: readonly ObjectMeasure[]) =>
      measures.flatMap((m) => (usesLibrary(m.libraryId) ? [`library:${m.libraryId}`] : refersTo(m.expression) ? [m.expression] : []));

    const hits: WhereUsedHit[] = [];
    for (const r of this.q.allObjects.all(versionId)) {
      const o = toObjectRow(r);
      const via = [
        ...viaDims(parseJson<ObjectDimension[]>(String(r['dimensions']))),
        ...viaMeasures(parseJson<ObjectMeasure[]>(String(r['measures']))),
        ...(usesLibrary(o.masterVisualizationId) ? [`library:${o.masterVisualizationId}`] : []),
      ];
      if (via.length === 0) continue;
      hits.push({
        user: 'object',
        id: o.id,
        title: o.title,
        type: o.type,
        sheetId: o.sheetId,
        sheetTitle: sheetTitles.get(o.sheetId) ?? null,
        via: via[0] ?? '',
      });
    }
    for (const item of this.q.masterItems.all(versionId).map(toMasterItem)) {
      if (target.kind === 'master-item' && item.id === target.id) continue;
      const via =
        item.kind === 'measure'
          ? refersTo(item.expression)
            ? [item.expression]
            : []
          : item.kind === 'dimension'
            ? item.fieldDefs.filter(refersTo)
            : [...viaDims(item.dimensions), ...viaMeasures(item.measures)];
      if (via.length === 0) continue;
      hits.push({
        user: `master-${item.kind}`,
        id: item.id,
        title: item.title,
        type: null,
        sheetId: null,
        sheetTitle: null,
        via: via[0] ?? '',
      });
    }
    for (const v of this.q.variables.all(versionId).map(toVariable)) {
      if (target.kind === 'variable' && v.name === target.name) continue;
      if (!refersTo(v.definition)) continue;
      hits.push({ user: 'variable', id: v.id, title: v.name, type: null, sheetId: null, sheetTitle: null, via: v.definition });
    }
    // A bookmark stores selections by field name: dropping or renaming the field breaks it.
    if (target.kind === 'field') {
      for (const b of this.q.bookmarks.all(versionId).map(toBookmark)) {
        if (!b.selectionFields.includes(target.name)) continue;
        const sheetTitle = b.sheetId ? (sheetTitles.get(b.sheetId) ?? null) : null;
        hits.push({
          user: 'bookmark',
          id: b.id,
          title: b.title,
          type: null,
          sheetId: b.sheetId,
          sheetTitle,
          via: `selection:${target.name}`,
        });
      }
    }
    return hits;
  }
}

function toConnectionRow(r: Row): ConnectionRow {
  return {
    id: String(r['id']),
    name: String(r['name']),
    kind: r['kind'] as ConnectionRow['kind'],
    url: String(r['url']),
    tenantId: (r['tenant_id'] as string | null) ?? null,
    latestCompleteSnapshotId: (r['latest'] as number | null) ?? null,
  };
}

function toAppRow(r: Row): AppRow {
  return {
    id: String(r['app_id']),
    name: String(r['name']),
    description: String(r['description']),
    spaceId: (r['space_id'] as string | null) ?? null,
    spaceName: (r['space_name'] as string | null) ?? null,
    ownerId: (r['owner_id'] as string | null) ?? null,
    ownerName: (r['owner_name'] as string | null) ?? null,
    modifiedDate: (r['modified_date'] as string | null) ?? null,
    lastReloadTime: (r['last_reload_time'] as string | null) ?? null,
    published: bool(r['is_published']),
    tags: parseJson<string[]>(String(r['tags'])),
    sheetCount: Number(r['sheet_count']),
    objectCount: Number(r['object_count']),
    source: r['source'] as AppSource,
    appVersionId: Number(r['id']),
  };
}

export { toSnapshotRow, toCrawlError, type RawRun, type RawError };
