/**
 * The lineage view over `serve --demo`: a dashboard chart's lineage back to the Snowflake table
 * through both QVD hops, depth, manual edges, PNG/SVG export and impact analysis.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { openCatalog } from '../../src-main/catalog';
import { expect, test } from './fixtures';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const dbOrders = 'SALES.PUBLIC.ORDERS';
const rawOrders = 'lib://Data Engineering:DataFiles/raw/sales/orders.qvd';
const transformedOrders = 'lib://Data Engineering:DataFiles/transformed/sales/orders.qvd';
const chartTitle = 'Avg Discount by RegionOwner';

/** Waits for the first-run demo crawl, then finds the chart's node id in the catalog it wrote. */
async function demoChartId(dataDir: string): Promise<string> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const catalog = openCatalog(join(dataDir, 'catalog.sqlite'), { readonly: true });
      try {
        if (catalog.snapshotsOfConnection('demo').some((s) => s.status === 'complete')) {
          const nodes = catalog.lineage({ connectionId: 'demo' }).nodes;
          const app = nodes.find((n) => n.kind === 'app' && n.label === 'Sales Overview');
          const chart = nodes.find((n) => n.kind === 'chart' && n.appId === app?.appId && n.label === chartTitle);
          if (chart) return chart.id;
        }
      } finally {
        catalog.close();
      }
    } catch {
      // No catalog yet: the crawl has not committed its first transaction.
    }
    if (Date.now() > deadline) throw new Error('the demo crawl did not complete within 90 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function nodeList(page: Page) {
  return page.getByRole('list', { name: 'Nodes in the graph' });
}

