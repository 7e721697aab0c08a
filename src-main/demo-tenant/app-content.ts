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

const viewsWithoutSheets = new WeakMap<DemoAppContent, Map<number, DemoAppContent>>();

/**
 * The app as an account sees it that may not read its last `hidden` sheets (another user's private
 * sheets): those sheets and everything on them are gone from the engine's objects and the truth.
 */
export function contentWithoutLastSheets(content: DemoAppContent, hidden: number): DemoAppContent {
  if (hidden <= 0) return content;
  let views = viewsWithoutSheets.get(content);
  if (!views) viewsWithoutSheets.set(content, (views = new Map()));
  const cached = views.get(hidden);
  if (cached) return cached;
  const hiddenSheetIds = new Set(content.truth.sheets.slice(-hidden).map((s) => s.id));
  const gone = new Set<string>();
  const drop = (id: string): void => {
    gone.add(id);
    for (const child of content.objects.get(id)?.childIds ?? []) drop(child);
  };
  for (const id of hiddenSheetIds) drop(id);
  const view: DemoAppContent = {
    ...content,
    objects: new Map([...content.objects].filter(([id]) => !gone.has(id))),
    truth: {
      ...content.truth,
      sheets: content.truth.sheets.filter((s) => !hiddenSheetIds.has(s.id)),
      objects: content.truth.objects.filter((o) => !gone.has(o.id)),
    },
  };
  views.set(hidden, view);
  return view;
}
