/**
 * Plain records a crawl produces and the catalog stores: the boundary between src-main/crawl
 * (and src-main/qlik) on one side and src-main/catalog on the other. Knows neither Qlik's wire
 * shapes nor SQL. Dates are ISO-8601 strings; a value Qlik did not give is null, never "".
 */
import type { ErrorShape } from '../api/errors';

export type ConnectionKind = 'cloud' | 'client-managed' | 'demo';

export interface TenantRecord {
  readonly url: string;
  readonly kind: ConnectionKind;
  readonly tenantId: string | null;
  /** The identity the crawl ran as. */
  readonly userId: string | null;
  readonly userName: string | null;
}

export type SpaceType = 'shared' | 'managed' | 'data' | 'personal' | 'stream';

export interface SpaceRecord {
  readonly id: string;
  readonly name: string;
  readonly type: SpaceType;
  readonly description: string;
  readonly ownerId: string | null;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
}

export interface CollectionRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly type: string;
  /** App ids (resourceId) in the collection. */
  readonly appIds: readonly string[];
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
}

export interface DataConnectionRecord {
  readonly id: string;
  readonly name: string;
  /** Connector type as Qlik names it (e.g. QvOdbcConnectorPackage.exe, folder). */
  readonly type: string;
  readonly spaceId: string | null;
  /** Connect statement with any password or secret masked. */
  readonly connectStatement: string;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
}

/** App attributes from REST (items + apps/{id}); cheap to fetch, used to plan delta crawls. */
export interface AppRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly spaceId: string | null;
  readonly ownerId: string | null;
  readonly ownerName: string | null;
  readonly createdDate: string | null;
  readonly modifiedDate: string | null;
  readonly lastReloadTime: string | null;
  /** The item's updatedAt: changes on metadata edits that do not touch modifiedDate. */
  readonly itemUpdatedAt: string | null;
  readonly publishTime: string | null;
  readonly published: boolean;
  readonly usage: string | null;
  readonly hasSectionAccess: boolean;
  readonly isDirectQueryMode: boolean;
  readonly tags: readonly string[];
  readonly fileSizeBytes: number | null;
  readonly memoryBytes: number | null;
  readonly thumbnailUrl: string | null;
  /** Client-managed only: QRS custom property values. */
  readonly customProperties?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /**
   * Client-managed only: the app's sheets as the repository lists them, every owner's. The engine
   * shows the crawl account only the sheets it may read, so fewer crawled sheets than this means
   * private sheets of other users (or security rules) kept some out of the catalog.
   */
  readonly repositorySheetCount?: number;
  /** Client-managed: the repository's sheets the crawl account could not read, named (set once the app is read). */
  readonly unreadableSheets?: readonly UnreadableSheet[];
}

/** A sheet the repository lists that the engine did not show the crawl account. */
export interface UnreadableSheet {
  readonly title: string;
  readonly ownerName: string | null;
}

export interface CellPosition {
  readonly col: number;
  readonly row: number;
  readonly colspan: number;
  readonly rowspan: number;
  /** Newer free-form placement, percent of the sheet; null on older sheets. */
  readonly bounds: { readonly x: number; readonly y: number; readonly width: number; readonly height: number } | null;
}

export interface SheetRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly rank: number | null;
  readonly columns: number;
  readonly rows: number;
  readonly ownerId: string | null;
  readonly published: boolean;
  readonly approved: boolean;
  readonly createdDate: string | null;
  readonly modifiedDate: string | null;
}

export interface ObjectDimension {
  /** Master dimension id when the chart uses one; then fieldDefs is usually empty. */
  readonly libraryId: string | null;
  /** Field names or expressions (an expression starts with "="). */
  readonly fieldDefs: readonly string[];
  readonly label: string;
}

export interface ObjectMeasure {
  /** Master measure id when the chart uses one; then expression is usually empty. */
  readonly libraryId: string | null;
  readonly expression: string;
  readonly label: string;
}

