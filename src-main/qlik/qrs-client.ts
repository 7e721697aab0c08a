/**
 * Qlik Repository Service client (qlik-protocol.md §3.2): a fresh xrfkey on every call (query
 * `xrfkey` and header `X-Qlik-Xrfkey`), identity by certificate + X-Qlik-User on 4242 or by the
 * proxy session cookie through the virtual proxy, bare JSON arrays validated item by item.
 * Transient failures (5xx, dropped connections, time-outs) and 429s are retried on the same
 * schedule as Qlik Cloud's REST calls (./retrying.ts), each attempt with a fresh xrfkey.
 */
import { randomInt } from 'node:crypto';
import { fetch, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { mapClientManagedError, mapClientManagedStatus, type ClientManagedContext } from './client-managed-errors';
import type { ClientManagedTransport } from './client-managed-options';
import { malformedResponse, mapHttpStatus } from './error-mapping';
import { defaultRetryPolicy, isRetryableStatus, parseRetryAfterMs, type RetryPolicy } from './retry-policy';
import {
  abortableSleep,
  type Attempt,
  cancelledError,
  type RetryNotice,
  type RetrySchedule,
  type RetryStats,
  withRetries,
} from './retrying';

const XRF_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** 16 characters of [0-9a-zA-Z], as QRS demands. */
export function newXrfkey(): string {
  let key = '';
  for (let i = 0; i < 16; i++) key += XRF_ALPHABET[randomInt(XRF_ALPHABET.length)];
  return key;
}

export interface QrsClient {
  readonly host: string;
  readonly stats: RetryStats & { requests: number; skippedItems: number };
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

export interface QrsClientOptions {
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly onNotice?: (notice: RetryNotice) => void;
  /** Injected for tests. */
  readonly xrfkey?: () => string;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

const RETRYABLE_NETWORK_CODES = new Set(['timeout', 'connection-lost', 'server-error']);

export function createQrsClient(transport: ClientManagedTransport, route: QrsRoute, options: QrsClientOptions = {}): QrsClient {
  const stats = { requests: 0, skippedItems: 0, retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0 };
  const schedule: RetrySchedule = {
    policy: { ...defaultRetryPolicy, ...options.retry },
    stats,
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    onNotice: options.onNotice,
  };
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

  function getBody(path: string, signal?: AbortSignal): Promise<{ body: unknown; context: ClientManagedContext }> {
    const [pathname, query] = path.split('?');
    const endpoint = contextFor(new URL(`${basePath}${pathname ?? ''}`, route.base.origin)).endpoint;
    return withRetries(schedule, endpoint, signal, () => attemptGet(pathname ?? '', query ?? '', signal));
  }

  async function attemptGet(
    pathname: string,
    query: string,
    signal?: AbortSignal,
  ): Promise<Attempt<{ body: unknown; context: ClientManagedContext }>> {
    const key = xrfkey();
    const url = new URL(route.base.href);
    url.pathname = `${basePath}${pathname}`;
    url.search = query;
    url.searchParams.set('xrfkey', key);
    const context = contextFor(url);
    stats.requests++;
    const timeout = AbortSignal.timeout(timeoutMs);
    let response;
    let text: string;
    try {
      response = await fetch(url, {
        headers: { ...route.headers, 'X-Qlik-Xrfkey': key, accept: 'application/json' },
        dispatcher: route.dispatcher,
        // QSEoW answers a missing session with a redirect to the login page; it must not be followed.
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      // A body cut off mid-way is a network failure like any other; an error page's body is optional.
      text = response.ok ? await response.text() : await response.text().catch(() => '');
    } catch (error) {
      if (signal?.aborted) throw cancelledError();
      const failure = mapClientManagedError(error, context);
      if (!RETRYABLE_NETWORK_CODES.has(failure.code)) throw failure;
      return { outcome: 'transient', failure };
    }
    if (response.status === 429) {
      return {
        outcome: 'rate-limited',
        retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after')),
        failure: (retryAfterMs) => mapHttpStatus(429, { host: context.host, endpoint: context.endpoint }, { retryAfterMs }),
      };
    }
    if (response.status < 200 || response.status >= 300) {
      const failure = mapClientManagedStatus(response.status, context, text.slice(0, 120));
      if (!isRetryableStatus(response.status)) throw failure;
      return { outcome: 'transient', failure };
    }
    try {
      return { outcome: 'done', value: { body: text ? (JSON.parse(text) as unknown) : null, context } };
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
