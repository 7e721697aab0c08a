/**
 * Engine answers of one app → AppContent records. Pure: the app walker hands in what the
 * pipelined calls returned (GetObjects entries with qData, variables, tables and keys, script,
 * lineage) and gets plain records back. Secrets in lineage statements are masked here.
 */
import type { ErrorShape } from '../api/errors';
import { maskSecrets } from '../qlik/secret-masking';
import { arr, bool, type Json, num, numOrNull, obj, str, strOrNull, strings } from './engine-json';
import type {
  AppContent,
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
  VariableRecord,
  VisualObjectRecord,
} from './records';

/** One NxContainerEntry from GetObjects / a list object: qInfo, qMeta, qData (our JSON pointers). */
export interface ObjectEntry {
  readonly qInfo: { readonly qId: string; readonly qType: string };
  readonly qMeta?: Json;
  readonly qData?: Json;
  /** Some engines (and our demo tenant) report the parent of a child object. */
  readonly qParent?: string;
}

export interface RawAppPayloads {
  readonly script: string | null;
  readonly scriptError: ErrorShape | null;
  readonly lineage: readonly unknown[];
  readonly tablesAndKeys: { readonly qtr?: readonly unknown[]; readonly qk?: readonly unknown[] } | null;
  readonly objects: readonly ObjectEntry[];
  readonly variables: readonly unknown[];
  /** REST /data/metadata of the app: table byte sizes, field cardinalities. */
  readonly dataMetadata?: DataMetadataInput | null;
}

/** Object types that are not visualizations on a sheet. */
const NON_VISUAL_TYPES = new Set([
  'sheet',
  'masterobject',
  'measure',
  'dimension',
  'bookmark',
  'variable',
  'story',
  'slide',
  'slideitem',
  'snapshot',
  'embeddedsnapshot',
  'appprops',
  'AppPropsList',
  'LoadModel',
  'odagapplink',
  'colormap',
  'dimension-group',
]);

export function isVisualType(type: string): boolean {
  return !NON_VISUAL_TYPES.has(type);
}

function metaOf(entry: ObjectEntry): Json {
  return obj(entry.qMeta);
}

function dataOf(entry: ObjectEntry): Json {
  return obj(entry.qData);
}

export function mapDimensions(hyperCubeDef: unknown): ObjectDimension[] {
  return arr(obj(hyperCubeDef).qDimensions).map((d) => {
    const dim = obj(d);
    const def = obj(dim.qDef);
    return {
      libraryId: strOrNull(dim.qLibraryId),
      fieldDefs: strings(def.qFieldDefs),
      label: str(arr(def.qFieldLabels)[0]) || str(def.label),
    };
  });
}

export function mapMeasures(hyperCubeDef: unknown): ObjectMeasure[] {
  return arr(obj(hyperCubeDef).qMeasures).map((m) => {
    const measure = obj(m);
    const def = obj(measure.qDef);
    return { libraryId: strOrNull(measure.qLibraryId), expression: str(def.qDef), label: str(def.qLabel) };
  });
}

/** A listbox (filter pane child) shows one field: its qListObjectDef is the object's one dimension. */
function listObjectDimensions(listObjectDef: unknown): ObjectDimension[] {
  const def = obj(listObjectDef);
  if (Object.keys(def).length === 0) return [];
  const inner = obj(def.qDef);
  return [{ libraryId: strOrNull(def.qLibraryId), fieldDefs: strings(inner.qFieldDefs), label: str(arr(inner.qFieldLabels)[0]) }];
}

function mapPosition(cell: Json): CellPosition {
  const bounds = obj(cell.bounds);
  const hasBounds = ['x', 'y', 'width', 'height'].every((k) => typeof bounds[k] === 'number');
  return {
    col: num(cell.col, 0),
    row: num(cell.row, 0),
    colspan: num(cell.colspan, 1),
    rowspan: num(cell.rowspan, 1),
    bounds: hasBounds
      ? { x: bounds.x as number, y: bounds.y as number, width: bounds.width as number, height: bounds.height as number }
      : null,
  };
}

