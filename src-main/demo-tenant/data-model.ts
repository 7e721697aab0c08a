/**
 * Derives everything Qlik reports about a data model from the tables a script builds: key fields
 * (a field in two or more tables associates them), key types per table, field and table
 * records, and the engine's GetTablesAndKeys / REST data/metadata shapes.
 */
import type { DataTableRecord, FieldRecord, KeyType } from '../crawl/records';
import type { DataModel, JsonObject, ModelTable } from './tenant-model';

const keyTypeRank: Record<KeyType, number> = { NOT_KEY: 0, ANY_KEY: 1, PRIMARY_KEY: 2, PERFECT_KEY: 3 };

/** Fields appearing in several tables, with the tables they link. */
export function keyFields(model: DataModel): ReadonlyMap<string, readonly string[]> {
  return memoized(keyFieldsCache, model, () => {
    const tablesByField = new Map<string, string[]>();
    for (const table of model.tables) {
      for (const f of table.fields) tablesByField.set(f.name, [...(tablesByField.get(f.name) ?? []), table.name]);
    }
    return new Map([...tablesByField].filter(([, tables]) => tables.length > 1));
  });
}

// A data model never changes once generated (a revision builds a new one), and GetObjects asks
// for a field's description once per chart column: derived facts are computed once per model.
const keyFieldsCache = new WeakMap<DataModel, ReadonlyMap<string, readonly string[]>>();
const fieldRecordsCache = new WeakMap<DataModel, readonly FieldRecord[]>();

function memoized<V>(cache: WeakMap<DataModel, V>, model: DataModel, compute: () => V): V {
  let value = cache.get(model);
  if (value === undefined) {
    value = compute();
    cache.set(model, value);
  }
  return value;
}

function fieldCardinal(model: DataModel, name: string): number {
  return Math.max(0, ...model.tables.flatMap((t) => t.fields.filter((f) => f.name === name).map((f) => f.distinct)));
}

/**
 * qKeyType of a field in one table: unique per row → PRIMARY_KEY, and PERFECT_KEY when the table
 * also holds every value of the field; a key repeated per row → ANY_KEY.
 */
export function keyTypeIn(model: DataModel, table: ModelTable, fieldName: string): KeyType {
  if (!keyFields(model).has(fieldName)) return 'NOT_KEY';
  const f = table.fields.find((x) => x.name === fieldName);
  if (!f || f.distinct < table.rows) return 'ANY_KEY';
  return f.distinct >= fieldCardinal(model, fieldName) ? 'PERFECT_KEY' : 'PRIMARY_KEY';
}

function tagsOf(isKey: boolean, tags: readonly string[]): string[] {
  return isKey ? ['$key', ...tags] : [...tags];
}

export function tableByteSize(table: ModelTable): number {
  return table.rows * table.fields.length * 4 + 1024;
}

function fieldByteSize(cardinal: number, isNumeric: boolean): number {
  return cardinal * (isNumeric ? 8 : 16);
}

export function tableRecords(model: DataModel): DataTableRecord[] {
  const keys = keyFields(model);
  return model.tables.map((t) => ({
    name: t.name,
    rowCount: t.rows,
    fieldCount: t.fields.length,
    keyFieldCount: t.fields.filter((f) => keys.has(f.name)).length,
    comment: t.comment,
    isSynthetic: false,
    isLoose: false,
    byteSize: tableByteSize(t),
  }));
}

/** FieldRecord.keyType is the strongest key type the field has in any of its tables. */
export function fieldRecords(model: DataModel): readonly FieldRecord[] {
  return memoized(fieldRecordsCache, model, () => computeFieldRecords(model));
}

function computeFieldRecords(model: DataModel): FieldRecord[] {
  const keys = keyFields(model);
  const seen = new Map<string, FieldRecord>();
  for (const table of model.tables) {
    for (const f of table.fields) {
      if (seen.has(f.name)) continue;
      const tables = model.tables.filter((t) => t.fields.some((x) => x.name === f.name));
      const keyType = tables
        .map((t) => keyTypeIn(model, t, f.name))
        .reduce<KeyType>((best, k) => (keyTypeRank[k] > keyTypeRank[best] ? k : best), 'NOT_KEY');
      const cardinal = fieldCardinal(model, f.name);
      seen.set(f.name, {
        name: f.name,
        tables: tables.map((t) => t.name),
        cardinal,
        totalCount: cardinal,
        keyType,
        isKey: keys.has(f.name),
        tags: tagsOf(keys.has(f.name), f.tags),
        comment: '',
        isNumeric: f.isNumeric,
        isSystem: false,
        isHidden: false,
      });
    }
  }
  return [...seen.values()];
}

