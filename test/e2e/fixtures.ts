/**
 * Starts `serve` the way a user does (the built out/main/serve.js) with a fresh data folder per
 * test file, reads the one line it prints, and hands the URL to the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore plain ESM helper shared with the npm scripts
import { nodeRuntime } from '../../scripts/lib/native-abi.mjs';

export interface ServeHandle {
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  readonly output: () => string;
}

export function startServeProcess(
  extraArgs: string[] = [],
  prepareDataDir?: (dataDir: string) => Promise<void>,
): Promise<{ handle: ServeHandle; child: ChildProcess }> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), 'qme-e2e-'));
  return (prepareDataDir ? prepareDataDir(dataDir) : Promise.resolve()).then(() => spawnServe(root, dataDir, extraArgs));
}

function spawnServe(root: string, dataDir: string, extraArgs: string[]): Promise<{ handle: ServeHandle; child: ChildProcess }> {
  const runtime = nodeRuntime(root) as { command: string; env: NodeJS.ProcessEnv };
  const child = spawn(runtime.command, [join(root, 'out', 'main', 'serve.js'), '--data-dir', dataDir, ...extraArgs], {
    env: runtime.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /^Serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        const url = match[1];
        resolve({ handle: { url, origin: new URL(url).origin, dataDir, output: () => output }, child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL:\n${output}`));
    });
  });
}

export const test = base.extend<object, { serve: ServeHandle; demoServe: ServeHandle; seededServe: ServeHandle }>({
  serve: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { handle, child } = await startServeProcess();
      await use(handle);
      child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
  /** `serve --demo` on a fresh data folder: the first run crawls the built-in demo tenant by itself. */
  demoServe: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { handle, child } = await startServeProcess(['--demo']);
      await use(handle);
      child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
  /**
   * `serve` over a catalog already holding one complete snapshot of the demo tenant (written
   * directly, no crawl), with one sheet title that would run script if rendered as HTML.
   */
  seededServe: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { handle, child } = await startServeProcess([], async (dataDir) => {
        // Imported here so specs that do not seed never load the native SQLite module.
        const { seedDemoCatalog, withHostileSheetTitle } = await import('../support/seed-demo-catalog');
        seedDemoCatalog(dataDir, { mapApp: withHostileSheetTitle });
      });
      await use(handle);
      child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