function mapSheet(entry: ObjectEntry): SheetRecord {
  const meta = metaOf(entry);
  const data = dataOf(entry);
  return {
    id: entry.qInfo.qId,
    title: str(obj(data.metaDef).title) || str(meta.title),
    description: str(obj(data.metaDef).description) || str(meta.description),
    rank: numOrNull(data.rank),
    columns: num(data.columns, 24),
    rows: num(data.rows, 12),
    ownerId: strOrNull(meta.ownerId) ?? strOrNull(obj(meta.owner).id),
    published: bool(meta.published),
    approved: bool(meta.approved),
    createdDate: strOrNull(meta.createdDate),
    modifiedDate: strOrNull(meta.modifiedDate),
  };
}

/** Child object ids a container or filter pane declares in its own properties. */
function declaredChildIds(data: Json): string[] {
  const fromChildren = arr(data.children).map((c) => str(obj(c).refId) || str(obj(c).qId) || (typeof c === 'string' ? c : ''));
  const fromChildList = arr(obj(data.childList).qItems).map((item) => str(obj(obj(item).qInfo).qId));
  return [...new Set([...fromChildren, ...fromChildList])].filter((id) => id !== '');
}

/** Sheets, their cells and nested objects, with every object attached to its sheet. */
export function mapSheetsAndObjects(entries: readonly ObjectEntry[]): { sheets: SheetRecord[]; objects: VisualObjectRecord[] } {
  const byId = new Map(entries.map((e) => [e.qInfo.qId, e]));
  const sheetEntries = entries.filter((e) => e.qInfo.qType === 'sheet');
  const sheets = sheetEntries.map(mapSheet).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));

  // Parent links: explicit qParent, else declared by containers ({children:[{refId}]}).
  const parentOf = new Map<string, string>();
  for (const entry of entries) {
    if (entry.qParent) parentOf.set(entry.qInfo.qId, entry.qParent);
    for (const childId of declaredChildIds(dataOf(entry))) if (!parentOf.has(childId)) parentOf.set(childId, entry.qInfo.qId);
  }

  // Each parent's children in entry order (one pass, instead of a scan of every entry per object).
  const childrenOf = new Map<string, ObjectEntry[]>();
  for (const entry of entries) {
    const parentId = parentOf.get(entry.qInfo.qId);
    if (parentId === undefined) continue;
    const siblings = childrenOf.get(parentId);
    if (siblings) siblings.push(entry);
    else childrenOf.set(parentId, [entry]);
  }

  const objects: VisualObjectRecord[] = [];
  const placed = new Set<string>();
  const place = (entry: ObjectEntry, sheetId: string, parentId: string | null, position: CellPosition | null): void => {
    if (placed.has(entry.qInfo.qId)) return;
    placed.add(entry.qInfo.qId);
    const master = byId.get(str(dataOf(entry).extendsId));
    objects.push(mapVisualObject(entry, sheetId, parentId, position, master));
    for (const child of childrenOf.get(entry.qInfo.qId) ?? []) place(child, sheetId, entry.qInfo.qId, null);
  };
  for (const sheetEntry of sheetEntries) {
    const sheetId = sheetEntry.qInfo.qId;
    for (const rawCell of arr(dataOf(sheetEntry).cells)) {
      const cell = obj(rawCell);
      const entry = byId.get(str(cell.name));
      if (entry) place(entry, sheetId, null, mapPosition(cell));
    }
    // Children parented directly to the sheet but missing from its cells (older sheets).
    for (const entry of childrenOf.get(sheetId) ?? []) {
      if (isVisualType(entry.qInfo.qType)) place(entry, sheetId, null, null);
    }
  }
  return { sheets, objects };
}

/**
 * A cell linked to a master visualization (qExtendsId) has thin properties; its effective
 * definition is the master's (what GetEffectiveProperties would merge), so we merge it here.
 */
function mapVisualObject(
  entry: ObjectEntry,
  sheetId: string,
  parentId: string | null,
  position: CellPosition | null,
  master: ObjectEntry | undefined,
): VisualObjectRecord {
  const own = dataOf(entry);
  const inherited = master ? dataOf(master) : {};
  const data = { ...inherited, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined && v !== null && v !== '')) };
  const meta = metaOf(entry);
  const masterTitle = master ? str(obj(inherited.metaDef).title) || str(metaOf(master).title) : '';
  return {
    id: entry.qInfo.qId,
    sheetId,
    parentId,
    type: str(data.visualization) || entry.qInfo.qType,
    title: str(own.title) || masterTitle || str(inherited.title) || str(meta.title),
    subtitle: str(data.subtitle),
    masterVisualizationId: strOrNull(own.extendsId),
    position,
    dimensions: [...mapDimensions(data.hyperCube), ...listObjectDimensions(data.listObject)],
    measures: mapMeasures(data.hyperCube),
  };
}

