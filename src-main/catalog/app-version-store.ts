/**
 * Immutable app versions: one row per distinct (app record + engine content), addressed by a
 * content hash, with its sheets, objects, master items, variables, bookmarks, data model, script
 * and engine lineage as child rows. Never updated once written; snapshots point at them.
 */
import type Database from 'better-sqlite3';
import type { ErrorShape } from '../api/errors';
import type {
  AppContent,
  AppRecord,
  BookmarkRecord,
  CellPosition,
  DataTableRecord,
  EngineLineageRecord,
  FieldRecord,
  KeyType,
  MasterDimensionRecord,
  MasterMeasureRecord,
  MasterVisualizationRecord,
  ObjectDimension,
  ObjectMeasure,
  SheetRecord,
  UnreadableSheet,
  VariableRecord,
  VisualObjectRecord,
} from '../crawl/records';
import type { SearchEntityType } from './catalog-types';
import { brokenReferencesOfContent, type BrokenReference } from './broken-references';
import { appContentHash } from './content-hash';
import { maskSecrets } from './secret-mask';
import { scriptSections } from './script-sections';
import { bool, flag, json, parseJson } from './sql-values';

export interface StoredVersion {
  readonly versionId: number;
  readonly contentHash: string;
  /** False when an identical version already existed and is shared by reference. */
  readonly isNew: boolean;
}

export interface AppVersionRow {
  readonly id: number;
  readonly appId: string;
  readonly contentHash: string;
  readonly createdByRunId: number;
  readonly record: AppRecord;
  readonly scriptError: ErrorShape | null;
  readonly counts: {
    readonly sheets: number;
    readonly objects: number;
    readonly masterItems: number;
    readonly variables: number;
    readonly bookmarks: number;
    readonly tables: number;
    readonly fields: number;
  };
}

interface RawVersion {
  id: number;
  app_id: string;
  content_hash: string;
  created_by_run_id: number;
  name: string;
  description: string;
  space_id: string | null;
  owner_id: string | null;
  owner_name: string | null;
  created_date: string | null;
  modified_date: string | null;
  last_reload_time: string | null;
  item_updated_at: string | null;
  publish_time: string | null;
  is_published: number;
  usage: string | null;
  has_section_access: number;
  is_direct_query_mode: number;
  tags: string;
  /** Absent in snapshot files written before migration 004. */
  custom_properties?: string;
  /** Absent before migration 005; NULL when not known (Qlik Cloud). */
  repository_sheet_count?: number | null;
  /** JSON UnreadableSheet[]; absent before migration 005, NULL when none or not known. */
  unreadable_sheets?: string | null;
  /** JSON BrokenReference[]; absent before migration 006, NULL for versions written before it. */
  broken_references?: string | null;
  file_size_bytes: number | null;
  memory_bytes: number | null;
  thumbnail_url: string | null;
  script_error: string | null;
  sheet_count: number;
  object_count: number;
  master_item_count: number;
  variable_count: number;
  bookmark_count: number;
  table_count: number;
  field_count: number;
}

/** Masks secrets the crawler may have missed; the masked form is what gets hashed and stored. */
function withSecretsMasked(content: AppContent): AppContent {
  return {
    ...content,
    script: content.script === null ? null : maskSecrets(content.script),
    engineLineage: content.engineLineage.map((l) => ({ ...l, statement: maskSecrets(l.statement) })),
  };
}

function searchText(...parts: readonly (string | null | undefined | readonly string[])[]): string {
  return parts
    .flatMap((p) => (p === null || p === undefined ? [] : typeof p === 'string' ? [p] : p))
    .filter((p) => p.length > 0)
    .join('\n');
}

function dimensionText(dims: readonly ObjectDimension[]): string[] {
  return dims.flatMap((d) => [...d.fieldDefs, d.label]);
}

function measureText(measures: readonly ObjectMeasure[]): string[] {
  return measures.flatMap((m) => [m.expression, m.label]);
}

export class AppVersionStore {
  private readonly byHash;
  private readonly insertVersion;
  private readonly insertSheet;
  private readonly insertObject;
  private readonly insertMasterItem;
  private readonly insertVariable;
  private readonly insertBookmark;
  private readonly insertTable;
  private readonly insertField;
  private readonly insertTableField;
  private readonly insertScript;
  private readonly insertEngineLineage;
  private readonly insertSearchDoc;
  /** Migration 003's statements, prepared on first write (read-only schema-2 files lack the table). */
  private pendingStatements: {
    readonly insert: Database.Statement<[number]>;
    readonly index: Database.Statement<[]>;
    readonly clear: Database.Statement<[]>;
  } | null = null;
  private readonly versionById;
  private readonly sheetsOf;
  private readonly objectsOf;
  private readonly masterItemsOf;
  private readonly variablesOf;
  private readonly bookmarksOf;
  private readonly tablesOf;
  private readonly fieldsOf;
  private readonly tableFieldsOf;
  private readonly scriptOf;
  private readonly engineLineageOf;

