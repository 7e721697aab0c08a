/**
 * The rows the catalog's queries return: plain, readonly, camelCase, JSON already parsed.
 * Record shapes reused from src-main/crawl/records.ts where the catalog gives back what it got.
 */
import type { ErrorShape } from '../api/errors';
import type {
  AppContent,
  AppRecord,
  AutomationRecord,
  BookmarkRecord,
  CellPosition,
  ConnectionKind,
  DataConnectionRecord,
  DataTableRecord,
  FieldRecord,
  MasterDimensionRecord,
  MasterMeasureRecord,
  MasterVisualizationRecord,
  ObjectDimension,
  ObjectMeasure,
  SheetRecord,
  SpaceRecord,
  CollectionRecord,
  VariableRecord,
} from '../crawl/records';
import type { LineageEdge, LineageNode } from './lineage-graph';

export type SnapshotKind = 'full' | 'delta';
export type SnapshotStatus = 'running' | 'complete' | 'failed' | 'cancelled' | 'interrupted';
/** Where a snapshot's copy of an app came from. */
export type AppSource = 'crawled' | 'carried-over' | 'kept-after-failure';

/**
 * Which snapshot a query reads: an explicit id, else the latest complete snapshot of the
 * connection, else (a single-connection file such as a shared snapshot) the latest complete one.
 */
export interface SnapshotRef {
  readonly snapshotId?: number;
  readonly connectionId?: string;
}

export interface ConnectionRow {
  readonly id: string;
  readonly name: string;
  readonly kind: ConnectionKind;
  readonly url: string;
  readonly tenantId: string | null;
  readonly latestCompleteSnapshotId: number | null;
}

export interface SnapshotCounts {
  readonly apps: number;
  readonly crawledApps: number;
  readonly carriedOverApps: number;
  readonly failedApps: number;
  readonly spaces: number;
  readonly collections: number;
  readonly dataConnections: number;
  readonly automations: number;
}

export interface SnapshotRow {
  readonly id: number;
  readonly connectionId: string;
  readonly kind: SnapshotKind;
  readonly status: SnapshotStatus;
  readonly baseSnapshotId: number | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly tenantUrl: string;
  readonly tenantId: string | null;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly counts: SnapshotCounts;
  readonly errorCount: number;
  /** Why the crawl did not complete (abort reason, crash), or null. */
  readonly error: string | null;
}

export interface CrawlErrorRow {
  readonly snapshotId: number;
  readonly appId: string;
  readonly appName: string;
  readonly error: ErrorShape;
  /** The earlier app version the snapshot kept showing instead, or null when none existed. */
  readonly keptAppVersionId: number | null;
  readonly recordedAt: string;
}

export interface CrawlHistoryEntry extends SnapshotRow {
  readonly errors: readonly CrawlErrorRow[];
}

export type SpaceRow = SpaceRecord & { readonly appCount: number };
export type CollectionRow = CollectionRecord;

export interface AppRow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly spaceId: string | null;
  readonly spaceName: string | null;
  readonly ownerId: string | null;
  readonly ownerName: string | null;
  readonly modifiedDate: string | null;
  readonly lastReloadTime: string | null;
  readonly published: boolean;
  readonly tags: readonly string[];
  readonly sheetCount: number;
  readonly objectCount: number;
  readonly source: AppSource;
  readonly appVersionId: number;
}

export interface AppCounts {
  readonly sheets: number;
  readonly objects: number;
  readonly masterItems: number;
  readonly variables: number;
  readonly bookmarks: number;
  readonly tables: number;
  readonly fields: number;
}

export interface AppDetail {
  readonly record: AppRecord;
  readonly spaceName: string | null;
  readonly appVersionId: number;
  readonly contentHash: string;
  readonly source: AppSource;
  /** The crawl that first stored this version (older than the snapshot for carried-over apps). */
  readonly versionCrawledBySnapshotId: number;
  readonly counts: AppCounts;
  readonly scriptError: ErrorShape | null;
  readonly errors: readonly CrawlErrorRow[];
}

export type SheetRow = SheetRecord & { readonly objectCount: number };

export interface ObjectRow {
  readonly id: string;
  readonly sheetId: string;
  readonly parentId: string | null;
  readonly type: string;
  readonly title: string;
  readonly subtitle: string;
  readonly masterVisualizationId: string | null;
  readonly position: CellPosition | null;
}

export interface LinkedMasterItem {
  readonly id: string;
  readonly title: string;
  /** The master measure's expression, or the master dimension's field definitions. */
  readonly expression: string | null;
  readonly fieldDefs: readonly string[] | null;
}

export type ObjectDimensionDetail = ObjectDimension & { readonly masterItem: LinkedMasterItem | null };
export type ObjectMeasureDetail = ObjectMeasure & { readonly masterItem: LinkedMasterItem | null };

export interface ObjectDetail extends ObjectRow {
  readonly dimensions: readonly ObjectDimensionDetail[];
  readonly measures: readonly ObjectMeasureDetail[];
  readonly masterVisualization: { readonly id: string; readonly title: string } | null;
  readonly children: readonly ObjectRow[];
}

export type MasterItemKind = 'measure' | 'dimension' | 'visualization';

export type MasterItemRow =
  | ({ readonly kind: 'measure' } & MasterMeasureRecord)
  | ({ readonly kind: 'dimension' } & MasterDimensionRecord)
  | ({ readonly kind: 'visualization' } & MasterVisualizationRecord);