export function mapMasterMeasure(entry: ObjectEntry): MasterMeasureRecord {
  const data = dataOf(entry);
  const meta = metaOf(entry);
  const measure = obj(data.measure);
  const metaDef = obj(data.metaDef);
  return {
    id: entry.qInfo.qId,
    title: str(metaDef.title) || str(meta.title),
    description: str(metaDef.description) || str(meta.description),
    expression: str(measure.qDef),
    label: str(measure.qLabel),
    tags: strings(metaDef.tags ?? meta.tags),
  };
}

export function mapMasterDimension(entry: ObjectEntry): MasterDimensionRecord {
  const data = dataOf(entry);
  const meta = metaOf(entry);
  const dim = obj(data.dim);
  const metaDef = obj(data.metaDef);
  return {
    id: entry.qInfo.qId,
    title: str(metaDef.title) || str(meta.title) || str(dim.title),
    description: str(metaDef.description) || str(meta.description),
    fieldDefs: strings(dim.qFieldDefs),
    grouping: str(dim.qGrouping) || 'N',
    tags: strings(metaDef.tags ?? meta.tags),
  };
}

export function mapMasterVisualization(entry: ObjectEntry): MasterVisualizationRecord {
  const data = dataOf(entry);
  const meta = metaOf(entry);
  const metaDef = obj(data.metaDef);
  return {
    id: entry.qInfo.qId,
    title: str(metaDef.title) || str(meta.title) || str(data.title),
    description: str(metaDef.description) || str(meta.description),
    type: str(data.visualization) || entry.qInfo.qType,
    dimensions: [...mapDimensions(data.hyperCube), ...listObjectDimensions(data.listObject)],
    measures: mapMeasures(data.hyperCube),
    tags: strings(metaDef.tags ?? meta.tags),
  };
}

export function mapBookmark(entry: ObjectEntry): BookmarkRecord {
  const data = dataOf(entry);
  const meta = metaOf(entry);
  const metaDef = obj(data.metaDef);
  return {
    id: entry.qInfo.qId,
    title: str(metaDef.title) || str(meta.title),
    description: str(metaDef.description) || str(meta.description),
    sheetId: strOrNull(data.sheetId),
    selectionFields: selectionFieldNames(data.selectionFields),
    createdDate: strOrNull(data.creationDate) ?? strOrNull(meta.createdDate),
  };
}

/** selectionFields is "A, B" text in the Sense client; tolerate arrays too. */
function selectionFieldNames(value: unknown): string[] {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return strings(value);
}

export function mapVariable(raw: unknown): VariableRecord | null {
  const v = obj(raw);
  const info = obj(v.qInfo);
  const name = str(v.qName);
  if (!name) return null;
  return {
    id: str(info.qId) || name,
    name,
    definition: str(v.qDefinition),
    comment: str(v.qDescription) || str(v.qComment),
    isScriptCreated: bool(v.qIsScriptCreated),
    isReserved: bool(v.qIsReserved),
    isConfig: bool(v.qIsConfig),
  };
}

const KEY_RANK: Record<KeyType, number> = { NOT_KEY: 0, ANY_KEY: 1, PRIMARY_KEY: 2, PERFECT_KEY: 3 };

function keyTypeOf(value: unknown): KeyType {
  return value === 'ANY_KEY' || value === 'PRIMARY_KEY' || value === 'PERFECT_KEY' ? value : 'NOT_KEY';
}

/** REST /data/metadata fields used to complete the engine's data model (sizes, cardinalities). */
export interface DataMetadataInput {
  readonly tables?: ReadonlyArray<{ readonly name: string; readonly byte_size?: number | null }> | null;
  readonly fields?: ReadonlyArray<{
    readonly name: string;
    readonly src_tables?: readonly string[] | null;
    readonly cardinal?: number | null;
    readonly total_count?: number | null;
    readonly is_numeric?: boolean | null;
    readonly tags?: readonly string[] | null;
  }> | null;
}

/**
 * GetTablesAndKeys (source view) → tables and fields; a field in several tables is one record
 * with the strongest key type it has anywhere. REST data/metadata, when given, adds byte sizes
 * and the field-level cardinal/total counts the engine reports per table only.
 */
