/**
 * The walker thread outside an electron-vite build: src-main/crawl/app-walker-worker.ts bundled
 * once with Vite's SSR build (Node runs no TypeScript), for the bench and the tests that run a
 * crawl with walker threads as the app does.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import type { WalkerWorkerFactory } from '../../src-main/crawl/app-walks';

export interface BundledWalker {
  readonly createWalkerWorker: WalkerWorkerFactory;
  dispose(): void;
}

export async function bundleWalkerWorker(): Promise<BundledWalker> {
  const root = resolve(import.meta.dirname, '..', '..');
  // Inside the repository, so the bundle's bare imports (enigma.js, ws) resolve from node_modules.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'qme-walker-'));
  await build({
    configFile: false,
    logLevel: 'error',
    root,
    build: {
      ssr: join(root, 'src-main', 'crawl', 'app-walker-worker.ts'),
      outDir: dir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'app-walker-worker.mjs' } },
    },
  });
  const entry = join(dir, 'app-walker-worker.mjs');
  return {
    createWalkerWorker: (options) => new Worker(entry, options),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
