/**
 * The engine walk of one app in one round trip: OpenDoc and, right behind it on the socket, ONE
 * pipelined batch addressed to the Doc handle the engine is about to give (two round trips when
 * the engine will not take requests before the Doc is open; see engine-session.ts). The batch:
 * GetScript, GetLineage, GetTablesAndKeys, GetObjects with qData JSON pointers that pull sheets +
 * cells, every chart definition and the master measures and dimensions in a single answer,
 * GetVariables, GetBookmarks and GetAllInfos. No per-chart GetObject/GetLayout: 8 engine calls
 * per app however many sheets and charts it has.
 *
 * Whether GetObjects returns master measures/dimensions is unverified on real engines
 * (qlik-protocol.md §1.7, §5). When GetAllInfos lists a library type GetObjects did not return,
 * or GetVariables/GetBookmarks are refused, the missing lists come from one list session object
 * (CreateSessionObject + GetLayout): one more round trip, 10 calls, only on such engines.
 */
import { AppError, toErrorShape, type ErrorShape } from '../api/errors';
import type { Transport } from '../qlik/connection-options';
import type { QixContainerEntry, QixDoc, QixNxInfo } from '../qlik/enigma-facade';
import { openEngineAppAndRun, type EngineAccess } from '../qlik/engine-session';
import { malformedResponse } from '../qlik/error-mapping';
import { mapAppContent, type ObjectEntry, type RawAppPayloads } from './app-content-mapping';
import type { AppContent } from './records';

