/**
 * The part of src-main/catalog a crawl writes through, as the crawler sees it. Keeps the runner
 * testable and lets the catalog evolve behind it; src-main/catalog's SnapshotWriter fits it.
 */
import type { ErrorShape } from '../api/errors';
import type {
  AppContent,
  AppFailure,
  AppRecord,
  AutomationRecord,
  CollectionRecord,
  DataConnectionRecord,
  SpaceRecord,
  TenantRecord,
} from './records';
import type { PreviousAppState } from './delta-plan';
import type { AppLineageFragment, LineageGraph, TenantLineage } from '../lineage';

export interface SnapshotWriterPort {
  readonly snapshotId: number;
  putSpaces(spaces: readonly SpaceRecord[]): void;
  putCollections(collections: readonly CollectionRecord[]): void;
  putDataConnections(connections: readonly DataConnectionRecord[]): void;
  putAutomations(automations: readonly AutomationRecord[]): void;
  putApp(app: AppRecord, content: AppContent): unknown;
  carryOverApp(appId: string): unknown;
  recordFailure(failure: AppFailure): unknown;
  /** Replaces the snapshot's lineage graph (built by src-main/lineage after the apps are in). */
  putLineage?(graph: LineageGraph): void;
  /**
   * Incremental lineage (with lineageMembers and putTenantLineage): the fragment of the version
   * staged for the app, computed only when that version has none of this layout yet.
   */
  putAppLineage?(appId: string, layout: number, fragment: () => AppLineageFragment): unknown;
  lineageMembers?(layout: number): ReadonlyArray<{ readonly appId: string; readonly versionId: number; readonly hasFragment: boolean }>;
  putTenantLineage?(layout: number, tenant: TenantLineage): void;
  /** Runs several writes (of apps crawled at the same time) in one transaction; all or none. */
  batch?<T>(work: () => T): T;
  commit(): { readonly id: number };
  abort(reason: string, status?: 'failed' | 'cancelled'): unknown;
}

export interface CatalogPort {
  beginSnapshot(options: {
    readonly connectionId: string;
    readonly connectionName: string;
    readonly tenant: TenantRecord;
    readonly kind: 'full' | 'delta';
  }): SnapshotWriterPort;
  /** What the last complete snapshot of the connection knew about each app. */
  previousAppStates(connectionId: string): ReadonlyMap<string, PreviousAppState>;
  /** Apps whose read failed in the last complete snapshot (they are retried by a delta crawl). */
  previouslyFailedAppIds?(connectionId: string): ReadonlySet<string>;
  /** One stored app version (a carried-over version stored before lineage fragments existed). */
  appVersionContent?(versionId: number): { app: AppRecord; content: AppContent } | null;
  /** Content of apps as the last complete snapshot holds them (carried-over apps feed lineage). */
  previousAppContents?(connectionId: string, appIds: ReadonlySet<string>): Array<{ app: AppRecord; content: AppContent }>;
}

export type { ErrorShape };
