/** `qme check` and the snapshot summary behind it, on the demo tenant's two revisions. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCatalog } from '../../../src-main/catalog';
import { checkCommand } from '../../../src-main/cli/commands/check';
import { appContent, defaultDemoSeed, generateTenant, setDemoRevision } from '../../../src-main/demo-tenant';
import { capturedIo } from '../../support/cli-io';
import { beginCrawl, openTempCatalog } from '../catalog/catalog-test-kit';

/** A catalog file holding one complete snapshot of the demo tenant at `revision`. */
function demoCatalogFile(revision: 1 | 2): string {
  const model = generateTenant({ seed: defaultDemoSeed });
  if (revision === 2) setDemoRevision(model, 2);
  const { catalog, file } = openTempCatalog();
  const writer = beginCrawl(catalog);
  for (const app of model.apps) writer.putApp(app.record, appContent(model, app).truth);
  writer.commit();
  catalog.close();
  return file;
}

async function check(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = capturedIo();
  const code = await checkCommand.run(argv, captured.io);
  return { code, stdout: captured.out(), stderr: captured.err() };
}

describe('qme check', () => {
  it('exits 0 and says so when nothing is broken', async () => {
    expect(await check(['--db', demoCatalogFile(1)])).toEqual({ code: 0, stdout: 'No broken references.\n', stderr: '' });
  });

  it('exits 1 and lists the broken references app by app', async () => {
    const file = demoCatalogFile(2);
    const text = await check(['--db', file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^5 broken references in 1 app:\n\napp "Sales Overview" \(/);
    expect(text.stdout).toContain(
      '  ! chart "Avg Discount by RegionOwner" on "Trends" has dimension RegionOwner, a field the load script no longer makes\n',
    );
    const json = await check(['--db', file, '--json']);
    const apps = JSON.parse(json.stdout) as Array<{ appName: string; references: Array<{ reference: string }> }>;
    expect(apps.map((a) => [a.appName, a.references.length])).toEqual([['Sales Overview', 5]]);
    expect(apps[0]?.references.every((r) => r.reference === 'RegionOwner')).toBe(true);
  });

  it('refuses a snapshot id that is not a number', async () => {
    await expect(check(['--db', demoCatalogFile(1), '--snapshot', 'latest'])).rejects.toThrow(/--snapshot must be a snapshot id/);
  });

  it('exits 2, not 1, when it cannot check: a snapshot that does not exist, a file that is not a catalog', async () => {
    const file = demoCatalogFile(1);
    expect(await check(['--db', file, '--snapshot', '99'])).toMatchObject({ code: 2, stdout: '' });
    const notACatalog = join(mkdtempSync(join(tmpdir(), 'qme-check-')), 'notes.txt');
    writeFileSync(notACatalog, 'not a catalog');
    expect(await check(['--db', notACatalog])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('not a Qlik Metadata Explorer catalog'),
    });
    const missing = join(tmpdir(), 'qme-no-such-dir', 'catalog.sqlite');
    expect(await check(['--db', missing])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`There is no catalog at ${missing}. Crawl first`),
    });
  });

  it('checks a snapshot once per open catalog', () => {
    const catalog = openCatalog(demoCatalogFile(2), { readonly: true });
    try {
      const first = catalog.brokenReferencesOfSnapshot();
      expect(catalog.brokenReferencesOfSnapshot()).toBe(first);
    } finally {
      catalog.close();
    }
  });
});
