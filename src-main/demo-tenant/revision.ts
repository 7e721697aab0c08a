/**
 * Demo tenant revision 2: a later state of the same tenant with a fixed, documented set of changes
 * (docs/demo-tenant.md, "Revision 2"), so snapshot diffs and change notifications can be tried by
 * anyone and asserted exactly by tests. Changed apps carry a later modifiedDate, so delta crawls
 * reopen them; everything not listed below is byte-for-byte what revision 1 serves.
 *
 * 1. "<domain 0> Transform" (app index 1): one script line edited (the closing TRACE).
 * 2. "<domain 0> dashboard 1" (index 2): the <Group>Owners INLINE table dropped (script + data model).
 * 3. "<domain 1> dashboard 1" (index 6): first sheet renamed, master measure "Average <rate>" changed.
 * 4. "<domain 1> dashboard 2" (index 7): deleted.
 * 5. A new app "<domain 0 label> Forecast" in the domain-0 space.
 */
import type { AppRecord } from '../crawl/records';
import { ownersTable } from './app-script';
import { fieldRecords, tableRecords } from './data-model';
import { domainSpec } from './domains';
import { createRandom, deriveSeed } from './prng';
import type { DemoApp, DemoAppContent, JsonObject, StoredObject, TenantModel } from './tenant-model';

export type DemoRevision = 1 | 2;
export const demoRevisions: readonly DemoRevision[] = [1, 2];

/** When revision 2's edits were "made": after every generated date (demoEpoch is 2025-06-01). */
export const revision2At = '2025-06-02T08:00:00.000Z';

/** Generation indexes of the apps revision 2 touches. */
export const revision2Apps = { editedScript: 1, droppedTable: 2, renamedSheetAndMeasure: 6, deleted: 7 } as const;

export const editedScriptLine = {
  before: 'TRACE Transform run $(vRunDate) done;',
  after: 'TRACE Transform run $(vRunDate) done, outputs stored;',
};
export const changedMeasure = { index: 2, expression: (before: string) => `Round(${before}, 0.01)` };
export const renamedSheetSuffix = ' (reviewed)';

interface RevisionState {
  revision: DemoRevision;
  /** Revision 1's apps and collections, restored by setDemoRevision(model, 1). */
  readonly original: { readonly apps: DemoApp[]; readonly collections: TenantModel['collections'] };
  /** Revision 1's version of each app revision 2 changed, by app id: the base of its revised content. */
  readonly baseOf: Map<string, DemoApp>;
}

const states = new WeakMap<TenantModel, RevisionState>();

export function demoRevisionOf(model: TenantModel): DemoRevision {
  return states.get(model)?.revision ?? 1;
}

/** Puts the model in the given revision, in place (the running server serves it at once). */
export function setDemoRevision(model: TenantModel, revision: DemoRevision): void {
  let state = states.get(model);
  if (!state) {
    state = { revision: 1, original: { apps: [...model.apps], collections: [...model.collections] }, baseOf: new Map() };
    states.set(model, state);
  }
  if (state.revision === revision) return;
  model.apps = [...state.original.apps];
  model.collections = [...state.original.collections];
  state.baseOf.clear();
  state.revision = revision;
  if (revision === 2) applyRevision2(model, state);
}

function applyRevision2(model: TenantModel, state: RevisionState): void {
  const byIndex = (index: number) => model.apps.find((a) => a.index === index);
  for (const index of [revision2Apps.editedScript, revision2Apps.droppedTable, revision2Apps.renamedSheetAndMeasure]) {
    const app = byIndex(index);
    if (!app) continue;
    state.baseOf.set(app.record.id, app);
    const record: AppRecord = { ...app.record, modifiedDate: revision2At, itemUpdatedAt: revision2At };
    model.apps[model.apps.indexOf(app)] = { ...app, record };
  }
  const deleted = byIndex(revision2Apps.deleted);
  if (deleted) {
    model.apps = model.apps.filter((a) => a !== deleted);
    model.collections = model.collections.map((c) => ({
      ...c,
      record: { ...c.record, appIds: c.record.appIds.filter((id) => id !== deleted.record.id) },
    }));
  }
  const template = byIndex(revision2Apps.droppedTable);
  if (template) model.apps.push(newForecastApp(model, state.original.apps, template));
}

