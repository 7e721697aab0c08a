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

  test('the built page carries a strict Content-Security-Policy (the one the Electron window loads too)', async ({ page, serve }) => {
    const response = await page.goto(serve.url);
    const header = (await response?.allHeaders())?.['content-security-policy'] ?? '';
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const policy of [header, meta ?? '']) {
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).not.toContain('unsafe-eval');
    }
    // An inline script is refused by that policy.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });

  test('a page without the token gets nothing', async ({ browser, serve }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(serve.origin + '/');
    expect(response?.status()).toBe(401);
    await context.close();
  });
});
