import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/main/**/*.test.ts', 'test/renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Native modules (better-sqlite3, keytar) are safest in child processes, not worker threads.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
