/**
 * Runs the built `qme` CLI (out/main/cli.js, made by `npx electron-vite build`, the step before unit
 * tests in `npm test`) as a child process with the same runtime as the tests (Node, or Electron as
 * Node where native modules are built for Electron). The child's output is kept whole for scans.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const builtCli = join(process.cwd(), 'out', 'main', 'cli.js');
export const isCliBuilt = existsSync(builtCli);

export interface CliRun {
  readonly child: ChildProcess;
  /** Resolves when the child has exited (killed or not). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves at the child's first stderr output (the crawl's first progress line). */
  readonly started: Promise<void>;
}

export function runCliChild(args: readonly string[], env: NodeJS.ProcessEnv): CliRun {
  const child = spawn(process.execPath, [builtCli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
    markStarted();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      markStarted();
      resolve({ code, signal });
    }),
  );
  return { child, exited, stdout: () => out, stderr: () => err, started };
}
