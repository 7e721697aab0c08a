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

test.skip(!binary, 'Electron binary not installed');

test('the desktop window opens locked down and reaches main over IPC', async () => {
  const app = await electron.launch({ executablePath: binary, args: [root], env: { ...process.env, QME_USER_DATA: mkdtempSync(join(tmpdir(), 'qme-electron-')) } });
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Qlik Metadata Explorer' })).toBeVisible();
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents;
    const web = contents?.getLastWebPreferences();
    return { contextIsolation: web?.contextIsolation, sandbox: web?.sandbox, nodeIntegration: web?.nodeIntegration };
  });
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  await window.getByText('Settings', { exact: true }).click();
  await expect(window.getByRole('cell', { name: 'Desktop app' })).toBeVisible();
  await app.close();
});

test('the window refuses navigation to another site and window.open', async () => {
  const app = await electron.launch({ executablePath: binary, args: [root], env: { ...process.env, QME_USER_DATA: mkdtempSync(join(tmpdir(), 'qme-electron-')) } });
  const window = await app.firstWindow();
  const before = window.url();
  await window.evaluate(() => {
    window.open('https://example.com/');
    location.href = 'https://example.com/';
  });
  await window.waitForTimeout(500);
  expect(window.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
  await app.close();
});
