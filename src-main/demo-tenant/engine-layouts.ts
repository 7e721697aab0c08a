/**
 * Layouts derived from stored properties, the way the engine evaluates them (protocol doc §1.7):
 * qMetaDef → qMeta, qHyperCubeDef → qHyperCube, qChildListDef → qChildList, and every *ListDef a
 * session object can carry → its list. `qData` pointers resolve against an object's properties
 * first and its layout second, so any path a client asks for works, not only Qlik's defaults.
 */
import { fieldDescription, fieldRecords } from './data-model';
import { resolvePointer } from './json-pointer';
import type { DemoAppContent, JsonObject, JsonValue, StoredObject } from './tenant-model';

export interface LayoutContext {
  readonly content: DemoAppContent;
  /** Persisted objects plus this socket's session objects. */
  readonly lookup: (id: string) => StoredObject | undefined;
  readonly allObjects: () => Iterable<StoredObject>;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asStrings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function qMetaOf(object: StoredObject): JsonObject {
  const def = object.properties.qMetaDef;
  return { ...(isObject(def) ? def : {}), ...object.meta };
}

/** Resolves a `qData` spec (name → JSON pointer) against one object. */
export function resolveQData(spec: JsonValue | undefined, object: StoredObject, ctx: LayoutContext): JsonObject {
  if (!isObject(spec)) return {};
  const out: JsonObject = {};
  const layouts = new Map<string, JsonObject>();
  for (const [name, pointer] of Object.entries(spec)) {
    if (typeof pointer !== 'string') continue;
    let value = resolvePointer(object.properties, pointer);
    if (value === undefined) {
      // Only the layout entry the pointer starts with is computed: a child list does not need the
      // chart's hypercube evaluated. The value is the same as in the whole layout.
      const entry = pointerHead(pointer);
      const partial = layouts.get(entry) ?? layoutOf(object, ctx, entry);
      layouts.set(entry, partial);
      value = resolvePointer(partial, pointer);
    }
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function containerEntry(object: StoredObject, qData: JsonValue | undefined, ctx: LayoutContext): JsonObject {
  return { qInfo: { qId: object.id, qType: object.genericType }, qMeta: qMetaOf(object), qData: resolveQData(qData, object, ctx) };
}

function objectsOfType(ctx: LayoutContext, type: string): StoredObject[] {
  return [...ctx.allObjects()].filter((o) => o.genericType === type);
}

/** Properties with a linked master visualization merged in (qExtendsId), as GetEffectiveProperties returns them. */
export function effectiveProperties(object: StoredObject, ctx: LayoutContext): JsonObject {
  const extendsId = object.properties.qExtendsId;
  if (typeof extendsId !== 'string' || extendsId === '') return object.properties;
  const master = ctx.lookup(extendsId);
  if (!master) return object.properties;
  const { qInfo: _info, qMetaDef: _meta, ...definition } = master.properties;
  return { ...definition, ...object.properties, ...pickDefinition(definition) };
}

function pickDefinition(definition: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of ['qHyperCubeDef', 'title', 'subtitle', 'footnote', 'showTitles', 'version']) {
    const value = definition[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The first key of a JSON pointer: '/qChildList/qItems' → 'qChildList'. */
function pointerHead(pointer: string): string {
  const end = pointer.indexOf('/', 1);
  return pointer.slice(1, end < 0 ? undefined : end);
}

/**
 * GetLayout's answer; with `only`, just that top-level entry is evaluated (the rest may be left out),
 * for the qData pointers of GetObjects and list definitions.
 */
export function layoutOf(object: StoredObject, ctx: LayoutContext, only?: string): JsonObject {
  switch (object.handleType) {
    case 'GenericVariable':
      return variableLayout(object);
    case 'GenericDimension':
      return {
        ...evaluate(object.properties, object, ctx, only),
        ...(only === undefined || only === 'qDimInfos' ? { qDimInfos: dimensionInfos(object, ctx) } : {}),
      };
    default:
      return evaluate(object.handleType === 'GenericObject' ? effectiveProperties(object, ctx) : object.properties, object, ctx, only);
  }
}

/** The properties that make layout entry `only`: itself, or its `q…Def` definition. */
function propertiesFor(properties: JsonObject, only: string | undefined): [string, JsonValue][] {
  if (only === undefined) return Object.entries(properties);
  return [only, `${only}Def`].flatMap((key) => (properties[key] !== undefined ? [[key, properties[key]] as [string, JsonValue]] : []));
}

function evaluate(properties: JsonObject, object: StoredObject, ctx: LayoutContext, only?: string): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of propertiesFor(properties, only)) {
    switch (key) {
      case 'qMetaDef':
        out.qMeta = qMetaOf(object);
        break;
      case 'qHyperCubeDef':
        out.qHyperCube = hyperCube(value, ctx);
        break;
      case 'qListObjectDef':
        out.qListObject = listObject(value, ctx);
        break;
      case 'qChildListDef':
        out.qChildList = { qItems: object.childIds.flatMap((id) => childItem(id, value, ctx)) };
        break;
      case 'qAppObjectListDef':
        out.qAppObjectList = { qItems: typedEntries(value, ctx) };
        break;
      case 'qMeasureListDef':
        out.qMeasureList = { qItems: typedEntries(value, ctx, 'measure') };
        break;
      case 'qDimensionListDef':
        out.qDimensionList = { qItems: typedEntries(value, ctx, 'dimension') };
        break;
      case 'qBookmarkListDef':
        out.qBookmarkList = { qItems: typedEntries(value, ctx, 'bookmark') };
        break;
      case 'qVariableListDef':
        out.qVariableList = { qItems: variableItems(value, ctx) };
        break;
      case 'qFieldListDef':
        out.qFieldList = { qItems: fieldItems(value, ctx) };
        break;
      default:
        out[key] = value;
    }
  }
  if (only === undefined || only === 'qMeta') out.qMeta ??= qMetaOf(object);
  if (only === undefined || only === 'qSelectionInfo') out.qSelectionInfo = {};
  return out;
}

function childItem(id: string, def: JsonValue, ctx: LayoutContext): JsonObject[] {
  const child = ctx.lookup(id);
  if (!child) return [];
  const qData = isObject(def) ? def.qData : undefined;
  return [
    {
      qInfo: { qId: child.id, qType: child.genericType },
      qMeta: { privileges: ['read', 'update', 'delete', 'exportdata'] },
      qData: resolveQData(qData, child, ctx),
    },
  ];
}

export function typedEntries(def: JsonValue, ctx: LayoutContext, fallbackType?: string): JsonObject[] {
  if (!isObject(def)) return [];
  const type = typeof def.qType === 'string' ? def.qType : fallbackType;
  if (!type) return [];
  return objectsOfType(ctx, type).map((o) => containerEntry(o, def.qData, ctx));
}

export function variableItems(def: JsonValue, ctx: LayoutContext): JsonObject[] {
  if (!isObject(def)) return [];
  const showReserved = def.qShowReserved === true;
  const showConfig = def.qShowConfig === true;
  return objectsOfType(ctx, 'variable')
    .filter((v) => (showReserved || !v.variableFlags?.isReserved) && (showConfig || !v.variableFlags?.isConfig))
    .map((v) => {
      const p = v.properties;
      const flags = v.variableFlags;
      // The engine omits flags that are false (protocol doc §1.7, GetTablesAndKeys note).
      return {
        qName: p.qName ?? '',
        qDefinition: p.qDefinition ?? '',
        ...(p.qComment ? { qDescription: p.qComment } : {}),
        ...(flags?.isReserved ? { qIsReserved: true } : {}),
        ...(flags?.isConfig ? { qIsConfig: true } : {}),
        ...(flags?.isScriptCreated ? { qIsScriptCreated: true } : {}),
        qInfo: { qId: v.id, qType: 'variable' },
        qMeta: {},
        qData: resolveQData(def.qData, v, ctx),
      };
    });
}

const systemFields = ['$Field', '$Table', '$Rows', '$Fields', '$FieldNo', '$Info'];

function fieldItems(def: JsonValue, ctx: LayoutContext): JsonObject[] {
  if (!isObject(def)) return [];
  const showSrcTables = def.qShowSrcTables === true;
  const items: JsonObject[] = fieldRecords(ctx.content.dataModel).map((f) => ({
    qName: f.name,
    qCardinal: f.cardinal ?? 0,
    qTags: [...f.tags],
    ...(showSrcTables ? { qSrcTables: [...f.tables] } : {}),
  }));
  if (def.qShowSystem === true) {
    for (const name of systemFields) items.push({ qName: name, qCardinal: 0, qTags: ['$system'], qIsSystem: true, qIsHidden: true });
  }
  return items;
}

function dimensionInfos(object: StoredObject, ctx: LayoutContext): JsonObject[] {
  const dim = object.properties.qDim;
  const fields = isObject(dim) ? asStrings(dim.qFieldDefs) : [];
  return fields.map((name) => {
    const d = fieldDescription(ctx.content.dataModel, name);
    return { qApprMaxGlyphCount: Math.max(4, name.length), qCardinal: (d?.qCardinal as number | undefined) ?? 0, qTags: d?.qTags ?? [] };
  });
}

function variableLayout(object: StoredObject): JsonObject {
  const definition = typeof object.properties.qDefinition === 'string' ? object.properties.qDefinition : '';
  const text = definition.replace(/^'(.*)'$/, '$1');
  const num = Number(text);
  return {
    qInfo: { qId: object.id, qType: 'variable' },
    qMeta: {},
    qText: text,
    ...(text !== '' && Number.isFinite(num) ? { qNum: num } : {}),
    ...(object.variableFlags?.isScriptCreated ? { qIsScriptCreated: true } : {}),
  };
}

/** Dimension info for a hypercube column: inline field defs, or the master dimension's. */
function dimensionColumn(dim: JsonValue, ctx: LayoutContext): JsonObject {
  const d = isObject(dim) ? dim : {};
  const libraryId = typeof d.qLibraryId === 'string' ? d.qLibraryId : '';
  const def = isObject(d.qDef) ? d.qDef : {};
  const master = libraryId ? ctx.lookup(libraryId) : undefined;
  const masterDim = master && isObject(master.properties.qDim) ? master.properties.qDim : undefined;
  const fieldDefs = masterDim ? asStrings(masterDim.qFieldDefs) : asStrings(def.qFieldDefs);
  const first = fieldDefs[0] ?? '';
  const description = fieldDescription(ctx.content.dataModel, first);
  const title = masterDim && typeof masterDim.title === 'string' ? masterDim.title : first;
  return {
    qFallbackTitle: title,
    qApprMaxGlyphCount: Math.max(4, title.length),
    qCardinal: (description?.qCardinal as number | undefined) ?? 0,
    qSortIndicator: 'A',
    qGroupFallbackTitles: fieldDefs,
    qGroupPos: 0,
    qTags: description?.qTags ?? [],
    qDimensionType: description?.qIsNumeric ? 'N' : 'D',
    qGrouping: masterDim?.qGrouping ?? def.qGrouping ?? 'N',
    qGroupFieldDefs: fieldDefs,
    ...(libraryId ? { qLibraryId: libraryId } : {}),
    ...(typeof def.cId === 'string' ? { cId: def.cId } : {}),
    qAttrExprInfo: [],
    qAttrDimInfo: [],
  };
}

function measureColumn(measure: JsonValue, ctx: LayoutContext): JsonObject {
  const m = isObject(measure) ? measure : {};
  const libraryId = typeof m.qLibraryId === 'string' ? m.qLibraryId : '';
  const def = isObject(m.qDef) ? m.qDef : {};
  const master = libraryId ? ctx.lookup(libraryId) : undefined;
  const masterMeasure = master && isObject(master.properties.qMeasure) ? master.properties.qMeasure : undefined;
  const label = masterMeasure ? masterMeasure.qLabel : def.qLabel || def.qDef;
  return {
    qFallbackTitle: typeof label === 'string' ? label : '',
    qApprMaxGlyphCount: 10,
    qCardinal: 0,
    qSortIndicator: 'D',
    qNumFormat: { qType: 'U', qnDec: 10, qUseThou: 0 },
    qMin: 0,
    qMax: 0,
    qIsAutoFormat: true,
    ...(libraryId ? { qLibraryId: libraryId } : {}),
    ...(typeof def.cId === 'string' ? { cId: def.cId } : {}),
    qAttrExprInfo: [],
    qAttrDimInfo: [],
  };
}

/** The demo serves metadata only: hypercubes describe their columns but carry no data pages. */
function hyperCube(def: JsonValue, ctx: LayoutContext): JsonObject {
  const d = isObject(def) ? def : {};
  const dims = Array.isArray(d.qDimensions) ? d.qDimensions : [];
  const measures = Array.isArray(d.qMeasures) ? d.qMeasures : [];
  return {
    qSize: { qcx: dims.length + measures.length, qcy: 0 },
    qDimensionInfo: dims.map((x) => dimensionColumn(x, ctx)),
    qMeasureInfo: measures.map((x) => measureColumn(x, ctx)),
    qEffectiveInterColumnSortOrder: d.qInterColumnSortOrder ?? [],
    qGrandTotalRow: [],
    qDataPages: [],
    qPivotDataPages: [],
    qStackedDataPages: [],
    qMode: d.qMode ?? 'S',
    qNoOfLeftDims: -1,
    qTreeNodesOnDim: [],
    qColumnOrder: d.qColumnOrder ?? [],
  };
}

function listObject(def: JsonValue, ctx: LayoutContext): JsonObject {
  const info = dimensionColumn(def, ctx);
  return { qStateName: '$', qSize: { qcx: 1, qcy: info.qCardinal ?? 0 }, qDimensionInfo: info, qExpressions: [], qDataPages: [] };
}

/** GenericObjectEntry tree (GetFullPropertyTree): the object's properties and its children's, recursively. */
export function propertyTree(object: StoredObject, ctx: LayoutContext): JsonObject {
  return {
    qProperty: object.properties,
    qChildren: object.childIds.flatMap((id) => {
      const child = ctx.lookup(id);
      return child ? [propertyTree(child, ctx)] : [];
    }),
    qEmbeddedSnapshotRef: null,
  };
}
