/**
 * One engine session per app over enigma.js + ws: Bearer header, proxy agent and custom CA from
 * the Transport, a per-call timeout, an abort signal, and every failure mapped to an AppError.
 * The app is opened with qNoData by default (metadata only; qlik-protocol.md §1.7 OpenDoc).
 */
import { createRequire } from 'node:module';
import enigmaModule from 'enigma.js';
import WebSocket from 'ws';
import { AppError, type ErrorCode } from '../api/errors';
import type { Transport } from './connection-options';
import type { EnigmaModule, EnigmaSession, QixDoc, QixGlobal } from './enigma-facade';
import { malformedResponse, mapEngineError, mapNetworkError } from './error-mapping';
import { cancelledError } from './retrying';

const enigma = enigmaModule as unknown as EnigmaModule;
// Loaded at run time: the bundled CLI keeps node_modules external, and Node 20 needs an import
// attribute for JSON modules that bundlers do not emit. Newest schema shipped with enigma.js 2.15.
const schema = createRequire(import.meta.url)('enigma.js/schemas/12.2027.0.json') as object;

export interface OpenAppOptions {
  readonly transport: Transport;
  readonly apiKey: string;
  readonly appId: string;
  /** Open without loading data (qNoData); default true. */
  readonly withoutData?: boolean;
  /** Per engine call (and for the socket open); default 30 s. */
  readonly callTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Optional `/identity/<x>` URL segment, so no-data and data sessions never collide (error 1009). */
  readonly identity?: string;
  /** Client-managed sites: where and how to connect instead of the Bearer key (qlik-protocol.md §3.3, §3.4). */
  readonly access?: EngineAccess;
}

/**
 * How a client-managed engine is reached: the full WebSocket URL (engine port, or the virtual
 * proxy with `?qlik-csrf-token=`), the headers replacing Authorization (X-Qlik-User, or the
 * session cookie + Origin), and the TLS material for mutual TLS.
 */
export interface EngineAccess {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly tls: { readonly ca?: string[]; readonly cert?: string; readonly key?: string; readonly passphrase?: string };
}

export interface EngineApp {
  readonly appId: string;
  /** The Doc with every method wrapped: timeout, abort and error mapping, call counting. */
  readonly doc: QixDoc;
  /** Engine requests sent on this session (OpenDoc included). */
  readonly callCount: () => number;
  close(): Promise<void>;
}

export function engineAppUrl(transport: Transport, appId: string, identity?: string): string {
  const base = new URL(transport.baseUrl.href);
  base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  const prefix = base.pathname.replace(/\/+$/, '');
  base.pathname = `${prefix}/app/${encodeURIComponent(appId)}${identity ? `/identity/${encodeURIComponent(identity)}` : ''}`;
  return base.href;
}

export async function openEngineApp(options: OpenAppOptions): Promise<EngineApp> {
  const link = await connectEngine(options);
  try {
    return link.engineApp(await link.openDoc());
  } catch (error) {
    await link.close();
    throw error;
  }
}

/** The Doc handle an engine gives the first OpenDoc of a session (qlik-protocol.md §1.3). */
const EXPECTED_DOC_HANDLE = 1;

/**
 * Opens the app and runs `work` on its Doc in the same round trip: OpenDoc and the requests
 * `work` makes first go out back to back, the latter addressed to the handle the engine gives
 * the first Doc of a session. When the engine answers OpenDoc with another handle, or refuses the
 * early requests (the app was not open yet), `work` runs again after OpenDoc — the plain two
 * round trips, never a wrong answer. An OpenDoc failure is reported as such, whatever the early
 * requests got.
 */
