#!/usr/bin/env node
// `npm run bench -- [--suite crawl|lineage|ui|lineage-view|all] [--json] [--apps N] [--latency-ms L] …`
// Each suite is a bench/*.bench-run.ts file run through vitest (which compiles the TypeScript
// sources) that writes one JSON object; the lineage view suite runs in Playwright. Prints the
// figures: one JSON object with --json, a short summary otherwise. Never part of `npm test`.
// Default suite: crawl (issue 4's figures), so `npm run bench -- --json` prints the crawl object.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isBuildStale } from './lib/build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'crawl' },
    json: { type: 'boolean', default: false },
    apps: { type: 'string', default: '1000' },
    'latency-ms': { type: 'string', default: '50' },
    'peer-sample': { type: 'string', default: '3' },
    concurrency: { type: 'string' },
  },
  strict: true,
});

/** What each suite runs; `needsBuild` suites drive the built app in Chromium over serve. */
const suites = {
  crawl: { file: 'bench/crawl.bench-run.ts', summary: crawlSummary },
  lineage: { file: 'bench/lineage-parser.bench-run.ts', summary: lineageSummary },
  ui: { file: 'bench/ui.bench-run.ts', needsBuild: true },
  'lineage-view': {
    playwright: 'bench/lineage-view.playwright.config.ts',
    output: 'test-results/lineage-view-bench.json',
    needsBuild: true,
  },
};
const chosen = values.suite === 'all' ? Object.keys(suites) : [values.suite];
for (const name of chosen) {
  if (!(name in suites)) {
    console.error(`bench: unknown suite "${name}". Suites: ${Object.keys(suites).join(', ')}, all.`);
    process.exit(2);
  }
}

if (chosen.some((name) => suites[name].needsBuild) && isBuildStale(root)) {
  console.error('bench: building the app first (sources changed since the last build)…');
  const build = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(1);
}

function runSuite(name) {
  const suite = suites[name];
  const dir = mkdtempSync(join(tmpdir(), 'qme-bench-out-'));
  const out = join(dir, 'result.json');
  const env = {
    ...process.env,
    BENCH_OUT: out,
    BENCH_APPS: values.apps,
    BENCH_LATENCY_MS: values['latency-ms'],
    BENCH_PEER_SAMPLE: values['peer-sample'],
    ...(values.concurrency ? { BENCH_CONCURRENCY: values.concurrency } : {}),
  };
  const [command, args, resultFile] = suite.playwright
    ? ['npx', ['playwright', 'test', '-c', suite.playwright, '--reporter=dot'], join(root, suite.output)]
    : ['npx', ['vitest', 'run', '--config', 'bench/vitest.bench.config.ts', '--reporter=dot'], out];
  if (suite.file) env.BENCH_FILE = suite.file;
  if (suite.playwright) rmSync(resultFile, { force: true });
  const run = spawnSync(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
  try {
    if (!existsSync(resultFile)) throw new Error('no result file');
    return { result: JSON.parse(readFileSync(resultFile, 'utf8')), ok: run.status === 0 };
  } catch {
    console.error(
      `bench ${name}: no result (exit code ${run.status}). Run \`${command} ${args.join(' ')}\` with BENCH_FILE=${suite.file ?? ''} to see why.`,
    );
    return { result: null, ok: false };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function crawlSummary(r) {
  return [
    `Crawl benchmark: ${r.tenant.apps} apps × ${r.tenant.sheetsPerApp} sheets × ${r.tenant.chartsPerSheet} charts, ${r.tenant.latencyMs} ms latency, concurrency ${r.tenant.concurrency}`,
    `  full crawl        ${r.fullCrawl.wallMs} ms (${r.ratios.fullOverFloor}× floor ${r.floorMs} ms)`,
    `  delta crawl (1%)  ${r.deltaCrawl.wallMs} ms (${r.deltaCrawl.percentOfFull}% of full)`,
    `  peer-style walk   ${r.peerWalk.wallMs} ms${r.peerWalk.extrapolated ? ` (extrapolated from ${r.peerWalk.sampleApps} apps)` : ''} → ${r.ratios.speedupOverPeer}× slower`,
    `  engine calls/app  ${r.engineCallsPerApp} (peer: ${r.peerWalk.engineCallsPerApp})`,
    `  REST calls        ${r.restCalls}; rows/s ${r.rowsPerSecond}; peak RSS ${r.peakRssMb} MB`,
  ].join('\n');
}

function lineageSummary(r) {
  return [
    `Load-script analyser over ${r.corpus.scripts} corpus scripts (${r.corpus.bytes} bytes)`,
    `  ${r.scriptsPerSecond} scripts/s, ${r.megabytesPerSecond} MB/s`,
    `  10 MB script: ${r.tenMegabyteScript.medianMs} ms (target ${r.tenMegabyteScript.target})`,
  ].join('\n');
}

const results = {};
let allOk = true;
for (const name of chosen) {
  const { result, ok } = runSuite(name);
  allOk &&= ok && result !== null;
  results[name] = result;
  if (!values.json && result)
    console.log(suites[name].summary ? suites[name].summary(result) : `${name}: ${JSON.stringify(result, null, 2)}`);
}
if (values.json) console.log(JSON.stringify(chosen.length === 1 ? results[chosen[0]] : results, null, 2));
process.exit(allOk ? 0 : 1);
