/**
 * How a crawl job actually runs: on a worker thread in the app and `serve` (better-sqlite3 is
 * synchronous, so crawl writes must never block the event loop that answers windows), or
 * in-process in unit tests, where vitest cannot build the worker bundle.
 */
import { openCatalog } from '../catalog';
import { catalogPort } from '../crawl/catalog-adapter';
import type { CrawlEvent, CrawlRunOptions, CrawlSummary } from '../crawl/crawl-events';
import type { WorkerFactory } from '../crawl/crawl-in-worker';
import { runCrawl } from '../crawl/crawl-runner';

export type CrawlStarter = (
  options: CrawlRunOptions,
  catalogFile: string,
  onEvent: (event: CrawlEvent) => void,
  signal: AbortSignal,
) => Promise<CrawlSummary>;

export const inProcessCrawl: CrawlStarter = async (options, catalogFile, onEvent, signal) => {
  const catalog = openCatalog(catalogFile);
  try {
    return await runCrawl(options, catalogPort(catalog), onEvent, signal);
  } finally {
    catalog.close();
  }
};

export const workerThreadCrawl: CrawlStarter = async (options, catalogFile, onEvent, signal) => {
  const { runCrawlInWorker } = await import('../crawl/crawl-in-worker');
  // The factory module uses electron-vite's `?nodeWorker` import, so it exists only in the build.
  const { default: createWorker } = (await import('../crawl/crawl-worker-factory')) as { default: WorkerFactory };
  return runCrawlInWorker(createWorker, options, catalogFile, onEvent, signal);
};
