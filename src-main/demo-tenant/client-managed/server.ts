/**
 * The demo tenant as a client-managed Qlik Sense site (qlik-protocol.md §3): QRS, the QPS session
 * API and the engine, each on its own port behind mutual TLS with a generated CA, plus a proxy
 * port serving QRS and the engine behind a virtual proxy prefix with the session cookie
 * `X-Qlik-Session-<prefix>` and the CSRF token check on WebSockets. Same model and same QIX
 * implementation as the cloud demo, so both deployments crawl to the same catalog.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server, type ServerOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { rm } from 'node:fs/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { attachEngineSocket } from '../engine-socket';
import { emptyStats, type FaultConfig, FaultState, type DemoStats } from '../faults';
import { generateTenant } from '../generate-tenant';
import { defaultDemoSeed } from '../server';
import type { TenantModel } from '../tenant-model';
import { siteCertificates, writeCertificateFolder } from './certificates';
import { ProxySessions } from './proxy-sessions';
import { handleQps } from './proxy-sessions';
import { handleQrs, sendJson, type QrsStats } from './qrs-api';
import { DEMO_USER_DIRECTORY, userIdOf } from './qrs-shapes';

export interface ClientManagedDemoOptions {
  readonly apps?: number;
  readonly seed?: number;
  readonly sheetsPerApp?: number;
  readonly chartsPerSheet?: number;
  /** Virtual proxy prefix; default "crawler". */
  readonly virtualProxy?: string;
  /** Proxy session inactivity timeout; default 30 minutes. */
  readonly sessionTtlMs?: number;
  /** Fixed ports (0 or absent: any free port). */
  readonly ports?: Partial<Record<'qrs' | 'engine' | 'qps' | 'proxy', number>>;
}

export interface ClientManagedDemo {
  readonly host: string;
  readonly qrsPort: number;
  readonly enginePort: number;
  readonly qpsPort: number;
  readonly proxyPort: number;
  readonly virtualProxy: string;
  /** Folder with client.pem, client_key.pem and root.pem; removed by close(). */
  readonly certDir: string;
  readonly userDirectory: string;
  readonly userId: string;
  readonly model: TenantModel;
  readonly sessions: ProxySessions;
  readonly stats: DemoStats & { readonly qrs: QrsStats; rejectedUpgrades: Record<string, number> };
  /** Users whose engine connections are refused with 403 (engine connectivity failure). */
  engineDeniedUserIds: Set<string>;
  /** The cloud demo's faults: REST ones apply to QRS, engine ones to every engine socket. */
  setFaults(faults: FaultConfig): void;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** `UserDirectory=ACME; UserId=jdoe` (qlik-protocol.md §3.2). */
export function parseQlikUser(header: string | string[] | undefined): { userDirectory: string; userId: string } | null {
  const text = Array.isArray(header) ? header[0] : header;
  const directory = /UserDirectory=([^;]+)/i.exec(text ?? '')?.[1]?.trim();
  const id = /UserId=([^;]+)/i.exec(text ?? '')?.[1]?.trim();
  return directory && id ? { userDirectory: directory, userId: id } : null;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export async function startClientManagedDemo(options: ClientManagedDemoOptions = {}): Promise<ClientManagedDemo> {
  const seed = options.seed ?? defaultDemoSeed;
  const model = generateTenant({
    seed,
    apps: options.apps ?? 12,
    ...(options.sheetsPerApp !== undefined ? { sheetsPerApp: options.sheetsPerApp } : {}),
    ...(options.chartsPerSheet !== undefined ? { chartsPerSheet: options.chartsPerSheet } : {}),
  });
  const virtualProxy = (options.virtualProxy ?? 'crawler').replace(/^\/+|\/+$/g, '');
  const sessionCookieName = virtualProxy ? `X-Qlik-Session-${virtualProxy}` : 'X-Qlik-Session';
  const certificates = await siteCertificates();
  const certDir = await writeCertificateFolder(certificates);
  const faults = new FaultState({}, seed);
  const stats = Object.assign(emptyStats(), {
    qrs: { calls: {}, rejectedXrfkey: 0, faults: {} } as QrsStats,
    rejectedUpgrades: {} as Record<string, number>,
  });
  const sessions = new ProxySessions(model, options.sessionTtlMs ?? 30 * 60_000);
  const engineDeniedUserIds = new Set<string>();
  const qrsSite = { model, stats: stats.qrs, faults };
  const serveQrs = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    handleQrs(req, res, path, qrsSite).catch(() => sendJson(res, 500, 'Internal Server Error'));
  };
  const tls: ServerOptions = { cert: certificates.serverCertPem, key: certificates.serverKeyPem };
  // Mutual TLS: only certificates the site's root signed get past the handshake (§3.1).
  const mutualTls: ServerOptions = { ...tls, ca: certificates.rootPem, requestCert: true, rejectUnauthorized: true };
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  let proxyOrigin = '';

  const reject = (socket: Duplex, status: number, text: string): void => {
    stats.rejectedUpgrades[String(status)] = (stats.rejectedUpgrades[String(status)] ?? 0) + 1;
    socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  };

  const openEngine = (req: IncomingMessage, socket: Duplex, head: Buffer, appPath: string, userId: string): void => {
    const match = /^\/app\/([^/?]*)/.exec(appPath);
    if (!match) return reject(socket, 404, 'Not Found');
    // The engine asks the repository whether the user may connect; a refusal is a 403 (§3.3).
    if (engineDeniedUserIds.has(userId)) return reject(socket, 403, 'Forbidden');
    const urlAppId = decodeURIComponent(match[1] ?? '') || null;
    wss.handleUpgrade(req, socket, head, (ws) => {
      attachEngineSocket(ws, { model, urlAppId, faults: () => faults.current, stats }, sockets);
    });
  };

  // QRS on its certificate port: the identity comes from X-Qlik-User.
  const qrs = createServer(mutualTls, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    if (!parseQlikUser(req.headers['x-qlik-user'])) return sendJson(res, 403, 'Forbidden');
    serveQrs(req, res, path);
  });

