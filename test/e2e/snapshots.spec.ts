/**
 * Snapshots over `serve`: two real crawls of the demo tenant (revision 1, then revision 2), a
 * snapshot file opened from the browser's file picker, and the diff between the two.
 * Screenshots go to docs/screenshots/snapshots-*.png.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { openCatalog, writeSnapshotFile } from '../../src-main/catalog';
import { catalogPort } from '../../src-main/crawl/catalog-adapter';
import { runCrawl } from '../../src-main/crawl/crawl-runner';
import { startDemoTenant, type DemoTenant } from '../../src-main/demo-tenant';
import { expect, startServeProcess, test, type ServeHandle } from './fixtures';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(screenshots, { recursive: true });
const shoot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

async function crawl(tenant: DemoTenant, file: string, mode: 'full' | 'delta'): Promise<number> {
  const catalog = openCatalog(file);
  try {
    const summary = await runCrawl(
      { url: tenant.url, apiKey: tenant.apiKey, connectionId: 'demo', connectionName: 'Demo tenant', kind: 'demo', mode, concurrency: 4 },
      catalogPort(catalog),
      () => undefined,
      new AbortController().signal,
    );
    if (summary.snapshotId === null) throw new Error(`crawl ${summary.status}`);
    return summary.snapshotId;
  } finally {
    catalog.close();
  }
}

let serve: ServeHandle;
let child: ChildProcess;
let sharedFile: string;

test.beforeAll(async () => {
  ({ handle: serve, child } = await startServeProcess([], async (dataDir) => {
    const catalogFile = join(dataDir, 'catalog.sqlite');
    const tenant = await startDemoTenant();
    try {
      await crawl(tenant, catalogFile, 'full');
      tenant.setRevision(2);
      const rev2 = await crawl(tenant, catalogFile, 'delta');
      // The file a colleague would send: written by the same code as "Export snapshot file".
      sharedFile = join(dataDir, 'shared-revision-2.qmesnap');
      writeSnapshotFile({
        sourceFile: catalogFile,
        snapshotId: rev2,
        connectionId: 'demo',
        targetFile: sharedFile,
        exportedAt: new Date().toISOString(),
        exportedBy: 'snapshots.spec.ts',
      });
    } finally {
      await tenant.close();
    }
  }));
});

test.afterAll(() => {
  child.kill('SIGTERM');
});

test.describe('snapshots over serve', () => {
  test('lists the snapshots, opens a snapshot file read-only and shows its diff against the catalog', async ({ page }) => {
    const before = { bytes: readFileSync(sharedFile), mtime: statSync(sharedFile).mtimeMs };
    await page.goto(serve.url);
    await page.getByLabel('Sections').getByText('Snapshots', { exact: true }).click();
    const table = page.getByRole('table', { name: 'Snapshots' });
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table).toContainText('delta');
    await shoot(page, 'snapshots-list');

    // The older snapshot of the working catalog…
    await page.getByRole('checkbox', { name: 'Select snapshot 1' }).check();
    // …against the shared file, opened through the file picker.
    await page.locator('input[type=file]').setInputFiles(sharedFile);
    await expect(page.getByText('shared-revision-2.qmesnap', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Connection', { exact: true }).first()).toHaveValue(/file shared-revision-2\.qmesnap/);
    await page.getByRole('table', { name: 'Snapshots' }).getByRole('checkbox', { name: 'Select snapshot 2' }).check();
    await shoot(page, 'snapshots-opened-file');

    await page.getByRole('button', { name: 'Compare selected' }).click();
    await expect(page.getByRole('heading', { name: 'Compare snapshots' })).toBeVisible();
    await expect(page.getByLabel('Summary')).toHaveText(/^3 apps changed, 1 app added, 1 app removed, 1 sheet changed/);
    await expect(page.getByRole('table', { name: 'P&L (reviewed) changes' })).toContainText('P&L (reviewed)');
    await expect(page.getByRole('table', { name: 'Average TaxRate changes' })).toContainText('Round(Avg([TaxRate]), 0.01)');
    const scriptDiffs = page.getByRole('table', { name: 'Script diff' });
    await expect(scriptDiffs.filter({ hasText: 'done, outputs stored;' })).toBeVisible();
    await shoot(page, 'snapshots-diff');
    await scriptDiffs.filter({ hasText: 'done, outputs stored;' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'snapshots-script-diff.png') });

    expect(readFileSync(sharedFile).equals(before.bytes)).toBe(true);
    expect(statSync(sharedFile).mtimeMs).toBe(before.mtime);
  });

  test('refuses a file that is not a snapshot with the cause and the remedy', async ({ page }) => {
    await page.goto(serve.url);
    await page.getByLabel('Sections').getByText('Snapshots', { exact: true }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'notes.qmesnap', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('notes.qmesnap is not a snapshot file: it is not an SQLite database at all.');
    await expect(alert).toContainText('Export snapshot');
  });
});
