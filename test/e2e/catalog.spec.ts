/**
 * The catalog browser over `serve`, on a catalog seeded with the demo tenant's truth: from the
 * tenant down to a chart, its master item and where that is used; the script opened at a line;
 * Qlik text shown as text. Screenshots of each screen go to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(screenshots, { recursive: true });

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

/** Any alert() means Qlik text was run as markup. */
function failOnDialog(page: Page): void {
  page.on('dialog', (dialog) => {
    throw new Error(`A dialog opened: ${dialog.message()}`);
  });
}

test.describe('catalog browser over serve', () => {
  test('says there is no crawl yet and offers the way forward', async ({ page, serve }) => {
    await page.goto(serve.url);
    await expect(page.getByRole('heading', { name: 'No crawl in the catalog yet' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Crawl a tenant' })).toHaveAttribute('href', '#/crawl');
    await shoot(page, 'catalog-empty');
  });

  test('browses tenant → space → app → sheet → chart → master item → where used', async ({ page, seededServe }) => {
    failOnDialog(page);
    await page.goto(seededServe.url);
    const scopeBar = page.getByLabel('Catalog scope');
    await expect(scopeBar).toContainText('Demo tenant');
    await expect(scopeBar).toContainText('snapshot #1');
    await expect(scopeBar).toContainText('latest');
    await expect(page.getByRole('table', { name: 'All apps' })).toContainText('Sales Overview');
    await shoot(page, 'catalog-home');

    const tree = page.getByRole('navigation', { name: 'Catalog tree' });
    await tree.getByRole('button', { name: /^Sales\b/ }).click();
    await expect(page.getByRole('heading', { name: 'Sales', exact: true })).toBeVisible();
    // The tree opened the space lazily: its apps are listed under it.
    await expect(tree.getByRole('button', { name: 'Sales Overview' })).toBeVisible();
    await shoot(page, 'catalog-space');

    await page
      .getByRole('table', { name: /Apps in Sales/ })
      .getByRole('link', { name: 'Sales Overview' })
      .click();
    await expect(page.getByRole('heading', { name: 'Sales Overview' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /Sheets/ })).toHaveAttribute('aria-selected', 'true');
    await shoot(page, 'catalog-app');

    // The first sheet's title is `<img src=x onerror=alert(1)> Overview`: it must read as text.
    await page.getByRole('link', { name: '<img src=x onerror=alert(1)> Overview' }).click();
    await expect(page.getByRole('heading', { name: '<img src=x onerror=alert(1)> Overview' })).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    const preview = page.getByRole('figure', { name: /Sheet preview/ });
    await expect(preview.getByRole('link')).toHaveCount(6);
    await shoot(page, 'sheet-preview');

    await preview
      .getByRole('link', { name: /^Revenue\b/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { name: 'Revenue', exact: true })).toBeVisible();
    const measures = page.getByRole('table', { name: 'Measures' });
    await expect(measures).toContainText('Sum([Amount])');
    await shoot(page, 'catalog-object');

    await measures.getByRole('link', { name: 'Master item Revenue' }).click();
    await expect(page.getByText('master measure', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Expression of Revenue')).toHaveText('Sum([Amount])');
    const whereUsed = page.getByRole('table', { name: 'Where the master item Revenue is used' });
    await expect(whereUsed.getByRole('link', { name: 'Revenue', exact: true })).toBeVisible();
    await expect(whereUsed.getByRole('link', { name: '<img src=x onerror=alert(1)> Overview' }).first()).toBeVisible();
    await shoot(page, 'catalog-master-item');
  });

  test('opens the load script at a line range, highlights it, and finds text in it', async ({ page, seededServe }) => {
    await page.goto(seededServe.url);
    await page.getByRole('table', { name: 'All apps' }).getByRole('link', { name: 'Sales Transform' }).click();
    await expect(page.getByRole('heading', { name: 'Sales Transform' })).toBeVisible();
    const appPath = new URL(page.url()).hash.slice(1);
    await page.evaluate((path) => (window.location.hash = `${path}/script?line=14&end=16`), appPath);

    const script = page.getByRole('region', { name: 'Load script' });
    const highlighted = script.locator('[data-highlighted]');
    await expect(highlighted).toHaveCount(3);
    await expect(highlighted.first()).toHaveAttribute('data-line', '14');
    await expect(highlighted.first()).toBeInViewport();

    await script.click();
    await page.keyboard.press('Control+F');
    await expect(page.getByRole('textbox', { name: 'Find in script' })).toBeFocused();
    await page.keyboard.type('load');
    await expect(script.locator('mark').first()).toBeVisible();
    await expect(script.locator('mark[data-current]')).toHaveCount(1);
    await shoot(page, 'script-viewer');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'script-viewer-dark');
  });

  test('shows the data model with keys and the fields nothing uses', async ({ page, seededServe }) => {
    await page.goto(seededServe.url);
    await page.getByRole('table', { name: 'All apps' }).getByRole('link', { name: 'Sales Overview' }).click();
    await page.getByRole('tab', { name: /Data model/ }).click();
    await expect(page.getByLabel('Table Orders')).toContainText('44,460 rows');
    await expect(page.getByLabel('Key fields')).toContainText('CustomerID');
    const unused = page.getByLabel('Unused fields');
    await expect(unused).toContainText('non-key fields are used by no chart, master item, variable or bookmark');
    await expect(unused.getByLabel('DROP FIELDS statement')).toHaveText('DROP FIELDS [Quantity], [Month];');
    await shoot(page, 'catalog-data-model');
    await unused.screenshot({ path: join(screenshots, 'catalog-unused-fields.png') });
  });

  test('the tree opens down to a sheet reached by its URL and highlights it', async ({ page, seededServe }) => {
    await page.goto(seededServe.url);
    await page.getByRole('table', { name: 'All apps' }).getByRole('link', { name: 'Sales Overview' }).click();
    await page.getByRole('link', { name: '<img src=x onerror=alert(1)> Overview' }).click();
    await expect(page.getByRole('heading', { name: '<img src=x onerror=alert(1)> Overview' })).toBeVisible();
    const sheetUrl = page.url();

    // A fresh load of the sheet's URL: nothing was clicked in the tree.
    await page.goto('about:blank');
    await page.goto(sheetUrl);
    const tree = page.getByRole('navigation', { name: 'Catalog tree' });
    const current = tree.locator('[aria-current="page"]');
    await expect(current).toHaveCount(1);
    await expect(current).toContainText('<img src=x onerror=alert(1)> Overview');
    await expect(current).toBeInViewport();
    await expect(tree.getByRole('button', { name: 'Sales Overview' })).toBeVisible();
    // Apps outside shared spaces are counted without loading them.
    await expect(tree.getByRole('button', { name: /^Personal\b/ })).toContainText(/\d+ apps? · outside shared spaces/);
    await shoot(page, 'catalog-tree-follows-route');

    // A chart's page opens its sheet in the tree and highlights the chart.
    await page
      .getByRole('figure', { name: /Sheet preview/ })
      .getByRole('link', { name: /^Revenue\b/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { name: 'Revenue', exact: true })).toBeVisible();
    await expect(tree.locator('[aria-current="page"]')).toContainText('Revenue');
  });

  test('lists the data connections an app uses, from its script when the snapshot has no lineage', async ({ page, seededServe }) => {
    await page.goto(seededServe.url);
    await page.getByRole('table', { name: 'All apps' }).getByRole('link', { name: 'Sales Extract' }).click();
    await page.getByRole('tab', { name: 'Connections used' }).click();
    const table = page.getByRole('table', { name: 'Data connections used' });
    await expect(table).toContainText('Snowflake_PROD');
    await expect(table).toContainText('DataFiles');
    await expect(page.getByText(/matched by the names its script uses/)).toBeVisible();
    await shoot(page, 'catalog-app-connections');
  });

  test('the ? key lists the keyboard shortcuts', async ({ page, seededServe }) => {
    await page.goto(seededServe.url);
    await expect(page.getByLabel('Catalog scope')).toBeVisible();
    await page.keyboard.press('Shift+?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Find in the load script');
  });

  test('looks right in dark mode', async ({ page, seededServe }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(seededServe.url);
    await expect(page.getByRole('table', { name: 'All apps' })).toBeVisible();
    await shoot(page, 'catalog-home-dark');
    await page.getByRole('table', { name: 'All apps' }).getByRole('link', { name: 'Sales Overview' }).click();
    await page.getByRole('link', { name: '<img src=x onerror=alert(1)> Overview' }).click();
    await expect(page.getByRole('figure', { name: /Sheet preview/ })).toBeVisible();
    await shoot(page, 'sheet-preview-dark');
  });
});
