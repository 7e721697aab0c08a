/**
 * How the crawl runner gets an app's engine content: walked on the runner's own thread, or in
 * walker threads. A crawl's CPU is split about evenly between reading apps (WebSocket frames,
 * JSON, mapping, the lineage analysis of the script) and writing them to SQLite; with walker
 * threads the two halves run on different cores.
 */
import { availableParallelism } from 'node:os';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { AppError, type ErrorShape } from '../api/errors';
import type { AppLineageFragment } from '../lineage';
import type { QlikConnectionOptions } from '../qlik/connection-options';
import { cancelledError } from '../qlik/retrying';
import { walkApp, type WalkAppOptions } from './app-walker';
import type { AppContent, AppRecord } from './records';

export interface WalkResult {
  readonly content: AppContent;
  readonly engineCalls: number;
  /** The app's lineage fragment when the walker computed it (walker threads do); else null. */
  readonly fragment: AppLineageFragment | null;
}

export interface AppWalks {
  walk(app: AppRecord, signal: AbortSignal): Promise<WalkResult>;
  /** How many apps are waiting to be walked: walker threads start only when there is work for them. */
  waiting?(apps: number): void;
  /** REST calls made by the walkers themselves (data/metadata in walker threads); 0 on this thread. */
  restCalls(): number;
  close(): Promise<void>;
}

/** Walks on the calling thread: the options of walkApp, per app. */
export function inThreadWalks(optionsFor: (app: AppRecord, signal: AbortSignal) => WalkAppOptions): AppWalks {
  return {
    async walk(app, signal) {
      const walked = await walkApp(optionsFor(app, signal));
      return { ...walked, fragment: null };
    },
    restCalls: () => 0,
    close: async () => undefined,
  };
}

/** What a walker thread needs to reach the tenant: serialisable, the key in memory only. */
export interface WalkerConnection extends QlikConnectionOptions {
  readonly withoutData: boolean;
  readonly fetchDataMetadata: boolean;
}

export interface WalkerWorkerData {
  readonly connection: WalkerConnection;
}

export type WalkerRequest =
  { readonly kind: 'walk'; readonly id: number; readonly app: AppRecord } | { readonly kind: 'cancel'; readonly id: number };

export type WalkerReply =
  | {
      readonly kind: 'walked';
      readonly id: number;
      readonly content: AppContent;
      readonly engineCalls: number;
      readonly fragment: AppLineageFragment;
      /** The thread's REST calls so far. */
      readonly restCalls: number;
    }
  | { readonly kind: 'failed'; readonly id: number; readonly error: ErrorShape; readonly restCalls: number }
  /** The thread has loaded and takes walks. */
  | { readonly kind: 'ready' }
  | { readonly kind: 'notice'; readonly message: string };

export type WalkerWorkerFactory = (options: WorkerOptions) => Worker;

/** One walker thread per spare core, at least one, at most four. */
export function defaultWalkerThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface InFlight {
  readonly resolve: (result: WalkResult) => void;
  readonly reject: (error: unknown) => void;
  readonly worker: Worker;
}

/**
 * Walks in `threads` worker threads, each taking any number of apps at once (the runner bounds
 * the total). With `meanwhile`, the threads start only once `startThreshold` apps wait (a delta
 * crawl of a few apps never needs them) and `meanwhile` walks until one has loaded, or when none
 * could start. A thread that dies fails the apps it held, with the reason, and is not used again;
 * when none is left (and there is no `meanwhile`), the walks fail as internal errors.
 */
