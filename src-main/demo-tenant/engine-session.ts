/**
 * One QIX engine session (one WebSocket): JSON-RPC framing, the per-socket handle table, the
 * delta flag and Qlik's error codes, exactly as protocol doc §1 describes them.
 */
import { appContent, contentWithoutLastSheets } from './app-content';
import { engineLineage } from './engine-lineage';
import { fieldDescription, tablesAndKeys } from './data-model';
import {
  effectiveProperties,
  layoutOf,
  propertyTree,
  qMetaOf,
  resolveQData,
  typedEntries,
  variableItems,
  type LayoutContext,
} from './engine-layouts';
import { engineSchemaVersion, normalizeParams, schemaMethod } from './engine-schema';
import { bump, delay, type DemoStats, type FaultConfig } from './faults';
import type { DemoApp, DemoAppContent, EngineHandleType, JsonObject, JsonValue, StoredObject, TenantModel } from './tenant-model';

/** Engine error codes and messages from Qlik's OpenRPC spec (protocol doc §1.6). */
export class EngineError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly parameter: string = '',
  ) {
    super(message);
  }
}

const accessDenied = (): EngineError => new EngineError(5, 'Access denied');

const ANSWER_PREFIX = '{"jsonrpc":"2.0","id":null';
/** Doc methods whose answer depends on the app content alone (none creates a handle). */
const CACHEABLE_DOC_METHODS = new Set([
  'GetScript',
  'GetLineage',
  'GetTablesAndKeys',
  'GetObjects',
  'GetVariables',
  'GetBookmarks',
  'GetAllInfos',
  'GetAppLayout',
  'GetAppProperties',
  'GetConnections',
]);
const answerCache = new WeakMap<DemoAppContent, Map<string, string>>();

function answersOf(content: DemoAppContent): Map<string, string> {
  let answers = answerCache.get(content);
  if (!answers) {
    answers = new Map();
    answerCache.set(content, answers);
  }
  return answers;
}

/** A fault config that changes no answer: latency only. */
function onlyLatency(faults: FaultConfig): boolean {
  return Object.entries(faults).every(([key, value]) => key === 'latencyMs' || value === undefined);
}

type HandleEntry = { readonly kind: 'global' } | { readonly kind: 'doc' } | { readonly kind: 'object'; readonly objectId: string };

interface OpenDoc {
  readonly app: DemoApp;
  readonly content: DemoAppContent;
  readonly noData: boolean;
}

export interface EngineSessionDeps {
  readonly model: TenantModel;
  /** Keep serialised Doc answers per app content and reuse them (a bench tenant; see DemoTenantOptions.cacheAnswers). */
  readonly cacheAnswers?: () => boolean;
  readonly urlAppId: string | null;
  readonly faults: () => FaultConfig;
  readonly stats: DemoStats;
  readonly send: (text: string) => void;
  readonly terminate: () => void;
}

interface Reply {
  readonly result: JsonObject;
  readonly close?: number[];
}

export class EngineSession {
  private readonly handles = new Map<number, HandleEntry>([[-1, { kind: 'global' }]]);
  private readonly handleByObject = new Map<string, number>();
  private readonly sessionObjects = new Map<string, StoredObject>();
  private nextHandle = 1;
  private requestCount = 0;
  private doc: OpenDoc | null = null;
  private closed = false;
  /** Set while the Doc refuses requests until the next reply goes out (faults.docOpensAfterReply). */
  private docOpening: FaultConfig['docOpensAfterReply'];
  /** Whether a reply went out since the last request arrived: the next request starts a round trip. */
  private hasRepliedSinceRequest = true;

  constructor(private readonly deps: EngineSessionDeps) {}

  /** The first message a client sees (protocol doc §1.2). */
  onConnected(): void {
    this.deps.send(JSON.stringify({ jsonrpc: '2.0', method: 'OnConnected', params: { qSessionState: 'SESSION_CREATED' } }));
  }

  markClosed(): void {
    this.closed = true;
  }

