/**
 * Search over `serve` on the seeded demo catalog: Ctrl+K Spotlight with catalog results and type
 * chips, and the full results page with facets.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(screenshots, { recursive: true });

test.describe('search over serve', () => {
  test('Ctrl+K finds a master measure by name and Enter opens it', async ({ page, seededServe }) => {
    await page.goto(seededServe.url);
    await expect(page.getByLabel('Catalog scope')).toBeVisible();
    await page.keyboard.press('Control+K');
    const search = page.getByRole('textbox', { name: 'Search' });
    await search.fill('Revenue');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Master items', { exact: true }).click();
    await expect(dialog.getByText(/^Master measure · Sales/).first()).toBeVisible();
    await page.screenshot({ path: join(screenshots, 'spotlight.png') });
    // Walk down with the keyboard to the master measure named exactly "Revenue".
    await search.focus();
    const labels = await dialog.locator('[data-action]').evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
    const target = labels.findIndex((text) => text.startsWith('RevenueMaster measure'));
    expect(target).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/catalog\/app\/[^/]+\/master-item\//);
    await expect(page.getByRole('heading', { name: 'Revenue', exact: true })).toBeVisible();
    await expect(page.getByText('master measure', { exact: true })).toBeVisible();
  });

  test('the results page shows facets and a type filter narrows the results', async ({ page, seededServe }) => {
    await page.goto(seededServe.url);
    await page.getByLabel('Sections').getByText('Search', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Search the catalog' }).fill('revenue');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('listitem').first()).toBeVisible();
    const allCount = await results.getByRole('listitem').count();
    await expect(page.getByRole('group', { name: 'Space filter' })).toContainText('Sales');
    // Owners by name, not by their Qlik user ids.
    const owners = page.getByRole('group', { name: 'Owner filter' });
    await expect(owners.getByRole('button').first()).toHaveAccessibleName(/^Owner: [A-Z][a-z]+ [A-Z][a-z]+ \(\d+\)$/);
    // Snippets mark the query's words, as text.
    await expect(results.locator('mark').first()).toHaveText(/revenue/i);
    await page.screenshot({ path: join(screenshots, 'search.png') });

    // The checkbox mirrors the URL, which React Router updates in a transition: click, then wait for it.
    const masterMeasures = page.getByRole('group', { name: 'Type filter' }).getByRole('checkbox', { name: /Master measure/ });
    await masterMeasures.click();
    await expect(page).toHaveURL(/type=master-measure/);
    await expect(masterMeasures).toBeChecked();
    await expect(results.getByRole('listitem')).not.toHaveCount(allCount);
    const filtered = await results.getByRole('listitem').all();
    expect(filtered.length).toBeGreaterThan(0);
    for (const item of filtered) await expect(item).toContainText('Master measure');
  });

  test('a hostile title in the results reads as text', async ({ page, seededServe }) => {
    page.on('dialog', (dialog) => {
      throw new Error(`A dialog opened: ${dialog.message()}`);
    });
    await page.goto(seededServe.url);
    await expect(page.getByLabel('Catalog scope')).toBeVisible();
    await page.evaluate(() => (window.location.hash = '/search?q=onerror'));
    await expect(page.getByRole('link', { name: '<img src=x onerror=alert(1)> Overview' })).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  });
});
