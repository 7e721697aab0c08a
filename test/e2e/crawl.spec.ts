import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

test.describe('first run and crawling (serve --demo)', () => {
  test('the first run crawls the demo tenant by itself with progress, and a delta crawl carries apps over', async ({ page, demoServe }) => {
    await page.goto(demoServe.url);
    await page.getByLabel('Sections').getByText('Crawl', { exact: true }).click();
    const card = page.getByLabel('Crawl of Demo tenant').first();
    await expect(card).toBeVisible();
    await expect(card.getByText('complete', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(card).toContainText('12 crawled');

    const history = page.getByRole('table', { name: 'Crawl history' });
    await expect(history.getByRole('row')).toHaveCount(2);
    await expect(history).toContainText('full');

    // A delta crawl right after reopens nothing: every app is unchanged.
    await page.getByRole('button', { name: 'Start crawl' }).click();
    await expect(history.getByRole('row')).toHaveCount(3, { timeout: 30_000 });
    await expect(page.getByLabel('Crawl of Demo tenant').first()).toContainText('0 crawled · 12 unchanged');
    await page.screenshot({ path: `${screenshots}crawl.png`, fullPage: true });
  });

  test('the demo connection validates and shows a green health dot', async ({ page, demoServe }) => {
    await page.goto(demoServe.url);
    await page.getByLabel('Sections').getByText('Connections', { exact: true }).click();
    const demo = page.getByLabel('Connection Demo tenant');
    await demo.getByRole('button', { name: 'Validate' }).click();
    await expect(demo.getByRole('img', { name: 'Reachable, key accepted' })).toBeVisible();
    await expect(demo).toContainText('Signed in as');
    await page.screenshot({ path: `${screenshots}connections.png`, fullPage: true });
  });

  test('adding a connection with a bad URL says which field is wrong, and an unreachable tenant explains why', async ({
    page,
    demoServe,
  }) => {
    await page.goto(demoServe.url);
    await page.getByLabel('Sections').getByText('Connections', { exact: true }).click();
    await page.getByRole('button', { name: 'Add connection' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Nowhere');
    await dialog.getByLabel('Tenant URL').fill('ftp://nowhere');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText('url');
    await dialog.getByLabel('Tenant URL').fill('http://127.0.0.1:9');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const card = page.getByLabel('Connection Nowhere');
    await card.getByRole('button', { name: 'Validate' }).click();
    await expect(card.getByRole('img', { name: 'Last check failed' })).toBeVisible();
    await expect(card.getByRole('alert')).toBeVisible();
  });
});
