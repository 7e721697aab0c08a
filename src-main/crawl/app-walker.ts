/**
 * The engine walk of one app in three round trips: OpenDoc; then ONE pipelined batch (enigma sends
 * them back to back on the socket) — GetScript, GetLineage, GetTablesAndKeys, GetObjects with qData
 * JSON pointers that pull sheets + cells and every chart definition in a single answer, and
 * CreateSessionObject for the library lists; then that object's GetLayout. No per-chart
 * GetObject/GetLayout: 7 engine calls per app however many sheets and charts it has.
 */
import { AppError, toErrorShape, type ErrorShape } from '../api/errors';
import type { Transport } from '../qlik/connection-options';
import type { QixContainerEntry, QixDoc } from '../qlik/enigma-facade';
import { openEngineApp } from '../qlik/engine-session';
import { mapAppContent, type ObjectEntry, type RawAppPayloads } from './app-content-mapping';
import type { AppContent } from './records';

/** Every object type the walk asks GetObjects for (qTypes has no wildcard on all engines). */
export const CRAWLED_OBJECT_TYPES = [
  'sheet',
  'masterobject',
  'measure',
  'dimension',
  'bookmark',
  // visualizations (native and common supported extensions)
  'barchart',
  'linechart',
  'combochart',
  'piechart',
  'scatterplot',
  'table',
  'pivot-table',
  'straight-table',
  'kpi',
  'gauge',
  'treemap',
  'map',
  'histogram',
  'boxplot',
  'distributionplot',
  'waterfallchart',
  'mekkochart',
  'funnel-chart',
  'sankey-chart',
  'bulletchart',
  'grid-chart',
  'text-image',
  'action-button',
  'filterpane',
  'listbox',
  'container',
  'sn-layout-container',
  'sn-tabbed-container',
  'qlik-word-cloud',
  'variable-input',
  'video-player',
  'org-chart',
  'trellis-container',
  'button',
];

/**
 * JSON pointers into each object's properties (qlik-protocol.md §1.7 "Session-object lists" and
 * GetObjects). One map serves every type: a pointer that does not exist resolves to nothing.
 */
export const OBJECT_QDATA: Record<string, string> = {
  metaDef: '/qMetaDef',
  title: '/title',
  subtitle: '/subtitle',
  visualization: '/visualization',
  extendsId: '/qExtendsId',
  hyperCube: '/qHyperCubeDef',
  listObject: '/qListObjectDef',
  // Resolves against the layout (qChildList) where the engine allows it: filter pane → listboxes.
  childList: '/qChildList',
  children: '/children',
  cells: '/cells',
  rank: '/rank',
  columns: '/columns',
  rows: '/rows',
  measure: '/qMeasure',
  dim: '/qDim',
  sheetId: '/sheetId',
  selectionFields: '/selectionFields',
  creationDate: '/creationDate',
};

export interface WalkAppOptions {
  readonly transport: Transport;
  readonly apiKey: string;
  readonly appId: string;
  readonly callTimeoutMs?: number;
  readonly withoutData?: boolean;
  readonly signal?: AbortSignal;
  /** REST /data/metadata of the app; failures are tolerated (the engine model stands alone). */
  readonly fetchDataMetadata?: () => Promise<RawAppPayloads['dataMetadata']>;
}

export interface WalkedApp {
  readonly content: AppContent;
  readonly engineCalls: number;
}

/** Errors a read-only crawl identity gets from reload-level calls: the app is still readable. */
function isAccessDenied(error: unknown): boolean {
  return error instanceof AppError && error.code === 'app-access-denied';
}

async function optional<T>(promise: Promise<T>, fallback: T): Promise<{ value: T; error: ErrorShape | null }> {
  try {
    return { value: await promise, error: null };
  } catch (error) {
    // GetScript/GetLineage need the reload right (error 5, qlik-protocol.md §1.6): record, go on.
    if (isAccessDenied(error)) return { value: fallback, error: toErrorShape(error) };
    throw error;
  }
}

