/**
 * The one place where transport failures (DNS, TCP, TLS, proxy, HTTP status, engine JSON-RPC
 * errors) become AppError values with a cause and a remedy. Never includes the API key: callers
 * pass a context with the host and endpoint only.
 */
import { AppError, type ErrorShape } from '../api/errors';

export interface NetworkErrorContext {
  /** Host (and port) the request went to, e.g. "acme.eu.qlikcloud.com". */
  readonly host: string;
  /** What was being done, e.g. "GET /api/v1/items" or "open app 7a1c…". */
  readonly endpoint: string;
  /** Set when the request went through an HTTP(S) proxy. */
  readonly proxyHost?: string;
}

const TLS_UNTRUSTED_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const TLS_EXPIRED_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ABORT_ERR',
  'TimeoutError',
]);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

/** Walks `cause` chains (undici wraps the socket error in `TypeError: fetch failed`). */
function errorChain(err: unknown): Array<{ code?: string; message: string; name?: string }> {
  const chain: Array<{ code?: string; message: string; name?: string }> = [];
  let current: unknown = err;
  for (let depth = 0; current && depth < 6; depth++) {
    if (typeof current !== 'object') {
      chain.push({ message: String(current) });
      break;
    }
    const e = current as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
    chain.push({
      code: typeof e.code === 'string' ? e.code : undefined,
      message: typeof e.message === 'string' ? e.message : '',
      name: typeof e.name === 'string' ? e.name : undefined,
    });
    // AggregateError from happy-eyeballs connects: look at the first inner error.
    if (!e.cause && Array.isArray(e.errors) && e.errors.length > 0) current = e.errors[0];
    else current = e.cause;
  }
  return chain;
}

function detailOf(chain: ReturnType<typeof errorChain>): string {
  return chain
    .map((c) => (c.code ? `${c.code}: ${c.message}` : c.message))
    .filter(Boolean)
    .join(' <- ')
    .slice(0, 500);
}

/** Maps a thrown network-level error (fetch, ws, tls) to an actionable AppError. */
export function mapNetworkError(err: unknown, context: NetworkErrorContext): AppError {
  if (err instanceof AppError) return err;
  const chain = errorChain(err);
  const detail = `${context.endpoint}: ${detailOf(chain)}`;
  const codes = chain.map((c) => c.code ?? c.name ?? '');
  const text = chain.map((c) => c.message).join(' ');
  const has = (set: Set<string>): boolean => codes.some((c) => set.has(c));
  const make = (shape: Omit<ErrorShape, 'detail'>): AppError => new AppError({ ...shape, detail }, { cause: err });

  if (context.proxyHost && (/Proxy response \((\d+)\)/.test(text) || /proxy/i.test(text))) {
    return make({
      code: 'proxy-failed',
      message: `The proxy ${context.proxyHost} refused or failed to forward the connection to ${context.host}.`,
      remedy: 'Check the proxy address, that it allows CONNECT to the tenant, and any proxy credentials.',
    });
  }
  if (has(TLS_EXPIRED_CODES)) {
    return make({
      code: 'tls-expired',
      message: `The TLS certificate of ${context.host} has expired (or is not valid yet).`,
      remedy: 'Ask the server owner to renew the certificate, and check this computer’s clock.',
    });
  }
  if (has(TLS_UNTRUSTED_CODES) || /self[- ]signed certificate|unable to verify|certificate/i.test(text)) {
    return make({
      code: 'tls-untrusted',
      message: `The certificate chain of ${context.host} is not trusted.`,
      remedy: 'Add the CA file (--ca FILE, PEM) that signed the server certificate, or fix the server certificate.',
    });
  }
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN')) {
    if (context.proxyHost && text.includes(context.proxyHost.split(':')[0] ?? '\0')) {
      return make({
        code: 'proxy-failed',
        message: `The proxy host ${context.proxyHost} was not found.`,
        remedy: 'Check the proxy address.',
      });
    }
    return make({
      code: 'host-not-found',
      message: `The host ${context.host} was not found (DNS lookup failed).`,
      remedy: 'Check the tenant URL for typos, and your network or VPN connection.',
    });
  }
  if (codes.includes('ECONNREFUSED')) {
    if (context.proxyHost) {
      return make({
        code: 'proxy-failed',
        message: `The connection to the proxy ${context.proxyHost} was refused.`,
        remedy: 'Check that the proxy is running and the proxy address and port are right.',
      });
    }
    return make({
      code: 'connection-refused',
      message: `${context.host} refused the connection.`,
      remedy: 'Check the URL and port, and that the server is running and reachable from this computer.',
    });
  }
  // undici refuses the fetch standard's "bad ports" (1, 6000, 10080, …) before connecting.
  if (/^bad port$/i.test(chain.at(-1)?.message ?? '')) {
    const port = context.host.split(':').at(-1);
    return make({
      code: 'connection-refused',
      message: `Port ${port} of ${context.host} is on the list of ports web clients never connect to (the fetch standard's "bad ports").`,
      remedy:
        'Use the port the Qlik server really serves on (443 for Qlik Cloud, the proxy or QRS port of a client-managed site), or put a proxy on an allowed port in front of it.',
    });
  }
  if (has(TIMEOUT_CODES) || /timed? ?out/i.test(text)) {
    return make({
      code: 'timeout',
      message: `${context.host} did not answer in time (${context.endpoint}).`,
      remedy: 'Check your network; if the tenant is slow, raise the timeout or lower the concurrency.',
    });
  }
  if (has(DROPPED_CODES) || /socket (?:hang up|closed)|other side closed|connection (?:closed|reset)/i.test(text)) {
    return make({
      code: 'connection-lost',
      message: `The connection to ${context.host} dropped during ${context.endpoint}.`,
      remedy: 'Try again; if it keeps happening, check the network path (proxy, VPN, firewall idle timeouts).',
    });
  }
  return make({
    code: 'server-error',
    message: `The request to ${context.host} failed (${context.endpoint}).`,
    remedy: 'Try again. If it keeps failing, check the details below.',
  });
}

