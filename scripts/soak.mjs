// `npm run soak`: the reliability suite with more seeds than `npm test` affords — kill -9 of the
// crawling CLI at 20 seeded moments, and the response-mutation property tests with many more runs.
// Bounded in count (QME_SOAK_KILL_SEEDS, QME_SOAK_FUZZ_RUNS) and time (QME_SOAK_MINUTES, default
// 15); loopback only (the demo tenant and the crawler on 127.0.0.1). Results: docs/reliability.md.
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildStale } from './lib/build-state.mjs';
import { nodeRuntime } from './lib/native-abi.mjs';
import { run } from './lib/run.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const minutes = Number(process.env.QME_SOAK_MINUTES ?? 15);

if (isBuildStale(root)) {
  console.log('Building (the kill -9 tests run the built qme CLI)…');
  if ((await run('npx', ['electron-vite', 'build'], { cwd: root })) !== 0) process.exit(1);
}

const runtime = nodeRuntime(root);
const env = {
  ...runtime.env,
  QME_SOAK_KILL_SEEDS: process.env.QME_SOAK_KILL_SEEDS ?? '20',
  QME_SOAK_FUZZ_RUNS: process.env.QME_SOAK_FUZZ_RUNS ?? '400',
};
// The child is stopped (SIGTERM) when the time budget is spent, so the soak never runs unbounded.
const child = spawn(
  runtime.command,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/main/reliability', '--testTimeout', String(minutes * 60_000)],
  { cwd: root, env, stdio: 'inherit', timeout: minutes * 60_000 },
);
child.on('exit', (code, signal) => {
  if (signal) console.error(`Soak stopped (${signal}): over ${minutes} min (QME_SOAK_MINUTES).`);
  process.exitCode = code ?? 1;
});
