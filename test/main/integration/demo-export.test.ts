/**
 * The demo tenant crawled end to end and exported: the JSON export's lineage links every
 * dashboard chart back through both QVD hops to the Snowflake tables, and no secret the tenant
 * served (API key, automation tokens) reaches the catalog file or either export.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSnapshot, openCatalog, type Catalog } from '../../../src-main/catalog';
import { catalogPort } from '../../../src-main/crawl/catalog-adapter';
import { runCrawl } from '../../../src-main/crawl/crawl-runner';
import { startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';

interface ExportedNode {
  id: string;
  kind: string;
  label: string;
  appId?: string | null;
}
interface ExportedEdge {
  from: string;
  to: string;
  kind: string;
}

let tenant: DemoTenant;
let catalog: Catalog;
let file: string;
let json: string;
let xml: string;

beforeAll(async () => {
  tenant = await startDemoTenant({ apiKey: 'qme-canary-demo-export-7f3a' });
  file = join(mkdtempSync(join(tmpdir(), 'qme-export-')), 'catalog.sqlite');
  catalog = openCatalog(file);
  const summary = await runCrawl(
    { url: tenant.url, apiKey: tenant.apiKey, connectionId: 'demo', connectionName: 'Demo tenant', kind: 'demo', mode: 'full' },
    catalogPort(catalog),
    () => undefined,
  );
  expect(summary.status).toBe('complete');
  json = exportSnapshot(catalog, { format: 'json', connectionId: 'demo' });
  xml = exportSnapshot(catalog, { format: 'xml', connectionId: 'demo' });
}, 60_000);

afterAll(async () => {
  catalog.close();
  await tenant.close();
});

/** Every node reachable upstream (against the data flow) from `start`. */
function upstream(edges: readonly ExportedEdge[], start: string): Set<string> {
  const into = new Map<string, string[]>();
  for (const e of edges) into.set(e.to, [...(into.get(e.to) ?? []), e.from]);
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    for (const from of into.get(queue.shift() as string) ?? []) {
      if (!seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
    }
  }
  return seen;
}

describe('demo tenant: crawl → JSON export', () => {
  it('links every dashboard chart to the SQL tables through the raw and the transformed QVDs', () => {
    const doc = JSON.parse(json) as {
      lineage: { nodes: ExportedNode[]; edges: ExportedEdge[] };
      apps: Array<{ id: string; name: string }>;
    };
    const { nodes, edges } = doc.lineage;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const dashboards = tenant.model.apps.filter((a) => a.role === 'dashboard');
    expect(dashboards.length).toBeGreaterThanOrEqual(4);
    for (const dashboard of dashboards) {
      const charts = nodes.filter((n) => n.kind === 'chart' && n.appId === dashboard.record.id);
      expect(charts.length, dashboard.record.name).toBeGreaterThan(0);
      // At least one chart of each dashboard draws on a database table two QVD hops away.
      const reaches = charts.map((chart) =>
        [...upstream(edges, chart.id)].map((id) => byId.get(id)).filter((n): n is ExportedNode => Boolean(n)),
      );
      const complete = reaches.find((up) => up.some((n) => n.kind === 'db-table') && up.filter((n) => n.kind === 'qvd').length >= 2);
      expect(complete, `${dashboard.record.name}: a chart reaching a db table through two QVDs`).toBeDefined();
      const appsOnTheWay = new Set(complete?.filter((n) => n.kind === 'app-table').map((n) => n.appId));
      const roles = tenant.model.apps.filter((a) => appsOnTheWay.has(a.record.id)).map((a) => a.role);
      expect(new Set(roles)).toEqual(new Set(['extract', 'transform', 'dashboard']));
    }
  });

  it('shows which automation reloads which app, and the automation chain', () => {
    const { edges } = (JSON.parse(json) as { lineage: { edges: ExportedEdge[] } }).lineage;
    const nightly = tenant.model.automations.find((a) => a.record.runMode === 'scheduled');
    const webhook = tenant.model.automations.find((a) => a.record.runMode === 'webhook');
    const reloaded = edges.filter((e) => e.kind === 'reloads' && e.from === `automation:${nightly?.record.id}`).map((e) => e.to);
    expect(reloaded.length).toBe(3);
    expect(edges).toContainEqual(
      expect.objectContaining({ from: `automation:${webhook?.record.id}`, to: `automation:${nightly?.record.id}`, kind: 'triggers' }),
    );
  });

  it('never stores or exports the API key or the tokens seeded in automation definitions', () => {
    const raw = tenant.model.automations.flatMap((a) => [
      a.executionToken,
      ...a.record.strippedSecrets.map((path) => pointer(a.rawDefinition, path)),
    ]);
    const secrets = [tenant.apiKey, ...raw.filter((s): s is string => typeof s === 'string' && s.length > 8)];
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const stored = [readFileSync(file), ...['-wal'].map((s) => readOptional(file + s))];
    for (const secret of secrets) {
      expect(json).not.toContain(secret);
      expect(xml).not.toContain(secret);
      for (const bytes of stored) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
  });
});

function pointer(document: unknown, path: string): unknown {
  return path
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), document);
}

function readOptional(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    return Buffer.alloc(0);
  }
}
