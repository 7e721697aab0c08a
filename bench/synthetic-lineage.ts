/** A synthetic, tenant-shaped lineage graph of any size and a catalog seeded with it, for benches. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openCatalog } from '../src-main/catalog';
import { defaultDemoSeed, generateTenant } from '../src-main/demo-tenant';
import type { LineageEdge, LineageGraph, LineageNode } from '../src-main/lineage/graph-model';

/** A tenant-shaped graph: db tables → extract tables → QVDs → dashboard tables → charts → sheets → apps. */
export function syntheticGraph(size: number): LineageGraph {
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  const edge = (from: string, to: string, kind: LineageEdge['kind']): void =>
    void edges.push({ from, to, kind, origin: 'script', confirmedBy: [], evidence: null });
  const apps = Math.max(2, Math.round(size / 60));
  let qvds: string[] = [];
  for (let a = 0; nodes.length < size; a++) {
    const appId = `app-${a}`;
    const app = `app:${appId}`;
    nodes.push({ id: app, kind: 'app', label: `App ${a}`, appId });
    const isExtract = a % 3 === 0;
    const sheet = `sheet:${appId}:s`;
    if (!isExtract) {
      nodes.push({ id: sheet, kind: 'sheet', sheetId: 's', label: `Sheet ${a}`, appId });
      edge(sheet, app, 'contains');
    }
    for (let t = 0; t < 8 && nodes.length < size; t++) {
      const table = `table:${appId}:T${t}`;
      nodes.push({ id: table, kind: 'app-table', table: `T${t}`, isTemporary: false, label: `Table ${a}.${t}`, appId });
      edge(table, app, 'contains');
      if (isExtract) {
        const db = `db:prod:schema.t_${a}_${t}`;
        const qvd = `qvd:lib://data/${a}/${t}.qvd`;
        nodes.push({ id: db, kind: 'db-table', connection: 'prod', table: `T_${a}_${t}`, label: `SCHEMA.T_${a}_${t}`, appId: null });
        nodes.push({ id: qvd, kind: 'qvd', path: `lib://data/${a}/${t}.qvd`, label: `lib://Data/${a}/${t}.qvd`, appId: null });
        edge(db, table, 'reads');
        edge(table, qvd, 'stores');
        qvds.push(qvd);
      } else {
        const source = qvds[(a * 7 + t * 13) % Math.max(1, qvds.length)];
        if (source) edge(source, table, 'reads');
        for (let c = 0; c < 4 && nodes.length < size; c++) {
          const chart = `chart:${appId}:c${t}_${c}`;
          nodes.push({ id: chart, kind: 'chart', objectId: `c${t}_${c}`, chartType: 'barchart', label: `Chart ${a}.${t}.${c}`, appId });
          edge(table, chart, 'uses');
          edge(chart, sheet, 'contains');
        }
      }
    }
    if (a > apps * 4) qvds = qvds.slice(-200);
  }
  const kept = nodes.slice(0, size);
  const keptIds = new Set(kept.map((n) => n.id));
  return { nodes: kept, edges: edges.filter((e) => keptIds.has(e.to)), warnings: [] };
}

export function seedCatalogWithGraph(dataDir: string, graph: LineageGraph): void {
  mkdirSync(dataDir, { recursive: true });
  const model = generateTenant({ seed: defaultDemoSeed, apps: 1 });
  const catalog = openCatalog(join(dataDir, 'catalog.sqlite'));
  const writer = catalog.beginSnapshot({
    connectionId: 'demo',
    connectionName: 'Bench',
    tenant: { ...model.tenant, url: 'https://bench.example', kind: 'demo' },
    kind: 'full',
  });
  writer.putLineage(graph);
  writer.commit();
  catalog.close();
}