export function mapDataModel(
  tablesAndKeys: RawAppPayloads['tablesAndKeys'],
  metadata: DataMetadataInput | null | undefined = null,
): { tables: DataTableRecord[]; fields: FieldRecord[] } {
  const tableSizes = new Map<string, number>();
  for (const t of metadata?.tables ?? []) if (typeof t.byte_size === 'number') tableSizes.set(t.name, t.byte_size);
  const metaFields = new Map((metadata?.fields ?? []).map((f) => [f.name, f]));
  const tables: DataTableRecord[] = [];
  const fields = new Map<string, { record: FieldRecord; tables: string[]; distinct: number | null }>();
  for (const rawTable of arr(tablesAndKeys?.qtr)) {
    const table = obj(rawTable);
    const name = str(table.qName);
    if (!name) continue;
    const tableFields = arr(table.qFields).map(obj);
    tables.push({
      name,
      rowCount: num(table.qNoOfRows, 0),
      fieldCount: tableFields.length,
      keyFieldCount: tableFields.filter((f) => keyTypeOf(f.qKeyType) !== 'NOT_KEY').length,
      comment: str(table.qComment),
      isSynthetic: bool(table.qIsSynthetic),
      isLoose: bool(table.qLoose),
      byteSize: tableSizes.get(name) ?? null,
    });
    for (const field of tableFields) {
      const fieldName = str(field.qName);
      if (!fieldName) continue;
      const keyType = keyTypeOf(field.qKeyType);
      const distinct = numOrNull(field.qnTotalDistinctValues);
      const existing = fields.get(fieldName);
      if (existing) {
        existing.tables.push(name);
        if (distinct !== null && (existing.distinct === null || distinct > existing.distinct)) existing.distinct = distinct;
        if (KEY_RANK[keyType] > KEY_RANK[existing.record.keyType]) existing.record = { ...existing.record, keyType };
        continue;
      }
      const tags = strings(field.qTags);
      fields.set(fieldName, {
        tables: [name],
        distinct,
        record: {
          name: fieldName,
          tables: [],
          cardinal: null,
          totalCount: null,
          keyType,
          isKey: false,
          tags,
          comment: str(field.qComment),
          isNumeric: tags.includes('$numeric'),
          isSystem: tags.includes('$system'),
          isHidden: tags.includes('$hidden'),
        },
      });
    }
  }
  const fieldRecords = [...fields.values()].map(({ record, tables: inTables, distinct }) => {
    const meta = metaFields.get(record.name);
    return {
      ...record,
      tables: meta?.src_tables?.length ? [...meta.src_tables] : inTables,
      cardinal: meta?.cardinal ?? distinct,
      totalCount: meta?.total_count ?? distinct,
      tags: meta?.tags ? [...meta.tags] : record.tags,
      isNumeric: meta?.is_numeric ?? record.isNumeric,
      // A field in two or more tables links them: a key even where the engine says NOT_KEY.
      isKey: record.keyType !== 'NOT_KEY' || inTables.length > 1,
    };
  });
  return { tables, fields: fieldRecords };
}

export function mapEngineLineage(lineage: readonly unknown[]): EngineLineageRecord[] {
  return lineage.map((raw) => {
    const line = obj(raw);
    return {
      discriminator: maskSecrets(str(line.qDiscriminator) || str(line.discriminator)),
      statement: maskSecrets(str(line.qStatement) || str(line.statement)),
    };
  });
}

export function mapAppContent(raw: RawAppPayloads): AppContent {
  const { sheets, objects } = mapSheetsAndObjects(raw.objects);
  const ofType = (type: string) => raw.objects.filter((e) => e.qInfo.qType === type);
  const { tables, fields } = mapDataModel(raw.tablesAndKeys, raw.dataMetadata);
  return {
    script: raw.script,
    scriptError: raw.scriptError,
    sheets,
    objects,
    masterMeasures: ofType('measure').map(mapMasterMeasure),
    masterDimensions: ofType('dimension').map(mapMasterDimension),
    masterVisualizations: ofType('masterobject').map(mapMasterVisualization),
    variables: raw.variables.map(mapVariable).filter((v): v is VariableRecord => v !== null),
    bookmarks: ofType('bookmark').map(mapBookmark),
    tables,
    fields,
    engineLineage: mapEngineLineage(raw.lineage),
  };
}
