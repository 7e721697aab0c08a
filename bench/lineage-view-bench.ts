/**
 * Lineage view bench (not part of npm test): layout + first render of 500, 2,000 and 5,000-node
 * graphs in Chromium over `serve`, and frame times while panning the largest. Run with
 *   npx electron-vite build && npx playwright test -c bench/lineage-view.playwright.config.ts
 * Figures go to stdout and test-results/lineage-view-bench.json (first frames as
 * test-results/lineage-view-bench-<size>.png); docs/performance.md records them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import { startServeProcess } from '../test/e2e/fixtures';
import { seedCatalogWithGraph, syntheticGraph } from './synthetic-lineage';

const results: Record<string, unknown>[] = [];

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const sizes = (process.env['LINEAGE_BENCH_SIZES'] ?? '500,2000,5000').split(',').map(Number);

for (const size of sizes) {
  test(`lineage view with ${size} nodes`, async ({ page }) => {
    const graph = syntheticGraph(size);
    const { handle, child } = await startServeProcess([], async (dataDir) => seedCatalogWithGraph(dataDir, graph));
    try {
      await page.goto(handle.url);
      const started = Date.now();
      await page.goto(`${handle.origin}/#/lineage?all=1&level=field&max=6000&dir=both&depth=1`);
      const canvas = page.getByTestId('lineage-canvas');
      await canvas.and(page.locator('[data-ready="true"]')).waitFor({ timeout: 240_000 });
      const interactiveMs = Date.now() - started;
      const data = await canvas.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
      const result: Record<string, unknown> = { nodes: graph.nodes.length, edges: graph.edges.length, interactiveMs, ...data };
      // The first frame as the user sees it, to look at after a change to the canvas or its styles.
      await page.screenshot({ path: join('test-results', `lineage-view-bench-${size}.png`) });
      if (size === 5000) {
        const box = (await canvas.boundingBox()) as { x: number; y: number; width: number; height: number };
        await page.evaluate(() => {
          const w = window as unknown as { __frames: number[] };
          w.__frames = [];
          let last = performance.now();
          const tick = (now: number): void => {
            w.__frames.push(now - last);
            last = now;
            if (w.__frames.length < 100_000) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        for (let i = 0; i < 120; i++)
          await page.mouse.move(box.x + box.width / 2 + Math.sin(i / 8) * 250, box.y + box.height / 2 + Math.cos(i / 8) * 120);
        await page.mouse.up();
        const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.slice(1));
        const sorted = [...frames].sort((a, b) => a - b);
        result['panFrames'] = frames.length;
        result['panFrameMedianMs'] = Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10;
        result['panFrameP95Ms'] = Math.round((sorted[Math.floor(sorted.length * 0.95)] ?? 0) * 10) / 10;
      }
      results.push(result);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      child.kill('SIGTERM');
    }
  });
}

test.afterAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'qme-lineage-bench-'));
  writeFileSync(join(dir, 'result.json'), JSON.stringify(results, null, 2));
  mkdirSync('test-results', { recursive: true });
  writeFileSync(join('test-results', 'lineage-view-bench.json'), JSON.stringify(results, null, 2));
});
