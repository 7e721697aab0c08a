/**
 * Contract entries for browsing the catalog (read-only). Split from contract.ts to keep each file
 * about one area; contract.ts spreads them into the one list.
 */
import { z } from 'zod';
import { catalogEntityTypes } from '../catalog/catalog-types';
import type {
  AppDetail,
  AppRow,
  AppScript,
  AutomationRow,
  BookmarkRow,
  CollectionRow,
  ConnectionRow,
  CrawlHistoryEntry,
  DataConnectionRow,
  DataModel,
  MasterItemRow,
  ObjectDetail,
  ObjectRow,
  SearchResult,
  SheetRow,
  SnapshotRow,
  SpaceRow,
  VariableRow,
  WhereUsedHit,
} from '../catalog/catalog-types';
import type { AppBrokenReferences, BrokenReference } from '../catalog/broken-references';
import type { AppDataConnections, UnusedFields } from '../catalog/explorer-queries';

/** An automation with what lineage knows about it. */
export interface AutomationDetail {
  readonly automation: AutomationRow;
  readonly apps: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly triggers: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly triggeredBy: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

function returns<T>(): T {
  return undefined as unknown as T;
}

const id = z.string().min(1).max(512);

/** Which snapshot to read: explicit id, else the latest complete one of the connection. */
export const snapshotRefShape = {
  connectionId: id.optional(),
  snapshotId: z.number().int().positive().optional(),
};

const ref = z.object(snapshotRefShape).strict();
const inApp = z.object({ ...snapshotRefShape, appId: id }).strict();

export const searchEntityTypeSchema = z.enum(catalogEntityTypes);

export const whereUsedTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), name: z.string().min(1).max(1024) }).strict(),
  z.object({ kind: z.literal('master-item'), id }).strict(),
  z.object({ kind: z.literal('variable'), name: z.string().min(1).max(1024) }).strict(),
]);

export const catalogContract = {
  'catalog/connections': {
    args: z.object({}).strict(),
    result: returns<ConnectionRow[]>(),
    doc: 'Connections that have crawls in the catalog.',
  },
  'catalog/snapshots': {
    args: z.object({ connectionId: id }).strict(),
    result: returns<SnapshotRow[]>(),
    doc: 'Every snapshot (crawl) of a connection, newest first.',
  },
  'catalog/crawl-history': {
    args: z.object({ connectionId: id }).strict(),
    result: returns<CrawlHistoryEntry[]>(),
    doc: 'Crawl runs of a connection with durations, counts and per-app errors.',
  },
  'catalog/spaces': {
    args: z.object({ ...snapshotRefShape, withPersonal: z.boolean().optional() }).strict(),
    result: returns<SpaceRow[]>(),
    doc: "Spaces of a snapshot with app counts; withPersonal adds the personal space (id 'personal', type 'personal') when it holds apps.",
  },
  'catalog/collections': { args: ref, result: returns<CollectionRow[]>(), doc: 'Collections of a snapshot with their apps.' },
  'catalog/apps': {
    args: z.object({ ...snapshotRefShape, spaceId: id.nullable().optional() }).strict(),
    result: returns<AppRow[]>(),
    doc: 'Apps of a snapshot, all or those of one space (null = personal).',
  },
  'catalog/app': { args: inApp, result: returns<AppDetail>(), doc: 'One app: attributes, counts and crawl errors.' },
  'catalog/sheets': { args: inApp, result: returns<SheetRow[]>(), doc: 'Sheets of an app with object counts.' },
  'catalog/sheet-objects': {
    args: z.object({ ...snapshotRefShape, appId: id, sheetId: id }).strict(),
    result: returns<ObjectRow[]>(),
    doc: 'Visual objects of a sheet with their grid positions.',
  },
  'catalog/object': {
    args: z.object({ ...snapshotRefShape, appId: id, objectId: id }).strict(),
    result: returns<ObjectDetail | null>(),
    doc: 'One visual object with its dimensions, measures and linked master items.',
  },
  'catalog/master-items': {
    args: z.object({ ...snapshotRefShape, appId: id, kind: z.enum(['measure', 'dimension', 'visualization']).optional() }).strict(),
    result: returns<MasterItemRow[]>(),
    doc: 'Master measures, dimensions and visualizations of an app.',
  },
  'catalog/variables': { args: inApp, result: returns<VariableRow[]>(), doc: 'Variables of an app.' },
  'catalog/bookmarks': { args: inApp, result: returns<BookmarkRow[]>(), doc: 'Bookmarks of an app.' },
  'catalog/data-model': { args: inApp, result: returns<DataModel>(), doc: 'Tables, fields and keys of an app.' },
  'catalog/script': { args: inApp, result: returns<AppScript>(), doc: 'The load script of an app, with its sections.' },
  'catalog/where-used': {
    args: z.object({ ...snapshotRefShape, appId: id, target: whereUsedTargetSchema }).strict(),
    result: returns<WhereUsedHit[]>(),
    doc: 'Expressions, charts and sheets that use a field, master item or variable.',
  },
  'catalog/unused-fields': {
    args: inApp,
    result: returns<UnusedFields>(),
    doc: 'Fields of an app that no chart, master item, variable or bookmark uses (keys and system fields are not checked).',
  },
  'catalog/broken-references': {
    args: inApp,
    result: returns<BrokenReference[]>(),
    doc: 'Charts, master items and bookmarks of an app that link a master item that is gone or name a field the load no longer makes.',
  },
  'catalog/broken-references-summary': {
    args: z.object({ ...snapshotRefShape }).strict(),
    result: returns<AppBrokenReferences[]>(),
    doc: 'The apps of a snapshot that have broken references, most first, each with its list.',
  },
  'catalog/app-data-connections': {
    args: inApp,
    result: returns<AppDataConnections>(),
    doc: 'Data connections an app reads or stores through, from lineage; hasLineage false when the snapshot holds none for it.',
  },
  'catalog/data-connections': {
    args: ref,
    result: returns<DataConnectionRow[]>(),
    doc: 'Data connections of a snapshot (secrets masked).',
  },
  'catalog/automations': { args: ref, result: returns<AutomationRow[]>(), doc: 'Automations of a snapshot with their recent runs.' },
  'catalog/automation': {
    args: z.object({ ...snapshotRefShape, automationId: id }).strict(),
    result: returns<AutomationDetail>(),
    doc: 'One automation with its runs, stripped definition, the apps it acts on and the automations it starts or is started by.',
  },
  'catalog/app-automations': {
    args: inApp,
    result: returns<AutomationRow[]>(),
    doc: 'Automations that reload or otherwise act on an app, with their recent runs.',
  },
  'catalog/search': {
    args: z
      .object({
        ...snapshotRefShape,
        text: z.string().max(500),
        types: z.array(searchEntityTypeSchema).max(20).optional(),
        spaceId: id.optional(),
        appId: id.optional(),
        ownerId: id.optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    result: returns<SearchResult>(),
    doc: 'Full-text search over names, titles, descriptions, expressions and scripts, with facets (owners by name where known).',
  },
} as const;
