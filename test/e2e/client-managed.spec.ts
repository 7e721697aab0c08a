/**
 * A client-managed connection against `qme demo-tenant --client-managed` (a separate process, as a
 * user would run it): added through the form, validated, and its proxy sessions listed with their
 * attributes and ended from the sessions panel; then crawled, with each app's last sheet private to
 * another user (`--private-sheets 1`), which the crawl and the app page point out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const root = fileURLToPath(new URL('../../', import.meta.url));
const screenshots = join(root, 'docs', 'screenshots');

interface Site {
  host: string;
  qrsPort: number;
  enginePort: number;
  qpsPort: number;
  proxyPort: number;
  virtualProxy: string;
  certDir: string;
  userDirectory: string;
  userId: string;
}

let child: ChildProcess;
let site: Site;

test.beforeAll(async () => {
  child = spawn(
    process.execPath,
    [join(root, 'bin', 'qme.mjs'), 'demo-tenant', '--client-managed', '--apps', '4', '--private-sheets', '1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  site = await new Promise<Site>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no site line within 30 s: ${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Site);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`qme demo-tenant --client-managed exited with ${code}: ${out}`));
    });
  });
});
test.afterAll(() => {
  child.kill('SIGTERM');
});

/** A QPS call with the site's client certificate (what an admin script would do). */
function qps(method: string, path: string, body?: unknown): Promise<unknown> {
  const key = 'abcdefghij012345';
  const file = (name: string): string => readFileSync(join(site.certDir, name), 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: site.host,
        port: site.qpsPort,
        method,
        path: `/qps/${site.virtualProxy}${path}?xrfkey=${key}`,
        headers: { 'X-Qlik-Xrfkey': key, 'content-type': 'application/json' },
        cert: file('client.pem'),
        key: file('client_key.pem'),
        ca: file('root.pem'),
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text ? (JSON.parse(text) as unknown) : null));
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

test('a client-managed connection validates, and its sessions panel lists and ends proxy sessions', async ({ page, serve }) => {
  const attributes = [{ Group: 'BI' }, { Group: 'Audit' }, { Role: 'Analyst' }];
  await qps('POST', '/session', { UserDirectory: site.userDirectory, UserId: site.userId, Attributes: attributes });
  await qps('POST', '/session', { UserDirectory: site.userDirectory, UserId: site.userId, Attributes: [{ Group: 'BI' }] });

  await page.goto(serve.url);
  await page.getByLabel('Sections').getByText('Connections', { exact: true }).click();
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Qlik Sense Enterprise (client-managed)').click();
  await dialog.getByLabel('Name').fill('Sense on-prem');
  await dialog.getByLabel('Host').fill(site.host);
  await dialog.getByLabel('Virtual proxy prefix').fill(site.virtualProxy);
  await dialog.getByLabel('Certificate folder').fill(site.certDir);
  await dialog.getByLabel('User directory').fill(site.userDirectory);
  await dialog.getByLabel('User id').fill(site.userId);
  await dialog.getByLabel('QRS port').fill(String(site.qrsPort));
  await dialog.getByLabel('Engine port').fill(String(site.enginePort));
  await dialog.getByLabel('QPS port').fill(String(site.qpsPort));
  await dialog.getByLabel('Proxy port').fill(String(site.proxyPort));
  await page.screenshot({ path: join(screenshots, 'client-managed-form.png') });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByLabel('Connection Sense on-prem');
  await card.getByRole('button', { name: 'Validate' }).click();
  await expect(card).toContainText(`Signed in as ${site.userDirectory}\\${site.userId}`);

  const table = card.getByRole('table', { name: 'Proxy sessions' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('Group: Audit');
  await expect(table).toContainText('Role: Analyst');
  await page.screenshot({ path: join(screenshots, 'client-managed-sessions.png'), fullPage: true });

  await table
    .getByRole('button', { name: /^End session/ })
    .first()
    .click();
  await expect(table.getByRole('row')).toHaveCount(2);
  const left = (await qps('GET', `/user/${site.userDirectory}/${site.userId}`)) as unknown[];
  expect(left).toHaveLength(1);

  // Crawl it: the repository lists every app's last sheet, the engine hides it from this account.
  await page.getByLabel('Sections').getByText('Crawl', { exact: true }).click();
  await page.getByRole('combobox', { name: 'Connection' }).click();
  await page.getByRole('option', { name: 'Sense on-prem' }).click();
  await page.getByRole('button', { name: 'Start crawl' }).click();
  const crawl = page.getByLabel('Crawl of Sense on-prem').first();
  await expect(crawl.getByText('complete', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(crawl).toContainText(
    `4 sheet(s) in 4 app(s) are in the repository but ${site.userDirectory}\\${site.userId} cannot read them`,
  );
  await page.getByLabel('Sections').getByText('Catalog', { exact: true }).click();
  await page.getByRole('link', { name: 'Sales Overview', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Sales Overview' })).toBeVisible();
  const missing = page.getByRole('alert').filter({ hasText: '1 of 3 sheets are not in the catalog' });
  await expect(missing).toContainText('The repository lists 3 sheets for this app, but the crawl account could read only 2.');
  await expect(missing.getByLabel('Sheets not in the catalog').getByRole('listitem')).toHaveText(['Trends · Sara Holm']);
  await page.screenshot({ path: join(screenshots, 'client-managed-private-sheets.png'), fullPage: true });
});
