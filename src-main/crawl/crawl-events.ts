/**
 * What a running crawl tells its host (CLI, serve, Electron utility process) and what it returns.
 * Plain, structured-clone-safe data: the same values cross a worker boundary unchanged.
 */
import type { ErrorShape } from '../api/errors';
import type { ClientManagedOptions } from '../qlik/client-managed-options';
import type { ConnectionKind } from './records';
import type { CrawlMode, CrawlScope } from './delta-plan';

export type CrawlPhase = 'connecting' | 'listing' | 'apps' | 'tenant-objects' | 'lineage' | 'committing' | 'done';

export interface CrawlProgress {
  readonly type: 'progress';
  readonly phase: CrawlPhase;
  readonly appsDone: number;
  readonly appsTotal: number;
  readonly currentApp: { readonly id: string; readonly name: string } | null;
  readonly errors: number;
}

export type CrawlEvent =
  | CrawlProgress
  | { readonly type: 'app-failed'; readonly appId: string; readonly appName: string; readonly error: ErrorShape }
  | { readonly type: 'notice'; readonly message: string };

export type CrawlStatus = 'complete' | 'cancelled' | 'failed';

export interface CrawlCounts {
  readonly appsListed: number;
  readonly appsCrawled: number;
  readonly appsCarriedOver: number;
  readonly appsFailed: number;
  readonly appsDeleted: number;
  readonly spaces: number;
  readonly collections: number;
  readonly dataConnections: number;
  readonly automations: number;
  readonly sheets: number;
  readonly objects: number;
  /** Records written (apps, sheets, objects, master items, variables, bookmarks, tables, fields, …). */
  readonly rowsWritten: number;
}

export interface CrawlSummary {
  readonly status: CrawlStatus;
  readonly mode: CrawlMode;
  /** The snapshot this crawl wrote (complete only when status is 'complete'). */
  readonly snapshotId: number | null;
  readonly counts: CrawlCounts;
  readonly failures: ReadonlyArray<{ readonly appId: string; readonly appName: string; readonly error: ErrorShape }>;
  readonly deletedAppIds: readonly string[];
  readonly durationMs: number;
  readonly engineCalls: number;
  readonly restCalls: number;
  readonly rateLimitWaits: number;
  /** Why the crawl as a whole failed or was cancelled. */
  readonly error: ErrorShape | null;
}

/** Everything a crawl needs, serialisable (the API key is passed in memory only, never persisted). */
export interface CrawlRunOptions {
  readonly url: string;
  readonly apiKey: string;
  readonly proxy?: string;
  readonly caFile?: string;
  readonly caPem?: string;
  /** Stable id of the connection profile (never a secret); default: the tenant URL. */
  readonly connectionId?: string;
  readonly connectionName?: string;
  readonly kind?: ConnectionKind;
  readonly mode: CrawlMode;
  readonly scope?: CrawlScope;
  /** Crawl spaces, collections, data connections and automations (default true). */
  readonly crawlSpacesAndCollections?: boolean;
  /** Apps crawled at once (default 8). */
  readonly concurrency?: number;
  readonly requestTimeoutMs?: number;
  /** Open apps without data (qNoData, default true). */
  readonly withoutData?: boolean;
  /** Fetch REST data/metadata per crawled app for table sizes and field counts (default true). */
  readonly fetchDataMetadata?: boolean;
  /** A client-managed site (QRS + engine by certificate or proxy session); `url` is then its proxy URL and `apiKey` unused. */
  readonly clientManaged?: ClientManagedOptions;
}
