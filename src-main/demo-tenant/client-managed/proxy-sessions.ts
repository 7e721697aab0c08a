/**
 * Proxy sessions of the client-managed demo: the QPS session API (qlik-protocol.md §3.4; add, get,
 * list a user's, delete, log out a user) and the state the proxy checks — the session cookie,
 * its inactivity timeout, and the per-session CSRF token newer releases require on WebSockets.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject, TenantModel } from '../tenant-model';
import { hasMatchingXrfkey, sendJson } from './qrs-api';
import { userIdOf } from './qrs-shapes';

export interface ProxySession {
  readonly sessionId: string;
  readonly userDirectory: string;
  readonly userId: string;
  readonly userName: string | null;
  readonly attributes: ReadonlyArray<Record<string, string>>;
  readonly sessionStart: string;
  lastActive: number;
  readonly csrfToken: string;
}

export class ProxySessions {
  private readonly sessions = new Map<string, ProxySession>();

  constructor(
    private readonly model: TenantModel,
    /** Inactivity timeout; Qlik's default virtual proxy uses 30 minutes. */
    public ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(input: {
    userDirectory: string;
    userId: string;
    attributes?: ReadonlyArray<Record<string, string>>;
    sessionId?: string;
  }): ProxySession {
    const user = this.model.users.find((u) => userIdOf(u) === input.userId);
    const session: ProxySession = {
      sessionId: input.sessionId ?? randomUUID(),
      userDirectory: input.userDirectory,
      userId: input.userId,
      userName: user?.name ?? null,
      attributes: input.attributes ?? [],
      sessionStart: new Date(this.now()).toISOString(),
      lastActive: this.now(),
      csrfToken: randomBytes(18).toString('base64url'),
    };
    this.sessions.set(session.sessionId, session);
    return session;
  }

  /** The live session with this id, touched; undefined when unknown or timed out. */
  use(sessionId: string | undefined): ProxySession | undefined {
    const session = this.peek(sessionId);
    if (session) session.lastActive = this.now();
    return session;
  }

  peek(sessionId: string | undefined): ProxySession | undefined {
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session) return undefined;
    if (this.now() - session.lastActive > this.ttlMs) {
      this.sessions.delete(session.sessionId);
      return undefined;
    }
    return session;
  }

  ofUser(userDirectory: string, userId: string): ProxySession[] {
    return [...this.sessions.keys()]
      .map((id) => this.peek(id))
      .filter((s): s is ProxySession => s !== undefined && eq(s.userDirectory, userDirectory) && eq(s.userId, userId));
  }

  delete(sessionId: string): ProxySession | undefined {
    const session = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    return session;
  }

  /** Forgets the last activity so the next use finds the session timed out (tests). */
  expireAll(): void {
    for (const s of this.sessions.values()) s.lastActive = -Infinity;
  }
}

const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The documented PascalCase body (qlik-protocol.md §3.4), plus the times our sessions panel shows. */
export function sessionJson(s: ProxySession): JsonObject {
  return {
    SessionId: s.sessionId,
    UserDirectory: s.userDirectory,
    UserId: s.userId,
    UserName: s.userName,
    Attributes: s.attributes.map((a) => ({ ...a })),
    SessionStart: s.sessionStart,
    LastActive: new Date(s.lastActive).toISOString(),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a key in either casing (docs: PascalCase; generated OpenAPI: camelCase). */
function field(body: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : body[key];
}

/** `/qps/[vp/]…` on the certificate port; `path` has `/qps` and the virtual proxy prefix removed. */
export async function handleQps(req: IncomingMessage, res: ServerResponse, path: string, sessions: ProxySessions): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://qps.invalid');
  if (!hasMatchingXrfkey(url, req.headers)) return sendJson(res, 400, 'Bad Request');
  const session = /^\/session\/([^/]+)$/.exec(path);
  const user = /^\/user\/([^/]+)\/([^/]+)$/.exec(path);
  if (path === '/session' && req.method === 'POST') {
    const body = await readJson(req);
    if (typeof body !== 'object' || body === null) return sendJson(res, 400, 'Bad Request');
    const b = body as Record<string, unknown>;
    const userDirectory = field(b, 'UserDirectory');
    const userId = field(b, 'UserId');
    if (typeof userDirectory !== 'string' || typeof userId !== 'string' || !userDirectory || !userId)
      return sendJson(res, 400, 'Bad Request');
    const attributes = field(b, 'Attributes');
    const sessionId = field(b, 'SessionId');
    const added = sessions.add({
      userDirectory,
      userId,
      attributes: Array.isArray(attributes)
        ? (attributes.filter((a) => typeof a === 'object' && a !== null) as Record<string, string>[])
        : [],
      ...(typeof sessionId === 'string' && sessionId ? { sessionId } : {}),
    });
    return sendJson(res, 201, sessionJson(added));
  }
  if (session && req.method === 'GET') {
    const found = sessions.peek(decodeURIComponent(session[1] ?? ''));
    return found ? sendJson(res, 200, sessionJson(found)) : sendJson(res, 404, 'Not Found');
  }
  if (session && req.method === 'DELETE') {
    const removed = sessions.delete(decodeURIComponent(session[1] ?? ''));
    return removed ? sendJson(res, 200, { session: sessionJson(removed), lastSessionForUser: false }) : sendJson(res, 404, 'Not Found');
  }
  if (user && (req.method === 'GET' || req.method === 'DELETE')) {
    const found = sessions.ofUser(decodeURIComponent(user[1] ?? ''), decodeURIComponent(user[2] ?? ''));
    if (req.method === 'DELETE') for (const s of found) sessions.delete(s.sessionId);
    return sendJson(res, 200, found.map(sessionJson));
  }
  sendJson(res, 404, 'Not Found');
}
