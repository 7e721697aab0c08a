/**
 * Snapshot files: export, open read-only, browse through the contract exactly like the catalog,
 * and refuse what is not a readable snapshot with a cause and a remedy.
 */
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Service } from '../../../src-main/api/dispatch';
import { startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import { runCli } from '../../../src-main/cli/main';
import { exportSnapshotFile, openSnapshotFile } from '../../../src-main/snapshots/snapshot-file';
import { makeTestService } from '../../support/service';
import { crawlDemo, tempDir, withCatalog } from './demo-kit';
import { capturedIo } from '../../support/cli-io';

let tenant: DemoTenant;
let dir: string;
let catalogFile: string;
let rev1: number;
let rev2: number;
let snapshotFile: string;

beforeAll(async () => {
  tenant = await startDemoTenant();
  dir = tempDir();
  catalogFile = join(dir, 'catalog.sqlite');
  rev1 = await crawlDemo(tenant, catalogFile);
  tenant.setRevision(2);
  rev2 = await crawlDemo(tenant, catalogFile, 'delta');
  snapshotFile = join(dir, 'shared.qmesnap');
  withCatalog(catalogFile, (c) => exportSnapshotFile(c, rev2, snapshotFile));
}, 120_000);

afterAll(async () => {
  await tenant.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectRefused(path: string, code: string, message: RegExp, remedy: RegExp): void {
  try {
    openSnapshotFile(path);
  } catch (error) {
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
    expect((error as { remedy: string }).remedy).toMatch(remedy);
    return;
  }
  throw new Error(`${path} was opened`);
}

describe('snapshot file export and import', () => {
  it('holds the same content as the snapshot in the catalog (ids kept), and nothing else', () => {
    const original = withCatalog(catalogFile, (c) => c.snapshotContent(rev2));
    const { catalog } = openSnapshotFile(snapshotFile);
    try {
      const shared = catalog.snapshotContent();
      expect(shared).toEqual({ ...original, snapshot: { ...original.snapshot, baseSnapshotId: null } });
      expect(catalog.snapshotsOfConnection('demo').map((s) => s.id)).toEqual([rev2]);
      expect(catalog.searchCatalog('Forecast').hits.length).toBeGreaterThan(0);
    } finally {
      catalog.close();
    }
  });

  it('contains no API key or credential', () => {
    const bytes = readFileSync(snapshotFile);
    expect(bytes.includes(Buffer.from(tenant.apiKey))).toBe(false);
    const db = new Database(snapshotFile, { readonly: true });
    const columns = db
      .prepare("SELECT c.name FROM pragma_table_list t JOIN pragma_table_info(t.name) c WHERE t.schema = 'main'")
      .pluck()
      .all();
    db.close();
    expect(columns.filter((c) => /api_?key|password|token|credential/i.test(String(c)))).toEqual([]);
  });

  it('is browsed through the contract like a connection, and its bytes and mtime never change', async () => {
    const made = makeTestService({ userDataDir: tempDir() });
    const call = async <T>(name: string, args: unknown): Promise<T> => {
      const result = await dispatch(made.service, name, args);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
      return result.value as T;
    };
    const before = { bytes: readFileSync(snapshotFile), mtime: statSync(snapshotFile).mtimeMs };
    const opened = await call<{ connectionId: string; snapshotId: number; appCount: number }>('snapshots/open-file', {
      path: snapshotFile,
    });
    expect(opened).toMatchObject({ connectionId: 'file:1', snapshotId: rev2, appCount: 12 });
    const ref = { connectionId: opened.connectionId, snapshotId: opened.snapshotId };
    const connections = await call<{ id: string }[]>('catalog/connections', {});
    expect(connections.map((c) => c.id)).toContain('file:1');
    const apps = await call<{ id: string; name: string }[]>('catalog/apps', ref);
    expect(apps.map((a) => a.name)).toContain('Sales Forecast');
    const app = apps.find((a) => a.name === 'Sales Overview');
    await call('catalog/script', { ...ref, appId: app?.id });
    await call('catalog/data-model', { ...ref, appId: app?.id });
    await call('catalog/search', { ...ref, text: 'Region' });
    expect(await call<{ connectionId: string }[]>('catalog/snapshots', { connectionId: 'file:1' })).toMatchObject([
      { connectionId: 'file:1' },
    ]);
    await call('snapshots/close-file', { connectionId: 'file:1' });
    await made.close();
    expect(readFileSync(snapshotFile).equals(before.bytes)).toBe(true);
    expect(statSync(snapshotFile).mtimeMs).toBe(before.mtime);
  });

  it('diffs a shared file against the working catalog, and round-trips a browser upload and download', async () => {
    const userDataDir = tempDir();
    copyFileSync(catalogFile, join(userDataDir, 'catalog.sqlite'));
    const made = makeTestService({ userDataDir });
    const call = async <T>(name: string, args: unknown): Promise<T> => {
      const result = await dispatch(made.service as Service, name, args);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
      return result.value as T;
    };
    const download = await call<{ fileName: string; gzipBase64: string }>('snapshots/export-file', { snapshotId: rev2 });
    expect(download.fileName).toBe(`Demo tenant-snapshot-${rev2}-${new Date().toISOString().slice(0, 10)}.qmesnap`);
    const uploaded = await call<{ connectionId: string }>('snapshots/open-file', {
      fileName: download.fileName,
      gzipBase64: download.gzipBase64,
    });
    const diff = await call<{ counts: { app: { changed: number } }; isEmpty: boolean }>('snapshots/diff', {
      from: rev1,
      to: rev2,
      toConnectionId: uploaded.connectionId,
    });
    expect(diff.counts.app.changed).toBe(3);
    await made.close();
  });
});

describe('files that are not readable snapshots are refused with a cause and a remedy', () => {
  it('refuses a text file', () => {
    const file = join(dir, 'notes.qmesnap');
    writeFileSync(file, 'just some notes\n');
    expectRefused(file, 'unsupported-file', /not an SQLite database at all/, /Export snapshot/);
  });

  it('refuses an SQLite database from another program', () => {
    const file = join(dir, 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    expectRefused(file, 'unsupported-file', /from another program/, /qme export-snapshot/);
  });

  it('refuses a whole catalog, pointing to export-snapshot', () => {
    expectRefused(catalogFile, 'unsupported-file', /whole Qlik Metadata Explorer catalog/, /qme export-snapshot/);
  });

  it('refuses a file from a newer format version', () => {
    const file = join(dir, 'newer.qmesnap');
    copyFileSync(snapshotFile, file);
    const db = new Database(file);
    db.prepare("UPDATE snapshot_file SET value = '2' WHERE key = 'format_version'").run();
    db.close();
    expectRefused(
      file,
      'unsupported-file',
      /newer version of Qlik Metadata Explorer \(snapshot format 2; this version reads up to 1\)/,
      /Update/,
    );
  });

  it('refuses a damaged file', () => {
    const file = join(dir, 'damaged.qmesnap');
    const bytes = Buffer.from(readFileSync(snapshotFile));
    // Keep the header page, scribble over the pages after it.
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = (bytes[i]! + 91) & 0xff;
    writeFileSync(file, bytes);
    expectRefused(file, 'catalog-corrupt', /is damaged/, /Ask for the file again/);
  });

  it('refuses a truncated file', () => {
    const file = join(dir, 'truncated.qmesnap');
    writeFileSync(file, readFileSync(snapshotFile).subarray(0, 6000));
    expectRefused(file, 'catalog-corrupt', /is damaged/, /Ask for the file again/);
  });
});

describe('qme', () => {
  async function qme(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const captured = capturedIo();
    const code = await runCli(args, captured.io);
    return { code, out: captured.out(), err: captured.err() };
  }

  it('diffs two snapshots of a catalog as text and as JSON', async () => {
    const text = await qme(['diff', '--db', catalogFile, '--from', String(rev1), '--to', String(rev2)]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('3 apps changed, 1 app added, 1 app removed');
    expect(text.out).toContain('- 51  TRACE Transform run $(vRunDate) done;');
    const json = await qme(['diff', '--db', catalogFile, '--from', String(rev1), '--to', String(rev2), '--format', 'json']);
    expect(JSON.parse(json.out)).toMatchObject({ counts: { app: { added: 1, removed: 1, changed: 3 } } });
  });

  it('exports a snapshot file and reads it back with diff and export', async () => {
    const out = join(dir, 'cli.qmesnap');
    expect((await qme(['export-snapshot', '--db', catalogFile, '--snapshot', String(rev1), '--out', out])).code).toBe(0);
    const diff = await qme(['diff', '--from-db', out, '--to-db', snapshotFile, '--format', 'json']);
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.out)).toMatchObject({ from: { snapshotId: rev1 }, to: { snapshotId: rev2 } });
    const exported = await qme(['export', '--db', out, '--format', 'json']);
    expect(exported.code).toBe(0);
  });
});