export function threadWalks(
  createWorker: WalkerWorkerFactory,
  connection: WalkerConnection,
  threads: number,
  onNotice: (message: string) => void = () => undefined,
  meanwhile: AppWalks | null = null,
  /** Apps waiting at which the threads start (when `meanwhile` can walk the first ones). */
  startThreshold = 16,
): AppWalks {
  const inFlight = new Map<number, InFlight>();
  const load = new Map<Worker, number>();
  // Threads that have loaded; until one has, walks go to `meanwhile` (a thread takes a while to
  // load enigma and the lineage analyser: a delta crawl of a few apps is over before that).
  const ready = new Set<Worker>();
  let started = false;
  const restCallsBy = new Map<Worker, number>();
  let nextId = 1;
  let closing = false;

  const settle = (id: number): InFlight | undefined => {
    const entry = inFlight.get(id);
    if (!entry) return undefined;
    inFlight.delete(id);
    load.set(entry.worker, Math.max(0, (load.get(entry.worker) ?? 1) - 1));
    return entry;
  };

  const retire = (worker: Worker, reason: string): void => {
    if (!load.has(worker)) return;
    load.delete(worker);
    ready.delete(worker);
    for (const [id, entry] of [...inFlight]) {
      if (entry.worker !== worker) continue;
      settle(id);
      entry.reject(
        new AppError({
          code: 'internal',
          message: `The walker thread stopped while reading this app: ${reason}`,
          remedy: 'Run the crawl again; if it keeps happening, report it with the crawl log.',
        }),
      );
    }
  };

  const startThreads = (): void => {
    if (started || closing) return;
    started = true;
    for (let i = 0; i < Math.max(1, threads); i++) {
      const worker = createWorker({ workerData: { connection } satisfies WalkerWorkerData });
      load.set(worker, 0);
      worker.on('message', (reply: WalkerReply) => {
        if (reply.kind === 'notice') return onNotice(reply.message);
        if (reply.kind === 'ready') {
          ready.add(worker);
          return;
        }
        restCallsBy.set(worker, Math.max(restCallsBy.get(worker) ?? 0, reply.restCalls));
        const entry = settle(reply.id);
        if (!entry) return;
        if (reply.kind === 'walked') entry.resolve({ content: reply.content, engineCalls: reply.engineCalls, fragment: reply.fragment });
        else entry.reject(new AppError(reply.error));
      });
      worker.on('error', (error) => retire(worker, error instanceof Error ? error.message : String(error)));
      worker.on('exit', (code) => {
        if (!closing) retire(worker, `exit code ${code}`);
      });
    }
  };
  // Without a crawl thread to fall back on, threads start at once.
  if (!meanwhile) startThreads();

  const leastLoaded = (): Worker | null => {
    let best: Worker | null = null;
    for (const [worker, n] of load) {
      if (meanwhile && !ready.has(worker)) continue;
      if (best === null || n < (load.get(best) ?? 0)) best = worker;
    }
    return best;
  };

  return {
    waiting(apps) {
      if (apps >= startThreshold) startThreads();
    },
    walk(app, signal) {
      if (signal.aborted) return Promise.reject(cancelledError());
      if (meanwhile && ready.size === 0) return meanwhile.walk(app, signal);
      const worker = leastLoaded();
      if (!worker) {
        return Promise.reject(
          new AppError({ code: 'internal', message: 'No walker thread is left to read apps.', remedy: 'Run the crawl again.' }),
        );
      }
      const id = nextId++;
      return new Promise<WalkResult>((resolve, reject) => {
        const onAbort = (): void => {
          if (!settle(id)) return;
          worker.postMessage({ kind: 'cancel', id } satisfies WalkerRequest);
          reject(cancelledError());
        };
        inFlight.set(id, {
          worker,
          resolve: (result) => {
            signal.removeEventListener('abort', onAbort);
            resolve(result);
          },
          reject: (error) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        });
        load.set(worker, (load.get(worker) ?? 0) + 1);
        signal.addEventListener('abort', onAbort, { once: true });
        worker.postMessage({ kind: 'walk', id, app } satisfies WalkerRequest);
      });
    },
    restCalls: () => [...restCallsBy.values()].reduce((a, b) => a + b, 0) + (meanwhile?.restCalls() ?? 0),
    async close() {
      closing = true;
      await meanwhile?.close();
      const workers = [...load.keys()];
      load.clear();
      for (const [id, entry] of [...inFlight]) {
        inFlight.delete(id);
        entry.reject(cancelledError());
      }
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
