/**
 * Snapshot diffs, files and retention on real crawls of the demo tenant (over real sockets):
 * revision 1, then revision 2, then revision 2 again.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import { describeChanges } from '../../../src-main/snapshots/change-summary';
import { formatDiffText } from '../../../src-main/snapshots/diff-text';
import { diffSnapshots, type SnapshotDiff } from '../../../src-main/snapshots/snapshot-diff';
import { crawlDemo, tempDir, withCatalog } from './demo-kit';

let tenant: DemoTenant;
let dir: string;
let catalogFile: string;
let rev1: number;
let rev2: number;
let rev2Again: number;
let diff: SnapshotDiff;

beforeAll(async () => {
  tenant = await startDemoTenant();
  dir = tempDir();
  catalogFile = join(dir, 'catalog.sqlite');
  rev1 = await crawlDemo(tenant, catalogFile, 'full');
  tenant.setRevision(2);
  rev2 = await crawlDemo(tenant, catalogFile, 'delta');
  rev2Again = await crawlDemo(tenant, catalogFile, 'delta');
  diff = withCatalog(catalogFile, (c) => diffSnapshots(c.snapshotContent(rev1), c.snapshotContent(rev2)));
}, 120_000);

afterAll(async () => {
  await tenant.close();
  rmSync(dir, { recursive: true, force: true });
});

const dates = ['modifiedDate', 'itemUpdatedAt'];

describe('diff of demo tenant revision 1 and revision 2', () => {
  it('lists exactly the documented app changes: one deleted, one new, three edited', () => {
    expect(diff.apps.map((a) => [a.title, a.change])).toEqual([
      ['Finance Cost Control', 'removed'],
      ['Finance P&L', 'changed'],
      ['Sales Forecast', 'added'],
      ['Sales Overview', 'changed'],
      ['Sales Transform', 'changed'],
    ]);
    for (const app of diff.apps.filter((a) => a.change === 'changed')) expect(app.fields.map((f) => f.field)).toEqual(dates);
    expect(diff.tenant).toEqual([]);
  });

  it('shows the renamed sheet and the changed master measure field by field', () => {
    const app = diff.apps.find((a) => a.title === 'Finance P&L');
    expect(app?.script).toBeNull();
    expect(app?.items.map((i) => ({ kind: i.kind, change: i.change, fields: i.fields }))).toEqual([
      {
        kind: 'sheet',
        change: 'changed',
        fields: [
          { field: 'title', before: 'P&L', after: 'P&L (reviewed)' },
          { field: 'modifiedDate', before: expect.any(String), after: '2025-06-02T08:00:00.000Z' },
        ],
      },
      {
        kind: 'master-measure',
        change: 'changed',
        fields: [{ field: 'expression', before: 'Avg([TaxRate])', after: 'Round(Avg([TaxRate]), 0.01)' }],
      },
    ]);
  });

  it('shows the dropped table in the data model and as removed script lines', () => {
    const app = diff.apps.find((a) => a.title === 'Sales Overview');
    expect(app?.items.map((i) => [i.kind, i.title, i.change, i.fields.map((f) => f.field)])).toEqual([
      ['table', 'RegionOwners', 'removed', []],
      ['field', 'Region', 'changed', ['tables', 'keyType']],
      ['field', 'RegionOwner', 'removed', []],
    ]);
    expect(app?.script).toMatchObject({ addedLines: 0, removedLines: 9 });
    const removed = app?.script?.rows.filter((r) => r.kind === 'removed').map((r) => (r.kind === 'skipped' ? '' : r.left));
    expect(removed?.slice(0, 2)).toEqual(['RegionOwners:', 'LOAD * INLINE [']);
  });

  it('shows the edited script line side by side', () => {
    const app = diff.apps.find((a) => a.title === 'Sales Transform');
    expect(app?.items).toEqual([]);
    expect(app?.script?.rows.filter((r) => r.kind !== 'same' && r.kind !== 'skipped')).toEqual([
      {
        kind: 'changed',
        leftLine: 51,
        left: 'TRACE Transform run $(vRunDate) done;',
        rightLine: 51,
        right: 'TRACE Transform run $(vRunDate) done, outputs stored;',
      },
    ]);
  });

  it('changes lineage only where the deleted app, the new app and the dropped table were', () => {
    const deleted = diff.apps.find((a) => a.change === 'removed')?.appId ?? '?';
    const added = diff.apps.find((a) => a.change === 'added')?.appId ?? '?';
    const touches = (e: { from: string; to: string }, text: string) => e.from.includes(text) || e.to.includes(text);
    expect(diff.lineage.removed.length).toBeGreaterThan(0);
    expect(diff.lineage.added.length).toBeGreaterThan(0);
    for (const edge of diff.lineage.removed) expect(touches(edge, deleted) || touches(edge, 'RegionOwner')).toBe(true);
    for (const edge of diff.lineage.added) expect(touches(edge, added)).toBe(true);
  });

  it('counts changes the way the notification words them', () => {
    expect(describeChanges(diff)).toEqual({
      title: 'Demo tenant: changes since the last crawl',
      body: '5 references broken, 3 apps changed, 1 app added, 1 app removed, 1 sheet changed, and 6 more.',
    });
  });

  it('names the references the dropped table broke: the five charts that group by RegionOwner', () => {
    expect(diff.apps.map((a) => [a.title, a.broken.length])).toEqual([
      ['Finance Cost Control', 0],
      ['Finance P&L', 0],
      ['Sales Forecast', 0],
      ['Sales Overview', 5],
      ['Sales Transform', 0],
    ]);
    const broken = diff.apps.find((a) => a.title === 'Sales Overview')?.broken ?? [];
    expect(broken.every((b) => b.user === 'object' && b.problem === 'missing-field' && b.reference === 'RegionOwner')).toBe(true);
    const text = formatDiffText(diff);
    expect(text).toContain('5 references broken: see the lines marked ! below.');
    expect(text).toContain(
      '  ! chart "Avg Discount by RegionOwner" on "Trends" has dimension RegionOwner, a field the load script no longer makes',
    );
  });

  it('finds nothing between two crawls of the same revision', () => {
    const same = withCatalog(catalogFile, (c) => diffSnapshots(c.snapshotContent(rev2), c.snapshotContent(rev2Again)));
    expect(same.isEmpty).toBe(true);
  });
});

describe('retention', () => {
  it('never deletes the latest complete snapshot, however strict the policy', () => {
    const copy = join(dir, 'retention.sqlite');
    withCatalog(catalogFile, () => undefined, false); // checkpoints the WAL into the file before copying
    copyFileSync(catalogFile, copy);
    const result = withCatalog(copy, (c) => c.pruneSnapshots({ keepLast: 1, keepDays: 0 }), false);
    expect(result.deletedSnapshotIds).toEqual(expect.arrayContaining([rev1, rev2]));
    expect(withCatalog(copy, (c) => c.snapshotsOfConnection('demo').map((s) => s.id))).toEqual([rev2Again]);
  });
});
