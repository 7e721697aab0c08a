/**
 * Lazily generated content of one app (script, data model, sheets, charts, master items…).
 * Seeded by the app's generation index, so it never depends on which apps were opened first,
 * and cached per model so a 1,000-app tenant only pays for the apps a client opens.
 */
import type { AppContent } from '../crawl/records';
import { buildAppObjects } from './app-objects';
import { buildAppScript } from './app-script';
import { fieldRecords, tableRecords } from './data-model';
import { domainSpec } from './domains';
import { createRandom, deriveSeed } from './prng';
import { revisedAppContent } from './revision';
import type { DemoApp, DemoAppContent, TenantModel } from './tenant-model';

const cache = new WeakMap<TenantModel, Map<string, DemoAppContent>>();

export function appContent(model: TenantModel, app: DemoApp): DemoAppContent {
  let perModel = cache.get(model);
  if (!perModel) {
    perModel = new Map();
    cache.set(model, perModel);
  }
  const key = `${app.record.id}#${app.revision}#${app.record.modifiedDate ?? ''}`;
  const cached = perModel.get(key);
  if (cached) return cached;
  // Revision 2 (revision.ts) edits a few apps' content; every other app is generated as is.
  const content = revisedAppContent(model, app, generateAppContent);
  perModel.set(key, content);
  return content;
}

export function generateAppContent(model: TenantModel, app: DemoApp): DemoAppContent {
  const domain = domainSpec(app.domainIndex);
  const scriptRnd = createRandom(deriveSeed(model.seed, 'script', app.index));
  const objectRnd = createRandom(deriveSeed(model.seed, 'objects', app.index));
  const built = buildAppScript(app.role, domain, scriptRnd, app.record.lastReloadTime ?? app.record.modifiedDate ?? '');
  const isDashboard = app.role === 'dashboard';
  const owner = model.users.find((u) => u.id === app.record.ownerId);
  const objects = buildAppObjects(
    {
      role: app.role,
      domain,
      variant: app.variant,
      revision: app.revision,
      sheetCount: model.options.sheetsPerApp ?? (isDashboard ? 3 : 1),
      chartsPerSheet: model.options.chartsPerSheet ?? (isDashboard ? 6 : 2),
      ownerId: app.record.ownerId ?? '',
      ownerSubject: owner?.subject ?? '',
      published: app.record.published,
      approved: app.record.published,
      publishTime: app.record.publishTime,
      createdDate: app.record.createdDate ?? '',
      modifiedDate: app.record.modifiedDate ?? '',
      scriptVariables: built.variables,
    },
    objectRnd,
  );
  const truth: AppContent = {
    script: built.script,
    scriptError: null,
    sheets: objects.sheets,
    objects: objects.visualObjects,
    masterMeasures: objects.masterMeasures,
    masterDimensions: objects.masterDimensions,
    masterVisualizations: objects.masterVisualizations,
    variables: objects.variables,
    bookmarks: objects.bookmarks,
    tables: tableRecords(built.dataModel),
    fields: fieldRecords(built.dataModel),
    engineLineage: built.lineage,
  };
  return { truth, objects: objects.objects, dataModel: built.dataModel };
}
