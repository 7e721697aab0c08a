import { DOMParser } from '@xmldom/xmldom';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, type Service } from '../../../src-main/api/dispatch';
import { lineageHandlers } from '../../../src-main/api/handlers/lineage-handlers';
import { impactOf } from '../../../src-main/lineage/graph-queries';
import { fromStoredGraph } from '../../../src-main/lineage/graph-export';
import { displayLabel } from '../../../src-main/lineage-view/lineage-style';
import { escapeXml } from '../../../src-main/lineage-view/svg-writer';
import { demoLineageCatalog } from './demo-lineage-catalog';

const demo = demoLineageCatalog();
const lineage = lineageHandlers(() => demo.catalog);
afterAll(() => demo.catalog.close());

// The demo tenant: Sales Extract reads Snowflake over SQL and stores raw QVDs, Sales Transform
// loads them and stores transformed QVDs, the Sales Overview dashboard loads those.
const stored = demo.catalog.lineage();
const appIdOf = (title: string): string => stored.nodes.find((n) => n.kind === 'app' && n.label === title)?.appId as string;
const chart = stored.nodes.find(
  (n) => n.kind === 'chart' && n.appId === appIdOf('Sales Overview') && n.label === 'Avg Discount by RegionOwner',
)?.id as string;
const dbOrders = 'db:snowflake_prod:sales.public.orders';
const rawOrders = 'qvd:lib://datafiles/raw/sales/orders.qvd';
const transformedOrders = 'qvd:lib://datafiles/transformed/sales/orders.qvd';

function parseXml(text: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { error: (message: string) => void errors.push(message), fatalError: (message: string) => void errors.push(message) },
  }).parseFromString(text, 'text/xml');
  expect(errors).toEqual([]);
  return doc as unknown as Document;
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const base = { level: 'table', groupByApp: false, scale: 2, transparent: false, colorScheme: 'light', maxNodes: 5000 } as const;
const chartScope = { kind: 'node', node: chart, depth: 8, direction: 'up' } as const;

describe('lineage view selection', () => {
  it('upstream of a dashboard chart reaches the SQL table through the transformed and the raw QVD', async () => {
    const view = await lineage['lineage/neighbourhood']({ node: chart, direction: 'up', depth: 8, level: 'table', maxNodes: 1500 });
    const ids = view.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([chart, transformedOrders, rawOrders, dbOrders]));
    expect(view.nodes.find((n) => n.id === dbOrders)?.distance).toBe(6);
  });

  it('depth bounds the neighbourhood and marks the frontier as expandable', async () => {
    const view = await lineage['lineage/neighbourhood']({ node: chart, direction: 'up', depth: 1, level: 'table', maxNodes: 1500 });
    expect(Math.max(...view.nodes.map((n) => n.distance ?? 0))).toBe(1);
    expect(view.nodes.some((n) => n.distance === 1 && n.hasHiddenNeighbours)).toBe(true);
  });

  it('the size limit cuts the selection and says so', async () => {
    const view = await lineage['lineage/neighbourhood']({ direction: 'both', depth: 2, level: 'field', maxNodes: 50 });
    expect(view.nodes).toHaveLength(50);
    expect(view.truncated).toBe(true);
  });

  it('table level folds fields away and links tables straight to the charts that use them', async () => {
    const view = await lineage['lineage/neighbourhood']({ node: chart, direction: 'up', depth: 1, level: 'table', maxNodes: 1500 });
    expect(view.nodes.some((n) => n.kind === 'field')).toBe(false);
    const bridged = view.edges.filter((e) => e.to === chart && e.bridged > 0);
    expect(bridged.map((e) => e.from)).toContain(`table:${appIdOf('Sales Overview')}:Orders`);
  });

  it('a kind filter bridges over the hidden kinds', async () => {
    const view = await lineage['lineage/neighbourhood']({
      node: chart,
      direction: 'up',
      depth: 8,
      level: 'table',
      kinds: ['qvd', 'db-table', 'chart'],
      maxNodes: 1500,
    });
    expect(new Set(view.nodes.map((n) => n.kind))).toEqual(new Set(['qvd', 'db-table', 'chart']));
    expect(view.edges.some((e) => e.from === rawOrders && e.to === transformedOrders)).toBe(true);
  });

  it('the path from the chart back to the SQL table passes both QVDs', async () => {
    const result = await lineage['lineage/path']({ from: chart, to: dbOrders, level: 'table' });
    expect(result.found).toBe(true);
    expect(result.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([dbOrders, rawOrders, transformedOrders, chart]));
    expect(result.nodes[0]?.id).toBe(dbOrders);
  });

  it('impact of the raw orders QVD lists both sales dashboards, matching the engine impactOf', async () => {
    const result = await lineage['lineage/impact']({ node: rawOrders, maxNodes: 1500 });
    const apps = result.rows.filter((r) => r.kind === 'app').map((r) => r.label);
    expect(apps).toEqual(expect.arrayContaining(['Sales Overview', 'Sales Customer Insights', 'Sales Transform']));
    const engine = impactOf(fromStoredGraph(stored.nodes, stored.edges), rawOrders);
    expect(result.rows.filter((r) => r.kind === 'chart').length).toBe(engine.charts.length);
  });

  it('node details point at the catalog page and carry script lines', async () => {
    const details = await lineage['lineage/node']({ node: `table:${appIdOf('Sales Extract')}:Orders` });
    expect(details.catalogTarget).toEqual({ kind: 'table', appId: appIdOf('Sales Extract'), table: 'Orders' });
    const read = details.edges.find((e) => e.otherId === dbOrders);
    expect(read?.evidence?.lineStart).toBeGreaterThan(0);
  });

  it('search finds nodes by label, exact matches first', async () => {
    const hits = await lineage['lineage/search']({ text: 'sales.public.orders', limit: 5 });
    expect(hits[0]?.id).toBe(dbOrders);
  });
});

