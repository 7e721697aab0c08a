/**
 * How to reach a tenant: URL, key, proxy, extra CA. Builds the undici dispatcher (REST) and the
 * ws options (engine) from one description so both transports trust and route the same way.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { AppError } from '../api/errors';

export interface QlikConnectionOptions {
  /** Tenant base URL, e.g. https://acme.eu.qlikcloud.com (a path prefix is kept). */
  readonly url: string;
  /** API key; sent as a Bearer header, never logged or stored. */
  readonly apiKey: string;
  /** HTTP(S) proxy URL, e.g. http://proxy.corp:3128. */
  readonly proxy?: string;
  /** PEM file with extra CA certificates to trust (added to the public roots). */
  readonly caFile?: string;
  /** PEM text, as an alternative to caFile. */
  readonly caPem?: string;
  /** Per-request timeout for REST calls and per-call timeout for engine calls. */
  readonly requestTimeoutMs?: number;
}

/**
 * The connection part of anything that carries one (crawl options, a saved endpoint, a walker
 * thread's data): url and key, plus proxy, CA and timeout when set. Extra fields are left behind.
 */
export function connectionOptionsOf(source: {
  readonly url: string;
  readonly apiKey: string;
  readonly proxy?: string | null | undefined;
  readonly caFile?: string | null | undefined;
  readonly caPem?: string | null | undefined;
  readonly requestTimeoutMs?: number | null | undefined;
}): QlikConnectionOptions {
  return {
    url: source.url,
    apiKey: source.apiKey,
    ...(source.proxy ? { proxy: source.proxy } : {}),
    ...(source.caFile ? { caFile: source.caFile } : {}),
    ...(source.caPem ? { caPem: source.caPem } : {}),
    ...(source.requestTimeoutMs ? { requestTimeoutMs: source.requestTimeoutMs } : {}),
  };
}

export interface Transport {
  readonly baseUrl: URL;
  readonly host: string;
  readonly proxyHost?: string;
  readonly dispatcher: Dispatcher;
  /** Extra options for `new WebSocket(url, options)`. */
  readonly wsOptions: { ca?: string[]; agent?: HttpsProxyAgent<string> };
  close(): Promise<void>;
}

export function normalizeTenantUrl(url: string): URL {
  const trimmed = url.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new AppError({
      code: 'invalid-arguments',
      message: `"${url}" is not a valid tenant URL.`,
      remedy: 'Use the address you open Qlik in, e.g. https://acme.eu.qlikcloud.com.',
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError({
      code: 'invalid-arguments',
      message: `The tenant URL must start with https:// (got ${parsed.protocol}).`,
      remedy: 'Use the address you open Qlik in, e.g. https://acme.eu.qlikcloud.com.',
    });
  }
  parsed.pathname = parsed.pathname.replace(/\/+$/, '');
  parsed.search = '';
  parsed.hash = '';
  return parsed;
}

function loadCa(options: QlikConnectionOptions): string | undefined {
  if (options.caPem) return options.caPem;
  if (!options.caFile) return undefined;
  try {
    return readFileSync(options.caFile, 'utf8');
  } catch (error) {
    throw new AppError(
      {
        code: 'invalid-arguments',
        message: `The CA file ${options.caFile} could not be read.`,
        remedy: 'Pass a readable PEM file with --ca.',
        detail: error instanceof Error ? error.message : String(error),
      },
      { cause: error },
    );
  }
}

export function createTransport(options: QlikConnectionOptions): Transport {
  const baseUrl = normalizeTenantUrl(options.url);
  const caPem = loadCa(options);
  const ca = caPem ? [...rootCertificates, caPem] : undefined;
  let proxyUrl: URL | undefined;
  if (options.proxy) {
    try {
      proxyUrl = new URL(/^[a-z]+:\/\//i.test(options.proxy) ? options.proxy : `http://${options.proxy}`);
    } catch {
      throw new AppError({
        code: 'invalid-arguments',
        message: `"${options.proxy}" is not a valid proxy URL.`,
        remedy: 'Use http://host:port (credentials as http://user:password@host:port).',
      });
    }
  }
  const connect = { ...(ca ? { ca } : {}), keepAlive: true };
  const dispatcher: Dispatcher = proxyUrl
    ? new ProxyAgent({ uri: proxyUrl.href, requestTls: ca ? { ca } : undefined })
    : new Agent({ connect, keepAliveTimeout: 10_000, connections: 32 });
  const agent = proxyUrl ? new HttpsProxyAgent(proxyUrl.href, { keepAlive: true }) : undefined;
  return {
    baseUrl,
    host: baseUrl.host,
    ...(proxyUrl ? { proxyHost: proxyUrl.host } : {}),
    dispatcher,
    wsOptions: { ...(ca ? { ca } : {}), ...(agent ? { agent } : {}) },
    async close() {
      agent?.destroy();
      await dispatcher.close().catch(() => undefined);
    },
  };
}
