/**
 * Starts bench/demo-tenant-host.ts in a child process (bundled once with Vite's SSR build, since
 * Node runs no TypeScript) and drives it over IPC: the crawler under test owns its process alone.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { AppRecord } from '../src-main/crawl/records';
import type { DemoTenantOptions } from '../src-main/demo-tenant';
import type { DemoStats } from '../src-main/demo-tenant/faults';
import type { HostCommand, HostMessage } from './demo-tenant-host';

export interface DemoTenantProcess {
  readonly url: string;
  readonly apiKey: string;
  readonly pid: number;
  appIds(): Promise<string[]>;
  modifyApp(appId: string): Promise<AppRecord>;
  deleteApp(appId: string): Promise<void>;
  addApp(): Promise<AppRecord>;
  resetStats(): Promise<void>;
  /** A full crawl run from the tenant's own process: fills its answer cache, leaves the caller cold. */
  warm(): Promise<void>;
  answerCache(enabled: boolean): Promise<void>;
  stats(): Promise<DemoStats>;
  /** CPU the tenant process used so far (process.cpuUsage, microseconds). */
  cpu(): Promise<NodeJS.CpuUsage>;
  close(): Promise<void>;
}

type Omitted<T> = T extends unknown ? Omit<T, 'id'> : never;

async function bundleHost(dir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'error',
    root: resolve(import.meta.dirname, '..'),
    build: {
      ssr: resolve(import.meta.dirname, 'demo-tenant-host.ts'),
      outDir: dir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'demo-tenant-host.mjs' } },
    },
  });
  return join(dir, 'demo-tenant-host.mjs');
}

export async function startDemoTenantProcess(options: DemoTenantOptions): Promise<DemoTenantProcess> {
  // Inside the repository, so the bundle's bare imports (ws) resolve from node_modules.
  const cache = resolve(import.meta.dirname, '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'qme-bench-host-'));
  const entry = await bundleHost(dir);
  // BENCH_TENANT_PROFILE_DIR=dir: the tenant writes a V8 CPU profile there when it exits.
  const profileDir = process.env['BENCH_TENANT_PROFILE_DIR'];
  const child: ChildProcess = fork(entry, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<{ url: string; apiKey: string }>((resolveReady, rejectReady) => {
    child.once('exit', (code) => rejectReady(new Error(`demo tenant process exited (${code}) before it was ready`)));
    child.on('message', (message: HostMessage) => {
      if (message.type === 'ready') resolveReady({ url: message.url, apiKey: message.apiKey });
      else if (message.type === 'reply') pending.get(message.id)?.resolve(message.result);
      else pending.get(message.id)?.reject(new Error(message.message));
      if (message.type !== 'ready') pending.delete(message.id);
    });
  });
  const call = <T>(command: Omitted<HostCommand>): Promise<T> =>
    new Promise<T>((resolveCall, rejectCall) => {
      const id = nextId++;
      pending.set(id, { resolve: (v) => resolveCall(v as T), reject: rejectCall });
      child.send({ ...command, id });
    });
  const { url, apiKey } = await ready;
  return {
    url,
    apiKey,
    pid: child.pid ?? 0,
    appIds: () => call({ op: 'appIds' }),
    modifyApp: (appId) => call({ op: 'modifyApp', appId }),
    deleteApp: (appId) => call({ op: 'deleteApp', appId }),
    addApp: () => call({ op: 'addApp' }),
    resetStats: () => call({ op: 'resetStats' }),
    warm: () => call({ op: 'warm' }),
    answerCache: (enabled) => call({ op: 'answerCache', enabled }),
    stats: () => call({ op: 'stats' }),
    cpu: () => call({ op: 'cpu' }),
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      await call({ op: 'close' }).catch(() => undefined);
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
