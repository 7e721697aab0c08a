/**
 * The repository half of a client-managed crawl (qlik-protocol.md §3): open the route (QRS on
 * 4242 with the client certificate, or a new QPS proxy session used as the virtual proxy's
 * cookie, with the CSRF token for WebSockets), then about, apps, streams, app objects, data
 * connections and reload tasks with their triggers — and, per app, how to reach its engine. The
 * engine walk itself is the cloud one (app-walker.ts). A proxy session the crawl made is ended
 * when the crawl closes.
 */
import { AppError } from '../api/errors';
import { mapClientManagedError, type ClientManagedContext } from '../qlik/client-managed-errors';
import {
  certificateEngineAccess,
  createClientManagedTransport,
  proxyEngineAccess,
  type ClientManagedOptions,
  type ClientManagedTransport,
} from '../qlik/client-managed-options';
import type { EngineAccess } from '../qlik/engine-session';
import { createProxySession, endProxySession, fetchCsrfToken } from '../qlik/qps-session';
import { certificateQrsRoute, createQrsClient, proxyQrsRoute, type QrsClient } from '../qlik/qrs-client';
import type { RetryNotice } from '../qlik/retrying';
import {
  qrsAboutSchema,
  qrsAppObjectSchema,
  qrsAppSchema,
  qrsCompositeEventSchema,
  qrsDataConnectionSchema,
  qrsReloadTaskSchema,
  qrsSchemaEventSchema,
  qrsStreamSchema,
} from '../qlik/qrs-schemas';
import { mapQrsApp, mapQrsDataConnection, mapReloadTask, mapStream } from './qrs-mapping';
import type { AppRecord, AutomationRecord, CollectionRecord, DataConnectionRecord, SpaceRecord, TenantRecord } from './records';

export interface RepositorySheet {
  /** The engine object id, as the crawled sheet's id. */
  readonly id: string;
  readonly title: string;
  readonly ownerName: string | null;
}

export type TenantObjects = [SpaceRecord[], CollectionRecord[], DataConnectionRecord[], AutomationRecord[]];

export interface ClientManagedInventory {
  readonly tenant: TenantRecord;
  /** QRS answers one array: a single page. Each app carries `repositorySheetCount` (`/qrs/app/object/full`). */
  appPages(): AsyncGenerator<AppRecord[]>;
  /** The app's sheets as the repository lists them, every owner's: engine object id, title, owner. */
  repositorySheets(appId: string): readonly RepositorySheet[];
  tenantObjects(signal?: AbortSignal): Promise<TenantObjects>;
  engineAccess(appId: string): EngineAccess;
  /** Gives an engine failure its client-managed meaning (403 → engine-forbidden, 401 → session-expired, TLS). */
  explainEngineError(error: unknown, appId: string): unknown;
  restCalls(): number;
  close(): Promise<void>;
}

/** `onNotice` hears of QRS retries and rate-limit waits, as the REST client's listener does. */
export async function openClientManagedInventory(
  options: ClientManagedOptions,
  signal?: AbortSignal,
  onNotice?: (notice: RetryNotice) => void,
): Promise<ClientManagedInventory> {
  const transport = createClientManagedTransport(options);
  let sessionId: string | null = null;
  try {
    return await open(transport, options, signal, (id) => (sessionId = id), onNotice);
  } catch (error) {
    if (sessionId) await endProxySession(transport, sessionId).catch(() => false);
    await transport.close();
    throw error;
  }
}