describe('lineage exports', () => {
  it('SVG is well-formed XML holding every node label', async () => {
    const view = await lineage['lineage/neighbourhood']({ node: chart, direction: 'up', depth: 8, level: 'table', maxNodes: 1500 });
    const file = await lineage['lineage/export']({ ...base, format: 'svg', scope: chartScope });
    const doc = parseXml(file.data);
    expect(doc.documentElement.tagName).toBe('svg');
    for (const node of view.nodes) expect(file.data).toContain(`>${escapeXml(displayLabel(node.kind, node.label))}</text>`);
  });

  it('PNG has the PNG signature and the SVG size times the scale', async () => {
    const svg = await lineage['lineage/export']({ ...base, format: 'svg', scope: chartScope });
    const png = await lineage['lineage/export']({ ...base, format: 'png', scale: 2, transparent: true, scope: chartScope });
    const size = pngSize(Buffer.from(png.data, 'base64'));
    expect(size).toEqual({ width: (svg.width as number) * 2, height: (svg.height as number) * 2 });
    expect(size).toEqual({ width: png.width, height: png.height });
  });

  it('GraphML is well-formed with all nodes and edges', async () => {
    const file = await lineage['lineage/export']({ ...base, format: 'graphml', scope: { kind: 'snapshot' }, level: 'field' });
    const doc = parseXml(file.data);
    expect(doc.getElementsByTagName('node').length).toBe(stored.nodes.length);
    expect(doc.getElementsByTagName('edge').length).toBe(stored.edges.length);
  });

  it('OpenLineage: one RunEvent per app job, with datasets namespaced by the tenant', async () => {
    const file = await lineage['lineage/export']({ ...base, format: 'openlineage', scope: { kind: 'snapshot' } });
    const events = file.data
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const e of events) {
      expect(e).toMatchObject({
        eventType: 'COMPLETE',
        eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        run: { runId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) },
        job: { namespace: 'https://demo.qlik-metadata-explorer.local', name: expect.stringMatching(/^apps\//) },
        inputs: expect.any(Array),
        outputs: expect.any(Array),
        producer: expect.stringMatching(/^https:\/\//),
        schemaURL: expect.stringContaining('OpenLineage.json#/$defs/RunEvent'),
      });
    }
    const extract = events.find((e) => (e['job'] as { name: string }).name === `apps/${appIdOf('Sales Extract')}`) as {
      inputs: { name: string }[];
      outputs: { name: string }[];
    };
    expect(extract.inputs.map((d) => d.name)).toContain('sales.public.orders');
    expect(extract.outputs.map((d) => d.name)).toContain('lib://datafiles/raw/sales/orders.qvd');
  });
});

describe('manual lineage in the view', () => {
  it('an edge to a new external node shows at once, survives a recrawl, and removing it removes the node', async () => {
    const added = await lineage['lineage/manual-edge-add']({
      from: { type: 'external', label: 'SAP ERP', kind: 'system' },
      to: { type: 'node', id: dbOrders },
      note: 'nightly replication',
    });
    const external = added.externalNodeId as string;
    const before = await lineage['lineage/neighbourhood']({ node: dbOrders, direction: 'up', depth: 1, level: 'table', maxNodes: 100 });
    expect(before.edges.find((e) => e.from === external)).toMatchObject({ origin: 'manual', note: 'nightly replication' });

    const second = demo.recrawl();
    const after = await lineage['lineage/neighbourhood']({
      snapshotId: second,
      node: dbOrders,
      direction: 'up',
      depth: 1,
      level: 'table',
      maxNodes: 100,
    });
    expect(after.snapshotId).not.toBe(demo.firstSnapshotId);
    expect(after.nodes.find((n) => n.id === external)?.label).toBe('SAP ERP');

    const removed = await lineage['lineage/manual-edge-remove']({ id: added.manualEdgeId });
    expect(removed).toEqual({ removed: true, removedExternalNodeId: external });
    const gone = await lineage['lineage/neighbourhood']({ node: dbOrders, direction: 'up', depth: 1, level: 'table', maxNodes: 100 });
    expect(gone.nodes.some((n) => n.id === external)).toBe(false);
  });
});

describe('lineage contract arguments', () => {
  const service = lineage as unknown as Service;
  it.each([
    ['lineage/neighbourhood', { node: 'x', depth: 0 }],
    ['lineage/neighbourhood', { kinds: ['spaceship'] }],
    ['lineage/neighbourhood', { maxNodes: 1_000_000 }],
    ['lineage/manual-edge-add', { from: { type: 'external', label: 'A' }, to: { type: 'external', label: 'B' } }],
    ['lineage/export', { format: 'pdf', scope: { kind: 'snapshot' } }],
    ['lineage/export', { format: 'png', scope: { kind: 'snapshot' }, scale: 100 }],
  ])('%s refuses %j', async (name, args) => {
    const envelope = await dispatch(service, name, args);
    expect(envelope.ok ? null : envelope.error.code).toBe('invalid-arguments');
  });

  it('an unknown node is a not-found error with a remedy', async () => {
    const envelope = await dispatch(service, 'lineage/node', { node: 'qvd:nowhere' });
    expect(envelope.ok ? null : envelope.error.code).toBe('not-found');
  });
});
