/**
 * Crawl jobs: the crawls running now (one per connection at a time), their live progress pushed
 * as contract events, cancel, and a short history of this session's jobs. The crawl itself runs
 * through a CrawlStarter (a worker thread in the app); this class never touches SQL or Qlik.
 */
import { randomUUID } from 'node:crypto';
import { AppError, toErrorShape } from '../api/errors';
import type { EventBus } from '../api/event-bus';
import type { CrawlJobView } from '../api/types/crawl';
import type { ConnectionService } from '../connections/connection-service';
import type { ConnectionConfig } from '../api/types/connections';
import type { CrawlEvent, CrawlSummary } from '../crawl/crawl-events';
import { connectionOptionsOf } from '../qlik/connection-options';
import type { CrawlStarter } from './crawl-starters';

export interface StartCrawlRequest {
  readonly connectionId: string;
  readonly mode: 'full' | 'delta';
  readonly spaceIds?: readonly string[];
  readonly appIds?: readonly string[];
}

/** How often progress is pushed to windows at most: enough for a smooth bar, cheap on IPC. */
const PROGRESS_INTERVAL_MS = 100;
const KEPT_FINISHED_JOBS = 20;

interface Job {
  view: CrawlJobView;
  readonly controller: AbortController;
  lastPushed: number;
}

export class CrawlJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly startCrawl: CrawlStarter,
    private readonly catalogFile: string,
    private readonly connections: ConnectionService,
    private readonly events: EventBus,
    /** Called when a job ends (desktop notification in the app). */
    private readonly onFinished: (job: CrawlJobView) => void = () => undefined,
  ) {}

  list(): CrawlJobView[] {
    return [...this.jobs.values()].map((j) => j.view).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  running(connectionId: string): CrawlJobView | undefined {
    return this.list().find((j) => j.connectionId === connectionId && j.status === 'running');
  }

  /** Registers the job at once (so it shows and blocks a second start), then runs it. */
  start(request: StartCrawlRequest): CrawlJobView {
    const busy = this.running(request.connectionId);
    if (busy) {
      throw new AppError({
        code: 'invalid-arguments',
        message: `A crawl of ${busy.connectionName} is already running.`,
        remedy: 'Wait for it to finish or cancel it, then start again.',
      });
    }
    const connection = this.connections.get(request.connectionId);
    const jobId = randomUUID();
    const scope = { spaceIds: request.spaceIds ?? [], appIds: request.appIds ?? [] };
    const job: Job = {
      controller: new AbortController(),
      lastPushed: 0,
      view: {
        jobId,
        connectionId: connection.id,
        connectionName: connection.name,
        mode: request.mode,
        scope,
        status: 'running',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        phase: 'connecting',
        appsDone: 0,
        appsTotal: 0,
        currentApp: null,
        failures: [],
        notices: [],
        summary: null,
        error: null,
      },
    };
    this.jobs.set(jobId, job);
    this.prune();
    this.events.emit('crawl/progress', job.view);

    void this.run(job, connection, request.mode, scope).then(
      (summary) => this.finish(job, { status: summary.status, summary, error: summary.error }),
      (error: unknown) => this.finish(job, { status: 'failed', summary: null, error: toErrorShape(error) }),
    );
    return job.view;
  }

  private async run(job: Job, connection: ConnectionConfig, mode: 'full' | 'delta', scope: CrawlJobView['scope']): Promise<CrawlSummary> {
    // Resolving the key (keychain) or starting the demo tenant can fail: that fails the job, visibly.
    const endpoint = await this.connections.endpoint(connection.id);
    const options = {
      ...connectionOptionsOf(endpoint),
      ...(endpoint.clientManaged ? { clientManaged: endpoint.clientManaged } : {}),
      connectionId: connection.id,
      connectionName: connection.name,
      kind: connection.kind,
      mode,
      crawlSpacesAndCollections: connection.crawlSpacesAndCollections,
      ...(scope.spaceIds.length || scope.appIds.length
        ? {
            scope: {
              ...(scope.spaceIds.length ? { spaceIds: scope.spaceIds } : {}),
              ...(scope.appIds.length ? { appIds: scope.appIds } : {}),
            },
          }
        : {}),
    };
    return this.startCrawl(options, this.catalogFile, (event) => this.onEvent(job, event), job.controller.signal);
  }

  cancel(jobId: string): CrawlJobView {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError({ code: 'not-found', message: 'That crawl is not known.', remedy: 'Reload the Crawl page.' });
    job.controller.abort();
    return job.view;
  }

  /** Cancels every running crawl and waits briefly; used when the app quits. */
  cancelAll(): void {
    for (const job of this.jobs.values()) if (job.view.status === 'running') job.controller.abort();
  }

  private onEvent(job: Job, event: CrawlEvent): void {
    switch (event.type) {
      case 'progress':
        job.view = { ...job.view, phase: event.phase, appsDone: event.appsDone, appsTotal: event.appsTotal, currentApp: event.currentApp };
        break;
      case 'app-failed':
        job.view = { ...job.view, failures: [...job.view.failures, { appId: event.appId, appName: event.appName, error: event.error }] };
        break;
      case 'notice':
        job.view = { ...job.view, notices: [...job.view.notices.slice(-19), event.message] };
        break;
    }
    const now = Date.now();
    if (event.type !== 'progress' || now - job.lastPushed >= PROGRESS_INTERVAL_MS) {
      job.lastPushed = now;
      this.events.emit('crawl/progress', job.view);
    }
  }

  private finish(job: Job, end: Pick<CrawlJobView, 'status' | 'summary' | 'error'>): void {
    job.view = {
      ...job.view,
      ...end,
      phase: 'done',
      finishedAt: new Date().toISOString(),
      failures: end.summary?.failures ?? job.view.failures,
      appsDone: end.summary
        ? end.summary.counts.appsCrawled + end.summary.counts.appsCarriedOver + end.summary.counts.appsFailed
        : job.view.appsDone,
      currentApp: null,
    };
    this.events.emit('crawl/progress', job.view);
    this.events.emit('crawl/finished', job.view);
    this.onFinished(job.view);
  }

  private prune(): void {
    const finished = this.list().filter((j) => j.status !== 'running');
    for (const old of finished.slice(KEPT_FINISHED_JOBS)) this.jobs.delete(old.jobId);
  }
}