function newForecastApp(model: TenantModel, originalApps: readonly DemoApp[], template: DemoApp): DemoApp {
  const rnd = createRandom(deriveSeed(model.seed, 'revision-2'));
  const index = originalApps.reduce((max, a) => Math.max(max, a.index), -1) + 1;
  const id = rnd.guid();
  const label = domainSpec(template.domainIndex).label;
  return {
    ...template,
    index,
    record: {
      ...template.record,
      id,
      name: `${label} Forecast`,
      description: `Rolling ${label.toLowerCase()} forecast against plan; added in revision 2.`,
      createdDate: revision2At,
      modifiedDate: revision2At,
      lastReloadTime: revision2At,
      itemUpdatedAt: revision2At,
      publishTime: null,
      published: false,
      tags: [domainSpec(template.domainIndex).key, 'forecast'],
      thumbnailUrl: `/api/v1/apps/${id}/media/thumbnail`,
    },
    itemId: rnd.hex(24),
    variant: 1,
    revision: 0,
    itemCreatedAt: revision2At,
    reloads: [],
    collectionIds: [],
  };
}

/**
 * The content the engine serves for `app`: generated as usual, except for apps revision 2 edits,
 * whose content is revision 1's (same dates, same ids) with exactly the documented edits.
 */
export function revisedAppContent(
  model: TenantModel,
  app: DemoApp,
  generate: (model: TenantModel, app: DemoApp) => DemoAppContent,
): DemoAppContent {
  const base = states.get(model)?.baseOf.get(app.record.id);
  if (!base) return generate(model, app);
  const content = generate(model, base);
  switch (base.index) {
    case revision2Apps.editedScript:
      return editScriptLine(content);
    case revision2Apps.droppedTable:
      return dropOwnersTable(content, ownersTable(domainSpec(base.domainIndex)));
    case revision2Apps.renamedSheetAndMeasure:
      return renameSheetAndChangeMeasure(content);
    default:
      return content;
  }
}

function editScriptLine(content: DemoAppContent): DemoAppContent {
  const script = (content.truth.script ?? '').replace(editedScriptLine.before, editedScriptLine.after);
  return { ...content, truth: { ...content.truth, script } };
}

function dropOwnersTable(content: DemoAppContent, table: string): DemoAppContent {
  const lines = (content.truth.script ?? '').split('\r\n');
  const start = lines.indexOf(`${table}:`);
  const end = lines.indexOf('];', start);
  // The table's label, LOAD * INLINE [ … ]; and the blank line after it.
  const script = start >= 0 && end > start ? [...lines.slice(0, start), ...lines.slice(end + 2)].join('\r\n') : content.truth.script;
  const dataModel = { tables: content.dataModel.tables.filter((t) => t.name !== table) };
  const inlineAt = content.truth.engineLineage.findIndex((l) => l.discriminator === 'INLINE');
  return {
    ...content,
    dataModel,
    truth: {
      ...content.truth,
      script,
      tables: tableRecords(dataModel),
      fields: fieldRecords(dataModel),
      engineLineage: content.truth.engineLineage.filter((_, i) => i !== inlineAt),
    },
  };
}

function renameSheetAndChangeMeasure(content: DemoAppContent): DemoAppContent {
  const objects = new Map(content.objects);
  const [sheet, ...otherSheets] = content.truth.sheets;
  const measure = content.truth.masterMeasures[changedMeasure.index];
  if (!sheet || !measure) return content;
  const title = `${sheet.title}${renamedSheetSuffix}`;
  const expression = changedMeasure.expression(measure.expression);
  const storedSheet = objects.get(sheet.id);
  if (storedSheet) {
    objects.set(sheet.id, {
      ...storedSheet,
      properties: { ...storedSheet.properties, qMetaDef: { ...asObject(storedSheet.properties.qMetaDef), title } },
      meta: { ...storedSheet.meta, title, modifiedDate: revision2At },
    });
  }
  const storedMeasure = objects.get(measure.id);
  if (storedMeasure) {
    const qMeasure = { ...asObject(storedMeasure.properties.qMeasure), qDef: expression };
    objects.set(measure.id, { ...storedMeasure, properties: { ...storedMeasure.properties, qMeasure } } satisfies StoredObject);
  }
  const masterMeasures = content.truth.masterMeasures.map((m) => (m.id === measure.id ? { ...m, expression } : m));
  return {
    ...content,
    objects,
    truth: { ...content.truth, sheets: [{ ...sheet, title, modifiedDate: revision2At }, ...otherSheets], masterMeasures },
  };
}

function asObject(value: unknown): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}