export async function openEngineAppAndRun<T>(
  options: OpenAppOptions,
  work: (doc: QixDoc) => Promise<T>,
): Promise<{ readonly engine: EngineApp; readonly result: T }> {
  const link = await connectEngine(options);
  try {
    const opening = link.openDoc();
    const speculative = link.speculativeDoc(EXPECTED_DOC_HANDLE);
    const early = speculative
      ? work(speculative.doc).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        )
      : null;
    let rawDoc: QixDoc;
    try {
      rawDoc = await opening;
    } catch (error) {
      await early;
      throw error;
    }
    const engine = link.engineApp(rawDoc);
    const outcome = early ? await early : null;
    if (speculative && outcome && rawDoc === speculative.raw && !speculative.missed()) {
      if (outcome.ok) return { engine, result: outcome.value };
      // An engine may refuse early requests with another error than "Invalid handle" (1007 "App
      // invalid" while it opens the app): the batch is asked again, now that OpenDoc has answered.
      // Failures that would only repeat (time-outs, a lost socket, cancel) are reported as they are.
      if (!isWorthAskingAgain(outcome.error)) throw outcome.error;
    }
    return { engine, result: await work(engine.doc) };
  } catch (error) {
    await link.close();
    throw error;
  }
}

/** JSON-RPC "Invalid Params" naming the handle: a request reached a handle the engine does not have (yet). */
function isInvalidHandle(error: unknown): boolean {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; parameter?: unknown };
  return e.code === -32602 && typeof e.parameter === 'string' && /handle/i.test(e.parameter);
}

/** Failures a second asking would only repeat. */
const REPEATING_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['timeout', 'cancelled', 'connection-lost', 'malformed-response']);

function isWorthAskingAgain(error: unknown): boolean {
  return !(error instanceof AppError && REPEATING_FAILURES.has(error.code));
}

/** A request the speculative Doc no longer sends once the engine has refused one of them. */
class SpeculationMissed extends Error {
  constructor() {
    super('The engine refused requests sent before OpenDoc returned.');
  }
}

interface EngineLink {
  openDoc(): Promise<QixDoc>;
  /** A Doc API object on `handle` before OpenDoc has answered; null where enigma cannot make one. */
  speculativeDoc(handle: number): { readonly raw: QixDoc; readonly doc: QixDoc; readonly missed: () => boolean } | null;
  engineApp(rawDoc: QixDoc): EngineApp;
  close(): Promise<void>;
}

