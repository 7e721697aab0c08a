/**
 * The demo tenant server: Qlik Cloud REST v1 and the QIX engine WebSocket on one port, over
 * HTTP or HTTPS. Started in-process by the app, the CLI and the tests.
 */
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../api/errors';
import type { AppRecord } from '../crawl/records';
import { attachEngineSocket } from './engine-socket';
import { emptyStats, FaultState, type DemoStats, type FaultConfig } from './faults';
import { generateTenant } from './generate-tenant';
import { handleRest, hasBearer } from './rest-api';
import { createRandom, deriveSeed } from './prng';
import { demoRevisionOf, setDemoRevision, type DemoRevision } from './revision';
import { demoCertificate } from './tls-certificate';
import type { DemoApp, TenantModel } from './tenant-model';

export interface DemoTenantOptions {
  /** 0 or absent: any free port. */
  readonly port?: number;
  readonly host?: string;
  readonly apps?: number;
  readonly seed?: number;
  readonly sheetsPerApp?: number;
  readonly chartsPerSheet?: number;
  /** Shorthand for faults.latencyMs. */
  readonly latencyMs?: number;
  readonly tls?: boolean;
  /** Random when absent. */
  readonly apiKey?: string;
  readonly faults?: FaultConfig;
  /** 1 (default) or 2: a later state of the same tenant with documented changes (revision.ts). */
  readonly revision?: DemoRevision;
  /**
   * Keep each app's serialised Doc answers and reuse them while no fault but latency is set: the
   * crawl bench's tenant, so that once warmed it spends little of the CPU the crawler is measured on.
   */
  readonly cacheAnswers?: boolean;
}

export interface DemoTenant {
  /** `http(s)://host:port`, no trailing slash. Engine sockets: `ws(s)://host:port/app/{appId}`. */
  readonly url: string;
  readonly apiKey: string;
  readonly model: TenantModel;
  readonly stats: DemoStats;
  /** The CA that signed the server certificate (tls only). */
  readonly caCertPem?: string;
  setFaults(faults: FaultConfig): void;
  /** Turns the answer cache (DemoTenantOptions.cacheAnswers) on or off; what it holds is kept. */
  setAnswerCache(enabled: boolean): void;
  resetStats(): void;
  /** Holds every engine reply until the returned function is called (then sends them in order). */
  holdEngineReplies(): () => void;
  /** Bumps modifiedDate and itemUpdatedAt and retitles the first sheet; returns the new record. */
  modifyApp(appId: string): AppRecord;
  /** Adds a dashboard to the first domain; returns its record. */
  addApp(): AppRecord;
  deleteApp(appId: string): void;
  /** Switches the tenant to revision 1 or 2 while it runs (docs/demo-tenant.md, Revision 2). */
  setRevision(revision: DemoRevision): void;
  readonly revision: DemoRevision;
  close(): Promise<void>;
}

export const defaultDemoSeed = 20250601;

