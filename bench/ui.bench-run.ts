/**
 * The explorer UI benchmark (`BENCH_FILE=bench/ui.bench-run.ts npx vitest run --config
 * bench/vitest.bench.config.ts`): time to first render of the app shell, of the catalog (tree and
 * the space page of the largest space) and of a search result page, in Debian's Chromium over the
 * built `serve` (run `npx electron-vite build` first), on a catalog seeded with the demo tenant at
 * 1,000 apps (BENCH_APPS). Each figure is the median of 5 cold loads (a fresh browser context each:
 * no HTTP cache, no query cache). Writes one JSON object to BENCH_OUT. Never part of `npm test`.
 *
 * Timing: an init script watches the DOM (MutationObserver) and records performance.now() — ms
 * since the navigation started — the first time each screen's content is present, plus a
 * Performance mark of the same name; Playwright only waits for the marks afterwards, so its polling
 * adds nothing to the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { openCatalog } from '../src-main/catalog';
import { seedDemoCatalog } from '../test/support/seed-demo-catalog';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore plain ESM helper shared with the npm scripts
import { nodeRuntime } from '../scripts/lib/native-abi.mjs';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const apps = Number(process.env['BENCH_APPS'] ?? 1000);
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const searchText = 'revenue';

/** What each screen shows once it has rendered its data (not a skeleton). */
const watches: Record<string, string> = {
  shell: `document.querySelector('[aria-label="Sections"] a')`,
  catalogTree: `[...document.querySelectorAll('nav[aria-label="Catalog tree"] button')].some((b) => /\\d+ apps? ·/.test(b.textContent ?? ''))`,
  allAppsTable: `document.querySelector('[role="table"][aria-label="All apps"] [role="rowgroup"] [role="row"] a')`,
  spacePage: `document.querySelector('[role="table"][aria-label^="Apps in"] [role="rowgroup"] [role="row"] a')`,
  appInTree: `document.querySelector('nav[aria-label="Catalog tree"] [aria-current="page"]')`,
  appPage: `document.querySelector('[role="tablist"][aria-label="App contents"]')`,
  searchResults: `document.querySelector('[aria-label="Search results"] [role="listitem"] a')`,
  searchFacets: `document.querySelector('[aria-label="Owner filter"] button')`,
};

function watcherScript(): string {
  const checks = Object.entries(watches)
    .map(
      ([name, test]) =>
        `if (!(${JSON.stringify(name)} in marks) && (${test})) { marks[${JSON.stringify(name)}] = performance.now(); performance.mark(${JSON.stringify(`qme:${name}`)}); }`,
    )
    .join('\n');
  return `(() => {
    const marks = (window.__qmeMarks = {});
    const check = () => { try { ${checks} } catch {} };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-current', 'data-active'] });
  })();`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

let serveChild: ChildProcess | undefined;
let serveUrl = '';
let dataDir = '';
let browser: Browser | undefined;
let largestSpace = { id: '', name: '', appCount: 0 };
/** The last app (by name) of the largest space: beyond the tree's 150-row level, so the tree must reach for it. */
let deepApp = { id: '', name: '' };
let seedMs = 0;

function startServe(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const runtime = nodeRuntime(root) as { command: string; env: NodeJS.ProcessEnv };
  const child = spawn(runtime.command, [join(root, 'out', 'main', 'serve.js'), '--data-dir', dir], {
    env: runtime.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 60 s:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[1] });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
}

beforeAll(async () => {
  if (!existsSync(join(root, 'out', 'main', 'serve.js'))) throw new Error('Build first: npx electron-vite build');
  dataDir = mkdtempSync(join(tmpdir(), 'qme-ui-bench-'));
  const started = performance.now();
  const seeded = seedDemoCatalog(dataDir, { apps });
  seedMs = Math.round(performance.now() - started);
  const catalog = openCatalog(seeded.file, { readonly: true });
  try {
    largestSpace = [...catalog.spaces()].sort((a, b) => b.appCount - a.appCount)[0] ?? largestSpace;
    deepApp = catalog.appsInSpace(largestSpace.id).at(-1) ?? deepApp;
  } finally {
    catalog.close();
  }
  const served = await startServe(dataDir);
  serveChild = served.child;
  serveUrl = served.url;
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  serveChild?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** One cold load of a route; returns the named marks (ms since navigation start). */
async function load(hash: string, wanted: readonly string[]): Promise<Record<string, number>> {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  try {
    await context.addInitScript(watcherScript());
    const page = await context.newPage();
    await page.goto(`${serveUrl}#${hash}`);
    await page
      .waitForFunction(
        (names) => names.every((n) => n in ((window as unknown as { __qmeMarks: Record<string, number> }).__qmeMarks ?? {})),
        wanted,
        { timeout: 60_000, polling: 100 },
      )
      .catch(async (error: unknown) => {
        const seen = await page.evaluate(() => (window as unknown as { __qmeMarks: Record<string, number> }).__qmeMarks);
        throw new Error(`${hash}: waited for ${wanted.join(', ')}; saw ${JSON.stringify(seen)}`, { cause: error });
      });
    const marks = await page.evaluate(() => (window as unknown as { __qmeMarks: Record<string, number> }).__qmeMarks);
    const paint = await page.evaluate(
      () => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? -1,
    );
    return { ...marks, firstContentfulPaint: paint };
  } finally {
    await context.close();
  }
}

async function medians(hash: string, wanted: readonly string[]): Promise<Record<string, number>> {
  await load(hash, wanted); // warm the server's SQLite pages and Chromium's code cache for the bundle once
  const samples: Record<string, number>[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await load(hash, wanted));
  const names = [...wanted, 'firstContentfulPaint'];
  return Object.fromEntries(names.map((n) => [n, Math.round(median(samples.map((s) => s[n] ?? -1)))]));
}

it('explorer UI benchmark', async () => {
  const shell = await medians('/settings', ['shell']);
  const catalogHome = await medians('/catalog', ['shell', 'catalogTree', 'allAppsTable']);
  const space = await medians(`/catalog/space/${encodeURIComponent(largestSpace.id)}`, ['shell', 'catalogTree', 'spacePage']);
  const appInTree = await medians(`/catalog/app/${encodeURIComponent(deepApp.id)}`, ['shell', 'appPage', 'appInTree']);
  const search = await medians(`/search?q=${searchText}`, ['shell', 'searchResults', 'searchFacets']);
  const result = {
    catalog: { apps, seedMs, largestSpace: { name: largestSpace.name, apps: largestSpace.appCount } },
    runs,
    chromium: browser?.version() ?? null,
    shellMs: shell,
    catalogHomeMs: catalogHome,
    spacePageMs: space,
    appPageWithTreeOpenedToItMs: { app: deepApp.name, ...appInTree },
    searchPageMs: { query: searchText, ...search },
  };
  const out = process.env['BENCH_OUT'] ?? join(tmpdir(), 'qme-ui-bench.json');
  writeFileSync(out, JSON.stringify(result, null, 2));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
});
