/**
 * The documented export format (docs/export-format.md, docs/export-schema.json): a snapshot as
 * one self-contained JSON document. Built from snapshotContent(); never holds a secret (the
 * catalog stores none) and never a connection credential.
 */
import type {
  ConnectionKind,
  KeyType,
  ObjectDimension,
  ObjectMeasure,
  CellPosition,
  SpaceType,
  UnreadableSheet,
} from '../../crawl/records';
import type { AppSource, SnapshotContent, SnapshotKind, SnapshotStatus } from '../catalog-types';
import type { BrokenReference } from '../broken-references';
import type { LineageOrigin } from '../lineage-graph';

export const EXPORT_FORMAT = 'qlik-metadata-explorer/catalog';
/** 2 added the apps' `customProperties`, `repositorySheetCount`, `unreadableSheets` and `brokenReferences`. */
export const EXPORT_VERSION = 2;

export interface ExportDocument {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly exportedAt: string;
  readonly tenant: {
    readonly connectionId: string;
    readonly connectionName: string;
    readonly url: string;
    readonly kind: ConnectionKind;
    readonly tenantId: string | null;
    readonly userId: string | null;
    readonly userName: string | null;
  };
  readonly crawl: {
    readonly snapshotId: number;
    readonly kind: SnapshotKind;
    readonly status: SnapshotStatus;
    readonly startedAt: string;
    readonly finishedAt: string | null;
    readonly counts: {
      readonly apps: number;
      readonly crawledApps: number;
      readonly carriedOverApps: number;
      readonly failedApps: number;
      readonly spaces: number;
      readonly collections: number;
      readonly dataConnections: number;
      readonly automations: number;
    };
    readonly errors: readonly {
      readonly appId: string;
      readonly appName: string;
      readonly code: string;
      readonly message: string;
      readonly remedy: string;
      readonly detail: string | null;
      readonly keptPreviousVersion: boolean;
    }[];
  };
  readonly spaces: readonly {
    readonly id: string;
    readonly name: string;
    readonly type: SpaceType;
    readonly description: string;
    readonly ownerId: string | null;
    readonly createdAt: string | null;
    readonly updatedAt: string | null;
  }[];
  readonly collections: readonly {
    readonly id: string;
    readonly name: string;
    readonly description: string;
    readonly type: string;
    readonly appIds: readonly string[];
    readonly createdAt: string | null;
    readonly updatedAt: string | null;
  }[];
  readonly dataConnections: readonly ExportDataConnection[];
  readonly apps: readonly ExportApp[];
  readonly automations: readonly ExportAutomation[];
  readonly lineage: {
    readonly nodes: readonly {
      readonly id: string;
      readonly kind: string;
      readonly label: string;
      readonly appId: string | null;
      readonly external: boolean;
    }[];
    readonly edges: readonly {
      readonly from: string;
      readonly to: string;
      readonly kind: string;
      readonly origin: LineageOrigin;
      readonly evidence: {
        readonly appId: string;
        readonly lineStart: number;
        readonly lineEnd: number;
        readonly statement: string | null;
      } | null;
      readonly note: string | null;
    }[];
  };
}

export interface ExportDataConnection {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly spaceId: string | null;
  /** Connect statement, secrets masked. */
  readonly connectStatement: string;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
}

export interface ExportObject {
  readonly id: string;
  readonly parentId: string | null;
  readonly type: string;
  readonly title: string;
  readonly subtitle: string;
  readonly masterVisualizationId: string | null;
  readonly position: CellPosition | null;
  readonly dimensions: readonly ObjectDimension[];
  readonly measures: readonly ObjectMeasure[];
}

export interface ExportApp {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly spaceId: string | null;
  readonly ownerId: string | null;
  readonly ownerName: string | null;
  readonly createdDate: string | null;
  readonly modifiedDate: string | null;
  readonly lastReloadTime: string | null;
  readonly itemUpdatedAt: string | null;
  readonly publishTime: string | null;
  readonly published: boolean;
  readonly usage: string | null;
  readonly hasSectionAccess: boolean;
  readonly isDirectQueryMode: boolean;
  readonly tags: readonly string[];
  /** Client-managed: QRS custom properties; empty for Qlik Cloud. */
  readonly customProperties: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** Client-managed: sheets the repository lists (every owner's); null for Qlik Cloud. */
  readonly repositorySheetCount: number | null;
  /** Client-managed: the repository's sheets the crawl account could not read; empty otherwise. */
  readonly unreadableSheets: readonly UnreadableSheet[];
  /** Charts, master items and bookmarks pointing at a field or master item the app no longer has. */
  readonly brokenReferences: readonly BrokenReference[];
  readonly fileSizeBytes: number | null;
  readonly memoryBytes: number | null;
  readonly source: AppSource;
  readonly contentHash: string;
  readonly sheets: readonly {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly rank: number | null;
    readonly ownerId: string | null;
    readonly published: boolean;
    readonly approved: boolean;
    readonly objects: readonly ExportObject[];
  }[];
  readonly masterMeasures: readonly {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly expression: string;
    readonly label: string;
    readonly tags: readonly string[];
  }[];
  readonly masterDimensions: readonly {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly fieldDefs: readonly string[];
    readonly grouping: string;
    readonly tags: readonly string[];
  }[];
  readonly masterVisualizations: readonly {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly type: string;
    readonly dimensions: readonly ObjectDimension[];
    readonly measures: readonly ObjectMeasure[];
    readonly tags: readonly string[];
  }[];
  readonly variables: readonly {
    readonly id: string;
    readonly name: string;
    readonly definition: string;
    readonly comment: string;
    readonly isScriptCreated: boolean;
    readonly isReserved: boolean;
    readonly isConfig: boolean;
  }[];
  readonly bookmarks: readonly {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly sheetId: string | null;
    readonly selectionFields: readonly string[];
  }[];
  /** Full load script text; null when the crawl identity could not read it (see scriptError). */
  readonly script: string | null;
  readonly scriptError: { readonly code: string; readonly message: string } | null;
  readonly tables: readonly {
    readonly name: string;
    readonly rowCount: number;
    readonly fieldCount: number;
    readonly keyFieldCount: number;
    readonly comment: string;
    readonly isSynthetic: boolean;
    readonly isLoose: boolean;
    readonly fields: readonly {
      readonly name: string;
      readonly keyType: KeyType;
      readonly isKey: boolean;
      readonly cardinal: number | null;
      readonly totalCount: number | null;
      readonly isNumeric: boolean;
      readonly tags: readonly string[];
    }[];
  }[];
  /** Tenant data connections the app's script or engine lineage refers to (by name). */
  readonly dataConnections: readonly { readonly id: string; readonly name: string }[];
}

export interface ExportAutomation {
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
  /** Definition (blocks) with connector tokens and secrets stripped by the crawler. */
  readonly definition: unknown;
  readonly strippedSecrets: readonly string[];
  readonly runs: readonly {
    readonly id: string;
    readonly status: string;
    readonly startTime: string | null;
    readonly stopTime: string | null;
    readonly trigger: string | null;
    readonly error: string | null;
  }[];
}

export type { SnapshotContent };