/** Maps a non-2xx HTTP status from the REST API (or a WebSocket upgrade) to an AppError. */
export function mapHttpStatus(
  status: number,
  context: NetworkErrorContext,
  extra: { retryAfterMs?: number; serverDetail?: string } = {},
): AppError {
  const detail = `${context.endpoint}: HTTP ${status}${extra.serverDetail ? ` ${extra.serverDetail}` : ''}`.slice(0, 500);
  if (status === 401) {
    return new AppError({
      code: 'auth-invalid-key',
      message: `${context.host} rejected the API key (HTTP 401).`,
      remedy: 'Create a new API key in the Qlik Cloud hub (Profile settings → API keys) and store it again.',
      detail,
    });
  }
  if (status === 403) {
    return new AppError({
      code: 'auth-forbidden',
      message: `${context.host} is reachable, but the key may not ${context.endpoint} (HTTP 403).`,
      remedy: 'Confirm the key’s user has access (developer role, space membership), then retry.',
      detail,
    });
  }
  if (status === 404) {
    return new AppError({
      code: 'not-found',
      message: `${context.endpoint} was not found on ${context.host} (HTTP 404).`,
      remedy: 'Check the tenant URL; the resource may have been deleted.',
      detail,
    });
  }
  if (status === 407) {
    return new AppError({
      code: 'proxy-failed',
      message: `The proxy ${context.proxyHost ?? ''} asked for authentication (HTTP 407).`.replace('  ', ' '),
      remedy: 'Put the proxy credentials in the proxy URL (http://user:password@host:port).',
      detail,
    });
  }
  if (status === 429) {
    const seconds = extra.retryAfterMs !== undefined ? Math.ceil(extra.retryAfterMs / 1000) : undefined;
    return new AppError({
      code: 'rate-limited',
      message: `${context.host} is rate limiting these requests${seconds !== undefined ? ` (asked to wait ${seconds} s)` : ''}.`,
      remedy: 'Wait a few minutes and retry, or lower the crawl concurrency.',
      detail,
    });
  }
  if (status === 408 || status === 504) {
    return new AppError({
      code: 'timeout',
      message: `${context.host} timed out on ${context.endpoint} (HTTP ${status}).`,
      remedy: 'Try again later; if it keeps happening, lower the crawl concurrency.',
      detail,
    });
  }
  return new AppError({
    code: 'server-error',
    message: `${context.host} answered HTTP ${status} for ${context.endpoint}.`,
    remedy: 'Try again later. If it keeps failing, check the tenant status page.',
    detail,
  });
}

/** Qlik engine JSON-RPC error codes a crawler meets (qlik-protocol.md §1.6). */
export function mapEngineError(err: unknown, context: NetworkErrorContext & { appId: string }): AppError {
  if (err instanceof AppError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; message?: unknown; parameter?: unknown };
  const code = typeof e.code === 'number' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const detail = `${context.endpoint}: ${code !== undefined ? `engine error ${code} ` : ''}${message}`.slice(0, 500);
  if (code === 5 || code === 4000 || /Unexpected server response: 403/.test(message)) {
    return new AppError({
      code: 'app-access-denied',
      message: `Access to app ${context.appId} was denied.`,
      remedy: 'Give the crawl identity access to the app’s space (or skip the app).',
      detail,
    });
  }
  if (code === 1003 || code === 2 || code === -2 || /Unexpected server response: 404/.test(message)) {
    return new AppError({
      code: 'app-not-found',
      message: `App ${context.appId} was not found by the engine.`,
      remedy: 'The app may have been deleted since it was listed; crawl again.',
      detail,
    });
  }
  if (/Unexpected server response: 401/.test(message)) return mapHttpStatus(401, context);
  if (/Unexpected server response: 429/.test(message)) return mapHttpStatus(429, context);
  const status = /Unexpected server response: (\d{3})/.exec(message)?.[1];
  if (status) return mapHttpStatus(Number(status), context);
  if (code === undefined) return mapNetworkError(err, context);
  if (/socket|closed/i.test(message)) {
    return new AppError({
      code: 'connection-lost',
      message: `The engine connection for app ${context.appId} dropped.`,
      remedy: 'Try again; if it keeps happening, lower the crawl concurrency.',
      detail,
    });
  }
  return new AppError({
    code: 'server-error',
    message: `The engine failed on ${context.endpoint} for app ${context.appId}.`,
    remedy: 'Try again. If it keeps failing, open the app in Qlik Sense to check it is healthy.',
    detail,
  });
}

export function malformedResponse(context: NetworkErrorContext, issue: string): AppError {
  return new AppError({
    code: 'malformed-response',
    message: `${context.host} sent an unexpected response for ${context.endpoint}.`,
    remedy: 'The tenant may run a newer API version; report this with the details below.',
    detail: `${context.endpoint}: ${issue}`.slice(0, 500),
  });
}
