import { describe, expect, it } from 'vitest';
import { buildLineageGraph } from '../../../src-main/lineage/graph-builder';
import { edgeKey, nodeId, type LineageEdge } from '../../../src-main/lineage/graph-model';
import { toExportJson } from '../../../src-main/lineage/graph-export';
import { pathBetween } from '../../../src-main/lineage/graph-queries';
import { twoAppTenant } from './two-app-tenant';

const graph = buildLineageGraph(twoAppTenant);
const db = nodeId.dbTable('snowflake_prod', 'sales.public.orders');
const qvd = nodeId.qvd('lib://datafiles/orders.qvd');

describe('lineage graph builder', () => {
  it('links the database table through the QVD to the dashboard sheet, across apps', () => {
    const measure = nodeId.masterMeasure('app-dashboard', 'measure-revenue');
    const amount = nodeId.field('app-dashboard', 'Amount');
    const sheet = nodeId.sheet('app-dashboard', 'sheet-overview');
    const path = [amount, measure, sheet].reduce<LineageEdge[]>(
      (edges, to) => [...edges, ...(pathBetween(graph, edges.at(-1)?.to ?? db, to) ?? [])],
      [],
    );
    expect(path.map((e) => `${e.from} -${e.kind}-> ${e.to}`)).toEqual([
      `${db} -reads-> table:app-extract:Orders`,
      `table:app-extract:Orders -stores-> ${qvd}`,
      `${qvd} -reads-> table:app-dashboard:Orders`,
      'table:app-dashboard:Orders -loads-> field:app-dashboard:Amount',
      'field:app-dashboard:Amount -uses-> measure:app-dashboard:measure-revenue',
      'measure:app-dashboard:measure-revenue -uses-> chart:app-dashboard:chart-revenue',
      'chart:app-dashboard:chart-revenue -contains-> sheet:app-dashboard:sheet-overview',
    ]);
  });

  it('reaches the dashboard app from the sheet', () => {
    expect(pathBetween(graph, nodeId.sheet('app-dashboard', 'sheet-overview'), nodeId.app('app-dashboard'))).toHaveLength(1);
  });

  it('merges engine lineage into script edges instead of duplicating them', () => {
    const reads = graph.edges.filter((e) => e.from === qvd && e.kind === 'reads');
    expect(reads.map((e) => [e.to, e.origin, e.confirmedBy])).toEqual([['table:app-dashboard:Orders', 'script', ['engine']]]);
    const stores = graph.edges.filter((e) => e.to === qvd && e.kind === 'stores');
    expect(stores.map((e) => [e.from, e.origin, e.confirmedBy])).toEqual([['table:app-extract:Orders', 'script', ['engine']]]);
    const keys = graph.edges.map(edgeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('merges the data model: a field the script loads is one node and one edge', () => {
    const loads = graph.edges.filter((e) => e.to === 'field:app-dashboard:Tax' && e.kind === 'loads');
    expect(loads.map((e) => [e.origin, e.confirmedBy])).toEqual([['script', ['data-model']]]);
  });

  it('records set-analysis fields and script evidence', () => {
    expect(graph.edges.some((e) => e.from === 'field:app-dashboard:OrderID' && e.to === 'measure:app-dashboard:measure-revenue')).toBe(
      true,
    );
    const read = graph.edges.find((e) => e.from === db);
    expect(read?.evidence).toMatchObject({ appId: 'app-extract', lineStart: 4, lineEnd: 6 });
  });

  it('links the automation to the app it reloads and the connection to its table', () => {
    expect(graph.edges.some((e) => e.from === 'automation:auto-nightly' && e.to === 'app:app-extract' && e.kind === 'reloads')).toBe(true);
    expect(graph.edges.some((e) => e.from === 'connection:snowflake_prod' && e.to === db && e.kind === 'connects')).toBe(true);
  });

  it('marks tables the script drops as temporary', () => {
    const table = graph.nodes.find((n) => n.id === 'table:app-extract:Orders');
    expect(table).toMatchObject({ kind: 'app-table', isTemporary: true });
  });

  it('exports nodes with id, kind, label and appId, and edges with from, to, kind, origin, evidence', () => {
    const exported = toExportJson(graph);
    expect(exported.nodes.find((n) => n.id === 'field:app-dashboard:Amount')).toEqual({
      id: 'field:app-dashboard:Amount',
      kind: 'field',
      label: 'Amount',
      appId: 'app-dashboard',
    });
    expect(exported.nodes.find((n) => n.id === qvd)).toEqual({ id: qvd, kind: 'qvd', label: 'lib://Finance:DataFiles/Orders.qvd' });
    for (const edge of exported.edges) expect(Object.keys(edge).sort()).toEqual(['evidence', 'from', 'kind', 'origin', 'to']);
  });

  it('builds the same ids on a second build (stable across recrawls)', () => {
    expect(toExportJson(buildLineageGraph(twoAppTenant))).toEqual(toExportJson(graph));
  });
});