async function openLineage(page: Page, url: string, origin: string, path: string, hasGraph = true): Promise<void> {
  await page.goto(url);
  await expect(page).not.toHaveURL(/token=/);
  await page.goto(`${origin}/#${path}`);
  if (hasGraph) await expect(page.getByTestId('lineage-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

/** The header toggle cycles light → dark → auto. */
async function switchScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  for (let i = 0; i < 3; i++) {
    if ((await page.locator('html').getAttribute('data-mantine-color-scheme')) === scheme) break;
    await page.getByRole('button', { name: /^Color scheme:/ }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
}

async function showNodeList(page: Page): Promise<void> {
  const summary = page.getByText(/^Nodes in the graph \(\d+\)$/);
  if (!(await nodeList(page).isVisible())) await summary.click();
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test.describe('lineage view over serve --demo', () => {
  test.describe.configure({ timeout: 120_000 });

  test('a dashboard chart traces back to the SQL table through both QVDs; depth changes the picture', async ({ page, demoServe }) => {
    const chart = await demoChartId(demoServe.dataDir);
    await openLineage(page, demoServe.url, demoServe.origin, `/lineage?node=${encodeURIComponent(chart)}&dir=up&depth=2`);
    await showNodeList(page);
    await expect(nodeList(page)).toContainText(chartTitle);
    await expect(nodeList(page)).not.toContainText(dbOrders);

    // Keyboard on the depth slider: End = deepest.
    await page.getByRole('slider').focus();
    await page.keyboard.press('End');
    await expect(page).toHaveURL(/depth=12/);
    await expect(page.getByTestId('lineage-canvas')).toHaveAttribute('data-ready', 'true');
    await showNodeList(page);
    for (const label of [transformedOrders, rawOrders, dbOrders]) await expect(nodeList(page)).toContainText(label);

    // The details of the SQL table say where its data goes, with the script lines.
    await nodeList(page)
      .getByRole('button', { name: new RegExp(`^${dbOrders} ·`) })
      .click();
    const details = page.getByLabel('Node details');
    await expect(details.getByRole('heading', { name: dbOrders })).toBeVisible();
    await expect(details.getByRole('link', { name: /^Script line/ }).first()).toBeVisible();

    // Path from the chart to the table: both ends highlighted, "Clear path" offered.
    await details.getByRole('button', { name: 'Path from here…' }).click();
    await nodeList(page)
      .getByRole('button', { name: new RegExp(`^${chartTitle} ·`) })
      .click();
    await page.getByLabel('Node details').getByRole('button', { name: 'Path to here' }).click();
    await expect(page.getByRole('button', { name: 'Clear path' })).toBeVisible();

    mkdirSync(screenshots, { recursive: true });
    await switchScheme(page, 'light');
    // The view opens on the chart at a readable zoom; Fit would shrink the whole chain to a strip.
    await page.screenshot({ path: join(screenshots, 'lineage-chart-light.png') });
    await switchScheme(page, 'dark');
    await page.screenshot({ path: join(screenshots, 'lineage-chart-dark.png') });
    await switchScheme(page, 'light');
  });

  test('a manual edge to a new external node appears dashed in the graph and undo removes it', async ({ page, demoServe }) => {
    await demoChartId(demoServe.dataDir);
    await openLineage(
      page,
      demoServe.url,
      demoServe.origin,
      `/lineage?node=${encodeURIComponent('db:snowflake_prod:sales.public.orders')}&dir=both&depth=1`,
    );
    await showNodeList(page);
    await nodeList(page)
      .getByRole('button', { name: new RegExp(`^${dbOrders} ·`) })
      .click();
    await page.getByLabel('Node details').getByRole('button', { name: 'Draw edge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Draw a lineage edge' });
    await dialog.getByText('A new external node').click();
    await dialog.getByLabel('External node name').fill('SAP ERP');
    await dialog.getByLabel('Note').fill('Replicated nightly by the data team');
    await dialog.getByRole('button', { name: 'Add edge' }).click();
    await expect(dialog).toBeHidden();
    await showNodeList(page);
    await expect(nodeList(page)).toContainText('SAP ERP');
    await expect(page.getByLabel('Node details')).toContainText('Replicated nightly by the data team');

    await page.getByRole('button', { name: 'Undo last edge' }).click();
    await expect(nodeList(page)).not.toContainText('SAP ERP');
  });

  test('exports PNG at the chosen scale and SVG with the node labels', async ({ page, demoServe }) => {
    const chart = await demoChartId(demoServe.dataDir);
    await openLineage(page, demoServe.url, demoServe.origin, `/lineage?node=${encodeURIComponent(chart)}&dir=up&depth=8`);

    const savePng = async (scale: string): Promise<{ width: number; height: number }> => {
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menuitem', { name: 'PNG image…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export PNG' });
      await dialog.getByLabel('Scale').click();
      await page.getByRole('option', { name: new RegExp(`^${scale}×`) }).click();
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: 'Save PNG' }).click();
      const file = await (await download).path();
      return pngSize(readFileSync(file));
    };
    const one = await savePng('1');
    const two = await savePng('2');
    expect(one.width).toBeGreaterThan(300);
    expect(Math.abs(two.width - 2 * one.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(two.height - 2 * one.height)).toBeLessThanOrEqual(2);

    await page.getByRole('button', { name: 'Export' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'SVG image' }).click();
    const svg = readFileSync(await (await download).path(), 'utf8');
    expect(svg).toMatch(/^<\?xml/);
    for (const label of [dbOrders, chartTitle, 'sales/orders.qvd']) expect(svg).toContain(`>${label}</text>`);
  });

  test('impact analysis of a QVD lists the dashboards that depend on it', async ({ page, demoServe }) => {
    await demoChartId(demoServe.dataDir);
    await openLineage(page, demoServe.url, demoServe.origin, '/lineage?mode=impact', false);
    await page.getByRole('combobox', { name: 'Impact source' }).fill('transformed/sales/orders');
    await page.getByRole('option', { name: /transformed\/sales\/orders\.qvd/ }).click();
    await expect(page.getByTestId('lineage-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    const table = page.getByRole('table', { name: 'Impacted apps, sheets and charts' });
    for (const app of ['Sales Overview', 'Sales Customer Insights'])
      await expect(table.getByRole('row', { name: new RegExp(`^App ${app}`) })).toBeVisible();
    await expect(table).toContainText(chartTitle);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    expect(readFileSync(await (await download).path(), 'utf8')).toContain('Sales Overview');
    // The scheme is an app setting other tests change; this picture is the light one.
    await switchScheme(page, 'light');
    await page.screenshot({ path: join(screenshots, 'lineage-impact-light.png') });
  });
});
