/**
 * The Qlik Proxy Service session API on 4243 (qlik-protocol.md §3.4), called with the client
 * certificate and an xrfkey: add a session for a user (then used as the virtual proxy's session
 * cookie), list a user's sessions, end one; and the CSRF token the proxy wants on WebSockets
 * (QSEoW November 2024+), read with the session from `GET /[vp]/qps/csrftoken`.
 */
import { fetch } from 'undici';
import { AppError } from '../api/errors';
import { mapClientManagedError, mapClientManagedStatus, type ClientManagedContext } from './client-managed-errors';
import type { ClientManagedTransport } from './client-managed-options';
import { newXrfkey } from './qrs-client';

export interface ProxySessionAttribute {
  readonly name: string;
  readonly values: readonly string[];
}

/** One proxy session as the sessions panel shows it. */
export interface ProxySessionInfo {
  readonly sessionId: string;
  readonly userDirectory: string;
  readonly userId: string;
  readonly userName: string | null;
  readonly sessionStart: string | null;
  readonly lastActive: string | null;
  readonly attributes: readonly ProxySessionAttribute[];
}

/** Reads a key in either casing: docs show PascalCase, the generated OpenAPI camelCase (§3.4, §5.7). */
function field(body: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : body[key];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** `[{Group:'BI'},{Group:'Audit'},{Role:''}]` → `[{name:'Group', values:['BI','Audit']}, {name:'Role', values:['']}]`. */
export function groupAttributes(raw: unknown): ProxySessionAttribute[] {
  const groups = new Map<string, string[]>();
  for (const entry of Array.isArray(raw) ? raw : []) {
    if (typeof entry !== 'object' || entry === null) continue;
    for (const [name, value] of Object.entries(entry as Record<string, unknown>)) {
      const values = groups.get(name) ?? [];
      values.push(typeof value === 'string' ? value : String(value ?? ''));
      groups.set(name, values);
    }
  }
  return [...groups].map(([name, values]) => ({ name, values }));
}

export function parseSession(raw: unknown): ProxySessionInfo | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const body = raw as Record<string, unknown>;
  const sessionId = text(field(body, 'SessionId'));
  const userDirectory = text(field(body, 'UserDirectory'));
  const userId = text(field(body, 'UserId'));
  if (!sessionId || !userDirectory || !userId) return null;
  return {
    sessionId,
    userDirectory,
    userId,
    userName: text(field(body, 'UserName')),
    sessionStart: text(field(body, 'SessionStart')),
    lastActive: text(field(body, 'LastActive')),
    attributes: groupAttributes(field(body, 'Attributes')),
  };
}

async function qps(transport: ClientManagedTransport, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const key = newXrfkey();
  const url = new URL(`${transport.qpsBase.href.replace(/\/+$/, '')}${path}`);
  url.searchParams.set('xrfkey', key);
  const context: ClientManagedContext = {
    host: url.host,
    endpoint: `${method} ${url.pathname}`,
    service: 'qps',
    virtualProxy: transport.virtualProxy,
    user: `${transport.options.userDirectory}\\${transport.options.userId}`,
  };
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: { 'X-Qlik-Xrfkey': key, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      dispatcher: transport.mutualTls,
      signal: AbortSignal.timeout(transport.options.requestTimeoutMs ?? 30_000),
    });
  } catch (error) {
    throw mapClientManagedError(error, context);
  }
  const bodyText = await response.text().catch(() => '');
  if (!response.ok) {
    if (response.status === 404 && method !== 'POST') return null;
    throw mapClientManagedStatus(response.status, context, bodyText.slice(0, 120));
  }
  try {
    return bodyText ? (JSON.parse(bodyText) as unknown) : null;
  } catch {
    return null;
  }
}

/** POST /qps/[vp/]session; the returned id is the value of the virtual proxy's session cookie. */
export async function createProxySession(
  transport: ClientManagedTransport,
  user: { userDirectory: string; userId: string; attributes?: ReadonlyArray<Readonly<Record<string, string>>> },
): Promise<ProxySessionInfo> {
  const body = await qps(transport, 'POST', '/session', {
    UserDirectory: user.userDirectory,
    UserId: user.userId,
    Attributes: user.attributes ?? [],
  });
  const session = parseSession(body);
  if (!session) {
    throw new AppError({
      code: 'malformed-response',
      message: `${transport.host} answered the new proxy session without a session id.`,
      remedy: 'Check that port 4243 is the Qlik Proxy Service of this site; report this with the details below.',
    });
  }
  return session;
}

export async function listUserSessions(
  transport: ClientManagedTransport,
  userDirectory: string,
  userId: string,
): Promise<ProxySessionInfo[]> {
  const body = await qps(transport, 'GET', `/user/${encodeURIComponent(userDirectory)}/${encodeURIComponent(userId)}`);
  return (Array.isArray(body) ? body : []).map(parseSession).filter((s): s is ProxySessionInfo => s !== null);
}

/** DELETE /qps/[vp/]session/{id}: ends the session and its connections; false when it was already gone. */
export async function endProxySession(transport: ClientManagedTransport, sessionId: string): Promise<boolean> {
  const body = await qps(transport, 'DELETE', `/session/${encodeURIComponent(sessionId)}`);
  return body !== null;
}

/**
 * GET /[vp]/qps/csrftoken with the session → header `qlik-csrf-token`. Older releases do not
 * serve it (404) and need no token: null then.
 */
export async function fetchCsrfToken(transport: ClientManagedTransport, sessionId: string): Promise<string | null> {
  const url = new URL(`${transport.proxyBase.href.replace(/\/+$/, '')}/qps/csrftoken`);
  const context: ClientManagedContext = {
    host: url.host,
    endpoint: `GET ${url.pathname}`,
    service: 'proxy',
    virtualProxy: transport.virtualProxy,
    user: `${transport.options.userDirectory}\\${transport.options.userId}`,
  };
  let response;
  try {
    response = await fetch(url, {
      headers: { Cookie: `${transport.sessionCookieName}=${sessionId}` },
      dispatcher: transport.serverTls,
      redirect: 'manual',
      signal: AbortSignal.timeout(transport.options.requestTimeoutMs ?? 30_000),
    });
  } catch (error) {
    throw mapClientManagedError(error, context);
  }
  await response.text().catch(() => '');
  const token = response.headers.get('qlik-csrf-token');
  if (response.ok) return token;
  // Called after a QRS call through the same prefix succeeded, so a 404 is an older release.
  if (response.status === 404) return null;
  throw mapClientManagedStatus(response.status, context);
}
