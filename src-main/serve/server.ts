/**
 * Browser transport: a loopback-only HTTP + WebSocket server that serves the built renderer and
 * carries the same contract as the Electron IPC bridge.
 *
 * Security, in order of the checks every request passes:
 *  1. bound to 127.0.0.1 only;
 *  2. Host header must name this loopback port (defeats DNS rebinding);
 *  3. an Origin, when sent, must be this server's own origin (defeats cross-site pages);
 *  4. a per-run random token: given once in the printed URL, then kept in an HttpOnly,
 *     SameSite=Strict cookie so it leaves the address bar and never reaches page scripts.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch, type Service } from '../api/dispatch';
import type { EventBus } from '../api/event-bus';

export interface ServeOptions {
  readonly service: Service;
  readonly events: EventBus;
  /** Folder holding the built renderer (index.html + assets). */
  readonly staticDir: string;
  /** 0 or undefined picks a free port. */
  readonly port?: number;
  /** Fixed token for tests; a random one otherwise. */
  readonly token?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const TOKEN_COOKIE = 'qme_token';
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine injects its CSS variables as <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sameToken(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export async function startServe(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  let port = 0;

  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = (): Set<string> => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  /** Returns a refusal reason, or undefined when the request may proceed. */
  function refusal(req: IncomingMessage, url: URL): { status: number; reason: string } | undefined {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      return { status: 421, reason: 'Unexpected Host header: this server answers only on its loopback address.' };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      return { status: 403, reason: 'Requests from other origins are refused.' };
    }
    const hasToken = sameToken(readCookie(req, TOKEN_COOKIE), token) || sameToken(url.searchParams.get('token'), token);
    if (!hasToken) {
      return { status: 401, reason: 'Missing or wrong token. Open the exact URL that `npm run serve` printed.' };
    }
    return undefined;
  }

  function sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  }

  function serveStatic(url: URL, res: ServerResponse): void {
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    let file = normalize(join(staticRoot, relative || 'index.html'));
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return sendText(res, 403, 'Forbidden path.');
    // Client-side routes fall back to the app shell.
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticRoot, 'index.html');
    if (!existsSync(file)) return sendText(res, 503, 'The renderer is not built. Run `npm run build` first.');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy(port),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = refusal(req, url);
    if (refused) return sendText(res, refused.status, refused.reason);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Only GET is served.');
    if (url.searchParams.has('token')) {
      // Trade the URL token for a cookie and drop it from the address bar.
      url.searchParams.delete('token');
      res.writeHead(302, {
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: `${url.pathname}${url.search}`,
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    serveStatic(url, res);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Browsers always send Origin on WebSocket upgrades; a missing one is not a page of ours.
    const refused = req.headers.origin === undefined ? { status: 403, reason: 'Origin required.' } : refusal(req, url);
    if (refused || url.pathname !== '/api') {
      socket.write(`HTTP/1.1 ${refused?.status ?? 404} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attachClient(ws));
  });

  function attachClient(ws: WebSocket): void {
    const unsubscribe = options.events.onAny((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'event', event, payload }));
    });
    ws.on('close', unsubscribe);
    ws.on('message', async (data) => {
      let message: { id?: unknown; name?: unknown; args?: unknown };
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        ws.send(
          JSON.stringify({
            type: 'result',
            id: null,
            envelope: {
              ok: false,
              error: { code: 'invalid-arguments', message: 'The message is not JSON.', remedy: 'Send {id, name, args} as JSON.' },
            },
          }),
        );
        return;
      }
      const envelope = await dispatch(options.service, message.name, message.args);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: message.id ?? null, envelope }));
    });
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
