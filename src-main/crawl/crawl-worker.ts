/**
 * worker_threads entry: runs one crawl off the main thread (CLI, serve). Receives the options as
 * workerData, posts CrawlEvents and finally the CrawlSummary; a 'cancel' message aborts the crawl.
 * Apps are read by walker threads it starts (app-walks.ts) while it writes the catalog.
 * The API key arrives in memory through workerData and is never written anywhere.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCatalog } from '../catalog';
import { toErrorShape } from '../api/errors';
import type { WalkerWorkerFactory } from './app-walks';
import { catalogPort } from './catalog-adapter';
import type { CrawlEvent, CrawlRunOptions, CrawlSummary } from './crawl-events';
import { runCrawl } from './crawl-runner';

export interface CrawlWorkerData {
  readonly options: CrawlRunOptions;
  readonly catalogFile: string;
}

export type CrawlWorkerMessage =
  | { readonly kind: 'event'; readonly event: CrawlEvent }
  | { readonly kind: 'done'; readonly summary: CrawlSummary }
  | { readonly kind: 'error'; readonly error: ReturnType<typeof toErrorShape> };

/** Walker threads read apps while this thread writes the catalog (app-walks.ts); none where the build has no walker chunk. */
async function walkerFactory(): Promise<WalkerWorkerFactory | null> {
  try {
    return ((await import('./app-walker-worker-factory')) as { default: WalkerWorkerFactory }).default;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  if (!parentPort) return;
  const port = parentPort;
  const data = workerData as CrawlWorkerData;
  const controller = new AbortController();
  port.on('message', (message: unknown) => {
    if (message === 'cancel') controller.abort();
  });
  const post = (message: CrawlWorkerMessage): void => port.postMessage(message);
  try {
    const catalog = openCatalog(data.catalogFile);
    try {
      const createWalkerWorker = await walkerFactory();
      const summary = await runCrawl(
        data.options,
        catalogPort(catalog),
        (event) => post({ kind: 'event', event }),
        controller.signal,
        createWalkerWorker ? { createWalkerWorker } : {},
      );
      post({ kind: 'done', summary });
    } finally {
      catalog.close();
    }
  } catch (error) {
    post({ kind: 'error', error: toErrorShape(error) });
  }
  port.close();
}

void main();
