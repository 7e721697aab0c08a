// `npm test`: every check CI runs, in order, with one closing line "N passed, N failed, N skipped".
//   typecheck → lint → format → build → unit (vitest) → browser e2e (Playwright + Chromium)
//   → Electron e2e (skipped, saying so, where the Electron binary is absent).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, nodeRuntime } from './lib/native-abi.mjs';
import { run } from './lib/run.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

async function step(name, command, args, options = {}) {
  console.log(`\n━━ ${name} ━━`);
  const code = await run(command, args, { cwd: root, ...options });
  if (code === 0) totals.passed += options.countsAs ?? 1;
  else {
    totals.failed += 1;
    failures.push(name);
  }
  return code;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Adds a Playwright JSON report's outcomes to the totals. */
function countPlaywright(file) {
  const report = readJson(file);
  if (!report) return { passed: 0, failed: 0, skipped: 0, missing: true };
  const s = report.stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0), skipped: s.skipped ?? 0 };
}

const npx = 'npx';
await step('typecheck', npx, ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
await step('typecheck (renderer)', npx, ['tsc', '-p', 'tsconfig.web.json', '--noEmit']);
await step('lint', npx, ['eslint', '.', '--max-warnings', '0']);
await step('format', npx, ['prettier', '--check', '.', '--log-level', 'warn']);
await step('Electron configuration (Electronegativity)', 'node', ['scripts/electronegativity.mjs']);
const buildCode = await step('build', npx, ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });

// Unit and integration tests: under Electron-as-Node where native modules are built for Electron.
const runtime = nodeRuntime(root);
const playwrightCli = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
console.log(`\n━━ unit tests (vitest, ${runtime.label}) ━━`);
const vitestFile = join(results, 'vitest.json');
const vitestCode = await run(
  runtime.command,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`],
  { cwd: root, env: runtime.env },
);
const vitest = readJson(vitestFile);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (vitestCode !== 0 && (!vitest || vitest.numFailedTests === 0)) {
  totals.failed += 1;
  failures.push('unit tests (runner error)');
} else if (vitest?.numFailedTests) failures.push('unit tests');

// Browser end-to-end.
if (buildCode === 0) {
  console.log('\n━━ browser end-to-end (Playwright, Chromium) ━━');
  // Under the same runtime as the unit tests: fixtures seed catalogs with the native SQLite module.
  const e2eCode = await run(runtime.command, [playwrightCli, 'test', '-c', 'playwright.config.ts'], { cwd: root, env: runtime.env });
  const e2e = countPlaywright(join(results, 'e2e.json'));
  totals.passed += e2e.passed;
  totals.failed += e2e.failed;
  totals.skipped += e2e.skipped;
  if (e2eCode !== 0) {
    failures.push('browser end-to-end');
    if (e2e.failed === 0) totals.failed += 1;
  }
} else {
  failures.push('browser end-to-end (not run: build failed)');
  totals.failed += 1;
}

// Electron end-to-end.
console.log('\n━━ Electron end-to-end (Playwright _electron) ━━');
if (!electronBinary(root)) {
  const listed = await import('node:child_process').then(({ spawnSync }) =>
    spawnSync(npx, ['playwright', 'test', '-c', 'playwright.electron.config.ts', '--list'], { cwd: root, encoding: 'utf8' }),
  );
  const count = (/Total: (\d+) tests?/.exec(listed.stdout ?? '') ?? [])[1] ?? '0';
  console.log(`Electron binary not installed: ${count} Electron tests skipped`);
  totals.skipped += Number(count);
} else {
  const code = await run(runtime.command, [playwrightCli, 'test', '-c', 'playwright.electron.config.ts'], { cwd: root, env: runtime.env });
  const electron = countPlaywright(join(results, 'electron.json'));
  totals.passed += electron.passed;
  totals.failed += electron.failed;
  totals.skipped += electron.skipped;
  if (code !== 0) {
    failures.push('Electron end-to-end');
    if (electron.failed === 0) totals.failed += 1;
  }
}

console.log('');
if (failures.length) console.log(`Failed: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