  async handleMessage(text: string): Promise<void> {
    let request: { id?: unknown; method?: unknown; handle?: unknown; params?: unknown; delta?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      this.deps.send(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, parameter: '', message: 'JSON parse error' } }));
      return;
    }
    const id = typeof request.id === 'number' || typeof request.id === 'string' ? request.id : null;
    const method = typeof request.method === 'string' ? request.method : '';
    const faults = this.deps.faults();
    const stats = this.deps.stats;
    bump(stats.engine, method);
    stats.engineTotal++;
    if (this.hasRepliedSinceRequest) {
      bump(stats.engineRoundTripsByApp, this.appKey());
      this.hasRepliedSinceRequest = false;
    }
    this.requestCount++;
    if (faults.dropSocketAfterCalls && this.requestCount >= faults.dropSocketAfterCalls) {
      bump(stats.faults, 'drop-socket');
      this.deps.terminate();
      return;
    }
    if (faults.neverReplyMethods?.includes(method)) {
      bump(stats.faults, 'never-reply');
      bump(stats.engineByApp, this.appKey());
      return;
    }
    const handle = typeof request.handle === 'number' ? request.handle : NaN;
    let out: string;
    try {
      out = this.answer(id, handle, method, request.params, request.delta === true, faults);
    } catch (error) {
      const e = error instanceof EngineError ? error : new EngineError(-32603, error instanceof Error ? error.message : 'Internal error');
      out = JSON.stringify({ jsonrpc: '2.0', id, error: { code: e.code, parameter: e.parameter, message: e.message } });
    }
    bump(stats.engineByApp, this.appKey());
    const slow = faults.slowReplyMs && (!faults.slowMethods || faults.slowMethods.includes(method)) ? faults.slowReplyMs : 0;
    await delay((faults.latencyMs ?? 0) + slow);
    if (this.closed) return;
    if (faults.malformedJson?.engineMethods?.includes(method)) {
      bump(stats.faults, 'malformed-engine');
      out = out.slice(0, Math.max(1, Math.floor(out.length / 2)));
    }
    this.deps.send(out);
    this.hasRepliedSinceRequest = true;
    this.docOpening = undefined;
  }

  /**
   * The serialised success frame. With cacheAnswers, a Doc's answers are kept per app content (a
   * revision or modifyApp makes new content) while nothing but latency is injected and the socket
   * holds no session objects: the same request then costs a lookup instead of a re-evaluation.
   */
  private answer(id: string | number | null, handle: number, method: string, params: unknown, delta: boolean, faults: FaultConfig): string {
    const entry = this.handles.get(handle);
    const cache =
      this.deps.cacheAnswers?.() === true &&
      CACHEABLE_DOC_METHODS.has(method) &&
      entry?.kind === 'doc' &&
      !this.docOpening &&
      this.doc &&
      this.sessionObjects.size === 0 &&
      onlyLatency(faults)
        ? answersOf(this.doc.content)
        : null;
    const key = cache ? `${method}\u0000${delta ? 1 : 0}\u0000${JSON.stringify(params ?? null)}` : '';
    let withoutId = cache?.get(key);
    if (withoutId !== undefined) this.deps.stats.engineCachedAnswers++;
    else {
      withoutId = JSON.stringify(this.successFrame(null, this.dispatch(handle, method, params), delta));
      cache?.set(key, withoutId);
    }
    // successFrame writes jsonrpc, then id: the cached text starts with the null id.
    return `{"jsonrpc":"2.0","id":${JSON.stringify(id)}${withoutId.slice(ANSWER_PREFIX.length)}`;
  }

  private appKey(): string {
    return this.doc?.app.record.id ?? this.deps.urlAppId ?? '';
  }

  /** Wraps each result key as a full-replace patch when the client asked for delta (§1.5); never a top-level null. */
  private successFrame(id: string | number | null, reply: Reply, delta: boolean): JsonObject {
    const hasNull = Object.values(reply.result).some((v) => v === null);
    const result: JsonObject = {};
    for (const [key, value] of Object.entries(reply.result)) result[key] = delta && !hasNull ? [{ op: 'add', path: '/', value }] : value;
    return { jsonrpc: '2.0', id, ...(delta && !hasNull ? { delta: true } : {}), result, ...(reply.close ? { close: reply.close } : {}) };
  }

  private dispatch(handle: number, method: string, params: unknown): Reply {
    const entry = this.handles.get(handle);
    if (entry?.kind === 'doc' && this.docOpening === 'app-invalid') throw new EngineError(1007, 'App invalid');
    if (!entry || (entry.kind === 'doc' && this.docOpening)) throw new EngineError(-32602, 'Invalid Params', 'Invalid handle');
    const object = entry.kind === 'object' ? this.lookup(entry.objectId) : undefined;
    const qType = entry.kind === 'global' ? 'Global' : entry.kind === 'doc' ? 'Doc' : (object?.handleType ?? 'GenericObject');
    const schema = schemaMethod(qType, method);
    if (!schema || this.deps.faults().unsupportedMethods?.includes(method)) throw new EngineError(-32601, 'Method does not exist', method);
    const args = normalizeParams(schema, params);
    if (!args) throw new EngineError(-32602, 'Invalid Params', 'params');
    const value =
      entry.kind === 'global'
        ? this.global(method, args)
        : entry.kind === 'doc'
          ? this.docMethod(method, args)
          : this.objectMethod(object, method, args);
    if (value === undefined) throw new EngineError(-32601, 'Method does not exist', method);
    if (!('value' in value)) return value;
    const outs = schema.Out.map((o) => o.Name);
    if (outs.length === 0) return { result: { qReturn: value.value } };
    if (outs.length === 1) return { result: { [outs[0] as string]: value.value } };
    return { result: value.value as JsonObject };
  }

  // ---- Global ----

  private global(method: string, args: Record<string, unknown>): { value: JsonValue } | undefined {
    switch (method) {
      case 'OpenDoc':
        return { value: this.openDoc(String(args.qDocName ?? ''), args.qNoData === true) };
      case 'GetActiveDoc':
        if (!this.doc) throw new EngineError(1007, 'App invalid');
        return { value: this.docRef() };
      case 'EngineVersion':
        return { value: { qComponentVersion: engineSchemaVersion } };
      case 'ProductVersion':
        return { value: engineSchemaVersion };
      case 'GetAuthenticatedUser':
        return { value: this.deps.model.me.subject };
      case 'IsDesktopMode':
        return { value: false };
      case 'GetDocList':
        return {
          value: this.deps.model.apps.map((a) => ({
            qDocName: a.record.id,
            qDocId: a.record.id,
            qTitle: a.record.name,
            qLastReloadTime: a.record.lastReloadTime ?? '',
            qMeta: {},
            qFileSize: a.record.fileSizeBytes ?? 0,
          })),
        };
      default:
        return undefined;
    }
  }

  private openDoc(appId: string, noData: boolean): JsonObject {
    const faults = this.deps.faults();
    if (this.doc) throw new EngineError(1002, 'App already open', appId);
    const app = this.deps.model.apps.find((a) => a.record.id === appId);
    if (faults.notFoundAppIds?.includes(appId)) bump(this.deps.stats.faults, 'not-found');
    if (!app || faults.notFoundAppIds?.includes(appId)) throw new EngineError(1003, 'App not found', appId);
    if (faults.openDeniedAppIds?.includes(appId)) {
      bump(this.deps.stats.faults, 'open-denied');
      throw accessDenied();
    }
    this.doc = { app, content: contentWithoutLastSheets(appContent(this.deps.model, app), faults.hiddenSheetsPerApp ?? 0), noData };
    const handle = faults.docHandle ?? this.nextHandle;
    this.handles.set(handle, { kind: 'doc' });
    this.docOpening = faults.docOpensAfterReply;
    this.nextHandle = Math.max(this.nextHandle, handle) + 1;
    return this.docRef();
  }

  private docRef(): JsonObject {
    const handle = [...this.handles].find(([, e]) => e.kind === 'doc')?.[0] ?? 1;
    return { qType: 'Doc', qHandle: handle, qGenericId: this.doc?.app.record.id ?? '' };
  }

  // ---- Doc ----

  private requireDoc(): OpenDoc {
    if (!this.doc) throw new EngineError(1007, 'App invalid');
    return this.doc;
  }

  private context(): LayoutContext {
    const doc = this.requireDoc();
    return {
      content: doc.content,
      lookup: (id) => this.lookup(id),
      allObjects: () => [...doc.content.objects.values(), ...this.sessionObjects.values()],
    };
  }

  private lookup(id: string): StoredObject | undefined {
    return this.sessionObjects.get(id) ?? this.doc?.content.objects.get(id);
  }

  private refTo(object: StoredObject | undefined, expected: EngineHandleType): JsonObject {
    if (!object || object.handleType !== expected) return { qType: null, qHandle: null };
    let handle = this.handleByObject.get(object.id);
    if (handle === undefined) {
      handle = this.nextHandle++;
      this.handles.set(handle, { kind: 'object', objectId: object.id });
      this.handleByObject.set(object.id, handle);
    }
    return { qType: object.handleType, qHandle: handle, qGenericType: object.genericType, qGenericId: object.id };
  }

  private isDenied(): boolean {
    const denied = this.deps.faults().accessDeniedAppIds?.includes(this.requireDoc().app.record.id) ?? false;
    if (denied) bump(this.deps.stats.faults, 'access-denied');
    return denied;
  }

  private docMethod(method: string, args: Record<string, unknown>): { value: JsonValue } | Reply | undefined {
    const doc = this.requireDoc();
    const { app, content } = doc;
    const id = typeof args.qId === 'string' ? args.qId : '';
    switch (method) {
      case 'GetAppLayout':
        return { value: appLayout(this.deps.model, app, doc.noData) };
      case 'GetAppProperties':
        return { value: appProperties(app) };
      case 'GetAllInfos':
        return { value: [...content.objects.values()].map((o) => ({ qId: o.id, qType: o.genericType })) };
      case 'GetScript':
        if (this.isDenied()) throw accessDenied();
        return { value: content.truth.script ?? '' };
      case 'GetScriptEx':
        return { value: { qScript: content.truth.script ?? '', qMeta: {}, qIsLocked: false } };
      case 'GetLineage':
        if (this.isDenied()) throw accessDenied();
        return { value: engineLineage(content) };
      case 'GetConnections':
        if (this.isDenied()) throw accessDenied();
        return { value: [] };
      case 'GetTablesAndKeys':
        return { value: tablesAndKeys(content.dataModel) };
      case 'GetFieldDescription':
        return { value: fieldDescription(content.dataModel, String(args.qFieldName ?? '')) ?? { qName: String(args.qFieldName ?? '') } };
      case 'GetObjects':
        return { value: this.getObjects(args.qOptions) };
      case 'GetVariables':
        return { value: variableItems((args.qListDef ?? {}) as JsonValue, this.context()) };
      case 'GetBookmarks':
        return { value: this.getBookmarks(args.qOptions) };
      case 'GetObject':
        return { value: this.refTo(this.lookup(id), 'GenericObject') };
      case 'GetMeasure':
        return { value: this.refTo(this.lookup(id), 'GenericMeasure') };
      case 'GetDimension':
        return { value: this.refTo(this.lookup(id), 'GenericDimension') };
      case 'GetBookmark':
        return { value: this.refTo(this.lookup(id), 'GenericBookmark') };
      case 'GetVariableById':
        return { value: this.refTo(this.lookup(id), 'GenericVariable') };
      case 'GetVariableByName': {
        const name = String(args.qName ?? '');
        const found = [...content.objects.values()].find((o) => o.handleType === 'GenericVariable' && o.properties.qName === name);
        return { value: this.refTo(found, 'GenericVariable') };
      }
      case 'CreateSessionObject':
        return { value: this.createSessionObject(args.qProp) };
      case 'DestroySessionObject':
        return this.destroySessionObject(id);
      default:
        return undefined;
    }
  }

  /**
   * Generic objects of the asked types; master measures and dimensions too when qTypes names them
   * explicitly (unless the getObjectsOmitsLibraryItems knob plays an engine that never returns them).
   */
  private getObjects(options: unknown): JsonValue {
    const o = (options ?? {}) as { qTypes?: unknown; qIncludeSessionObjects?: unknown; qData?: JsonValue };
    const types = Array.isArray(o.qTypes) ? o.qTypes.filter((t): t is string => typeof t === 'string') : [];
    const ctx = this.context();
    const withLibraryItems = types.length > 0 && this.deps.faults().getObjectsOmitsLibraryItems !== true;
    const listed = (obj: StoredObject): boolean =>
      obj.handleType === 'GenericObject' ||
      (withLibraryItems && (obj.handleType === 'GenericMeasure' || obj.handleType === 'GenericDimension'));
    const pool = [
      ...this.requireDoc().content.objects.values(),
      ...(o.qIncludeSessionObjects === true ? this.sessionObjects.values() : []),
    ];
    return pool
      .filter((obj) => listed(obj) && !obj.isInternal && (types.length === 0 || types.includes(obj.genericType)))
      .map((obj) => ({ qInfo: { qId: obj.id, qType: obj.genericType }, qMeta: qMetaOf(obj), qData: resolveQData(o.qData, obj, ctx) }));
  }

  /** Doc.GetBookmarks(qOptions {qTypes, qData}) → NxContainerEntry[] of bookmarks, like a qBookmarkListDef. */
  private getBookmarks(options: unknown): JsonValue {
    const o = (options ?? {}) as { qData?: JsonValue };
    return typedEntries({ qType: 'bookmark', qData: o.qData ?? {} }, this.context());
  }

  private createSessionObject(prop: unknown): JsonObject {
    if (prop === null || typeof prop !== 'object' || Array.isArray(prop)) throw new EngineError(-32602, 'Invalid Params', 'qProp');
    const properties = structuredClone(prop) as JsonObject;
    const info = (properties.qInfo ?? {}) as { qId?: unknown; qType?: unknown };
    const qType = typeof info.qType === 'string' && info.qType !== '' ? info.qType : 'GenericObject';
    const qId = typeof info.qId === 'string' && info.qId !== '' ? info.qId : `session-${this.nextHandle}-${qType}`;
    properties.qInfo = { qId, qType };
    const existing = this.handleByObject.get(qId);
    if (existing !== undefined) {
      this.handles.delete(existing);
      this.handleByObject.delete(qId);
    }
    const object: StoredObject = {
      id: qId,
      handleType: 'GenericObject',
      genericType: qType,
      properties,
      parentId: null,
      childIds: [],
      meta: {},
    };
    this.sessionObjects.set(qId, object);
    return this.refTo(object, 'GenericObject');
  }

  private destroySessionObject(id: string): Reply {
    if (!this.sessionObjects.delete(id)) return { result: { qSuccess: false } };
    const handle = this.handleByObject.get(id);
    this.handleByObject.delete(id);
    if (handle === undefined) return { result: { qSuccess: true } };
    this.handles.delete(handle);
    return { result: { qSuccess: true }, close: [handle] };
  }

  // ---- GenericObject / GenericMeasure / GenericDimension / GenericVariable / GenericBookmark ----

  private objectMethod(object: StoredObject | undefined, method: string, args: Record<string, unknown>): { value: JsonValue } | undefined {
    if (!object) throw new EngineError(-32602, 'Invalid Params', 'Invalid handle');
    const ctx = this.context();
    switch (method) {
      case 'GetLayout':
        return { value: layoutOf(object, ctx) };
      case 'GetProperties':
        return { value: object.properties };
      case 'GetEffectiveProperties':
        return { value: effectiveProperties(object, ctx) };
      case 'GetFullPropertyTree':
        return { value: propertyTree(object, ctx) };
      case 'GetInfo':
        return { value: { qId: object.id, qType: object.genericType } };
      case 'GetChildInfos':
        return {
          value: object.childIds.flatMap((id) => (this.lookup(id) ? [{ qId: id, qType: this.lookup(id)?.genericType ?? '' }] : [])),
        };
      case 'GetChild': {
        const id = String(args.qId ?? '');
        return { value: this.refTo(object.childIds.includes(id) ? this.lookup(id) : undefined, 'GenericObject') };
      }
      case 'GetParent':
        return { value: this.refTo(object.parentId ? this.lookup(object.parentId) : undefined, 'GenericObject') };
      case 'GetMeasure':
        return object.handleType === 'GenericMeasure' ? { value: object.properties.qMeasure ?? {} } : undefined;
      case 'GetDimension':
        return object.handleType === 'GenericDimension' ? { value: object.properties.qDim ?? {} } : undefined;
      case 'GetRawContent':
        return object.handleType === 'GenericVariable' ? { value: object.properties.qDefinition ?? '' } : undefined;
      case 'GetLinkedObjects':
        return { value: this.linkedObjects(object.id) };
      default:
        return undefined;
    }
  }

  /** Objects that use a master item through qLibraryId or qExtendsId. */
  private linkedObjects(id: string): JsonValue {
    const needle = `"${id}"`;
    return [...this.requireDoc().content.objects.values()]
      .filter((o) => o.id !== id && o.handleType === 'GenericObject' && JSON.stringify(o.properties).includes(needle))
      .map((o) => ({ qRootId: rootOf(o, this.requireDoc().content), qInfo: { qId: o.id, qType: o.genericType } }));
  }
}

