import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

test.describe('app shell over serve', () => {
  test('opens the shell with every section in the navigation', async ({ page, serve }) => {
    await page.goto(serve.url);
    // The token is traded for a cookie and leaves the address bar.
    await expect(page).not.toHaveURL(/token=/);
    await expect(page.getByRole('heading', { name: 'Qlik Metadata Explorer' })).toBeVisible();
    const nav = page.getByLabel('Sections');
    for (const label of ['Connections', 'Crawl', 'Catalog', 'Search', 'Lineage', 'Snapshots', 'Settings']) {
      await expect(nav.getByText(label, { exact: true })).toBeVisible();
    }
  });

  test('reaches main through the contract: Settings shows the version from app/info', async ({ page, serve }) => {
    await page.goto(serve.url);
    await page.getByLabel('Sections').getByText('Settings', { exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Browser (npm run serve)' })).toBeVisible();
    await expect(page.getByRole('cell', { name: serve.dataDir })).toBeVisible();
  });

  test('Ctrl+K opens Spotlight and navigates with the keyboard', async ({ page, serve }) => {
    await page.goto(serve.url);
    await expect(page.getByRole('heading', { name: 'Qlik Metadata Explorer' })).toBeVisible();
    await page.keyboard.press('Control+K');
    const search = page.getByRole('textbox', { name: 'Search' });
    await expect(search).toBeVisible();
    await search.fill('lineage');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/lineage/);
  });

  test('switches to dark mode and remembers it in the app settings, not the browser', async ({ browser, page, serve }) => {
    await page.goto(serve.url);
    await page.getByLabel('Sections').getByText('Settings', { exact: true }).click();
    await page.getByText('Dark', { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    // A fresh browser profile (no localStorage) still opens dark: the choice lives in main.
    const fresh = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const other = await fresh.newPage();
    await other.goto(serve.url);
    await expect(other.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await fresh.close();
    mkdirSync(screenshots, { recursive: true });
    await page.getByLabel('Sections').getByText('Catalog', { exact: true }).click();
    await page.screenshot({ path: join(screenshots, 'shell-dark.png') });
  });

  test('a page without the token gets nothing', async ({ browser, serve }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(serve.origin + '/');
    expect(response?.status()).toBe(401);
    await context.close();
  });
});
