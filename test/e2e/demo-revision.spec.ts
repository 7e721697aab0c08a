import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, startServeProcess, test, type ServeHandle } from './fixtures';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

// Its own serve: switching the demo tenant to revision 2 must not leak into other specs' data.
let server: { handle: ServeHandle; child: ChildProcess };
test.beforeAll(async () => {
  server = await startServeProcess(['--demo']);
});
test.afterAll(() => {
  server.child.kill('SIGTERM');
});

test('two crawls of the demo tenant with revision 2 between them show exactly its changes', async ({ page }) => {
  await page.goto(server.handle.url);
  // The first run crawled revision 1 by itself.
  await page.getByLabel('Sections').getByText('Crawl', { exact: true }).click();
  const history = page.getByRole('table', { name: 'Crawl history' });
  await expect(history.getByText('complete').first()).toBeVisible({ timeout: 30_000 });
  const crawlsBefore = await history.getByRole('row').count();

  await page.getByLabel('Sections').getByText('Connections', { exact: true }).click();
  const demo = page.getByLabel('Connection Demo tenant');
  await demo.getByText(/^Revision 2/).click();
  await expect(demo.getByRole('radio', { name: /^Revision 2/ })).toBeChecked();

  await page.getByLabel('Sections').getByText('Crawl', { exact: true }).click();
  await page.getByRole('button', { name: 'Start crawl' }).click();
  await expect(history.getByRole('row')).toHaveCount(crawlsBefore + 1, { timeout: 30_000 });
  await expect(page.getByLabel('Crawl of Demo tenant').first()).toContainText('complete');

  await page.getByLabel('Sections').getByText('Snapshots', { exact: true }).click();
  const snapshots = page.getByRole('table', { name: 'Snapshots' });
  // One snapshot per crawl in the history (its first row is the header).
  await expect(snapshots.getByRole('checkbox')).toHaveCount(crawlsBefore);
  const ids = (await snapshots.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label') ?? '')))
    .map((label) => Number(/(\d+)$/.exec(label)?.[1]))
    .sort((a, b) => b - a);
  await snapshots.getByRole('checkbox', { name: `Select snapshot ${ids[1]}` }).check();
  await snapshots.getByRole('checkbox', { name: `Select snapshot ${ids[0]}` }).check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.getByLabel('Summary')).toHaveText(/^3 apps changed, 1 app added, 1 app removed, 1 sheet changed/);
  await expect(page.getByRole('table', { name: 'P&L (reviewed) changes' })).toBeVisible();
  // Dropping RegionOwners broke the charts that group by RegionOwner: said first, then per app.
  await expect(page.getByRole('alert').filter({ hasText: '5 references broken by these changes' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Sales Overview.*5 broken/ })).toBeVisible();
  await expect(page.getByLabel('Sales Overview: references broken').getByRole('listitem')).toHaveCount(5);
  await page.screenshot({ path: `${screenshots}demo-revision-diff.png` });

  // Revision 2 dropped the RegionOwners table: the charts that group by RegionOwner now point at nothing.
  await page.getByLabel('Sections').getByText('Catalog', { exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '5 references broken in 1 app' })).toContainText('Sales Overview (5)');
  await page.screenshot({ path: `${screenshots}catalog-home-broken-references.png` });
  await page.getByRole('table', { name: 'All apps' }).getByRole('link', { name: 'Sales Overview' }).click();
  const broken = page.getByRole('alert').filter({ hasText: 'point at something this app no longer has' });
  await expect(broken).toContainText('5 items point at something this app no longer has');
  await expect(broken.getByRole('row')).toHaveCount(5);
  await expect(broken.getByRole('row', { name: /Avg Discount by RegionOwner on Trends/ })).toContainText(
    'has dimension RegionOwner, a field the load script no longer makes',
  );
  await page.screenshot({ path: `${screenshots}catalog-broken-references.png`, fullPage: true });
});
