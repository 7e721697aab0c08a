/**
 * The demo tenant's truth. Records use the crawl record types (src-main/crawl/records.ts) so a
 * crawler test can assert "crawl output equals the generator's truth"; the extras next to them
 * are what only Qlik's wire shapes need (item ids, user subjects, engine object properties).
 */
import type {
  AppContent,
  AppRecord,
  AutomationRecord,
  CollectionRecord,
  DataConnectionRecord,
  SpaceRecord,
  TenantRecord,
} from '../crawl/records';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface GenerateOptions {
  readonly seed: number;
  /** Number of apps; the extract → transform → 2 dashboards pattern repeats per domain. Default 12. */
  readonly apps?: number;
  /** Sheets per app. Default: 3 on dashboards, 1 on extract/transform apps. */
  readonly sheetsPerApp?: number;
  /** Charts (sheet cells) per sheet. Default: 6 on dashboards, 2 on extract/transform apps. */
  readonly chartsPerSheet?: number;
}

export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** The IdP subject (`auth0|…`); shown as `owner` in app attributes. */
  readonly subject: string;
}

export interface DemoSpace {
  readonly record: SpaceRecord;
  readonly createdBy: string;
}

export type AppRole = 'extract' | 'transform' | 'dashboard';

export interface DemoReload {
  readonly id: string;
  readonly appId: string;
  readonly userId: string;
  readonly type: string;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly partial: boolean;
  readonly creationTime: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

export interface DemoApp {
  /** Stable generation index: seeds the app's lazily generated content. */
  readonly index: number;
  readonly record: AppRecord;
  /** The item id (≠ app id) under /api/v1/items. */
  readonly itemId: string;
  readonly role: AppRole;
  readonly domainIndex: number;
  /** 0 or 1 for the two dashboards of a domain; 0 for extract/transform. */
  readonly variant: number;
  /** Bumped by modifyApp; part of the content seed so the content changes visibly. */
  readonly revision: number;
  readonly itemCreatedAt: string;
  readonly reloads: readonly DemoReload[];
  readonly collectionIds: readonly string[];
}

export interface DemoDataConnection {
  readonly record: DataConnectionRecord;
  readonly ownerId: string;
  /** Qlik's datasourceID (`snowflake`, `File_AmazonS3…`, `DataFiles`). */
  readonly datasourceId: string;
}

export interface DemoCollection {
  readonly record: CollectionRecord;
  readonly creatorId: string;
}

export interface DemoAutomation {
  /** The truth a crawler should produce: definition with secrets stripped (see docs/demo-tenant.md). */
  readonly record: AutomationRecord;
  /** The definition as the REST API serves it, secrets included. */
  readonly rawDefinition: JsonObject;
  readonly executionToken: string;
}

export interface TenantModel {
  readonly seed: number;
  readonly options: Required<Pick<GenerateOptions, 'apps'>> & GenerateOptions;
  /** `url` is filled in by the server; the generator leaves it empty. */
  readonly tenant: TenantRecord;
  readonly tenantName: string;
  readonly me: DemoUser;
  readonly users: readonly DemoUser[];
  readonly spaces: readonly DemoSpace[];
  readonly dataConnections: readonly DemoDataConnection[];
  apps: DemoApp[];
  collections: DemoCollection[];
  readonly automations: readonly DemoAutomation[];
}

// ---- engine-side content of one app (generated lazily) ----

export type EngineHandleType = 'GenericObject' | 'GenericMeasure' | 'GenericDimension' | 'GenericVariable' | 'GenericBookmark';

/** One persisted object of an app as the engine stores it: properties in Qlik's own shapes. */
export interface StoredObject {
  readonly id: string;
  readonly handleType: EngineHandleType;
  /** qInfo.qType: sheet, barchart, listbox, masterobject, measure, dimension, variable, bookmark… */
  readonly genericType: string;
  readonly properties: JsonObject;
  readonly parentId: string | null;
  readonly childIds: readonly string[];
  /** Extra qMeta keys (dates, owner, published…) merged into layouts and list items. */
  readonly meta: JsonObject;
  /** Internal objects (AppPropsList, LoadModel) show in GetAllInfos but carry no record. */
  readonly isInternal?: boolean;
  /** Variables only: the flags the engine reports beside the properties. */
  readonly variableFlags?: { readonly isScriptCreated: boolean; readonly isReserved: boolean; readonly isConfig: boolean };
}

export interface ModelField {
  readonly name: string;
  readonly distinct: number;
  readonly isNumeric: boolean;
  readonly tags: readonly string[];
  readonly hasNull?: boolean;
}

export interface ModelTable {
  readonly name: string;
  readonly rows: number;
  readonly comment: string;
  readonly fields: readonly ModelField[];
}

export interface DataModel {
  readonly tables: readonly ModelTable[];
}

export interface DemoAppContent {
  /** What a crawler should produce for this app (AppContent of src-main/crawl/records.ts). */
  readonly truth: AppContent;
  readonly objects: ReadonlyMap<string, StoredObject>;
  readonly dataModel: DataModel;
}
