/**
 * The load-script analyser benchmark (`npm run bench -- --suite lineage`): scripts per second and
 * MB/s over the real-script corpus (../shared/corpus), and the time to analyse a 10 MB script
 * (the corpus repeated). Writes one JSON object to BENCH_OUT. Never part of `npm test`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';
import { analyzeScript } from '../src-main/lineage';

const corpusDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'shared', 'corpus');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

it('lineage parser benchmark', () => {
  const scripts = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.qvs'))
    .map((f) => readFileSync(join(corpusDir, f), 'utf8'));
  const corpusBytes = scripts.reduce((sum, s) => sum + Buffer.byteLength(s), 0);

  // Warm up the JIT, then time whole passes over the corpus.
  for (const s of scripts) analyzeScript(s);
  const passes: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const started = performance.now();
    for (const s of scripts) analyzeScript(s);
    passes.push(performance.now() - started);
  }
  const passMs = median(passes);

  const all = scripts.join('\n');
  const big = Array.from({ length: Math.ceil((10 * 1024 * 1024) / all.length) }, () => all).join('\n');
  const bigRuns: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    analyzeScript(big);
    bigRuns.push(performance.now() - started);
  }

  const result = {
    corpus: { scripts: scripts.length, bytes: corpusBytes },
    scriptsPerSecond: Math.round((scripts.length / passMs) * 1000),
    megabytesPerSecond: Number((corpusBytes / 1024 / 1024 / (passMs / 1000)).toFixed(2)),
    tenMegabyteScript: { bytes: Buffer.byteLength(big), medianMs: Math.round(median(bigRuns)), target: 'under 1,000 ms' },
  };
  writeFileSync(process.env['BENCH_OUT'] ?? join(corpusDir, '..', 'lineage-bench.json'), JSON.stringify(result));
});