async function connectEngine(options: OpenAppOptions): Promise<EngineLink> {
  const { transport, appId } = options;
  const timeoutMs = options.callTimeoutMs ?? 30_000;
  const context = {
    host: transport.host,
    endpoint: `open app ${appId}`,
    appId,
    ...(transport.proxyHost ? { proxyHost: transport.proxyHost } : {}),
  };
  let socketError: unknown;
  let brokenFrame: string | undefined;
  let calls = 0;
  let closed = false;
  const session: EnigmaSession = enigma.create({
    schema,
    url: options.access?.url ?? engineAppUrl(transport, appId, options.identity),
    suspendOnClose: false,
    // Full values are enough for a one-shot crawl; delta patches only cost CPU here.
    protocol: { delta: false },
    createSocket: (url: string) => {
      const ws = new WebSocket(url, {
        headers: options.access ? { ...options.access.headers } : { Authorization: `Bearer ${options.apiKey}` },
        handshakeTimeout: timeoutMs,
        perMessageDeflate: false,
        ...transport.wsOptions,
        ...options.access?.tls,
      });
      ws.on('error', (error) => {
        socketError ??= error;
      });
      guardAgainstBrokenFrames(ws, (issue) => {
        brokenFrame ??= issue;
      });
      const send = ws.send.bind(ws);
      ws.send = ((data: unknown, ...rest: unknown[]) => {
        calls++;
        return (send as (...args: unknown[]) => void)(data, ...rest);
      }) as typeof ws.send;
      return ws;
    },
  });
  session.on('closed', () => {
    closed = true;
  });

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await session.close().catch(() => undefined);
  };

  const mapError = (error: unknown, endpoint: string): AppError => {
    if (options.signal?.aborted) return cancelledError();
    if (error instanceof AppError) return error;
    const ctx = { ...context, endpoint };
    if (brokenFrame) return malformedResponse(ctx, brokenFrame);
    // A failed upgrade (401/403/TLS/DNS) surfaces as the ws 'error'; prefer it to enigma's wrapper.
    if (socketError) {
      const text = socketError instanceof Error ? socketError.message : '';
      return /Unexpected server response/.test(text) ? mapEngineError(socketError, ctx) : mapNetworkError(socketError, ctx);
    }
    return mapEngineError(error, ctx);
  };

  /** Races one engine call against the per-call timeout and the abort signal. */
  function guarded<T>(endpoint: string, run: () => Promise<T>, onRawError?: (error: unknown) => unknown): Promise<T> {
    if (options.signal?.aborted) return Promise.reject(cancelledError());
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        void close();
        reject(
          new AppError({
            code: 'timeout',
            message: `The engine did not answer ${endpoint} for app ${appId} within ${Math.round(timeoutMs / 1000)} s.`,
            remedy: 'The app may be very large or the engine busy; retry later or raise the timeout.',
          }),
        );
      }, timeoutMs);
      const onAbort = (): void => {
        cleanup();
        void close();
        reject(cancelledError());
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      run().then(
        (value) => {
          cleanup();
          resolve(value);
        },
        (error: unknown) => {
          cleanup();
          reject(onRawError?.(error) ?? mapError(error, endpoint));
        },
      );
    });
  }

  /** The Doc with every method wrapped: timeout, abort and error mapping. */
  function wrapDoc(rawDoc: QixDoc, onRawError?: (error: unknown) => unknown, refuse?: () => Error | null): QixDoc {
    return new Proxy(rawDoc, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          const refusal = refuse?.();
          if (refusal) return Promise.reject(refusal);
          return guarded(property, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args), onRawError);
        };
      },
    });
  }

  let global: QixGlobal;
  try {
    global = (await guarded('connect', () => session.open())) as QixGlobal;
  } catch (error) {
    await close();
    throw error;
  }

  return {
    openDoc: () => guarded('OpenDoc', () => global.openDoc(appId, '', '', '', options.withoutData ?? true)),
    speculativeDoc(handle) {
      if (typeof session.getObjectApi !== 'function') return null;
      const raw = session.getObjectApi({ handle, id: appId, type: 'Doc' }) as QixDoc;
      let missed = false;
      const doc = wrapDoc(
        raw,
        (error) => {
          if (!isInvalidHandle(error)) return undefined;
          missed = true;
          return new SpeculationMissed();
        },
        () => (missed ? new SpeculationMissed() : null),
      );
      return { raw, doc, missed: () => missed };
    },
    engineApp: (rawDoc) => ({ appId, doc: wrapDoc(rawDoc), callCount: () => calls, close }),
    close,
  };
}

/**
 * enigma.js parses each frame inside the socket's `onmessage` (RPC.onMessage) and throws there on
 * one that is not JSON: an uncaught exception that ends the process (or the crawl worker). A broken
 * frame is caught here instead: the socket is cut, so enigma rejects the pending calls, and the
 * reason is kept for the error mapping (malformed-response naming the call).
 */
function guardAgainstBrokenFrames(ws: WebSocket, onBrokenFrame: (issue: string) => void): void {
  const descriptor = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  if (!descriptor?.set) return;
  const setHandler = descriptor.set;
  Object.defineProperty(ws, 'onmessage', {
    configurable: true,
    get: () => descriptor.get?.call(ws) as unknown,
    set(handler: unknown) {
      if (typeof handler !== 'function') return setHandler.call(ws, handler);
      setHandler.call(ws, (event: unknown) => {
        try {
          (handler as (event: unknown) => void)(event);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          onBrokenFrame(`engine frame is not JSON (${error.message})`);
          ws.terminate();
        }
      });
    },
  });
}
