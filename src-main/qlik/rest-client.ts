/**
 * Qlik Cloud REST client: Bearer auth, paging by links.next.href, 429 → wait Retry-After,
 * exponential backoff with jitter on 5xx / network errors / timeouts, per-request timeout, proxy
 * and custom CA (via the Transport), and zod-validated, tolerant parsing. Knows nothing of crawls.
 */
import { fetch } from 'undici';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { z } from 'zod';
import { type QlikConnectionOptions, type Transport, createTransport } from './connection-options';
import { malformedResponse, mapHttpStatus, mapNetworkError, type NetworkErrorContext } from './error-mapping';
import { defaultRetryPolicy, isRetryableStatus, parseRetryAfterMs, type RetryPolicy } from './retry-policy';
import { abortableSleep, type Attempt, cancelledError, type RetryNotice, type RetrySchedule, withRetries } from './retrying';

export interface RestStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  retries: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  /** List items dropped because they did not match the expected shape. */
  skippedItems: number;
}

export type RestNotice = RetryNotice | { readonly kind: 'skipped-item'; readonly endpoint: string; readonly issue: string };

/** A rate-limit wait as a crawl reports it to the user; null for the other notices. */
export function rateLimitMessage(notice: RestNotice): string | null {
  return notice.kind === 'rate-limited'
    ? `Rate limited on ${notice.endpoint}; waiting ${Math.ceil(notice.waitMs / 1000)} s as asked.`
    : null;
}

export interface RestClientOptions extends QlikConnectionOptions {
  readonly retry?: Partial<RetryPolicy>;
  readonly onNotice?: (notice: RestNotice) => void;
  /** Injected for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

export interface RestRequestOptions {
  readonly signal?: AbortSignal;
  /** Treat these statuses as "no content" and return undefined instead of failing. */
  readonly allowStatuses?: readonly number[];
}

export interface RestClient {
  readonly host: string;
  readonly stats: RestStats;
  readonly transport: Transport;
  /** GET a JSON document and validate it; `undefined` only for statuses in allowStatuses. */
  getJson<T>(path: string, schema: z.ZodType<T>, options?: RestRequestOptions): Promise<T>;
  getJsonOrUndefined<T>(path: string, schema: z.ZodType<T>, options: RestRequestOptions): Promise<T | undefined>;
  /** Every item of a paged list, following links.next.href; items that do not parse are skipped and counted. */
  listAll<T>(path: string, itemSchema: z.ZodType<T>, options?: RestRequestOptions & { maxItems?: number }): Promise<T[]>;
  /** Page by page, for streaming into a crawl. */
  pages<T>(path: string, itemSchema: z.ZodType<T>, options?: RestRequestOptions): AsyncGenerator<T[]>;
  close(): Promise<void>;
}

const RETRYABLE_NETWORK_CODES = new Set(['timeout', 'connection-lost', 'server-error']);