/** Doc.GetTablesAndKeys result `{qtr, qk}` (source view; the demo model has no synthetic keys). */
export function tablesAndKeys(model: DataModel): JsonObject {
  const keys = keyFields(model);
  const qtr = model.tables.map((t, i) => ({
    qName: t.name,
    qNoOfRows: t.rows,
    qPos: { qx: 40 + (i % 4) * 320, qy: 60 + Math.floor(i / 4) * 260 },
    qComment: t.comment,
    qFields: t.fields.map((f) => ({
      qName: f.name,
      qOriginalFields: [],
      qPresent: true,
      qHasDuplicates: f.distinct < t.rows,
      qInformationDensity: 1,
      qnNonNulls: t.rows,
      qnRows: t.rows,
      qSubsetRatio: Math.min(1, f.distinct / Math.max(1, fieldCardinal(model, f.name))),
      qnTotalDistinctValues: f.distinct,
      qnPresentDistinctValues: f.distinct,
      qKeyType: keyTypeIn(model, t, f.name),
      qTags: tagsOf(keys.has(f.name), f.tags),
    })),
  }));
  const qk = [...keys].map(([name, tables]) => ({ qKeyFields: [name], qTables: [...tables] }));
  return { qtr, qk };
}

/** REST GET /api/v1/apps/{id}/data/metadata (snake_case, protocol doc §2.3). */
export function dataMetadata(model: DataModel, usage: string, hasSectionAccess: boolean): JsonObject {
  const fields = fieldRecords(model);
  const tableSize = model.tables.reduce((sum, t) => sum + tableByteSize(t), 0);
  return {
    static_byte_size: tableSize * 2,
    has_section_access: hasSectionAccess,
    is_direct_query_mode: false,
    usage,
    reload_meta: {
      cpu_time_spent_ms: Math.round(tableSize / 1000),
      peak_memory_bytes: tableSize * 4,
      fullReloadPeakMemoryBytes: tableSize * 4,
      partialReloadPeakMemoryBytes: 0,
      hardware: { logical_cores: 8, total_memory: 34359738368 },
    },
    tables: model.tables.map((t) => ({
      name: t.name,
      no_of_rows: t.rows,
      no_of_fields: t.fields.length,
      no_of_key_fields: t.fields.filter((f) => fields.find((r) => r.name === f.name)?.isKey).length,
      byte_size: tableByteSize(t),
      is_system: false,
      is_semantic: false,
      is_loose: false,
      comment: t.comment,
    })),
    fields: fields.map((f) => ({
      name: f.name,
      src_tables: [...f.tables],
      cardinal: f.cardinal ?? 0,
      total_count: f.totalCount ?? 0,
      byte_size: fieldByteSize(f.cardinal ?? 0, f.isNumeric),
      is_numeric: f.isNumeric,
      tags: [...f.tags],
      hash: fieldHash(f.name),
      is_system: false,
      is_hidden: false,
      is_semantic: false,
      is_locked: false,
      distinct_only: false,
      always_one_selected: false,
      comment: f.comment,
    })),
    tables_profiling_data: [],
  };
}

function fieldHash(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}

/** Doc.GetFieldDescription(qFieldName) → FieldDescription, or null for an unknown field. */
export function fieldDescription(model: DataModel, name: string): JsonObject | null {
  const records = fieldRecords(model);
  const index = records.findIndex((f) => f.name === name);
  const f = records[index];
  if (!f) return null;
  return {
    qInternalNumber: index,
    qName: f.name,
    qSrcTables: [...f.tables],
    qCardinal: f.cardinal ?? 0,
    qTotalCount: f.totalCount ?? 0,
    qIsNumeric: f.isNumeric,
    qTags: [...f.tags],
    qComment: f.comment,
    qByteSize: fieldByteSize(f.cardinal ?? 0, f.isNumeric),
  };
}