function rootOf(object: StoredObject, content: DemoAppContent): string {
  let current = object;
  while (current.parentId) {
    const parent = content.objects.get(current.parentId);
    if (!parent) break;
    current = parent;
  }
  return current.id;
}

const localeInfo: JsonObject = {
  qDecimalSep: '.',
  qThousandSep: ',',
  qListSep: ',',
  qMoneyDecimalSep: '.',
  qMoneyThousandSep: ',',
  qCurrentYear: 2025,
  qMoneyFmt: '$#,##0.00;-$#,##0.00',
  qTimeFmt: 'h:mm:ss TT',
  qDateFmt: 'YYYY-MM-DD',
  qTimestampFmt: 'YYYY-MM-DD h:mm:ss[.fff]',
  qFirstWeekDay: 0,
  qReferenceDay: 4,
  qFirstMonthOfYear: 1,
  qCollation: 'en-US',
};

const appPrivileges: JsonValue = [
  'read',
  'update',
  'delete',
  'reload',
  'export',
  'duplicate',
  'change_owner',
  'change_space',
  'exportappdata',
];

/** Doc.GetAppLayout, with the Cloud app attributes at top level ([3P] per protocol doc §1.7). */
function appLayout(model: TenantModel, app: DemoApp, noData: boolean): JsonObject {
  const r = app.record;
  const owner = model.users.find((u) => u.id === r.ownerId);
  return {
    qTitle: r.name,
    qFileName: r.id,
    qLastReloadTime: r.lastReloadTime ?? '',
    qModified: false,
    qHasScript: true,
    qStateNames: [],
    qMeta: { privileges: appPrivileges },
    qLocaleInfo: localeInfo,
    qHasData: !noData,
    qReadOnly: false,
    qIsOpenedWithoutData: noData,
    qIsSessionApp: false,
    qProhibitBinaryLoad: false,
    qThumbnail: { qUrl: r.thumbnailUrl ?? '' },
    qIsBDILiveMode: false,
    qIsDirectQueryMode: false,
    qUnsupportedFeatures: [],
    qUsage: r.usage ?? 'ANALYTICS',
    id: r.id,
    description: r.description,
    owner: owner?.subject ?? '',
    ownerId: r.ownerId ?? '',
    spaceId: r.spaceId ?? '',
    createdDate: r.createdDate ?? '',
    modifiedDate: r.modifiedDate ?? '',
    published: r.published,
    publishTime: r.publishTime ?? '',
    hassectionaccess: r.hasSectionAccess,
    encrypted: true,
    _resourcetype: 'app',
  };
}

function appProperties(app: DemoApp): JsonObject {
  const r = app.record;
  return {
    qTitle: r.name,
    qLastReloadTime: r.lastReloadTime ?? '',
    qMigrationHash: r.id.replace(/-/g, '').slice(0, 20),
    qSavedInProductVersion: engineSchemaVersion,
    qThumbnail: { qUrl: r.thumbnailUrl ?? '' },
    qHasSectionAccess: r.hasSectionAccess,
    qUsage: r.usage ?? 'ANALYTICS',
    description: r.description,
  };
}
