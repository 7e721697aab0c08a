import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../../src-main/catalog';
import { runCli } from '../../../src-main/cli/main';
import { ConnectionStore } from '../../../src-main/connections/connection-store';
import { startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import { capturedIo } from '../../support/cli-io';

let tenant: DemoTenant;
beforeAll(async () => {
  tenant = await startDemoTenant({ apps: 3 });
});
afterAll(async () => {
  await tenant.close();
});

describe('qme crawl with a connection saved in the app', () => {
  it('crawls a saved connection by name into that connection’s history', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'qme-cli-'));
    const saved = new ConnectionStore(userData).save({
      name: 'Acme',
      url: tenant.url,
      environment: 'PROD',
      proxy: null,
      caFile: null,
      crawlSpacesAndCollections: true,
    });
    const db = join(userData, 'catalog.sqlite');
    const run = capturedIo({ QME_USER_DATA: userData, QME_API_KEY: tenant.apiKey });
    const code = await runCli(['crawl', '--connection', 'Acme', '--db', db, '--json'], run.io);
    expect(code).toBe(0);
    expect(JSON.parse(run.out())).toMatchObject({ status: 'complete', counts: { appsCrawled: 3 } });
    const catalog = openCatalog(db, { readonly: true });
    expect(catalog.snapshotsOfConnection(saved.id)).toHaveLength(1);
    catalog.close();
    expect(run.out() + run.err()).not.toContain(tenant.apiKey);
  });

  it('names the saved connections when the one asked for does not exist', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'qme-cli-'));
    new ConnectionStore(userData).save({
      name: 'Acme',
      url: tenant.url,
      environment: '',
      proxy: null,
      caFile: null,
      crawlSpacesAndCollections: true,
    });
    const run = capturedIo({ QME_USER_DATA: userData, QME_API_KEY: 'x' });
    expect(await runCli(['crawl', '--connection', 'Globex'], run.io)).toBe(1);
    expect(run.err()).toContain('No connection named "Globex"');
    expect(run.err()).toContain('Saved connections: Acme');
  });

  it('without QME_API_KEY and without a saved connection for the URL, says how to provide a key', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'qme-cli-'));
    const run = capturedIo({ QME_USER_DATA: userData });
    expect(await runCli(['crawl', '--url', 'https://nowhere.example.com', '--db', join(userData, 'c.sqlite')], run.io)).toBe(1);
    expect(run.err()).toContain('QME_API_KEY');
  });

  it('refuses two sources at once', async () => {
    const run = capturedIo({});
    expect(await runCli(['crawl', '--demo', '--connection', 'Acme'], run.io)).toBe(2);
    expect(run.err()).toContain('exactly one of');
  });
});
