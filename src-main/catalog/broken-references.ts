/**
 * References inside an app that point at nothing: a chart or master visualization linking a
 * master item that is gone, a dimension or bookmark naming a field the load no longer makes, and
 * a chart linking a master dimension that is itself broken. Qlik keeps such objects and shows
 * "Invalid dimension" or an empty chart; nothing warns before the reload that causes it.
 *
 * Pure: it reads what the catalog holds for one app version. Field checks only run when the data
 * model was read (an app crawled without one would make every field look missing), and only on
 * plain field names: expressions (`=…`), dollar expansions and derived calendar fields
 * (`OrderDate.autoCalendar.Year`) are not judged.
 */
import type {
  AppContent,
  BookmarkRecord,
  MasterDimensionRecord,
  MasterMeasureRecord,
  MasterVisualizationRecord,
  ObjectDimension,
  ObjectMeasure,
  VisualObjectRecord,
} from '../crawl/records';
import type { WhereUsedUser } from './catalog-types';

export type BrokenReferenceProblem = 'missing-master-item' | 'missing-field' | 'broken-master-item';

export interface BrokenReference {
  readonly user: Exclude<WhereUsedUser, 'variable' | 'master-measure'>;
  readonly id: string;
  readonly title: string;
  readonly sheetId: string | null;
  readonly sheetTitle: string | null;
  readonly problem: BrokenReferenceProblem;
  /** The field name or master item id that cannot be found (for `broken-master-item`, the item's id). */
  readonly reference: string;
  /** One sentence saying what is wrong, for the app page and exports. */
  readonly message: string;
}

/** One app's broken references, for the tenant overview and `qme check`. */
export interface AppBrokenReferences {
  readonly appId: string;
  readonly appName: string;
  readonly references: readonly BrokenReference[];
}

export interface ReferenceSources {
  readonly objects: ReadonlyArray<
    Pick<VisualObjectRecord, 'id' | 'title' | 'type' | 'sheetId' | 'dimensions' | 'measures' | 'masterVisualizationId'>
  >;
  readonly masterDimensions: ReadonlyArray<Pick<MasterDimensionRecord, 'id' | 'title' | 'fieldDefs'>>;
  readonly masterMeasures: ReadonlyArray<Pick<MasterMeasureRecord, 'id' | 'title'>>;
  readonly masterVisualizations: ReadonlyArray<Pick<MasterVisualizationRecord, 'id' | 'title' | 'dimensions' | 'measures'>>;
  readonly bookmarks: ReadonlyArray<Pick<BookmarkRecord, 'id' | 'title' | 'sheetId' | 'selectionFields'>>;
  /** Field names of the data model; empty when it was not read. */
  readonly fields: readonly string[];
  readonly sheetTitles: ReadonlyMap<string, string>;
}

/** `Region`, `[Order Date]`, `"Order Date"`: a bare field name, unquoted; null for anything else. */
export function plainFieldName(fieldDef: string): string | null {
  const def = fieldDef.trim();
  if (def === '' || def.startsWith('=') || def.includes('$(')) return null;
  const quoted = /^\[([^\]]+)\]$|^"([^"]+)"$|^`([^`]+)`$/.exec(def);
  if (quoted) return quoted[1] ?? quoted[2] ?? quoted[3] ?? null;
  // Unquoted names hold no operators, parentheses, quotes or separators.
  return /^[^()[\]'"`=+\-*/&<>,;|]+$/.test(def) ? def : null;
}