  // QPS session API: /qps/[vp/]session…
  const qps = createServer(mutualTls, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    const prefix = virtualProxy ? `/qps/${virtualProxy}` : '/qps';
    const rest = path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path.startsWith('/qps/') ? path.slice(4) : null;
    if (rest === null) return sendJson(res, 404, 'Not Found');
    handleQps(req, res, rest, sessions).catch(() => sendJson(res, 500, 'Internal Server Error'));
  });

  const engine = createServer(mutualTls, (_req, res) => sendJson(res, 404, 'Not Found'));
  engine.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const user = parseQlikUser(req.headers['x-qlik-user']);
    if (!user) return reject(socket, 403, 'Forbidden');
    openEngine(req, socket, head, new URL(req.url ?? '/', 'https://x').pathname, user.userId);
  });

  /** Strips `/<vp>`; null when the request is not for this virtual proxy (Qlik answers 404). */
  const underPrefix = (rawUrl: string | undefined): string | null => {
    const path = new URL(rawUrl ?? '/', 'https://x').pathname;
    if (!virtualProxy) return path;
    return path === `/${virtualProxy}` || path.startsWith(`/${virtualProxy}/`) ? path.slice(virtualProxy.length + 1) || '/' : null;
  };

  const proxy = createServer(tls, (req: IncomingMessage, res: ServerResponse) => {
    const path = underPrefix(req.url);
    if (path === null) return sendJson(res, 404, 'Not Found');
    const session = sessions.use(cookie(req, sessionCookieName));
    // No live session: a browser would be sent to the login page; an API client gets 401.
    if (!session) return sendJson(res, 401, 'Unauthorized');
    if (path === '/qps/csrftoken') {
      res.writeHead(200, { 'qlik-csrf-token': session.csrfToken, 'content-type': 'text/plain' });
      return res.end();
    }
    if (path.startsWith('/qrs/')) return serveQrs(req, res, path);
    sendJson(res, 404, 'Not Found');
  });
  proxy.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = underPrefix(req.url);
    if (path === null) return reject(socket, 404, 'Not Found');
    const session = sessions.use(cookie(req, sessionCookieName));
    if (!session) return reject(socket, 401, 'Unauthorized');
    // Extended WebSocket CSRF protection (QSEoW Nov 2024+, qlik-protocol.md §3.4).
    const token = new URL(req.url ?? '/', 'https://x').searchParams.get('qlik-csrf-token');
    if (token !== session.csrfToken || req.headers.origin !== proxyOrigin || req.headers.authorization)
      return reject(socket, 403, 'Forbidden');
    openEngine(req, socket, head, path, session.userId);
  });

  const servers: Server[] = [qrs, qps, engine, proxy];
  const ports = options.ports ?? {};
  const [qrsPort, qpsPort, enginePort, proxyPort] = await Promise.all([
    listen(qrs, ports.qrs ?? 0),
    listen(qps, ports.qps ?? 0),
    listen(engine, ports.engine ?? 0),
    listen(proxy, ports.proxy ?? 0),
  ]);
  proxyOrigin = `https://${HOST}:${proxyPort}`;
  (model.tenant as { url: string }).url = proxyOrigin;

  return {
    host: HOST,
    qrsPort,
    enginePort,
    qpsPort,
    proxyPort,
    virtualProxy,
    certDir,
    userDirectory: DEMO_USER_DIRECTORY,
    userId: userIdOf(model.me),
    model,
    sessions,
    stats,
    engineDeniedUserIds,
    setFaults: (f) => faults.replace(f),
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
      await rm(certDir, { recursive: true, force: true });
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}