export async function walkApp(options: WalkAppOptions): Promise<WalkedApp> {
  // REST data/metadata (sizes, cardinalities) runs alongside the engine walk: no extra round trip.
  const metadata = options.fetchDataMetadata ? options.fetchDataMetadata().catch(() => null) : Promise.resolve(null);
  const engine = await openEngineApp({
    transport: options.transport,
    apiKey: options.apiKey,
    appId: options.appId,
    withoutData: options.withoutData ?? true,
    ...(options.callTimeoutMs !== undefined ? { callTimeoutMs: options.callTimeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    const raw = await fetchPipelined(engine.doc);
    const engineCalls = engine.callCount();
    return { content: mapAppContent({ ...raw, dataMetadata: await metadata }), engineCalls };
  } finally {
    await engine.close();
  }
}

/**
 * One session object carrying four list definitions: master measures, master dimensions,
 * variables and bookmarks are not GenericObjects, so GetObjects does not return them; one
 * CreateSessionObject + GetLayout fetches all four lists (qlik-protocol.md §1.7 list defs).
 */
export const LIBRARY_LISTS_OBJECT = {
  qInfo: { qId: 'qme-library-lists', qType: 'qme-library-lists' },
  qMeasureListDef: { qType: 'measure', qData: { measure: '/qMeasure', metaDef: '/qMetaDef' } },
  qDimensionListDef: { qType: 'dimension', qData: { dim: '/qDim', metaDef: '/qMetaDef' } },
  qVariableListDef: { qType: 'variable', qShowReserved: true, qShowConfig: true, qShowSession: false, qData: { tags: '/tags' } },
  qBookmarkListDef: {
    qType: 'bookmark',
    qData: { metaDef: '/qMetaDef', sheetId: '/sheetId', selectionFields: '/selectionFields', creationDate: '/creationDate' },
  },
};

function listItems(layout: Record<string, unknown>, key: string): unknown[] {
  const list = layout[key] as { qItems?: unknown } | undefined;
  return Array.isArray(list?.qItems) ? list.qItems : [];
}

async function fetchPipelined(doc: QixDoc): Promise<Omit<RawAppPayloads, 'dataMetadata'>> {
  // Sent back to back before any answer arrives: one round trip for the lot, plus one GetLayout.
  const script = optional(doc.getScript(), null as string | null);
  const lineage = optional(doc.getLineage(), [] as unknown[]);
  const tables = doc.getTablesAndKeys({ qcx: 1000, qcy: 1000 }, { qcx: 0, qcy: 0 }, 30, false, false);
  const objects = doc.getObjects({ qTypes: CRAWLED_OBJECT_TYPES, qIncludeSessionObjects: false, qData: OBJECT_QDATA });
  const libraryLayout = doc.createSessionObject(LIBRARY_LISTS_OBJECT).then((lists) => lists.getLayout());
  const settled = await Promise.allSettled([script, lineage, tables, objects, libraryLayout]);
  const firstFailure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (firstFailure) throw firstFailure.reason;
  const [scriptResult, lineageResult, tablesResult, objectsResult, layout] = settled.map((s) =>
    s.status === 'fulfilled' ? s.value : undefined,
  ) as [
    { value: string | null; error: ErrorShape | null },
    { value: unknown[]; error: ErrorShape | null },
    RawAppPayloads['tablesAndKeys'],
    QixContainerEntry[],
    Record<string, unknown>,
  ];
  const libraryEntries = [
    ...listItems(layout, 'qMeasureList'),
    ...listItems(layout, 'qDimensionList'),
    ...listItems(layout, 'qBookmarkList'),
  ];
  return {
    script: scriptResult.value,
    scriptError: scriptResult.error,
    lineage: Array.isArray(lineageResult.value) ? lineageResult.value : [],
    tablesAndKeys: tablesResult ?? null,
    objects: [...(Array.isArray(objectsResult) ? objectsResult : []), ...libraryEntries].filter(isEntry),
    variables: listItems(layout, 'qVariableList'),
  };
}

function isEntry(value: unknown): value is ObjectEntry {
  const info = (value as { qInfo?: { qId?: unknown; qType?: unknown } } | null)?.qInfo;
  return typeof info?.qId === 'string' && typeof info.qType === 'string';
}