export function findBrokenReferences(sources: ReferenceSources): BrokenReference[] {
  const fields = new Set(sources.fields);
  const checkFields = fields.size > 0;
  /** Loaded, or derived from a loaded field by a calendar (`<field>.<calendar>.<part>`). */
  const isLoaded = (name: string): boolean =>
    fields.has(name) || [...fields].some((f) => name.startsWith(`${f}.`) && name.length > f.length + 1);
  const missingFieldsOf = (fieldDefs: readonly string[]): string[] =>
    checkFields ? fieldDefs.map(plainFieldName).filter((n): n is string => n !== null && !isLoaded(n)) : [];

  const dimensionsById = new Map(sources.masterDimensions.map((d) => [d.id, d]));
  const measureIds = new Set(sources.masterMeasures.map((m) => m.id));
  const visualizationIds = new Set(sources.masterVisualizations.map((v) => v.id));
  const brokenDimensions = new Map(
    sources.masterDimensions.flatMap((d) => {
      const missing = missingFieldsOf(d.fieldDefs);
      return missing.length > 0 ? [[d.id, missing] as const] : [];
    }),
  );

  const found: BrokenReference[] = [];
  const seen = new Set<string>();
  const add = (ref: Omit<BrokenReference, 'sheetTitle'>): void => {
    const key = `${ref.user}|${ref.id}|${ref.problem}|${ref.reference}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ ...ref, sheetTitle: ref.sheetId ? (sources.sheetTitles.get(ref.sheetId) ?? null) : null });
  };

  const checkChart = (
    user: 'object' | 'master-visualization',
    owner: { id: string; title: string; sheetId: string | null },
    dimensions: readonly ObjectDimension[],
    measures: readonly ObjectMeasure[],
  ): void => {
    const base = { user, id: owner.id, title: owner.title, sheetId: owner.sheetId };
    for (const d of dimensions) {
      if (d.libraryId !== null) {
        const master = dimensionsById.get(d.libraryId);
        if (!master) {
          add({
            ...base,
            problem: 'missing-master-item',
            reference: d.libraryId,
            message: `links master dimension ${d.libraryId}, which is no longer in the app`,
          });
        } else {
          const missing = brokenDimensions.get(master.id);
          if (missing) {
            add({
              ...base,
              problem: 'broken-master-item',
              reference: master.id,
              message: `links master dimension "${master.title}", whose field ${missing.join(', ')} is no longer loaded`,
            });
          }
        }
        continue;
      }
      for (const name of missingFieldsOf(d.fieldDefs)) {
        add({
          ...base,
          problem: 'missing-field',
          reference: name,
          message: `has dimension ${name}, a field the load script no longer makes`,
        });
      }
    }
    for (const m of measures) {
      if (m.libraryId !== null && !measureIds.has(m.libraryId)) {
        add({
          ...base,
          problem: 'missing-master-item',
          reference: m.libraryId,
          message: `links master measure ${m.libraryId}, which is no longer in the app`,
        });
      }
    }
  };

  for (const o of sources.objects) {
    checkChart('object', o, o.dimensions, o.measures);
    if (o.masterVisualizationId !== null && !visualizationIds.has(o.masterVisualizationId)) {
      add({
        user: 'object',
        id: o.id,
        title: o.title,
        sheetId: o.sheetId,
        problem: 'missing-master-item',
        reference: o.masterVisualizationId,
        message: `is linked to master visualization ${o.masterVisualizationId}, which is no longer in the app`,
      });
    }
  }
  for (const v of sources.masterVisualizations) checkChart('master-visualization', { ...v, sheetId: null }, v.dimensions, v.measures);
  for (const [id, missing] of brokenDimensions) {
    const d = dimensionsById.get(id);
    if (!d) continue;
    for (const name of missing) {
      add({
        user: 'master-dimension',
        id,
        title: d.title,
        sheetId: null,
        problem: 'missing-field',
        reference: name,
        message: `names field ${name}, which the load script no longer makes`,
      });
    }
  }
  for (const b of sources.bookmarks) {
    if (!checkFields) break;
    for (const name of b.selectionFields.filter((f) => !isLoaded(f))) {
      add({
        user: 'bookmark',
        id: b.id,
        title: b.title,
        sheetId: b.sheetId,
        problem: 'missing-field',
        reference: name,
        message: `selects values in ${name}, a field the load script no longer makes`,
      });
    }
  }
  return found;
}

/** The check over one app's crawled content (a snapshot app, or a crawl's result). */
export function brokenReferencesOfContent(content: AppContent): BrokenReference[] {
  return findBrokenReferences({
    objects: content.objects,
    masterDimensions: content.masterDimensions,
    masterMeasures: content.masterMeasures,
    masterVisualizations: content.masterVisualizations,
    bookmarks: content.bookmarks,
    fields: content.fields.map((f) => f.name),
    sheetTitles: new Map(content.sheets.map((s) => [s.id, s.title])),
  });
}

/** Broken in `after` and not in `before`: what a change broke. */
export function newlyBroken(before: readonly BrokenReference[], after: readonly BrokenReference[]): BrokenReference[] {
  const key = (r: BrokenReference): string => `${r.user}|${r.id}|${r.problem}|${r.reference}`;
  const old = new Set(before.map(key));
  return after.filter((r) => !old.has(key(r)));
}

const userNouns: Record<BrokenReference['user'], string> = {
  object: 'chart',
  'master-dimension': 'master dimension',
  'master-visualization': 'master visualization',
  bookmark: 'bookmark',
};

/** `chart "Sales by Owner" on "Trends" has dimension Owner, …`: one line of text output. */
export function describeBrokenReference(r: BrokenReference): string {
  return `${userNouns[r.user]} "${r.title}"${r.sheetTitle ? ` on "${r.sheetTitle}"` : ''} ${r.message}`;
}
