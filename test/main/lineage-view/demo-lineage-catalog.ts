/**
 * A catalog holding the demo tenant as one complete snapshot of connection `demo`, lineage graph
 * included (what a crawl of the demo tenant stores), written in-process in well under a second.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog, type Catalog } from '../../../src-main/catalog';
import { appContent, defaultDemoSeed, generateTenant } from '../../../src-main/demo-tenant';
import { buildLineageGraph } from '../../../src-main/lineage/graph-builder';

export interface DemoLineageCatalog {
  readonly catalog: Catalog;
  readonly file: string;
  /** Writes another complete snapshot of the same tenant (a recrawl); returns its id. */
  readonly recrawl: () => number;
  readonly firstSnapshotId: number;
}

export function demoLineageCatalog(apps = 12): DemoLineageCatalog {
  const file = join(mkdtempSync(join(tmpdir(), 'qme-lineage-view-')), 'catalog.sqlite');
  const catalog = openCatalog(file);
  const model = generateTenant({ seed: defaultDemoSeed, apps });
  const writeSnapshot = (): number => {
    const writer = catalog.beginSnapshot({
      connectionId: 'demo',
      connectionName: 'Demo tenant',
      tenant: { ...model.tenant, url: model.tenant.url || 'https://demo.qlik-metadata-explorer.local', kind: 'demo' },
      kind: 'full',
    });
    const spaces = model.spaces.map((s) => s.record);
    const dataConnections = model.dataConnections.map((c) => c.record);
    const automations = model.automations.map((a) => a.record);
    writer.putSpaces(spaces);
    writer.putCollections(model.collections.map((c) => c.record));
    writer.putDataConnections(dataConnections);
    writer.putAutomations(automations);
    const contents = model.apps.map((demoApp) => ({ app: demoApp.record, content: appContent(model, demoApp).truth }));
    for (const { app, content } of contents) writer.putApp(app, content);
    writer.putLineage(buildLineageGraph({ apps: contents, dataConnections, automations, spaces }));
    return writer.commit().id;
  };
  const firstSnapshotId = writeSnapshot();
  return { catalog, file, recrawl: writeSnapshot, firstSnapshotId };
}