const listEnvelope = z.object({
  data: z.array(z.unknown()),
  links: z
    .object({ next: z.object({ href: z.string().nullish() }).nullish() })
    .nullish()
    .catch(null),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export function createRestClient(options: RestClientOptions): RestClient {
  const transport = createTransport(options);
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const stats: RestStats = { requests: 0, retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0, skippedItems: 0 };
  const authHeader = `Bearer ${options.apiKey}`;
  const basePath = transport.baseUrl.pathname;

  /** Resolves a path or a links.next href against the tenant; never sends the key to another origin. */
  function resolveUrl(pathOrHref: string): URL {
    const absolute = new URL(pathOrHref, transport.baseUrl.origin);
    const resolved = new URL(transport.baseUrl.href);
    const path = absolute.pathname.startsWith(basePath) || basePath === '' ? absolute.pathname : basePath + absolute.pathname;
    resolved.pathname = path;
    resolved.search = absolute.search;
    return resolved;
  }

  function contextFor(url: URL): NetworkErrorContext {
    return {
      host: transport.host,
      endpoint: `GET ${url.pathname}`,
      ...(transport.proxyHost ? { proxyHost: transport.proxyHost } : {}),
    };
  }

  const schedule: RetrySchedule = { policy, stats, sleep, random, onNotice: options.onNotice };

  function requestJson(url: URL, request: RestRequestOptions): Promise<{ status: number; body: unknown }> {
    const context = contextFor(url);
    return withRetries(schedule, context.endpoint, request.signal, async (): Promise<Attempt<{ status: number; body: unknown }>> => {
      stats.requests++;
      const timeoutSignal = AbortSignal.timeout(timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, timeoutSignal]) : timeoutSignal;
      let response;
      let text: string;
      try {
        response = await fetch(url, {
          headers: { authorization: authHeader, accept: 'application/json' },
          dispatcher: transport.dispatcher,
          signal,
        });
        // A body cut off mid-way is a network failure like any other; an error page's body is optional.
        text = response.ok ? await response.text() : await response.text().catch(() => '');
      } catch (error) {
        if (request.signal?.aborted) throw cancelledError();
        const failure = mapNetworkError(error, context);
        if (!RETRYABLE_NETWORK_CODES.has(failure.code)) throw failure;
        return { outcome: 'transient', failure };
      }
      if (response.ok) {
        try {
          return { outcome: 'done', value: { status: response.status, body: text.length ? (JSON.parse(text) as unknown) : null } };
        } catch {
          throw malformedResponse(context, `body is not JSON (${text.slice(0, 60).replace(/\s+/g, ' ')}…)`);
        }
      }
      if (request.allowStatuses?.includes(response.status)) return { outcome: 'done', value: { status: response.status, body: undefined } };
      const serverDetail = serverDetailOf(text);
      if (response.status === 429) {
        return {
          outcome: 'rate-limited',
          retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after')),
          failure: (retryAfterMs) => mapHttpStatus(429, context, { retryAfterMs, serverDetail }),
        };
      }
      const failure = mapHttpStatus(response.status, context, { serverDetail });
      if (!isRetryableStatus(response.status)) throw failure;
      return { outcome: 'transient', failure };
    });
  }

  async function getJsonOrUndefined<T>(path: string, schema: z.ZodType<T>, request: RestRequestOptions): Promise<T | undefined> {
    const url = resolveUrl(path);
    const { body } = await requestJson(url, request);
    if (body === undefined) return undefined;
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw malformedResponse(contextFor(url), describeIssues(parsed.error));
    return parsed.data;
  }

  async function* pages<T>(path: string, itemSchema: z.ZodType<T>, request: RestRequestOptions = {}): AsyncGenerator<T[]> {
    const seen = new Set<string>();
    const fetchPage = (href: string): { readonly url: URL; readonly response: Promise<{ body: unknown }> } | null => {
      const url = resolveUrl(href);
      if (seen.has(url.href)) return null; // a server that loops its cursor must not loop us
      seen.add(url.href);
      const response = requestJson(url, request);
      response.catch(() => undefined); // awaited below; a consumer that stops early must not leave it unhandled
      return { url, response };
    };
    let pending = fetchPage(path);
    while (pending) {
      const { url } = pending;
      const { body } = await pending.response;
      const envelope = Array.isArray(body) ? { data: body, links: null } : listEnvelope.safeParse(body);
      const data = 'success' in envelope ? (envelope.success ? envelope.data : undefined) : envelope;
      if (!data) {
        const issue = 'success' in envelope && !envelope.success ? describeIssues(envelope.error) : 'not a list';
        throw malformedResponse(contextFor(url), issue);
      }
      // The next page is requested before this one is handed over: the caller's work on a page
      // (planning, catalog writes) overlaps the next round trip instead of adding to it.
      const nextHref = data.links?.next?.href;
      pending = nextHref ? fetchPage(nextHref) : null;
      // Let the request leave before the caller's synchronous work on this page holds the thread.
      if (pending) await setImmediatePromise();
      const items: T[] = [];
      for (const raw of data.data) {
        const item = itemSchema.safeParse(raw);
        if (item.success) items.push(item.data);
        else {
          stats.skippedItems++;
          options.onNotice?.({ kind: 'skipped-item', endpoint: `GET ${url.pathname}`, issue: describeIssues(item.error) });
        }
      }
      yield items;
    }
  }

  return {
    host: transport.host,
    stats,
    transport,
    async getJson(path, schema, request = {}) {
      const value = await getJsonOrUndefined(path, schema, request);
      if (value === undefined) throw malformedResponse(contextFor(resolveUrl(path)), 'empty response');
      return value;
    },
    getJsonOrUndefined,
    async listAll(path, itemSchema, request = {}) {
      const all: Array<z.infer<typeof itemSchema>> = [];
      for await (const page of pages(path, itemSchema, request)) {
        all.push(...page);
        if (request.maxItems !== undefined && all.length >= request.maxItems) break;
      }
      return all;
    },
    pages,
    close: () => transport.close(),
  };
}

/** First error title/detail from Qlik's `{errors:[{code,title,detail}]}` body; never echoes headers. */
function serverDetailOf(bodyText: string): string | undefined {
  if (!bodyText) return undefined;
  try {
    const body = JSON.parse(bodyText) as { errors?: Array<{ code?: unknown; title?: unknown; detail?: unknown }> };
    const first = body.errors?.[0];
    if (!first) return undefined;
    return [first.code, first.title, first.detail]
      .filter((v) => typeof v === 'string' && v)
      .join(' — ')
      .slice(0, 200);
  } catch {
    return undefined;
  }
}