/** Every object type the walk asks GetObjects for (qTypes has no wildcard on all engines). */
export const CRAWLED_OBJECT_TYPES = [
  'sheet',
  'masterobject',
  'measure',
  'dimension',
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
  /** Client-managed sites: engine URL, headers and TLS instead of the Bearer key. */
  readonly access?: EngineAccess;
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
  // OpenDoc and the batch leave together: one round trip per app where the engine allows it.
  const { engine, result: raw } = await openEngineAppAndRun(
    {
      transport: options.transport,
      apiKey: options.apiKey,
      appId: options.appId,
      withoutData: options.withoutData ?? true,
      ...(options.callTimeoutMs !== undefined ? { callTimeoutMs: options.callTimeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.access ? { access: options.access } : {}),
    },
    fetchPipelined,
  );
  try {
    const engineCalls = engine.callCount();
    return { content: mapOrRefuse({ ...raw, dataMetadata: await metadata }, options.appId), engineCalls };
  } finally {
    await engine.close();
  }
}

/**
 * The mapping reads engine answers leniently, but a value of a type no engine sends (a list that is
 * a number, a null entry) can still break it: that app fails as malformed-response, not 'internal'.
 */
export function mapOrRefuse(raw: RawAppPayloads, appId: string): AppContent {
  try {
    return mapAppContent(raw);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw malformedResponse(
      { host: 'engine', endpoint: `the engine answers for app ${appId}` },
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** Bookmarks come from Doc.GetBookmarks; these pointers match the Sense client's qBookmarkListDef. */
const BOOKMARK_QDATA = { metaDef: '/qMetaDef', sheetId: '/sheetId', selectionFields: '/selectionFields', creationDate: '/creationDate' };

/** Doc.GetVariables(qListDef): the VariableListDef the Sense client uses (qlik-protocol.md §1.7). */
const VARIABLE_LIST_DEF = { qType: 'variable', qShowReserved: true, qShowConfig: true, qShowSession: false, qData: { tags: '/tags' } };

/** The fallback list definitions, by the layout key each one fills. */
const LIBRARY_LIST_DEFS = {
  qMeasureList: ['qMeasureListDef', { qType: 'measure', qData: { measure: '/qMeasure', metaDef: '/qMetaDef' } }],
  qDimensionList: ['qDimensionListDef', { qType: 'dimension', qData: { dim: '/qDim', metaDef: '/qMetaDef' } }],
  qVariableList: ['qVariableListDef', VARIABLE_LIST_DEF],
  qBookmarkList: ['qBookmarkListDef', { qType: 'bookmark', qData: BOOKMARK_QDATA }],
} as const;

type LibraryList = keyof typeof LIBRARY_LIST_DEFS;

/** One session object carrying the list definitions an engine did not answer directly. */
export function libraryListsObject(lists: readonly LibraryList[]): Record<string, unknown> {
  const object: Record<string, unknown> = { qInfo: { qId: 'qme-library-lists', qType: 'qme-library-lists' } };
  for (const list of lists) {
    const [defKey, def] = LIBRARY_LIST_DEFS[list];
    object[defKey] = def;
  }
  return object;
}

function listItems(layout: Record<string, unknown>, key: string): unknown[] {
  const list = layout[key] as { qItems?: unknown } | undefined;
  return Array.isArray(list?.qItems) ? list.qItems : [];
}

type CrawlDoc = QixDoc & { getAllInfos(): Promise<QixNxInfo[]> };

/** A call the engine refused (unknown method, bad parameters): the list object can stand in for it. */
function isRefused(error: unknown): boolean {
  return error instanceof AppError && error.code === 'server-error';
}

async function refusable<T>(promise: Promise<T>): Promise<{ value: T } | null> {
  try {
    return { value: await promise };
  } catch (error) {
    if (isRefused(error)) return null;
    throw error;
  }
}

async function fetchPipelined(doc: QixDoc): Promise<Omit<RawAppPayloads, 'dataMetadata'>> {
  const crawlDoc = doc as CrawlDoc;
  // Sent back to back before any answer arrives: one round trip for the lot.
  const calls = [
    optional(doc.getScript(), null as string | null),
    optional(doc.getLineage(), [] as unknown[]),
    doc.getTablesAndKeys({ qcx: 1000, qcy: 1000 }, { qcx: 0, qcy: 0 }, 30, false, false),
    doc.getObjects({ qTypes: CRAWLED_OBJECT_TYPES, qIncludeSessionObjects: false, qData: OBJECT_QDATA }),
    refusable(doc.getVariables(VARIABLE_LIST_DEF)),
    refusable(doc.getBookmarks({ qTypes: ['bookmark'], qData: BOOKMARK_QDATA, qIncludePatches: false })),
    refusable(crawlDoc.getAllInfos()),
  ] as const;
  const settled = await Promise.allSettled(calls);
  const firstFailure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (firstFailure) throw firstFailure.reason;
  const [scriptResult, lineageResult, tablesResult, objectsResult, variablesResult, bookmarksResult, infosResult] = settled.map((s) =>
    s.status === 'fulfilled' ? s.value : undefined,
  ) as [
    { value: string | null; error: ErrorShape | null },
    { value: unknown[]; error: ErrorShape | null },
    RawAppPayloads['tablesAndKeys'],
    QixContainerEntry[],
    { value: unknown[] } | null,
    { value: unknown[] } | null,
    { value: QixNxInfo[] } | null,
  ];
  const objects = (Array.isArray(objectsResult) ? objectsResult : []).filter(isEntry);
  const missing = missingLists(objects, variablesResult, bookmarksResult, infosResult);
  const fallback = missing.length > 0 ? await fetchLibraryLists(doc, missing) : {};
  const variables = variablesResult && Array.isArray(variablesResult.value) ? variablesResult.value : listItems(fallback, 'qVariableList');
  const bookmarks = bookmarksResult && Array.isArray(bookmarksResult.value) ? bookmarksResult.value : listItems(fallback, 'qBookmarkList');
  const libraryEntries = [...listItems(fallback, 'qMeasureList'), ...listItems(fallback, 'qDimensionList'), ...bookmarks];
  return {
    script: scriptResult.value,
    scriptError: scriptResult.error,
    lineage: Array.isArray(lineageResult.value) ? lineageResult.value : [],
    tablesAndKeys: tablesResult ?? null,
    objects: [...objects, ...libraryEntries.filter(isEntry)],
    variables,
  };
}

/**
 * The lists the batch did not deliver: variables/bookmarks the engine refused, and master
 * measures/dimensions GetAllInfos lists but GetObjects left out (or all of them when GetAllInfos
 * itself was refused, since then nothing tells "none" from "not returned").
 */
function missingLists(
  objects: readonly ObjectEntry[],
  variables: unknown,
  bookmarks: unknown,
  infos: { value: QixNxInfo[] } | null,
): LibraryList[] {
  const missing: LibraryList[] = [];
  const returned = new Set(objects.map((o) => o.qInfo.qType));
  const listed = infos && Array.isArray(infos.value) ? new Set(infos.value.map((i) => i.qType)) : null;
  if (!returned.has('measure') && (listed === null || listed.has('measure'))) missing.push('qMeasureList');
  if (!returned.has('dimension') && (listed === null || listed.has('dimension'))) missing.push('qDimensionList');
  if (variables === null) missing.push('qVariableList');
  if (bookmarks === null) missing.push('qBookmarkList');
  return missing;
}

async function fetchLibraryLists(doc: QixDoc, lists: readonly LibraryList[]): Promise<Record<string, unknown>> {
  const object = await doc.createSessionObject(libraryListsObject(lists));
  return object.getLayout();
}

function isEntry(value: unknown): value is ObjectEntry {
  const info = (value as { qInfo?: { qId?: unknown; qType?: unknown } } | null)?.qInfo;
  return typeof info?.qId === 'string' && typeof info.qType === 'string';
}
