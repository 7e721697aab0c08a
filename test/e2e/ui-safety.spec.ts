/**
 * Qlik data is text: titles, descriptions, expressions, variable definitions and load scripts that
 * carry HTML/JS payloads are shown as written and never run, on every screen that displays them.
 */
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import type { AppContent, AppRecord } from '../../src-main/crawl/records';
import { expect, startServeProcess, test, type ServeHandle } from './fixtures';

const imgPayload = '<img src=x onerror="window.__pwned=1">';
const scriptPayload = '<script>window.__pwned=1</script>';
const linkPayload = 'javascript:window.__pwned=1';

/** The Sales Overview app (index 2) with payloads in every text field a screen shows. */
function hostile(app: AppRecord, content: AppContent, index: number): { app: AppRecord; content: AppContent } {
  if (index !== 2) return { app, content };
  const [measure, ...measures] = content.masterMeasures;
  const variableIndex = content.variables.findIndex((v) => !v.isReserved);
  const [object, ...objects] = content.objects;
  return {
    app: { ...app, description: `Revenue app ${imgPayload}` },
    content: {
      ...content,
      script: `// ${scriptPayload}\n${content.script ?? ''}`,
      masterMeasures: measure
        ? [{ ...measure, description: scriptPayload, expression: `Sum([Amount]) // ${imgPayload}` }, ...measures]
        : [],
      variables: content.variables.map((v, i) =>
        i === variableIndex ? { ...v, definition: `='${linkPayload}'`, comment: imgPayload } : v,
      ),
      objects: object ? [{ ...object, title: `KPI ${imgPayload}`, subtitle: scriptPayload }, ...objects] : [],
    },
  };
}

let server: { handle: ServeHandle; child: ChildProcess };
let appId = '';

test.beforeAll(async () => {
  server = await startServeProcess([], async (dataDir) => {
    const { seedDemoCatalog } = await import('../support/seed-demo-catalog');
    appId = seedDemoCatalog(dataDir, { mapApp: hostile }).appIds[2] ?? '';
  });
});

test.afterAll(() => {
  server.child.kill('SIGTERM');
});

test.beforeEach(async ({ page }) => {
  page.on('dialog', (dialog) => {
    throw new Error(`A dialog opened: ${dialog.message()}`);
  });
});

async function expectNothingRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('#root script')).toHaveCount(0);
}

test('payloads in an app description, a master measure, a variable and a chart read as text', async ({ page }) => {
  const base = `${server.handle.url}`;
  await page.goto(base);
  const app = `#/catalog/app/${encodeURIComponent(appId)}`;

  await page.goto(`${server.handle.origin}/${app}`);
  await expect(page.getByText(`Revenue app ${imgPayload}`)).toBeVisible();
  await expectNothingRan(page);

  await page.goto(`${server.handle.origin}/${app}/master-items`);
  await expect(page.getByText(`Sum([Amount]) // ${imgPayload}`).first()).toBeVisible();
  await expectNothingRan(page);

  await page.goto(`${server.handle.origin}/${app}/variables`);
  await expect(page.getByText(`='${linkPayload}'`).first()).toBeVisible();
  await expect(page.locator(`a[href^="javascript:"]`)).toHaveCount(0);
  await expectNothingRan(page);

  await page.goto(`${server.handle.origin}/${app}/script`);
  await page.getByRole('tab', { name: 'Whole script' }).click();
  await expect(page.getByText(scriptPayload).first()).toBeVisible();
  await expectNothingRan(page);
});

test('payloads in search results and the sheet preview read as text', async ({ page }) => {
  await page.goto(server.handle.url);
  await page.goto(`${server.handle.origin}/#/search?q=KPI`);
  await expect(page.getByText(/KPI/).first()).toBeVisible();
  await expectNothingRan(page);

  await page.goto(`${server.handle.origin}/#/catalog/app/${encodeURIComponent(appId)}/sheets`);
  await page
    .getByRole('link')
    .filter({ hasText: /Overview|Sales/ })
    .first()
    .click();
  await expectNothingRan(page);
});
