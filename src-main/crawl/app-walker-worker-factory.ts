/// <reference types="electron-vite/node" />
/**
 * electron-vite builds app-walker-worker.ts as its own chunk and gives back a Worker factory
 * (`?nodeWorker`). Imported lazily, so plain Node/vitest runs, which cannot resolve the suffix,
 * walk apps on the crawl's own thread instead.
 */
import createAppWalkerWorker from './app-walker-worker?nodeWorker';

export default createAppWalkerWorker;
