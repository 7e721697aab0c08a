import { defineConfig } from 'vitest/config';

/** `npm run bench` only: one long-running file that prints figures, never part of `npm test`. */
export default defineConfig({
  test: {
    include: [process.env['BENCH_FILE'] ?? 'bench/crawl.bench-run.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60 * 60 * 1000,
    hookTimeout: 60_000,
  },
});