export interface VisualObjectRecord {
  readonly id: string;
  readonly sheetId: string;
  /** Containing object (container, filter pane) for nested objects; null for a sheet cell. */
  readonly parentId: string | null;
  /** Visualization type: barchart, kpi, table, filterpane, listbox, container… */
  readonly type: string;
  readonly title: string;
  readonly subtitle: string;
  /** Master visualization this object is linked to (qExtendsId), or null. */
  readonly masterVisualizationId: string | null;
  /** Cell position on the sheet; null for nested objects. */
  readonly position: CellPosition | null;
  readonly dimensions: readonly ObjectDimension[];
  readonly measures: readonly ObjectMeasure[];
}

export interface MasterMeasureRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly expression: string;
  readonly label: string;
  readonly tags: readonly string[];
}

export interface MasterDimensionRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly fieldDefs: readonly string[];
  /** N single, H drill-down, C cyclic. */
  readonly grouping: string;
  readonly tags: readonly string[];
}

export interface MasterVisualizationRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly type: string;
  readonly dimensions: readonly ObjectDimension[];
  readonly measures: readonly ObjectMeasure[];
  readonly tags: readonly string[];
}

export interface VariableRecord {
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  readonly comment: string;
  readonly isScriptCreated: boolean;
  readonly isReserved: boolean;
  readonly isConfig: boolean;
}

export interface BookmarkRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly sheetId: string | null;
  readonly selectionFields: readonly string[];
  readonly createdDate: string | null;
}

export interface DataTableRecord {
  readonly name: string;
  readonly rowCount: number;
  readonly fieldCount: number;
  readonly keyFieldCount: number;
  readonly comment: string;
  readonly isSynthetic: boolean;
  readonly isLoose: boolean;
  readonly byteSize: number | null;
}

export type KeyType = 'NOT_KEY' | 'ANY_KEY' | 'PRIMARY_KEY' | 'PERFECT_KEY';

export interface FieldRecord {
  readonly name: string;
  /** Tables the field appears in. */
  readonly tables: readonly string[];
  readonly cardinal: number | null;
  readonly totalCount: number | null;
  readonly keyType: KeyType;
  readonly isKey: boolean;
  readonly tags: readonly string[];
  readonly comment: string;
  readonly isNumeric: boolean;
  readonly isSystem: boolean;
  readonly isHidden: boolean;
}

/** One source line of Qlik's own lineage (GetLineage / data/lineage), statement already masked. */
export interface EngineLineageRecord {
  readonly discriminator: string;
  readonly statement: string;
}

/** Everything the engine walk of one app yields. */
export interface AppContent {
  /** Null when the crawl identity may not read it (engine error 5); see scriptError. */
  readonly script: string | null;
  readonly scriptError: ErrorShape | null;
  readonly sheets: readonly SheetRecord[];
  readonly objects: readonly VisualObjectRecord[];
  readonly masterMeasures: readonly MasterMeasureRecord[];
  readonly masterDimensions: readonly MasterDimensionRecord[];
  readonly masterVisualizations: readonly MasterVisualizationRecord[];
  readonly variables: readonly VariableRecord[];
  readonly bookmarks: readonly BookmarkRecord[];
  readonly tables: readonly DataTableRecord[];
  readonly fields: readonly FieldRecord[];
  readonly engineLineage: readonly EngineLineageRecord[];
}

export interface AutomationRunRecord {
  readonly id: string;
  readonly status: string;
  readonly startTime: string | null;
  readonly stopTime: string | null;
  /** manual, scheduled, webhook, triggered, api… */
  readonly trigger: string | null;
  readonly error: string | null;
}

export interface AutomationRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly state: string;
  readonly runMode: string;
  readonly schedule: string | null;
  readonly ownerId: string | null;
  readonly spaceId: string | null;
  readonly lastRunAt: string | null;
  readonly lastRunStatus: string | null;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly runs: readonly AutomationRunRecord[];
  /** Definition (blocks) with connector tokens and secrets stripped; null when not readable. */
  readonly definition: unknown;
  /** JSON paths of values stripped from the definition as secrets. */
  readonly strippedSecrets: readonly string[];
}

/** An app the crawl could not read, with the cause; the rest of the crawl goes on. */
export interface AppFailure {
  readonly appId: string;
  readonly appName: string;
  readonly error: ErrorShape;
}