export type VariableRow = VariableRecord;
export type BookmarkRow = BookmarkRecord;

export interface DataModelTable extends DataTableRecord {
  readonly fields: readonly DataModelField[];
}

export interface DataModelField {
  readonly name: string;
  readonly keyType: FieldRecord['keyType'];
  readonly isKey: boolean;
  readonly cardinal: number | null;
  readonly totalCount: number | null;
  readonly isNumeric: boolean;
  readonly isSystem: boolean;
  readonly isHidden: boolean;
  readonly tags: readonly string[];
  readonly comment: string;
  readonly tables: readonly string[];
}

export interface DataModel {
  readonly tables: readonly DataModelTable[];
  /** Fields that link tables (in two or more tables, or flagged as keys by the engine). */
  readonly keyFields: readonly DataModelField[];
  readonly fields: readonly DataModelField[];
}

export type DataConnectionRow = DataConnectionRecord;

export type AutomationRow = AutomationRecord;

export interface ScriptSection {
  readonly title: string;
  /** 1-based line where the section's first line is. */
  readonly lineStart: number;
  readonly lineEnd: number;
}

export interface AppScript {
  readonly appId: string;
  readonly text: string | null;
  readonly sections: readonly ScriptSection[];
  readonly error: ErrorShape | null;
}

export type WhereUsedTarget =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'master-item'; readonly id: string }
  | { readonly kind: 'variable'; readonly name: string };

export type WhereUsedUser = 'object' | 'master-measure' | 'master-dimension' | 'master-visualization' | 'variable' | 'bookmark';

export interface WhereUsedHit {
  readonly user: WhereUsedUser;
  readonly id: string;
  readonly title: string;
  readonly type: string | null;
  readonly sheetId: string | null;
  readonly sheetTitle: string | null;
  /**
   * The expression or field definition that references the target, the library id link
   * (`library:<id>`), or a bookmark's selection in the field (`selection:<field>`).
   */
  readonly via: string;
}

/** Every kind of catalog entity, in the order lists, facets and diffs show them. */
export const catalogEntityTypes = [
  'app',
  'sheet',
  'object',
  'master-measure',
  'master-dimension',
  'master-visualization',
  'variable',
  'bookmark',
  'table',
  'field',
  'script',
  'space',
  'collection',
  'data-connection',
  'automation',
] as const;

export type SearchEntityType = (typeof catalogEntityTypes)[number];

export interface SearchOptions {
  readonly types?: readonly SearchEntityType[];
  readonly spaceId?: string;
  readonly appId?: string;
  readonly ownerId?: string;
  /** Default 50, at most 500. */
  readonly limit?: number;
}

export interface SearchHit {
  readonly type: SearchEntityType;
  readonly id: string;
  readonly title: string;
  readonly appId: string | null;
  readonly appName: string | null;
  readonly sheetId: string | null;
  readonly spaceId: string | null;
  readonly spaceName: string | null;
  readonly ownerId: string | null;
  /** Matched text with [brackets] around the hits. */
  readonly snippet: string;
}

export interface FacetCount {
  readonly value: string;
  readonly label: string;
  readonly count: number;
}

export interface SearchResult {
  readonly snapshotId: number;
  readonly hits: readonly SearchHit[];
  /** Match counts for the query alone, before the type/space/app/owner filters are applied. */
  readonly total: number;
  readonly facets: {
    readonly type: readonly FacetCount[];
    readonly space: readonly FacetCount[];
    readonly app: readonly FacetCount[];
    readonly owner: readonly FacetCount[];
  };
}

export interface ManualEdgeRow extends LineageEdge {
  readonly id: number;
  readonly connectionId: string;
  readonly note: string;
  readonly createdAt: string;
}

export interface ExternalNodeRow extends LineageNode {
  readonly connectionId: string;
  readonly note: string;
  readonly createdAt: string;
}

export interface SnapshotLineage {
  readonly snapshotId: number;
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  readonly manualEdges: readonly ManualEdgeRow[];
  readonly externalNodes: readonly ExternalNodeRow[];
}

export interface AnnotationRow {
  readonly id: number;
  readonly connectionId: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly appId: string | null;
  readonly note: string;
  readonly tags: readonly string[];
  readonly createdAt: string;
}

export interface PreviousAppState {
  readonly modifiedDate: string | null;
  readonly lastReloadTime: string | null;
  readonly itemUpdatedAt: string | null;
  readonly versionId: number;
}

/** One app as a snapshot shows it: the record and everything the engine walk found (AppContent). */
export interface SnapshotApp extends AppContent {
  readonly record: AppRecord;
  readonly source: AppSource;
  readonly appVersionId: number;
  readonly contentHash: string;
}

/** Everything in one snapshot: the input of export and of snapshot diffs. */
export interface SnapshotContent {
  readonly snapshot: SnapshotRow;
  readonly connection: ConnectionRow;
  readonly spaces: readonly SpaceRecord[];
  readonly collections: readonly CollectionRecord[];
  readonly dataConnections: readonly DataConnectionRecord[];
  readonly automations: readonly AutomationRow[];
  readonly apps: readonly SnapshotApp[];
  readonly errors: readonly CrawlErrorRow[];
  readonly lineage: SnapshotLineage;
}