export async function startDemoTenant(options: DemoTenantOptions = {}): Promise<DemoTenant> {
  const seed = options.seed ?? defaultDemoSeed;
  const model = generateTenant({
    seed,
    apps: options.apps ?? 12,
    ...(options.sheetsPerApp !== undefined ? { sheetsPerApp: options.sheetsPerApp } : {}),
    ...(options.chartsPerSheet !== undefined ? { chartsPerSheet: options.chartsPerSheet } : {}),
  });
  if (options.revision !== undefined) setDemoRevision(model, options.revision);
  const apiKey = options.apiKey ?? `demo_${randomBytes(24).toString('base64url')}`;
  const faults = new FaultState(withLatency(options.faults ?? {}, options.latencyMs), seed);
  let cacheAnswers = options.cacheAnswers === true;
  let heldReplies: Promise<void> | null = null;
  const stats = emptyStats();
  const host = options.host ?? '127.0.0.1';
  const certificate = options.tls ? await demoCertificate() : null;
  let baseUrl = '';
  const restContext = { model, baseUrl: () => baseUrl, apiKey, faults, stats };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handleRest(req, res, restContext).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  const server: Server = certificate
    ? createHttpsServer({ cert: certificate.certPem, key: certificate.keyPem }, onRequest)
    : createHttpServer(onRequest);
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const match = /^\/app\/([^/]*)/.exec(path);
    if (!match) return rejectUpgrade(socket, 404, 'Not Found');
    // Qlik Cloud checks the API key at the HTTP upgrade (protocol doc §0, §4b).
    if (!hasBearer(req.headers.authorization, apiKey)) return rejectUpgrade(socket, 401, 'Unauthorized');
    const urlAppId = decodeURIComponent(match[1] ?? '') || null;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const replyGate = () => heldReplies;
      attachEngineSocket(
        ws,
        { model, urlAppId, faults: () => faults.current, stats, cacheAnswers: () => cacheAnswers, replyGate },
        sockets,
      );
    });
  });

  await listen(server, options.port ?? 0, host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  baseUrl = `${certificate ? 'https' : 'http'}://${urlHost}:${port}`;
  (model.tenant as { url: string }).url = baseUrl;

  let mutationClock = 0;
  const nextTimestamp = (after: string | null): string => {
    mutationClock = Math.max(Date.now(), mutationClock + 1, after ? Date.parse(after) + 1 : 0);
    return new Date(mutationClock).toISOString();
  };
  const replaceApp = (appId: string, update: (app: DemoApp) => DemoApp | null): DemoApp | null => {
    const index = model.apps.findIndex((a) => a.record.id === appId);
    const app = model.apps[index];
    if (!app) throw unknownApp(appId);
    const next = update(app);
    if (next) model.apps[index] = next;
    else model.apps.splice(index, 1);
    return next;
  };

  return {
    url: baseUrl,
    apiKey,
    model,
    stats,
    ...(certificate ? { caCertPem: certificate.caCertPem } : {}),
    setFaults: (f) => faults.replace(withLatency(f, undefined)),
    setAnswerCache: (enabled) => {
      cacheAnswers = enabled;
    },
    resetStats: () => Object.assign(stats, emptyStats()),
    holdEngineReplies: () => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      heldReplies = held;
      return () => {
        if (heldReplies === held) heldReplies = null;
        release();
      };
    },
    modifyApp: (appId) => {
      const next = replaceApp(appId, (app) => {
        const at = nextTimestamp(app.record.itemUpdatedAt);
        return { ...app, revision: app.revision + 1, record: { ...app.record, modifiedDate: at, itemUpdatedAt: at } };
      });
      return (next as DemoApp).record;
    },
    addApp: () => {
      const template = model.apps.find((a) => a.role === 'dashboard') ?? null;
      const index = model.apps.reduce((max, a) => Math.max(max, a.index), -1) + 1;
      const rnd = createRandom(deriveSeed(seed, 'added', index));
      const at = nextTimestamp(null);
      const id = rnd.guid();
      const app: DemoApp = {
        index,
        record: {
          id,
          name: `Added dashboard ${index + 1}`,
          description: 'Created while the demo tenant was running.',
          spaceId: template?.record.spaceId ?? null,
          ownerId: model.me.id,
          ownerName: model.me.name,
          createdDate: at,
          modifiedDate: at,
          lastReloadTime: at,
          itemUpdatedAt: at,
          publishTime: null,
          published: false,
          usage: 'ANALYTICS',
          hasSectionAccess: false,
          isDirectQueryMode: false,
          tags: ['added'],
          fileSizeBytes: 1_048_576,
          memoryBytes: 3_145_728,
          thumbnailUrl: `/api/v1/apps/${id}/media/thumbnail`,
        },
        itemId: rnd.hex(24),
        role: 'dashboard',
        domainIndex: 0,
        variant: 0,
        revision: 0,
        itemCreatedAt: at,
        reloads: [],
        collectionIds: [],
      };
      model.apps.push(app);
      return app.record;
    },
    deleteApp: (appId) => {
      replaceApp(appId, () => null);
      model.collections = model.collections.map((c) => ({
        ...c,
        record: { ...c.record, appIds: c.record.appIds.filter((x) => x !== appId) },
      }));
    },
    setRevision: (revision) => setDemoRevision(model, revision),
    get revision() {
      return demoRevisionOf(model);
    },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function withLatency(faults: FaultConfig, latencyMs: number | undefined): FaultConfig {
  return latencyMs !== undefined && faults.latencyMs === undefined ? { ...faults, latencyMs } : faults;
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  const body = JSON.stringify({ errors: [{ code: `HTTP-${status}`, title: text }] });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new AppError(
          {
            code: 'connection-refused',
            message: `The demo tenant could not listen on ${host}:${port}.`,
            remedy:
              error.code === 'EADDRINUSE'
                ? 'Choose another port with --port, or stop whatever is using this one.'
                : 'Check the host and port.',
            detail: error.message,
          },
          { cause: error },
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function unknownApp(appId: string): AppError {
  return new AppError({ code: 'app-not-found', message: `The demo tenant has no app ${appId}.`, remedy: 'Use an id from model.apps.' });
}
