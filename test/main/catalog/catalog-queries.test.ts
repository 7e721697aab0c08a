import { afterEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src-main/catalog';
import * as sample from './fixtures/sample-tenant';
import { beginCrawl, CONNECTION_ID, openTempCatalog, writeFullCrawl } from './catalog-test-kit';

const open: Catalog[] = [];
function setup() {
  const t = openTempCatalog();
  open.push(t.catalog);
  return t;
}
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

describe('browsing queries read back a full snapshot', () => {
  it('connections, snapshots, spaces, collections, apps and app detail', () => {
    const { catalog, clock } = setup();
    clock.set('2025-01-10T00:00:00Z');
    const id = writeFullCrawl(catalog);
    expect(catalog.connections()).toEqual([
      {
        id: CONNECTION_ID,
        name: 'Acme cloud',
        kind: 'cloud',
        url: 'https://acme.eu.qlikcloud.com',
        tenantId: 'tenant-1',
        latestCompleteSnapshotId: id,
      },
    ]);
    const [snap] = catalog.snapshotsOfConnection(CONNECTION_ID);
    expect(snap).toMatchObject({ id, kind: 'full', status: 'complete', durationMs: 0, errorCount: 0 });
    expect(snap?.counts).toEqual({
      apps: 3,
      crawledApps: 3,
      carriedOverApps: 0,
      failedApps: 0,
      spaces: 2,
      collections: 1,
      dataConnections: 1,
      automations: 1,
    });
    expect(catalog.spaces().map((s) => [s.name, s.appCount])).toEqual([
      ['Finance', 1],
      ['Sales', 2],
    ]);
    expect(catalog.collections()[0]?.appIds).toEqual(['app-a', 'app-b']);
    expect(catalog.appsInSpace('sp-sales').map((a) => [a.name, a.sheetCount, a.objectCount, a.spaceName])).toEqual([
      ['Sales Details', 0, 0, 'Sales'],
      ['Sales Overview', 2, 3, 'Sales'],
    ]);
    const detail = catalog.appDetail('app-a');
    expect(detail.record).toEqual(sample.app('app-a', { name: 'Sales Overview' }));
    expect(detail.counts).toEqual({ sheets: 2, objects: 3, masterItems: 3, variables: 2, bookmarks: 1, tables: 2, fields: 5 });
    expect(detail.spaceName).toBe('Sales');
  });

  it('sheets, objects with positions, object detail with master item links', () => {
    const { catalog } = setup();
    writeFullCrawl(catalog);
    expect(catalog.sheetsOfApp('app-a').map((s) => [s.title, s.objectCount])).toEqual([
      ['Overview', 2],
      ['Details', 1],
    ]);
    const objects = catalog.objectsOfSheet('app-a', 'sh-1');
    expect(objects.map((o) => [o.id, o.position?.colspan])).toEqual([
      ['obj-kpi', 6],
      ['obj-bar', 18],
    ]);
    expect(objects[1]?.position?.bounds).toEqual({ x: 25, y: 0, width: 75, height: 50 });
    const kpi = catalog.objectDetail('app-a', 'obj-kpi');
    expect(kpi?.measures[0]?.masterItem).toEqual({ id: 'mm-rev', title: 'Revenue', expression: 'Sum(Amount)', fieldDefs: null });
    const table = catalog.objectDetail('app-a', 'obj-table');
    expect(table?.dimensions[0]?.masterItem?.fieldDefs).toEqual(['CustomerName']);
    expect(table?.masterVisualization).toEqual({ id: 'mv-1', title: 'Customer table' });
    expect(catalog.objectDetail('app-a', 'nope')).toBeNull();
  });

  it('master items, variables, bookmarks, data model, script, connections and automations', () => {
    const { catalog } = setup();
    writeFullCrawl(catalog);
    expect(catalog.masterItems('app-a').map((m) => [m.kind, m.id])).toEqual([
      ['dimension', 'md-cust'],
      ['measure', 'mm-rev'],
      ['visualization', 'mv-1'],
    ]);
    expect(catalog.masterItems('app-a', 'measure')).toEqual([{ kind: 'measure', ...sample.content().masterMeasures[0] }]);
    expect(catalog.variables('app-a')).toEqual(sample.content().variables);
    expect(catalog.bookmarks('app-a')).toEqual(sample.content().bookmarks);
    const model = catalog.dataModel('app-a');
    expect(model.tables.map((t) => [t.name, t.fields.map((f) => f.name)])).toEqual([
      ['Orders', ['OrderID', 'CustomerID', 'Amount', 'Region']],
      ['Customers', ['CustomerID', 'CustomerName']],
    ]);
    expect(model.keyFields.map((f) => f.name)).toEqual(['CustomerID']);
    const script = catalog.scriptOfApp('app-a');
    expect(script.text).toBe(sample.content().script);
    expect(script.sections.map((s) => [s.title, s.lineStart, s.lineEnd])).toEqual([
      ['Main', 1, 3],
      ['Orders', 4, 8],
    ]);
    expect(catalog.dataConnections()[0]?.connectStatement).toContain('Password=***;');
    const [automation] = catalog.automations();
    expect(automation?.runs).toEqual(sample.automations[0]?.runs);
    expect(automation?.definition).toEqual(sample.automations[0]?.definition);
  });

  it('where-used finds charts, master items and variables that reference a field, master item or variable', () => {
    const { catalog } = setup();
    writeFullCrawl(catalog);
    const amount = catalog.whereUsed('app-a', { kind: 'field', name: 'Amount' });
    expect(amount.map((h) => [h.user, h.id, h.sheetTitle])).toEqual([
      ['object', 'obj-bar', 'Overview'],
      ['master-measure', 'mm-rev', null],
      ['variable', 'v-2', null],
    ]);
    expect(catalog.whereUsed('app-a', { kind: 'field', name: 'Amoun' })).toEqual([]);
    expect(catalog.whereUsed('app-a', { kind: 'master-item', id: 'md-cust' }).map((h) => h.id)).toEqual(['obj-table', 'mv-1']);
    expect(catalog.whereUsed('app-a', { kind: 'variable', name: 'vRate' }).map((h) => h.id)).toEqual(['obj-bar', 'v-2']);
  });

  it('snapshotContent returns every app with its full content as written', () => {
    const { catalog } = setup();
    const id = writeFullCrawl(catalog);
    const content = catalog.snapshotContent(id);
    const a = content.apps.find((x) => x.record.id === 'app-a');
    const { script: _script, dataConnections: _dc, ...rest } = { ...sample.content(), dataConnections: null };
    expect(a).toMatchObject(rest);
    expect(content.spaces).toEqual([...sample.spaces].sort((x, y) => x.name.localeCompare(y.name)));
    expect(content.lineage.edges).toEqual(sample.lineage.edges);
  });
});

describe('search', () => {
  it('finds names, expressions and script text in the latest snapshot, with filters and facets', () => {
    const { catalog } = setup();
    writeFullCrawl(catalog);
    const all = catalog.searchCatalog('amount');
    expect(all.total).toBeGreaterThan(3);
    expect(all.facets.type.map((f) => f.value)).toEqual(expect.arrayContaining(['field', 'object', 'master-measure', 'script']));
    expect(all.facets.app.map((f) => f.label)).toEqual(expect.arrayContaining(['Sales Overview', 'Budget']));
    const fields = catalog.searchCatalog('amount', { types: ['field'], spaceId: 'sp-sales' });
    expect(fields.hits.map((h) => [h.type, h.id, h.appName, h.spaceName]).sort()).toEqual([
      ['field', 'Amount', 'Sales Details', 'Sales'],
      ['field', 'Amount', 'Sales Overview', 'Sales'],
    ]);
    expect(catalog.searchCatalog('revenu', { appId: 'app-a', limit: 2 }).hits).toHaveLength(2);
    const byOwner = catalog.searchCatalog('Budget', { ownerId: 'user-2' });
    expect(byOwner.hits.every((h) => h.ownerId === 'user-2')).toBe(true);
    expect(catalog.searchCatalog('warehouse', { types: ['data-connection'] }).hits[0]?.snippet).toContain('[Warehouse]');
    expect(catalog.searchCatalog('"; DROP TABLE app; --').hits).toEqual([]);
  });

  it('search follows the snapshot: a deleted app is not found in the latest snapshot but is in the older one', () => {
    const { catalog } = setup();
    const first = writeFullCrawl(catalog);
    const w = beginCrawl(catalog, 'delta');
    w.carryOverApp('app-a');
    w.carryOverApp('app-b');
    w.commit();
    expect(catalog.searchCatalog('budget', { types: ['app'] }).hits).toEqual([]);
    expect(catalog.searchCatalog('budget', { types: ['app'], snapshotId: first }).hits.map((h) => h.id)).toEqual(['app-c']);
    expect(catalog.searchCatalog('overview', { types: ['app'] }).hits.map((h) => h.id)).toEqual(['app-a']);
  });
});

describe('manual lineage and annotations', () => {
  it('manual edges and external nodes survive a new snapshot and can be removed', () => {
    const { catalog } = setup();
    writeFullCrawl(catalog);
    const edge = catalog.addManualEdge({ connectionId: CONNECTION_ID, from: 'ext:crm', to: 'file:orders.qvd', kind: 'feeds', note: 'ETL' });
    catalog.putExternalNode({ connectionId: CONNECTION_ID, id: 'ext:crm', kind: 'system', label: 'CRM' });
    writeFullCrawl(catalog);
    const lineage = catalog.lineage({ connectionId: CONNECTION_ID });
    expect(lineage.manualEdges.map((e) => [e.from, e.to, e.note, e.origin])).toEqual([['ext:crm', 'file:orders.qvd', 'ETL', 'manual']]);
    expect(lineage.externalNodes.map((n) => n.label)).toEqual(['CRM']);
    expect(catalog.upstreamEdges('file:orders.qvd').map((e) => e.origin)).toEqual(['manual']);
    expect(catalog.downstreamEdges('file:orders.qvd').map((e) => e.to)).toEqual(['table:app-a:Orders']);
    expect(catalog.removeManualEdge(edge.id)).toBe(true);
    expect(catalog.manualEdges(CONNECTION_ID)).toEqual([]);
  });

  it('annotations are added, listed by entity and removed', () => {
    const { catalog } = setup();
    writeFullCrawl(catalog);
    const note = catalog.addAnnotation({
      connectionId: CONNECTION_ID,
      entityType: 'sheet',
      entityId: 'sh-1',
      appId: 'app-a',
      note: 'Check KPI',
      tags: ['review'],
    });
    catalog.addAnnotation({ connectionId: CONNECTION_ID, entityType: 'app', entityId: 'app-b', note: 'Retire' });
    expect(catalog.annotations({ connectionId: CONNECTION_ID, entityType: 'sheet' }).map((a) => [a.note, a.tags])).toEqual([
      ['Check KPI', ['review']],
    ]);
    expect(catalog.removeAnnotation(note.id)).toBe(true);
    expect(catalog.annotations({ connectionId: CONNECTION_ID })).toHaveLength(1);
  });
});

describe('retention', () => {
  it('prunes old snapshots and unused versions but never the latest complete snapshot', () => {
    const { catalog, clock } = setup();
    clock.set('2025-01-01T00:00:00Z');
    const old = writeFullCrawl(catalog);
    clock.set('2025-01-02T00:00:00Z');
    const w = beginCrawl(catalog);
    w.putApp(sample.app('app-only-in-failed'), sample.content());
    w.abort('boom');
    clock.set('2025-03-01T00:00:00Z');
    expect(catalog.pruneSnapshots()).toEqual({ deletedSnapshotIds: [w.snapshotId], deletedAppVersionCount: 1 });
    expect(catalog.latestCompleteSnapshotId(CONNECTION_ID)).toBe(old);
    expect(catalog.apps()).toHaveLength(3);

    clock.set('2025-03-02T00:00:00Z');
    const w2 = beginCrawl(catalog, 'delta');
    w2.carryOverApp('app-a');
    w2.putApp(sample.app('app-b', { name: 'Changed' }), sample.content());
    const latest = w2.commit().id;
    const result = catalog.pruneSnapshots({ keepDays: 30 });
    expect(result.deletedSnapshotIds).toEqual([old]);
    expect(result.deletedAppVersionCount).toBe(2); // app-b's old version and app-c
    expect(catalog.appDetail('app-a').versionCrawledBySnapshotId).toBe(old);
    expect(catalog.snapshotsOfConnection(CONNECTION_ID).map((s) => s.id)).toEqual([latest]);
    expect(catalog.searchCatalog('budget').total).toBe(0);
    expect(catalog.integrityCheck()).toBe('ok');
  });

  it('keepLast keeps the newest N complete snapshots', () => {
    const { catalog, clock } = setup();
    const ids = [1, 2, 3, 4].map((d) => {
      clock.set(`2025-01-0${d}T00:00:00Z`);
      return writeFullCrawl(catalog);
    });
    expect(catalog.pruneSnapshots({ keepLast: 2, keepDays: 365 }).deletedSnapshotIds).toEqual([ids[1], ids[0]]);
    expect(catalog.pruneSnapshots({ keepLast: 0, keepDays: 0 }).deletedSnapshotIds).toEqual([ids[2]]);
    expect(catalog.latestCompleteSnapshotId(CONNECTION_ID)).toBe(ids[3]);
  });
});
