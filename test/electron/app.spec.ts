import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore plain ESM helper shared with the npm scripts
import { electronBinary } from '../../scripts/lib/native-abi.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const binary = electronBinary(root) as string | undefined;

/** The app's environment: npm test may run under Electron-as-Node, which the app itself must not inherit. */
function appEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  delete env['ELECTRON_RUN_AS_NODE'];
  return { ...env, QME_USER_DATA: mkdtempSync(join(tmpdir(), 'qme-electron-')) };
}

test.skip(!binary, 'Electron binary not installed');

test('the desktop window opens locked down and reaches main over IPC', async () => {
  const app = await electron.launch({
    executablePath: binary,
    args: [root],
    env: appEnv(),
  });
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Qlik Metadata Explorer' })).toBeVisible();
  // No Node in the page (nodeIntegration off, sandbox on) and only the contract bridge exposed.
  const exposure = await window.evaluate(() => {
    const page = globalThis as unknown as Record<string, unknown>;
    const bridge = page['explorer'] as Record<string, unknown> | undefined;
    return { require: typeof page['require'], process: typeof page['process'], bridgeKeys: bridge ? Object.keys(bridge).sort() : [] };
  });
  expect(exposure).toEqual({ require: 'undefined', process: 'undefined', bridgeKeys: ['call', 'subscribe', 'transport'] });
  await window.getByText('Settings', { exact: true }).click();
  await expect(window.getByRole('cell', { name: 'Desktop app' })).toBeVisible();
  await app.close();
});

test('the window refuses navigation to another site and window.open', async () => {
  const app = await electron.launch({
    executablePath: binary,
    args: [root],
    env: appEnv(),
  });
  const window = await app.firstWindow();
  const before = window.url();
  await window.evaluate(() => {
    const page = globalThis as unknown as { open(url: string): unknown; location: { href: string } };
    page.open('https://example.com/');
    page.location.href = 'https://example.com/';
  });
  await window.waitForTimeout(500);
  expect(window.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
  await app.close();
});
