/**
 * Writes the demo tenant's truth straight into a catalog as one complete snapshot of connection
 * `demo`, without crawling: UI tests get a populated catalog in well under a second, and the data
 * is exactly what a crawl of the demo tenant yields (the generator's truth is the crawl's output).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openCatalog } from '../../src-main/catalog';
import type { AppContent, AppRecord } from '../../src-main/crawl/records';
import { appContent, defaultDemoSeed, generateTenant } from '../../src-main/demo-tenant';
import { appLineageFragment, LINEAGE_FRAGMENT_LAYOUT, tenantLineage } from '../../src-main/lineage';

export interface SeedDemoCatalogOptions {
  /** Number of demo apps. Default 12. */
  readonly apps?: number;
  /**
   * Rewrites each app before it is stored, e.g. to give one a hostile title. Called with the
   * generated record and content; returns what to store.
   */
  readonly mapApp?: (app: AppRecord, content: AppContent, index: number) => { app: AppRecord; content: AppContent };
  /** Also store lineage (per-app fragments and the tenant part) the way a crawl does. Default false. */
  readonly withLineage?: boolean;
}

export interface SeededCatalog {
  readonly file: string;
  readonly snapshotId: number;
  readonly appIds: readonly string[];
}

/** The app ids whose titles the e2e tests make hostile, by position in the generated tenant. */
export const hostileTitle = '<img src=x onerror=alert(1)>';

export function seedDemoCatalog(dataDir: string, options: SeedDemoCatalogOptions = {}): SeededCatalog {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'catalog.sqlite');
  const model = generateTenant({ seed: defaultDemoSeed, apps: options.apps ?? 12 });
  const catalog = openCatalog(file);
  try {
    const writer = catalog.beginSnapshot({
      connectionId: 'demo',
      connectionName: 'Demo tenant',
      tenant: { ...model.tenant, url: model.tenant.url || 'https://demo.qlik-metadata-explorer.local', kind: 'demo' },
      kind: 'full',
    });
    writer.putSpaces(model.spaces.map((s) => s.record));
    writer.putCollections(model.collections.map((c) => c.record));
    writer.putDataConnections(model.dataConnections.map((c) => c.record));
    writer.putAutomations(model.automations.map((a) => a.record));
    model.apps.forEach((demoApp, index) => {
      const content = appContent(model, demoApp).truth;
      const stored = options.mapApp ? options.mapApp(demoApp.record, content, index) : { app: demoApp.record, content };
      writer.putApp(stored.app, stored.content);
      if (options.withLineage)
        writer.putAppLineage(stored.app.id, LINEAGE_FRAGMENT_LAYOUT, () => appLineageFragment(stored.app, stored.content));
    });
    if (options.withLineage) {
      writer.putTenantLineage(
        LINEAGE_FRAGMENT_LAYOUT,
        tenantLineage({
          dataConnections: model.dataConnections.map((c) => c.record),
          automations: model.automations.map((a) => a.record),
          spaces: model.spaces.map((s) => s.record),
          appIds: model.apps.map((a) => a.record.id),
        }),
      );
    }
    const snapshot = writer.commit();
    return { file, snapshotId: snapshot.id, appIds: model.apps.map((a) => a.record.id) };
  } finally {
    catalog.close();
  }
}

/** Gives the first sheet of the first dashboard app a title that would run script if rendered as HTML. */
export function withHostileSheetTitle(app: AppRecord, content: AppContent, index: number): { app: AppRecord; content: AppContent } {
  if (index !== 2) return { app, content };
  const [first, ...rest] = content.sheets;
  if (!first) return { app, content };
  return { app, content: { ...content, sheets: [{ ...first, title: `${hostileTitle} Overview` }, ...rest] } };
}
