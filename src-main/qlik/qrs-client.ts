/**
 * Qlik Repository Service client (qlik-protocol.md §3.2): a fresh xrfkey on every call (query
 * `xrfkey` and header `X-Qlik-Xrfkey`), identity by certificate + X-Qlik-User on 4242 or by the
 * proxy session cookie through the virtual proxy, bare JSON arrays validated item by item.
 */
import { randomInt } from 'node:crypto';
import { fetch, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { mapClientManagedError, mapClientManagedStatus, type ClientManagedContext } from './client-managed-errors';
import type { ClientManagedTransport } from './client-managed-options';
import { malformedResponse } from './error-mapping';
import { cancelledError } from './rest-client';

const XRF_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** 16 characters of [0-9a-zA-Z], as QRS demands. */
export function newXrfkey(): string {
  let key = '';
  for (let i = 0; i < 16; i++) key += XRF_ALPHABET[randomInt(XRF_ALPHABET.length)];
  return key;
}

export interface QrsClient {
  readonly host: string;
  readonly stats: { requests: number; skippedItems: number };
  /** GET one JSON document. */
  getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T>;
  /** GET a bare array; items that do not parse are skipped and counted. */
  list<T>(path: string, itemSchema: z.ZodType<T>, signal?: AbortSignal): Promise<T[]>;
}

export interface QrsRoute {
  /** Base URL, e.g. https://host:4242 or https://host/vp. */
  readonly base: URL;
  readonly dispatcher: Dispatcher;
  readonly headers: Readonly<Record<string, string>>;
  readonly service: 'qrs' | 'proxy';
}

/** QRS on 4242 with the client certificate, acting as the configured user. */
export function certificateQrsRoute(transport: ClientManagedTransport): QrsRoute {
  return { base: transport.qrsBase, dispatcher: transport.mutualTls, headers: { 'X-Qlik-User': transport.qlikUser }, service: 'qrs' };
}

/** QRS through the virtual proxy with the session cookie. */
export function proxyQrsRoute(transport: ClientManagedTransport, sessionId: string): QrsRoute {
  return {
    base: transport.proxyBase,
    dispatcher: transport.serverTls,
    headers: { Cookie: `${transport.sessionCookieName}=${sessionId}` },
    service: 'proxy',
  };
}

export function createQrsClient(
  transport: ClientManagedTransport,
  route: QrsRoute,
  options: { timeoutMs?: number; xrfkey?: () => string } = {},
): QrsClient {
  const stats = { requests: 0, skippedItems: 0 };
  const xrfkey = options.xrfkey ?? newXrfkey;
  const timeoutMs = options.timeoutMs ?? transport.options.requestTimeoutMs ?? 30_000;
  const basePath = route.base.pathname.replace(/\/+$/, '');
  const { userDirectory, userId } = transport.options;

  const contextFor = (url: URL): ClientManagedContext => ({
    host: url.host,
    endpoint: `GET ${url.pathname}`,
    service: route.service,
    virtualProxy: transport.virtualProxy,
    user: `${userDirectory}\\${userId}`,
  });

  async function getBody(path: string, signal?: AbortSignal): Promise<{ body: unknown; context: ClientManagedContext }> {
    const key = xrfkey();
    const url = new URL(route.base.href);
    const [pathname, query] = path.split('?');
    url.pathname = `${basePath}${pathname ?? ''}`;
    url.search = query ?? '';
    url.searchParams.set('xrfkey', key);
    const context = contextFor(url);
    if (signal?.aborted) throw cancelledError();
    stats.requests++;
    const timeout = AbortSignal.timeout(timeoutMs);
    let response;
    try {
      response = await fetch(url, {
        headers: { ...route.headers, 'X-Qlik-Xrfkey': key, accept: 'application/json' },
        dispatcher: route.dispatcher,
        // QSEoW answers a missing session with a redirect to the login page; it must not be followed.
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw cancelledError();
      throw mapClientManagedError(error, context);
    }
    const text = await response.text().catch(() => '');
    if (response.status < 200 || response.status >= 300) throw mapClientManagedStatus(response.status, context, text.slice(0, 120));
    try {
      return { body: text ? (JSON.parse(text) as unknown) : null, context };
    } catch {
      throw malformedResponse(context, `body is not JSON (${text.slice(0, 60).replace(/\s+/g, ' ')}…)`);
    }
  }

  return {
    host: route.base.host,
    stats,
    async getJson(path, schema, signal) {
      const { body, context } = await getBody(path, signal);
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw malformedResponse(context, parsed.error.issues[0]?.message ?? 'unexpected shape');
      return parsed.data;
    },
    async list(path, itemSchema, signal) {
      const { body, context } = await getBody(path, signal);
      if (!Array.isArray(body)) throw malformedResponse(context, 'not a JSON array');
      const items: Array<z.infer<typeof itemSchema>> = [];
      for (const raw of body) {
        const item = itemSchema.safeParse(raw);
        if (item.success) items.push(item.data);
        else stats.skippedItems++;
      }
      return items;
    },
  };
}
