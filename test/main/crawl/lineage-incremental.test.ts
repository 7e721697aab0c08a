/**
 * Incremental lineage: a delta crawl computes lineage fragments for reopened apps only, and the
 * snapshot's graph (catalog.lineage and the export's lineage) equals a full rebuild of the same
 * tenant state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../../src-main/catalog';
import { exportDocument } from '../../../src-main/catalog/export/export-snapshot';
import { startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import { catalogPort } from '../../../src-main/crawl/catalog-adapter';
import type { CrawlRunOptions } from '../../../src-main/crawl/crawl-events';
import { runCrawl } from '../../../src-main/crawl/crawl-runner';
import { buildLineageGraph } from '../../../src-main/lineage';
import { maskSecrets } from '../../../src-main/catalog/secret-mask';
import { compareCodePoints } from '../../../src-main/catalog/lineage-fragments';

let dir: string;
let tenant: DemoTenant;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qme-lineage-delta-'));
  tenant = await startDemoTenant({ apps: 10, seed: 31, sheetsPerApp: 2, chartsPerSheet: 4 });
});
afterAll(async () => {
  await tenant.close();
  rmSync(dir, { recursive: true, force: true });
});

function options(mode: 'full' | 'delta'): CrawlRunOptions {
  return { url: tenant.url, apiKey: tenant.apiKey, connectionId: 'demo', kind: 'demo', mode, concurrency: 4 };
}

/** What a one-pass buildLineageGraph over the snapshot's apps (by app id) would have stored. */
function rebuiltLineage(catalog: Catalog) {
  const content = catalog.snapshotContent({ connectionId: 'demo' });
  const graph = buildLineageGraph({
    apps: [...content.apps]
      .sort((a, b) => compareCodePoints(a.record.id, b.record.id))
      .map(({ record, source: _s, appVersionId: _v, contentHash: _h, ...rest }) => ({ app: record, content: rest })),
    // In the order the tenant lists them, as the crawl saw them: two spaces may hold a same-named one.
    dataConnections: tenant.model.dataConnections.flatMap((d) => content.dataConnections.filter((c) => c.id === d.record.id)),
    automations: content.automations,
    spaces: content.spaces,
  });
  return {
    nodes: graph.nodes
      .map((n) => ({ id: n.id, kind: n.kind, label: n.label, appId: n.appId ?? null }))
      .sort((a, b) => compareCodePoints(a.id, b.id)),
    edges: graph.edges.map((e) => ({
      from: e.from,
      to: e.to,
      kind: e.kind,
      origin: e.origin,
      evidence: e.evidence
        ? { ...e.evidence, ...(e.evidence.statement !== undefined ? { statement: maskSecrets(e.evidence.statement) } : {}) }
        : null,
    })),
  };
}

describe('incremental lineage', () => {
  it('after modify, add and delete, a delta crawl gives the lineage and export of a full rebuild', async () => {
    const incremental = openCatalog(join(dir, 'incremental.sqlite'));
    const fresh = openCatalog(join(dir, 'fresh.sqlite'));
    try {
      expect((await runCrawl(options('full'), catalogPort(incremental), () => undefined)).status).toBe('complete');
      const [first, second] = tenant.model.apps;
      tenant.modifyApp(first!.record.id);
      tenant.deleteApp(second!.record.id);
      tenant.addApp();
      const delta = await runCrawl(options('delta'), catalogPort(incremental), () => undefined);
      expect(delta.counts.appsCrawled).toBe(2);
      expect((await runCrawl(options('full'), catalogPort(fresh), () => undefined)).status).toBe('complete');

      const afterDelta = incremental.lineage({ connectionId: 'demo' });
      const afterFull = fresh.lineage({ connectionId: 'demo' });
      expect(afterDelta.edges.length).toBeGreaterThan(0);
      expect({ nodes: afterDelta.nodes, edges: afterDelta.edges }).toEqual({ nodes: afterFull.nodes, edges: afterFull.edges });
      expect({ nodes: afterDelta.nodes, edges: afterDelta.edges }).toEqual(rebuiltLineage(incremental));
      expect(exportDocument(incremental).lineage).toEqual(exportDocument(fresh).lineage);
      expect(afterDelta.nodes.some((n) => n.appId === second!.record.id)).toBe(false);
    } finally {
      incremental.close();
      fresh.close();
    }
  });
});
