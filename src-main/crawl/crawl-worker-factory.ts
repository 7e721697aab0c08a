/// <reference types="electron-vite/node" />
/**
 * electron-vite builds crawl-worker.ts as its own chunk and gives back a Worker factory
 * (`?nodeWorker`). Imported lazily by hosts so that plain Node/vitest runs, which cannot resolve
 * the suffix, fall back to an in-process crawl.
 */
import createCrawlWorker from './crawl-worker?nodeWorker';

export default createCrawlWorker;