async function open(
  transport: ClientManagedTransport,
  options: ClientManagedOptions,
  signal: AbortSignal | undefined,
  onSession: (id: string) => void,
  onNotice: ((notice: RetryNotice) => void) | undefined,
): Promise<ClientManagedInventory> {
  const isProxy = options.auth === 'proxy-session';
  let qpsCalls = 0;
  let sessionId: string | null = null;
  let csrfToken: string | null = null;
  if (isProxy) {
    const session = await createProxySession(transport, {
      userDirectory: options.userDirectory,
      userId: options.userId,
      ...(options.sessionAttributes ? { attributes: options.sessionAttributes } : {}),
    });
    qpsCalls++;
    sessionId = session.sessionId;
    onSession(session.sessionId);
  }
  const route = sessionId ? proxyQrsRoute(transport, sessionId) : certificateQrsRoute(transport);
  const qrs: QrsClient = createQrsClient(transport, route, onNotice ? { onNotice } : {});
  // First call through the route: a wrong prefix, certificate or session fails here, before any app.
  const about = await qrs.getJson('/qrs/about', qrsAboutSchema, signal);
  if (sessionId) {
    csrfToken = await fetchCsrfToken(transport, sessionId);
    qpsCalls++;
  }
  const qrsApps = await qrs.list('/qrs/app/full', qrsAppSchema, signal);
  const sheets = await qrs.list(`/qrs/app/object/full?filter=${encodeURIComponent("objectType eq 'sheet'")}`, qrsAppObjectSchema, signal);
  const sheetsByApp = new Map<string, RepositorySheet[]>();
  for (const sheet of sheets) {
    if (!sheet.app?.id) continue;
    const list = sheetsByApp.get(sheet.app.id) ?? [];
    list.push({ id: sheet.engineObjectId || sheet.id, title: sheet.name ?? '', ownerName: sheet.owner?.name || null });
    sheetsByApp.set(sheet.app.id, list);
  }
  const apps = qrsApps.map((app) => ({ ...mapQrsApp(app), repositorySheetCount: sheetsByApp.get(app.id)?.length ?? 0 }));

  const user = `${options.userDirectory}\\${options.userId}`;
  const engineContext = (appId: string): ClientManagedContext => ({
    host: isProxy ? transport.proxyBase.host : `${transport.host}:${transport.ports.engine}`,
    endpoint: `open app ${appId}`,
    service: isProxy ? 'proxy' : 'engine',
    virtualProxy: transport.virtualProxy,
    user,
  });

  return {
    tenant: {
      url: transport.proxyBase.href.replace(/\/$/, ''),
      kind: 'client-managed',
      tenantId: about.buildVersion ? `QSEoW ${about.buildVersion}` : null,
      userId: user,
      userName: null,
    },
    async *appPages() {
      yield apps;
    },
    repositorySheets: (appId) => sheetsByApp.get(appId) ?? [],
    async tenantObjects(objectsSignal) {
      const [streams, connections, tasks, schemaEvents, compositeEvents] = await Promise.all([
        qrs.list('/qrs/stream/full', qrsStreamSchema, objectsSignal),
        qrs.list('/qrs/dataconnection/full', qrsDataConnectionSchema, objectsSignal),
        qrs.list('/qrs/reloadtask/full', qrsReloadTaskSchema, objectsSignal),
        qrs.list('/qrs/schemaevent/full', qrsSchemaEventSchema, objectsSignal),
        qrs.list('/qrs/compositeevent/full', qrsCompositeEventSchema, objectsSignal),
      ]);
      const spaceOfApp = new Map(apps.map((a) => [a.id, a.spaceId]));
      return [
        streams.map(mapStream),
        [],
        connections.map(mapQrsDataConnection),
        tasks.map((t) => mapReloadTask(t, schemaEvents, compositeEvents, spaceOfApp)),
      ];
    },
    engineAccess(appId) {
      return sessionId ? proxyEngineAccess(transport, appId, sessionId, csrfToken) : certificateEngineAccess(transport, appId);
    },
    explainEngineError(error, appId) {
      if (!(error instanceof AppError) || !error.detail) return error;
      if (error.code === 'cancelled' || error.code === 'timeout') return error;
      const mapped = mapClientManagedError(error, engineContext(appId));
      // Engine errors with a JSON-RPC code (access denied, not found) keep their meaning.
      return mapped.code === error.code && mapped.message === error.message ? error : mapped;
    },
    restCalls: () => qrs.stats.requests + qpsCalls,
    async close() {
      if (sessionId) await endProxySession(transport, sessionId).catch(() => false);
      await transport.close();
    },
  };
}
