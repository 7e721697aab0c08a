#!/usr/bin/env node
// `npm run bench -- [--json] [--apps N] [--latency-ms L] [--peer-sample S] [--concurrency C]`
// Runs bench/crawl.bench-run.ts through vitest (which compiles the TypeScript sources) and prints
// the figures: one JSON object with --json, a short table otherwise. Never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    apps: { type: 'string', default: '1000' },
    'latency-ms': { type: 'string', default: '50' },
    'peer-sample': { type: 'string', default: '3' },
    concurrency: { type: 'string' },
  },
  strict: true,
});

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
const run = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.bench.config.ts', '--reporter=dot'], {
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
  shell: process.platform === 'win32',
});
let result;
try {
  result = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  console.error(
    `bench: no result (vitest exit code ${run.status}). Run \`npx vitest run --config bench/vitest.bench.config.ts\` to see why.`,
  );
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (values.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const r = result;
  console.log(
    `Crawl benchmark: ${r.tenant.apps} apps × ${r.tenant.sheetsPerApp} sheets × ${r.tenant.chartsPerSheet} charts, ${r.tenant.latencyMs} ms latency, concurrency ${r.tenant.concurrency}`,
  );
  console.log(`  full crawl        ${r.fullCrawl.wallMs} ms (${r.ratios.fullOverFloor}× floor ${r.floorMs} ms)`);
  console.log(`  delta crawl (1%)  ${r.deltaCrawl.wallMs} ms (${r.deltaCrawl.percentOfFull}% of full)`);
  console.log(
    `  peer-style walk   ${r.peerWalk.wallMs} ms${r.peerWalk.extrapolated ? ` (extrapolated from ${r.peerWalk.sampleApps} apps)` : ''} → ${r.ratios.speedupOverPeer}× slower`,
  );
  console.log(`  engine calls/app  ${r.engineCallsPerApp} (peer: ${r.peerWalk.engineCallsPerApp})`);
  console.log(`  REST calls        ${r.restCalls}; rows/s ${r.rowsPerSecond}; peak RSS ${r.peakRssMb} MB`);
}
process.exit(run.status === 0 ? 0 : 1);
