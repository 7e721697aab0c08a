import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

test.describe('automations (serve --demo)', () => {
  test('the admin table sorts and filters, and the detail shows runs, blocks, apps and the chain', async ({ page, demoServe }) => {
    await page.goto(demoServe.url);
    await page.getByLabel('Sections').getByText('Automations', { exact: true }).click();
    const table = page.getByRole('table', { name: 'Automations' });
    await expect(table.getByRole('row')).toHaveCount(4, { timeout: 30_000 });

    // Sorted by name ascending at first; one click turns it descending.
    await expect(table.getByRole('row').nth(1)).toContainText('Export app inventory');
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await expect(table.getByRole('row').nth(1)).toContainText('Refresh on new file');

    await page.getByRole('combobox', { name: 'Run mode' }).click();
    await page.getByRole('option', { name: 'scheduled' }).click();
    await expect(table.getByRole('row')).toHaveCount(2);
    await page.screenshot({ path: `${screenshots}automations.png` });

    await table.getByRole('link', { name: 'Nightly reload chain' }).click();
    await expect(page.getByRole('heading', { name: 'Nightly reload chain' })).toBeVisible();
    await expect(page.getByText('Reloads app')).toHaveCount(3);
    await expect(page.getByText('Started by automation')).toContainText('Refresh on new file');
    await expect(page.getByRole('table', { name: 'Runs' }).getByRole('row')).toHaveCount(5);
    await expect(page.getByLabel('Block outline')).toContainText('Qlik Cloud Services - Do Reload');
    await page.screenshot({ path: `${screenshots}automation-detail.png`, fullPage: true });

    await page.getByRole('link', { name: 'Refresh on new file' }).click();
    await expect(page.getByText(/2 secret values were removed/)).toBeVisible();
    await expect(page.getByLabel('Block outline')).toContainText('(secret removed)');
    await expect(page.getByText('Starts automation')).toContainText('Nightly reload chain');
  });

  test('an app page shows which automations reload it and how their last runs went', async ({ page, demoServe }) => {
    await page.goto(demoServe.url);
    await page.getByLabel('Sections').getByText('Automations', { exact: true }).click();
    await page.getByRole('table', { name: 'Automations' }).getByRole('link', { name: 'Nightly reload chain' }).click();
    await page.getByRole('link', { name: 'Sales Overview' }).click();
    const panel = page.getByLabel('Automations acting on this app');
    await expect(panel).toContainText('Nightly reload chain');
    await expect(panel).toContainText('last run');
    await expect(panel.getByText('failed', { exact: true })).toHaveCount(1);
    await panel.getByRole('link', { name: 'Nightly reload chain' }).click();
    await expect(page.getByRole('heading', { name: 'Nightly reload chain' })).toBeVisible();
  });
});
