import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { capturedIo } from '../../support/cli-io';
import { seedDemoCatalog } from '../../support/seed-demo-catalog';

describe('qme commands read the app’s own catalog when --db is not given', () => {
  it('lineage --export and export find catalog.sqlite in the user data folder', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'qme-default-db-'));
    seedDemoCatalog(userData, { withLineage: true });
    const out = join(userData, 'lineage.json');
    const run = capturedIo({ QME_USER_DATA: userData });
    expect(await runCli(['lineage', '--export', 'json', '--out', out], run.io), run.err()).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).nodes.length).toBeGreaterThan(100);
    const exported = join(userData, 'catalog.json');
    expect(await runCli(['export', '--format', 'json', '--out', exported], capturedIo({ QME_USER_DATA: userData }).io)).toBe(0);
    expect(existsSync(exported)).toBe(true);
  });

  it('without a catalog there, says so instead of creating an empty one', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'qme-default-db-'));
    const run = capturedIo({ QME_USER_DATA: userData });
    expect(await runCli(['lineage', '--export', 'json', '--out', join(userData, 'x.json')], run.io)).not.toBe(0);
    expect(run.err().length).toBeGreaterThan(0);
    expect(existsSync(join(userData, 'x.json'))).toBe(false);
  });
});
