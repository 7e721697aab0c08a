import { describe, expect, it } from 'vitest';
import { buildLineageGraph } from '../../../src-main/lineage/graph-builder';
import { nodeId } from '../../../src-main/lineage/graph-model';
import { applyManualEdges } from '../../../src-main/lineage/manual-edges';
import { downstreamOf, impactOf, pathBetween, unusedFields, upstreamOf } from '../../../src-main/lineage/graph-queries';
import { classifyEngineLineage } from '../../../src-main/lineage/engine-lineage';
import { twoAppTenant } from './two-app-tenant';

const graph = buildLineageGraph(twoAppTenant);
const qvd = nodeId.qvd('lib://datafiles/orders.qvd');

describe('lineage queries', () => {
  it('impact of a QVD reaches the dashboard app, its chart and sheet', () => {
    const impact = impactOf(graph, qvd);
    expect(impact.apps.map((n) => n.id)).toEqual(['app:app-dashboard']);
    expect(impact.charts.map((n) => n.id)).toEqual(['chart:app-dashboard:chart-revenue']);
    expect(impact.sheets.map((n) => n.id)).toEqual(['sheet:app-dashboard:sheet-overview']);
  });

  it('upstream of a chart to depth 1 lists only its direct inputs', () => {
    const ids = upstreamOf(graph, nodeId.chart('app-dashboard', 'chart-revenue'), 1).nodes.map((n) => n.id);
    expect(ids.sort()).toEqual(['field:app-dashboard:CustomerID', 'measure:app-dashboard:measure-revenue']);
  });

  it('downstream depth is respected', () => {
    expect(downstreamOf(graph, qvd, 1).nodes.map((n) => n.id)).toEqual(['table:app-dashboard:Orders']);
  });

  it('finds a path against the data flow too', () => {
    expect(pathBetween(graph, nodeId.sheet('app-dashboard', 'sheet-overview'), qvd)?.[0]?.from).toBe(qvd);
  });

  it('lists loaded fields nothing uses', () => {
    expect(unusedFields(graph, 'app-dashboard').map((n) => n.label)).toEqual(['Tax']);
  });

  it('applies manual edges to external nodes and skips unknown endpoints', () => {
    const withManual = applyManualEdges(
      graph,
      [
        {
          id: 'm1',
          from: 'erp',
          to: nodeId.dbTable('snowflake_prod', 'sales.public.orders'),
          note: 'ERP feeds Snowflake',
          createdAt: '2025-01-01T00:00:00Z',
        },
        { id: 'm2', from: 'nowhere', to: qvd, note: '', createdAt: '2025-01-01T00:00:00Z' },
      ],
      [{ id: 'erp', label: 'SAP ERP', kind: 'external' }],
    );
    expect(
      impactOf(withManual, 'external:erp')
        .apps.map((n) => n.id)
        .sort(),
    ).toEqual(['app:app-dashboard', 'app:app-extract']);
    expect(withManual.edges.find((e) => e.manualEdgeId === 'm1')).toMatchObject({
      origin: 'manual',
      kind: 'manual',
      note: 'ERP feeds Snowflake',
    });
    expect(withManual.warnings.some((w) => w.includes('m2'))).toBe(true);
  });
});

describe('engine lineage classification (protocol §4 variants)', () => {
  it.each([
    ['lib://Finance:DataFiles/customers.qvd', '', { kind: 'file', path: 'lib://Finance:DataFiles/customers.qvd' }],
    ['lib://CONN:DataFiles/Sales.qvd;', '', { kind: 'file', path: 'lib://CONN:DataFiles/Sales.qvd' }],
    ['STORE - lib://Finance:DataFiles/o.qvd', '', { kind: 'store', path: 'lib://Finance:DataFiles/o.qvd' }],
    ['STORE lib://DataFiles/o.qvd', '', { kind: 'store', path: 'lib://DataFiles/o.qvd' }],
    ['INLINE', '', { kind: 'inline' }],
    ['AUTOGENERATE', '', { kind: 'autogenerate' }],
    ['RESIDENT Orders', '', { kind: 'resident', table: 'Orders' }],
    ['', 'RESIDENT TempSales', { kind: 'resident', table: 'TempSales' }],
    ['Finance DB', 'SELECT * FROM dbo.Ledger WHERE x = 1', { kind: 'db', connection: 'Finance DB', tables: ['dbo.Ledger'] }],
    ['\\\\fileserver\\qlik\\data\\customers.qvd', '', { kind: 'file', path: '\\\\fileserver\\qlik\\data\\customers.qvd' }],
  ])('%s / %s', (discriminator, statement, expected) => {
    expect(classifyEngineLineage(discriminator, statement)).toEqual(expected);
  });
});
