import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/** The lineage view bench: Chromium over serve, one worker, never part of npm test. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'lineage-view-bench.ts',
  outputDir: '../test-results/lineage-view-bench',
  reporter: [['list']],
  timeout: 300_000,
});
