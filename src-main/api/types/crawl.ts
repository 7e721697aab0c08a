/** Result and event types of the crawl/* calls. */
import type { CrawlPhase, CrawlSummary } from '../../crawl/crawl-events';
import type { ErrorShape } from '../errors';

export type CrawlJobStatus = 'running' | 'complete' | 'cancelled' | 'failed';

export interface CrawlJobView {
  readonly jobId: string;
  readonly connectionId: string;
  readonly connectionName: string;
  readonly mode: 'full' | 'delta';
  readonly scope: { readonly spaceIds: readonly string[]; readonly appIds: readonly string[] };
  readonly status: CrawlJobStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly phase: CrawlPhase;
  readonly appsDone: number;
  readonly appsTotal: number;
  readonly currentApp: { readonly id: string; readonly name: string } | null;
  readonly failures: ReadonlyArray<{ readonly appId: string; readonly appName: string; readonly error: ErrorShape }>;
  readonly notices: readonly string[];
  /** Set when the crawl ends. */
  readonly summary: CrawlSummary | null;
  /** Why the crawl as a whole failed or was cancelled. */
  readonly error: ErrorShape | null;
}
