/**
 * Host side of the crawl worker: starts crawl-worker.ts on a worker thread, relays its events to a
 * callback, forwards cancel, resolves with the summary. Same shape as runCrawl, so callers can
 * swap in-process and off-thread crawls freely.
 */
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { AppError } from '../api/errors';
import type { CrawlEvent, CrawlRunOptions, CrawlSummary } from './crawl-events';
import type { CrawlWorkerData, CrawlWorkerMessage } from './crawl-worker';

/** Makes the crawl worker: electron-vite's `?nodeWorker` factory (crawl-worker-factory.ts) fits. */
export type WorkerFactory = (options: WorkerOptions) => Worker;

export function runCrawlInWorker(
  createWorker: WorkerFactory,
  options: CrawlRunOptions,
  catalogFile: string,
  onEvent: (event: CrawlEvent) => void,
  signal?: AbortSignal,
): Promise<CrawlSummary> {
  return new Promise<CrawlSummary>((resolve, reject) => {
    const workerData: CrawlWorkerData = { options, catalogFile };
    const worker = createWorker({ workerData });
    let settled = false;
    const onAbort = (): void => worker.postMessage('cancel');
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    worker.on('message', (message: CrawlWorkerMessage) => {
      if (message.kind === 'event') onEvent(message.event);
      else if (message.kind === 'done') finish(() => resolve(message.summary));
      else finish(() => reject(new AppError(message.error)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() =>
        reject(
          new AppError({
            code: 'internal',
            message: `The crawl worker stopped unexpectedly (exit code ${code}).`,
            remedy: 'Run the crawl again; the previous snapshot is intact.',
          }),
        ),
      ),
    );
  });
}