  constructor(private readonly db: Database.Database) {
    this.byHash = db.prepare<[string], { id: number }>('SELECT id FROM app_version WHERE content_hash = ?');
    this.insertVersion = db.prepare(`
      INSERT INTO app_version (app_id, content_hash, created_by_run_id, created_at, name, description, space_id, owner_id,
        owner_name, created_date, modified_date, last_reload_time, item_updated_at, publish_time, is_published, usage,
        has_section_access, is_direct_query_mode, tags, file_size_bytes, memory_bytes, thumbnail_url, script_error,
        sheet_count, object_count, master_item_count, variable_count, bookmark_count, table_count, field_count,
        custom_properties, repository_sheet_count, unreadable_sheets, broken_references)
      VALUES (@appId, @contentHash, @runId, @createdAt, @name, @description, @spaceId, @ownerId, @ownerName, @createdDate,
        @modifiedDate, @lastReloadTime, @itemUpdatedAt, @publishTime, @isPublished, @usage, @hasSectionAccess,
        @isDirectQueryMode, @tags, @fileSizeBytes, @memoryBytes, @thumbnailUrl, @scriptError, @sheetCount, @objectCount,
        @masterItemCount, @variableCount, @bookmarkCount, @tableCount, @fieldCount, @customProperties,
        @repositorySheetCount, @unreadableSheets, @brokenReferences)`);
    this.insertSheet = db.prepare(`
      INSERT INTO sheet (app_version_id, position, id, title, description, rank, columns, rows, owner_id, is_published,
        is_approved, created_date, modified_date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertObject = db.prepare(`
      INSERT INTO visual_object (app_version_id, position, id, sheet_id, parent_id, type, title, subtitle,
        master_visualization_id, cell, dimensions, measures)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertMasterItem = db.prepare(`
      INSERT INTO master_item (app_version_id, kind, position, id, title, description, expression, label, field_defs,
        grouping, visualization_type, dimensions, measures, tags)
      VALUES (@versionId, @kind, @position, @id, @title, @description, @expression, @label, @fieldDefs, @grouping,
        @visualizationType, @dimensions, @measures, @tags)`);
    this.insertVariable = db.prepare(`
      INSERT INTO variable (app_version_id, position, id, name, definition, comment, is_script_created, is_reserved, is_config)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertBookmark = db.prepare(`
      INSERT INTO bookmark (app_version_id, position, id, title, description, sheet_id, selection_fields, created_date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertTable = db.prepare(`
      INSERT INTO data_table (app_version_id, position, name, row_count, field_count, key_field_count, comment,
        is_synthetic, is_loose, byte_size)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertField = db.prepare(`
      INSERT INTO field (app_version_id, position, name, cardinal, total_count, key_type, is_key, tags, comment,
        is_numeric, is_system, is_hidden)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertTableField = db.prepare('INSERT OR IGNORE INTO table_field (app_version_id, table_name, field_name) VALUES (?, ?, ?)');
    this.insertScript = db.prepare('INSERT INTO script (app_version_id, text, sections) VALUES (?, ?, ?)');
    this.insertEngineLineage = db.prepare(
      'INSERT INTO engine_lineage (app_version_id, position, discriminator, statement) VALUES (?, ?, ?, ?)',
    );
    this.insertSearchDoc = db.prepare(`
      INSERT INTO search_doc (app_version_id, entity_type, entity_id, sheet_id, title, body)
      VALUES (?, ?, ?, ?, ?, ?)`);

    this.versionById = db.prepare<[number], RawVersion>('SELECT * FROM app_version WHERE id = ?');
    this.sheetsOf = db.prepare<[number], Record<string, unknown>>('SELECT * FROM sheet WHERE app_version_id = ? ORDER BY position');
    this.objectsOf = db.prepare<[number], Record<string, unknown>>(
      'SELECT * FROM visual_object WHERE app_version_id = ? ORDER BY position',
    );
    this.masterItemsOf = db.prepare<[number], Record<string, unknown>>(
      'SELECT * FROM master_item WHERE app_version_id = ? ORDER BY kind, position',
    );
    this.variablesOf = db.prepare<[number], Record<string, unknown>>('SELECT * FROM variable WHERE app_version_id = ? ORDER BY position');
    this.bookmarksOf = db.prepare<[number], Record<string, unknown>>('SELECT * FROM bookmark WHERE app_version_id = ? ORDER BY position');
    this.tablesOf = db.prepare<[number], Record<string, unknown>>('SELECT * FROM data_table WHERE app_version_id = ? ORDER BY position');
    this.fieldsOf = db.prepare<[number], Record<string, unknown>>('SELECT * FROM field WHERE app_version_id = ? ORDER BY position');
    this.tableFieldsOf = db.prepare<[number], { table_name: string; field_name: string }>(
      'SELECT table_name, field_name FROM table_field WHERE app_version_id = ?',
    );
    this.scriptOf = db.prepare<[number], { text: string; sections: string }>('SELECT text, sections FROM script WHERE app_version_id = ?');
    this.engineLineageOf = db.prepare<[number], { discriminator: string; statement: string }>(
      'SELECT discriminator, statement FROM engine_lineage WHERE app_version_id = ? ORDER BY position',
    );
  }

  /**
   * Call inside a transaction: stores the version unless an identical one exists. A new version's
   * search documents are pending until indexPendingDocuments() (migration 003).
   */
  store(runId: number, app: AppRecord, rawContent: AppContent, now: string): StoredVersion {
    const content = withSecretsMasked(rawContent);
    const contentHash = appContentHash(app, content);
    const existing = this.byHash.get(contentHash);
    if (existing) return { versionId: existing.id, contentHash, isNew: false };

    const masterItemCount = content.masterMeasures.length + content.masterDimensions.length + content.masterVisualizations.length;
    const info = this.insertVersion.run({
      appId: app.id,
      contentHash,
      runId,
      createdAt: now,
      name: app.name,
      description: app.description,
      spaceId: app.spaceId,
      ownerId: app.ownerId,
      ownerName: app.ownerName,
      createdDate: app.createdDate,
      modifiedDate: app.modifiedDate,
      lastReloadTime: app.lastReloadTime,
      itemUpdatedAt: app.itemUpdatedAt,
      publishTime: app.publishTime,
      isPublished: flag(app.published),
      usage: app.usage,
      hasSectionAccess: flag(app.hasSectionAccess),
      isDirectQueryMode: flag(app.isDirectQueryMode),
      tags: json(app.tags),
      customProperties: json(app.customProperties ?? []),
      repositorySheetCount: app.repositorySheetCount ?? null,
      unreadableSheets: app.unreadableSheets?.length ? json(app.unreadableSheets) : null,
      brokenReferences: json(brokenReferencesOfContent(content)),
      fileSizeBytes: app.fileSizeBytes,
      memoryBytes: app.memoryBytes,
      thumbnailUrl: app.thumbnailUrl,
      scriptError: content.scriptError ? json(content.scriptError) : null,
      sheetCount: content.sheets.length,
      objectCount: content.objects.length,
      masterItemCount,
      variableCount: content.variables.length,
      bookmarkCount: content.bookmarks.length,
      tableCount: content.tables.length,
      fieldCount: content.fields.length,
    });
    const versionId = Number(info.lastInsertRowid);
    this.pending.insert.run(versionId);
    this.storeChildren(versionId, app, content);
    return { versionId, contentHash, isNew: true };
  }

  /**
   * Call inside a transaction: indexes the search documents of every pending version (stored by
   * store() since the last call, by this writer or a crashed one) in one statement. Returns how
   * many documents were indexed. Search only sees a version's documents after this.
   */
  indexPendingDocuments(): number {
    const indexed = this.pending.index.run().changes;
    this.pending.clear.run();
    return indexed;
  }

  // Documents of a pending version skip the insert trigger and are indexed in bulk (migration 003).
  private get pending() {
    this.pendingStatements ??= {
      insert: this.db.prepare<[number]>('INSERT OR IGNORE INTO search_pending (app_version_id) VALUES (?)'),
      index: this.db.prepare<[]>(`
        INSERT INTO search_fts (rowid, title, body)
        SELECT d.id, d.title, d.body FROM search_pending p JOIN search_doc d ON d.app_version_id = p.app_version_id`),
      clear: this.db.prepare<[]>('DELETE FROM search_pending'),
    };
    return this.pendingStatements;
  }

  private doc(versionId: number, type: SearchEntityType, id: string, sheetId: string | null, title: string, body: string): void {
    this.insertSearchDoc.run(versionId, type, id, sheetId, title, body);
  }

  private storeChildren(v: number, app: AppRecord, content: AppContent): void {
    this.doc(v, 'app', app.id, null, app.name, searchText(app.description, app.tags, app.ownerName));
    content.sheets.forEach((s, i) => {
      this.insertSheet.run(
        v,
        i,
        s.id,
        s.title,
        s.description,
        s.rank,
        s.columns,
        s.rows,
        s.ownerId,
        flag(s.published),
        flag(s.approved),
        s.createdDate,
        s.modifiedDate,
      );
      this.doc(v, 'sheet', s.id, s.id, s.title, s.description);
    });
    content.objects.forEach((o, i) => {
      this.insertObject.run(
        v,
        i,
        o.id,
        o.sheetId,
        o.parentId,
        o.type,
        o.title,
        o.subtitle,
        o.masterVisualizationId,
        o.position ? json(o.position) : null,
        json(o.dimensions),
        json(o.measures),
      );
      this.doc(
        v,
        'object',
        o.id,
        o.sheetId,
        o.title || o.type,
        searchText(o.type, o.subtitle, dimensionText(o.dimensions), measureText(o.measures)),
      );
    });
    this.storeMasterItems(v, content);
    content.variables.forEach((x, i) => {
      this.insertVariable.run(v, i, x.id, x.name, x.definition, x.comment, flag(x.isScriptCreated), flag(x.isReserved), flag(x.isConfig));
      this.doc(v, 'variable', x.id, null, x.name, searchText(x.definition, x.comment));
    });
    content.bookmarks.forEach((b, i) => {
      this.insertBookmark.run(v, i, b.id, b.title, b.description, b.sheetId, json(b.selectionFields), b.createdDate);
      this.doc(v, 'bookmark', b.id, b.sheetId, b.title, searchText(b.description, b.selectionFields));
    });
    content.tables.forEach((t, i) => {
      this.insertTable.run(
        v,
        i,
        t.name,
        t.rowCount,
        t.fieldCount,
        t.keyFieldCount,
        t.comment,
        flag(t.isSynthetic),
        flag(t.isLoose),
        t.byteSize,
      );
      this.doc(v, 'table', t.name, null, t.name, t.comment);
    });
    content.fields.forEach((f, i) => {
      this.insertField.run(
        v,
        i,
        f.name,
        f.cardinal,
        f.totalCount,
        f.keyType,
        flag(f.isKey),
        json(f.tags),
        f.comment,
        flag(f.isNumeric),
        flag(f.isSystem),
        flag(f.isHidden),
      );
      for (const table of f.tables) this.insertTableField.run(v, table, f.name);
      this.doc(v, 'field', f.name, null, f.name, searchText(f.comment, f.tags, f.tables));
    });
    if (content.script !== null) {
      this.insertScript.run(v, content.script, json(scriptSections(content.script)));
      this.doc(v, 'script', app.id, null, `${app.name} load script`, content.script);
    }
    content.engineLineage.forEach((l, i) => this.insertEngineLineage.run(v, i, l.discriminator, l.statement));
  }

  private storeMasterItems(v: number, content: AppContent): void {
    const base = {
      versionId: v,
      expression: null,
      label: null,
      fieldDefs: null,
      grouping: null,
      visualizationType: null,
      dimensions: null,
      measures: null,
    };
    content.masterMeasures.forEach((m, i) => {
      this.insertMasterItem.run({
        ...base,
        kind: 'measure',
        position: i,
        id: m.id,
        title: m.title,
        description: m.description,
        expression: m.expression,
        label: m.label,
        tags: json(m.tags),
      });
      this.doc(v, 'master-measure', m.id, null, m.title, searchText(m.description, m.expression, m.label, m.tags));
    });
    content.masterDimensions.forEach((d, i) => {
      this.insertMasterItem.run({
        ...base,
        kind: 'dimension',
        position: i,
        id: d.id,
        title: d.title,
        description: d.description,
        fieldDefs: json(d.fieldDefs),
        grouping: d.grouping,
        tags: json(d.tags),
      });
      this.doc(v, 'master-dimension', d.id, null, d.title, searchText(d.description, d.fieldDefs, d.tags));
    });
    content.masterVisualizations.forEach((z, i) => {
      this.insertMasterItem.run({
        ...base,
        kind: 'visualization',
        position: i,
        id: z.id,
        title: z.title,
        description: z.description,
        visualizationType: z.type,
        dimensions: json(z.dimensions),
        measures: json(z.measures),
        tags: json(z.tags),
      });
      this.doc(
        v,
        'master-visualization',
        z.id,
        null,
        z.title,
        searchText(z.type, z.description, dimensionText(z.dimensions), measureText(z.measures), z.tags),
      );
    });
  }

  /** The broken references computed when the version was written; null for versions written before migration 006. */
  storedBrokenReferences(versionId: number): BrokenReference[] | null {
    const stored = this.versionById.get(versionId)?.broken_references;
    return typeof stored === 'string' ? parseJson<BrokenReference[]>(stored) : null;
  }

  version(versionId: number): AppVersionRow | null {
    const r = this.versionById.get(versionId);
    if (!r) return null;
    return {
      id: r.id,
      appId: r.app_id,
      contentHash: r.content_hash,
      createdByRunId: r.created_by_run_id,
      record: {
        id: r.app_id,
        name: r.name,
        description: r.description,
        spaceId: r.space_id,
        ownerId: r.owner_id,
        ownerName: r.owner_name,
        createdDate: r.created_date,
        modifiedDate: r.modified_date,
        lastReloadTime: r.last_reload_time,
        itemUpdatedAt: r.item_updated_at,
        publishTime: r.publish_time,
        published: bool(r.is_published),
        usage: r.usage,
        hasSectionAccess: bool(r.has_section_access),
        isDirectQueryMode: bool(r.is_direct_query_mode),
        tags: parseJson<string[]>(r.tags),
        fileSizeBytes: r.file_size_bytes,
        memoryBytes: r.memory_bytes,
        thumbnailUrl: r.thumbnail_url,
        ...customPropertiesOf(r.custom_properties),
        ...(typeof r.repository_sheet_count === 'number' ? { repositorySheetCount: r.repository_sheet_count } : {}),
        ...(r.unreadable_sheets ? { unreadableSheets: parseJson<UnreadableSheet[]>(r.unreadable_sheets) } : {}),
      },
      scriptError: r.script_error ? parseJson<ErrorShape>(r.script_error) : null,
      counts: {
        sheets: r.sheet_count,
        objects: r.object_count,
        masterItems: r.master_item_count,
        variables: r.variable_count,
        bookmarks: r.bookmark_count,
        tables: r.table_count,
        fields: r.field_count,
      },
    };
  }

  /** The version's content as the crawler handed it in (secrets masked). */
  content(versionId: number, scriptError: ErrorShape | null): AppContent {
    const script = this.scriptOf.get(versionId);
    return {
      script: script ? script.text : null,
      scriptError,
      sheets: this.sheetsOf.all(versionId).map(toSheet),
      objects: this.objectsOf.all(versionId).map(toObject),
      masterMeasures: this.masterItemsOf
        .all(versionId)
        .filter((r) => r['kind'] === 'measure')
        .map(toMasterMeasure),
      masterDimensions: this.masterItemsOf
        .all(versionId)
        .filter((r) => r['kind'] === 'dimension')
        .map(toMasterDimension),
      masterVisualizations: this.masterItemsOf
        .all(versionId)
        .filter((r) => r['kind'] === 'visualization')
        .map(toMasterVisualization),
      variables: this.variablesOf.all(versionId).map(toVariable),
      bookmarks: this.bookmarksOf.all(versionId).map(toBookmark),
      tables: this.tablesOf.all(versionId).map(toTable),
      fields: this.fieldsWithTables(versionId),
      engineLineage: this.engineLineageOf
        .all(versionId)
        .map((r): EngineLineageRecord => ({ discriminator: r.discriminator, statement: r.statement })),
    };
  }

  fieldsWithTables(versionId: number): FieldRecord[] {
    const tablesByField = new Map<string, string[]>();
    for (const tf of this.tableFieldsOf.all(versionId)) {
      const list = tablesByField.get(tf.field_name) ?? [];
      list.push(tf.table_name);
      tablesByField.set(tf.field_name, list);
    }
    const tableOrder = new Map(this.tablesOf.all(versionId).map((t, i) => [String(t['name']), i]));
    const byTableOrder = (a: string, b: string) => (tableOrder.get(a) ?? 1e9) - (tableOrder.get(b) ?? 1e9) || a.localeCompare(b);
    return this.fieldsOf.all(versionId).map((r) => toField(r, (tablesByField.get(String(r['name'])) ?? []).sort(byTableOrder)));
  }
}

type Row = Record<string, unknown>;
const str = (v: unknown): string => String(v ?? '');
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => Number(v);
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toSheet(r: Row): SheetRecord {
  return {
    id: str(r['id']),
    title: str(r['title']),
    description: str(r['description']),
    rank: optNum(r['rank']),
    columns: num(r['columns']),
    rows: num(r['rows']),
    ownerId: optStr(r['owner_id']),
    published: bool(r['is_published']),
    approved: bool(r['is_approved']),
    createdDate: optStr(r['created_date']),
    modifiedDate: optStr(r['modified_date']),
  };
}

export function toObject(r: Row): VisualObjectRecord {
  return {
    id: str(r['id']),
    sheetId: str(r['sheet_id']),
    parentId: optStr(r['parent_id']),
    type: str(r['type']),
    title: str(r['title']),
    subtitle: str(r['subtitle']),
    masterVisualizationId: optStr(r['master_visualization_id']),
    position: r['cell'] ? parseJson<CellPosition>(str(r['cell'])) : null,
    dimensions: parseJson<ObjectDimension[]>(str(r['dimensions'])),
    measures: parseJson<ObjectMeasure[]>(str(r['measures'])),
  };
}

export function toMasterMeasure(r: Row): MasterMeasureRecord {
  return {
    id: str(r['id']),
    title: str(r['title']),
    description: str(r['description']),
    expression: str(r['expression']),
    label: str(r['label']),
    tags: parseJson<string[]>(str(r['tags'])),
  };
}

export function toMasterDimension(r: Row): MasterDimensionRecord {
  return {
    id: str(r['id']),
    title: str(r['title']),
    description: str(r['description']),
    fieldDefs: parseJson<string[]>(str(r['field_defs'] ?? '[]')),
    grouping: str(r['grouping']),
    tags: parseJson<string[]>(str(r['tags'])),
  };
}

export function toMasterVisualization(r: Row): MasterVisualizationRecord {
  return {
    id: str(r['id']),
    title: str(r['title']),
    description: str(r['description']),
    type: str(r['visualization_type']),
    dimensions: parseJson<ObjectDimension[]>(str(r['dimensions'] ?? '[]')),
    measures: parseJson<ObjectMeasure[]>(str(r['measures'] ?? '[]')),
    tags: parseJson<string[]>(str(r['tags'])),
  };
}

export function toVariable(r: Row): VariableRecord {
  return {
    id: str(r['id']),
    name: str(r['name']),
    definition: str(r['definition']),
    comment: str(r['comment']),
    isScriptCreated: bool(r['is_script_created']),
    isReserved: bool(r['is_reserved']),
    isConfig: bool(r['is_config']),
  };
}

export function toBookmark(r: Row): BookmarkRecord {
  return {
    id: str(r['id']),
    title: str(r['title']),
    description: str(r['description']),
    sheetId: optStr(r['sheet_id']),
    selectionFields: parseJson<string[]>(str(r['selection_fields'])),
    createdDate: optStr(r['created_date']),
  };
}

export function toTable(r: Row): DataTableRecord {
  return {
    name: str(r['name']),
    rowCount: num(r['row_count']),
    fieldCount: num(r['field_count']),
    keyFieldCount: num(r['key_field_count']),
    comment: str(r['comment']),
    isSynthetic: bool(r['is_synthetic']),
    isLoose: bool(r['is_loose']),
    byteSize: optNum(r['byte_size']),
  };
}

export function toField(r: Row, tables: readonly string[]): FieldRecord {
  return {
    name: str(r['name']),
    tables,
    cardinal: optNum(r['cardinal']),
    totalCount: optNum(r['total_count']),
    keyType: str(r['key_type']) as KeyType,
    isKey: bool(r['is_key']),
    tags: parseJson<string[]>(str(r['tags'])),
    comment: str(r['comment']),
    isNumeric: bool(r['is_numeric']),
    isSystem: bool(r['is_system']),
    isHidden: bool(r['is_hidden']),
  };
}

/** Custom properties are optional on AppRecord: present only when the app has some. */
function customPropertiesOf(stored: string | undefined): { customProperties?: Array<{ name: string; value: string }> } {
  const list = stored ? parseJson<Array<{ name: string; value: string }>>(stored) : [];
  return list.length ? { customProperties: list } : {};
}
