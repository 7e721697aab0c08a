/**
 * Lineage view bench (not part of npm test): layout + first render of 500, 2,000 and 5,000-node
 * graphs in Chromium over `serve`, and frame times while panning the largest. Run with
 *   npx electron-vite build && npx playwright test -c bench/lineage-view.playwright.config.ts
 * Figures go to stdout and test-results/lineage-view-bench.json; docs/performance.md records them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import { openCatalog } from '../src-main/catalog';
import { defaultDemoSeed, generateTenant } from '../src-main/demo-tenant';
import type { LineageEdge, LineageGraph, LineageNode } from '../src-main/lineage/graph-model';
import { startServeProcess } from '../test/e2e/fixtures';

/** A tenant-shaped graph: db tables → extract tables → QVDs → dashboard tables → charts → sheets → apps. */
function syntheticGraph(size: number): LineageGraph {
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  const edge = (from: string, to: string, kind: LineageEdge['kind']): void =>
    void edges.push({ from, to, kind, origin: 'script', confirmedBy: [], evidence: null });
  const apps = Math.max(2, Math.round(size / 60));
  let qvds: string[] = [];
  for (let a = 0; nodes.length < size; a++) {
    const appId = `app-${a}`;
    const app = `app:${appId}`;
    nodes.push({ id: app, kind: 'app', label: `App ${a}`, appId });
    const isExtract = a % 3 === 0;
    const sheet = `sheet:${appId}:s`;
    if (!isExtract) {
      nodes.push({ id: sheet, kind: 'sheet', sheetId: 's', label: `Sheet ${a}`, appId });
      edge(sheet, app, 'contains');
    }
    for (let t = 0; t < 8 && nodes.length < size; t++) {
      const table = `table:${appId}:T${t}`;
      nodes.push({ id: table, kind: 'app-table', table: `T${t}`, isTemporary: false, label: `Table ${a}.${t}`, appId });
      edge(table, app, 'contains');
      if (isExtract) {
        const db = `db:prod:schema.t_${a}_${t}`;
        const qvd = `qvd:lib://data/${a}/${t}.qvd`;
        nodes.push({ id: db, kind: 'db-table', connection: 'prod', table: `T_${a}_${t}`, label: `SCHEMA.T_${a}_${t}`, appId: null });
        nodes.push({ id: qvd, kind: 'qvd', path: `lib://data/${a}/${t}.qvd`, label: `lib://Data/${a}/${t}.qvd`, appId: null });
        edge(db, table, 'reads');
        edge(table, qvd, 'stores');
        qvds.push(qvd);
      } else {
        const source = qvds[(a * 7 + t * 13) % Math.max(1, qvds.length)];
        if (source) edge(source, table, 'reads');
        for (let c = 0; c < 4 && nodes.length < size; c++) {
          const chart = `chart:${appId}:c${t}_${c}`;
          nodes.push({ id: chart, kind: 'chart', objectId: `c${t}_${c}`, chartType: 'barchart', label: `Chart ${a}.${t}.${c}`, appId });
          edge(table, chart, 'uses');
          edge(chart, sheet, 'contains');
        }
      }
    }
    if (a > apps * 4) qvds = qvds.slice(-200);
  }
  return { nodes: nodes.slice(0, size), edges: edges.filter((e) => nodes.some((n) => n.id === e.to)), warnings: [] };
}

function seed(dataDir: string, graph: LineageGraph): void {
  mkdirSync(dataDir, { recursive: true });
  const model = generateTenant({ seed: defaultDemoSeed, apps: 1 });
  const catalog = openCatalog(join(dataDir, 'catalog.sqlite'));
  const writer = catalog.beginSnapshot({
    connectionId: 'demo',
    connectionName: 'Bench',
    tenant: { ...model.tenant, url: 'https://bench.example', kind: 'demo' },
    kind: 'full',
  });
  writer.putLineage(graph);
  writer.commit();
  catalog.close();
}

const results: Record<string, unknown>[] = [];

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const sizes = (process.env['LINEAGE_BENCH_SIZES'] ?? '500,2000,5000').split(',').map(Number);

for (const size of sizes) {
  test(`lineage view with ${size} nodes`, async ({ page }) => {
    const graph = syntheticGraph(size);
    const { handle, child } = await startServeProcess([], async (dataDir) => seed(dataDir, graph));
    try {
      await page.goto(handle.url);
      const started = Date.now();
      await page.goto(`${handle.origin}/#/lineage?all=1&level=field&max=6000&dir=both&depth=1`);
      const canvas = page.getByTestId('lineage-canvas');
      await canvas.and(page.locator('[data-ready="true"]')).waitFor({ timeout: 240_000 });
      const interactiveMs = Date.now() - started;
      const data = await canvas.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
      const result: Record<string, unknown> = { nodes: graph.nodes.length, edges: graph.edges.length, interactiveMs, ...data };
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
