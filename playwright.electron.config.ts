import { defineConfig } from '@playwright/test';

/** Electron end-to-end tests (Playwright _electron). They skip, saying so, where the Electron binary is absent. */
export default defineConfig({
  testDir: 'test/electron',
  timeout: 60_000,
  workers: 1,
  outputDir: 'test-results/electron',
  reporter: [['list'], ['json', { outputFile: 'test-results/electron.json' }]],
});
