/**
 * Runs one crawl: REST listing (streamed page by page) → delta plan → engine walks with bounded
 * concurrency → one catalog snapshot. Transport-agnostic: options in, events out through a
 * callback, cancel through an AbortSignal. A cancelled or failed crawl aborts its snapshot, so
 * the previous complete snapshot stays the latest.
 */
import { setMaxListeners } from 'node:events';
import { AppError, toErrorShape, type ErrorShape } from '../api/errors';
import { connectionOptionsOf } from '../qlik/connection-options';
import { createRestClient, rateLimitMessage, type RestClient, type RestNotice } from '../qlik/rest-client';
import {
  defaultWalkerThreads,
  inThreadWalks,
  threadWalks,
  type AppWalks,
  type WalkerConnection,
  type WalkerWorkerFactory,
  type WalkResult,
} from './app-walks';
import type { CatalogPort, SnapshotWriterPort } from './catalog-port';
import type { CrawlCounts, CrawlEvent, CrawlPhase, CrawlRunOptions, CrawlSummary } from './crawl-events';
import { planCrawl, type PlannedApp } from './delta-plan';
import { mapAppItem } from './rest-mapping';
import type { AppContent, AppRecord, TenantRecord } from './records';
import {
  appItemPages,
  fetchAppDataMetadata,
  fetchAutomations,
  fetchCollections,
  fetchDataConnections,
  fetchSpaces,
  ownerNames as ownerNameResolver,
  type OwnerNames,
} from './tenant-inventory';
import { type RestItem, userSchema } from '../qlik/rest-schemas';
import { appLineageFragment, buildLineageGraph, LINEAGE_FRAGMENT_LAYOUT, tenantLineage } from '../lineage';
import { openClientManagedInventory, type ClientManagedInventory } from './client-managed-inventory';

export const DEFAULT_CONCURRENCY = 8;

function rowsOf(content: AppContent): number {
  return (
    1 +
    content.sheets.length +
    content.objects.length +
    content.masterMeasures.length +
    content.masterDimensions.length +
    content.masterVisualizations.length +
    content.variables.length +
    content.bookmarks.length +
    content.tables.length +
    content.fields.length +
    content.engineLineage.length
  );
}

function cancelled(): ErrorShape {
  return {
    code: 'cancelled',
    message: 'The crawl was cancelled.',
    remedy: 'The previous snapshot is unchanged; start the crawl again when ready.',
  };
}

/** What the host can lend a crawl: a way to start walker threads (electron-vite's factory in the app). */
export interface CrawlRunDeps {
  readonly createWalkerWorker?: WalkerWorkerFactory;
  /** Walker threads to start when `createWalkerWorker` is given; default one per spare core. */
  readonly walkerThreads?: number;
}

export async function runCrawl(
  options: CrawlRunOptions,
  catalog: CatalogPort,
  onEvent: (event: CrawlEvent) => void,
  signal: AbortSignal = new AbortController().signal,
  deps: CrawlRunDeps = {},
): Promise<CrawlSummary> {
  const started = Date.now();
  // Every in-flight engine call listens for cancel: more than Node's default 10.
  setMaxListeners(0, signal);
  const concurrency = Math.max(1, Math.min(64, options.concurrency ?? DEFAULT_CONCURRENCY));
  const crawlTenantObjects = options.crawlSpacesAndCollections ?? true;
  const reportRateLimit = (notice: RestNotice): void => {
    const message = rateLimitMessage(notice);
    if (message) onEvent({ type: 'notice', message });
  };
  const rest: RestClient = createRestClient({ ...connectionOptionsOf(options), onNotice: reportRateLimit });
  const connectionId = options.connectionId ?? rest.transport.baseUrl.href.replace(/\/$/, '');

  const counts = {
    appsListed: 0,
    appsCrawled: 0,
    appsCarriedOver: 0,
    appsFailed: 0,
    appsDeleted: 0,
    spaces: 0,
    collections: 0,
    dataConnections: 0,
    automations: 0,
    sheets: 0,
    objects: 0,
    rowsWritten: 0,
  };
  const failures: Array<{ appId: string; appName: string; error: ErrorShape }> = [];
  let engineCalls = 0;
  let appsDone = 0;
  let appsTotal = 0;
  let phase: CrawlPhase = 'connecting';
  let writer: SnapshotWriterPort | null = null;
  // Client-managed sites are listed through QRS instead of the Cloud REST API (client-managed-inventory.ts).
  let clientManaged: ClientManagedInventory | null = null;
  let deletedAppIds: string[] = [];
  let walks: AppWalks | null = null;
  // App workers: they sleep on `waiters` while the listing is still producing work.
  let workers: Array<Promise<void>> = [];
  // Catalog writes of walked apps still in the write queue (see writeApp).
  const pendingWrites = new Set<Promise<void>>();
  let halt = false;
  const waiters: Array<() => void> = [];
  const wakeAll = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  signal.addEventListener('abort', wakeAll, { once: true });

  const progress = (currentApp: { id: string; name: string } | null = null): void =>
    onEvent({ type: 'progress', phase, appsDone, appsTotal, currentApp, errors: failures.length });
  const summary = (status: CrawlSummary['status'], snapshotId: number | null, error: ErrorShape | null): CrawlSummary => ({
    status,
    mode: options.mode,
    snapshotId,
    counts: counts as CrawlCounts,
    failures,
    deletedAppIds,
    durationMs: Date.now() - started,
    engineCalls,
    restCalls: rest.stats.requests + (clientManaged?.restCalls() ?? 0) + (walks?.restCalls() ?? 0),
    rateLimitWaits: rest.stats.rateLimitWaits,
    error,
  });

  try {
    progress();
    const signalOpt = { signal };
    clientManaged = options.clientManaged ? await openClientManagedInventory(options.clientManaged, signal, reportRateLimit) : null;
    const appWalks = openWalks(options, rest, clientManaged, deps, onEvent);
    walks = appWalks;
    const previous = catalog.previousAppStates(connectionId);
    const hasPrevious = previous.size > 0;
    const previouslyFailed = catalog.previouslyFailedAppIds?.(connectionId) ?? new Set<string>();

    // users/me, the user names and the first page of apps leave together: the listing's round trips
    // are most of a delta crawl's time.
    // Client-managed apps carry their owner's name from QRS. The users list is asked for now,
    // beside the first page of items.
    const appPages = startedEarly(
      clientManaged ? clientManaged.appPages() : namedAppPages(appItemPages(rest, signal), ownerNameResolver(rest, signal)),
    );
    const me = clientManaged ? null : await rest.getJson('/api/v1/users/me', userSchema, signalOpt);
    const tenant: TenantRecord = clientManaged?.tenant ?? {
      url: rest.transport.baseUrl.href.replace(/\/$/, ''),
      kind: options.kind ?? 'cloud',
      tenantId: me?.tenantId ?? null,
      userId: me?.id ?? null,
      userName: me?.name ?? null,
    };
    writer = catalog.beginSnapshot({
      connectionId,
      connectionName: options.connectionName ?? rest.host,
      tenant,
      kind: options.mode,
    });
    const activeWriter = writer;

    // Tenant-level listings run alongside the app crawl; they are a handful of REST calls.
    const tenantObjects = !crawlTenantObjects
      ? Promise.resolve(null)
      : clientManaged
        ? clientManaged.tenantObjects(signal)
        : Promise.all([
            fetchSpaces(rest, signal),
            fetchCollections(rest, signal),
            fetchDataConnections(rest, signal),
            fetchAutomations(rest, signal),
          ]);
    tenantObjects.catch(() => undefined);

    phase = 'apps';
    const listed: AppRecord[] = [];
    const queue: PlannedApp[] = [];
    let listingDone = false;
    const crawledApps: Array<{ app: AppRecord; content: AppContent }> = [];
    const carriedOverIds = new Set<string>();
    // Client-managed: sheets the repository lists that the engine did not show the crawl account.
    const unreadable = { apps: 0, sheets: 0 };

    // Catalog writes of the apps whose engine answers arrived in the same turn of the event loop
    // share one transaction (fewer commits); when such a batch fails, each app is written alone,
    // so one failing write fails one app. A crash loses at most the batch in flight.
    const writeQueue: Array<{ readonly write: () => void; readonly done: (error?: unknown) => void }> = [];
    let drainScheduled = false;
    const drainWrites = (): void => {
      drainScheduled = false;
      const batch = writeQueue.splice(0);
      if (batch.length > 1 && activeWriter.batch) {
        try {
          activeWriter.batch(() => {
            for (const item of batch) item.write();
          });
          for (const item of batch) item.done();
          return;
        } catch {
          // rolled back as a whole: retried one by one below
        }
      }
      for (const item of batch) {
        try {
          item.write();
          item.done();
        } catch (error) {
          item.done(error ?? new Error('catalog write failed'));
        }
      }
    };
    const queueWrite = (write: () => void): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        writeQueue.push({ write, done: (error) => (error === undefined ? resolve() : reject(error)) });
        if (!drainScheduled) {
          drainScheduled = true;
          setImmediate(drainWrites);
        }
      });

    const recordAppFailure = (app: AppRecord, error: unknown): void => {
      if (signal.aborted || halt) return;
      const shape = toErrorShape(clientManaged ? clientManaged.explainEngineError(error, app.id) : error);
      failures.push({ appId: app.id, appName: app.name, error: shape });
      counts.appsFailed++;
      activeWriter.recordFailure({ appId: app.id, appName: app.name, error: shape });
      onEvent({ type: 'app-failed', appId: app.id, appName: app.name, error: shape });
    };

    // An app's slot is free once its answers are in: its catalog write waits in the write queue
    // while the slot opens the next app, so network round trips never wait for SQLite. At most
    // `concurrency` written-but-not-committed apps are held; beyond that a slot waits.
    const writeApp = (app: AppRecord, walked: WalkResult): void => {
      const written = queueWrite(() => {
        activeWriter.putApp(app, walked.content);
        // Lineage per app version, kept with it: a delta crawl reuses it.
        activeWriter.putAppLineage?.(app.id, LINEAGE_FRAGMENT_LAYOUT, () => walked.fragment ?? appLineageFragment(app, walked.content));
      }).then(
        () => {
          if (!activeWriter.putAppLineage) crawledApps.push({ app, content: walked.content });
          counts.appsCrawled++;
          counts.sheets += walked.content.sheets.length;
          counts.objects += walked.content.objects.length;
          const missing = app.unreadableSheets?.length ?? 0;
          if (missing > 0) {
            unreadable.apps++;
            unreadable.sheets += missing;
          }
          counts.rowsWritten += rowsOf(walked.content);
        },
        (error: unknown) => recordAppFailure(app, error),
      );
      pendingWrites.add(written);
      void written.finally(() => pendingWrites.delete(written));
    };

    const crawlOne = async (planned: PlannedApp): Promise<void> => {
      const { app } = planned;
      progress({ id: app.id, name: app.name });
      try {
        const walked = await appWalks.walk(app, signal);
        engineCalls += walked.engineCalls;
        if (signal.aborted || halt) return;
        writeApp(clientManaged ? withUnreadableSheets(app, walked.content, clientManaged) : app, walked);
        while (pendingWrites.size > concurrency) await Promise.race(pendingWrites);
      } catch (error) {
        recordAppFailure(app, error);
      } finally {
        appsDone++;
        progress();
      }
    };

    workers = Array.from({ length: concurrency }, async () => {
      for (;;) {
        if (signal.aborted || halt) return;
        const next = queue.shift();
        if (next) {
          await crawlOne(next);
          continue;
        }
        if (listingDone) return;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    });

    phase = 'listing';
    const listedIds = new Set<string>();
    const planListed = (page: readonly AppRecord[]): void => {
      // An app moved between spaces while they were listed can appear twice.
      const apps = page.filter((app) => !listedIds.has(app.id) && Boolean(listedIds.add(app.id)));
      listed.push(...apps);
      const plan = planCrawl({
        mode: options.mode,
        apps,
        ...(options.scope ? { scope: options.scope } : {}),
        previous: options.mode === 'delta' && hasPrevious ? previous : null,
        previouslyFailedAppIds: previouslyFailed,
      });
      for (const app of plan.toCarryOver) {
        try {
          activeWriter.carryOverApp(app.id);
          carriedOverIds.add(app.id);
          counts.appsCarriedOver++;
          appsDone++;
          appsTotal++;
        } catch {
          queue.push({ app, reason: 'new' }); // the previous version is gone: read it afresh
          appsTotal++;
        }
      }
      queue.push(...plan.toCrawl);
      appsTotal += plan.toCrawl.length;
      appWalks.waiting?.(queue.length);
      phase = 'apps';
      progress();
      wakeAll();
    };
    for await (const page of appPages) planListed(page);
    counts.appsListed = listed.length;
    listingDone = true;
    wakeAll();
    await Promise.all(workers);
    await Promise.all(pendingWrites);

    if (signal.aborted) throw new AppError(cancelled());
    const finalPlan = planCrawl({
      mode: options.mode,
      apps: listed,
      ...(options.scope ? { scope: options.scope } : {}),
      previous: hasPrevious ? previous : null,
    });
    deletedAppIds = [...finalPlan.deletedAppIds];
    counts.appsDeleted = deletedAppIds.length;

    phase = 'tenant-objects';
    progress();
    const objects = await tenantObjects;
    if (objects) {
      const [spaces, collections, dataConnections, automations] = objects;
      activeWriter.putSpaces(spaces);
      activeWriter.putCollections(collections);
      activeWriter.putDataConnections(dataConnections);
      activeWriter.putAutomations(automations);
      counts.spaces = spaces.length;
      counts.collections = collections.length;
      counts.dataConnections = dataConnections.length;
      counts.automations = automations.length;
      counts.rowsWritten += spaces.length + collections.length + dataConnections.length + automations.length;
    }
    if (signal.aborted) throw new AppError(cancelled());

    if (activeWriter.putTenantLineage && activeWriter.lineageMembers) {
      phase = 'lineage';
      progress();
      const members = activeWriter.lineageMembers(LINEAGE_FRAGMENT_LAYOUT);
      // Versions stored before fragments existed (or of an older layout) get theirs now, once.
      for (const member of members.filter((m) => !m.hasFragment)) {
        const stored = catalog.appVersionContent?.(member.versionId);
        if (stored)
          activeWriter.putAppLineage?.(member.appId, LINEAGE_FRAGMENT_LAYOUT, () => appLineageFragment(stored.app, stored.content));
      }
      const tenant = tenantLineage({
        dataConnections: objects?.[2] ?? [],
        automations: objects?.[3] ?? [],
        spaces: objects?.[0] ?? [],
        appIds: members.map((m) => m.appId),
      });
      activeWriter.putTenantLineage(LINEAGE_FRAGMENT_LAYOUT, tenant);
    } else if (activeWriter.putLineage) {
      phase = 'lineage';
      progress();
      const carried = catalog.previousAppContents?.(connectionId, carriedOverIds) ?? [];
      const graph = buildLineageGraph({
        apps: [...crawledApps, ...carried],
        dataConnections: objects?.[2] ?? [],
        automations: objects?.[3] ?? [],
        spaces: objects?.[0] ?? [],
      });
      activeWriter.putLineage(graph);
    }
    if (signal.aborted) throw new AppError(cancelled());
    if (unreadable.apps > 0) onEvent({ type: 'notice', message: unreadableSheetsNotice(unreadable, options) });

    phase = 'committing';
    progress();
    const committed = activeWriter.commit();
    phase = 'done';
    progress();
    return summary('complete', committed.id, null);
  } catch (error) {
    const isCancel = signal.aborted || (error instanceof AppError && error.code === 'cancelled');
    const shape = isCancel ? cancelled() : toErrorShape(error);
    halt = true;
    wakeAll();
    await Promise.allSettled(workers);
    await Promise.allSettled([...pendingWrites]);
    try {
      writer?.abort(isCancel ? 'Cancelled by the user.' : shape.message, isCancel ? 'cancelled' : 'failed');
    } catch {
      // the snapshot could not be marked; the catalog recovers running crawls as interrupted
    }
    phase = 'done';
    progress();
    return summary(isCancel ? 'cancelled' : 'failed', writer?.snapshotId ?? null, shape);
  } finally {
    await walks?.close();
    await rest.close();
    await clientManaged?.close();
  }
}

/**
 * Walker threads where the host lends a factory (cloud and demo tenants), with this thread walking
 * until they have loaded; else apps are walked on this thread, as client-managed sites always are
 * (their engine errors get a site-specific reading).
 */
function openWalks(
  options: CrawlRunOptions,
  rest: RestClient,
  clientManaged: ClientManagedInventory | null,
  deps: CrawlRunDeps,
  onEvent: (event: CrawlEvent) => void,
): AppWalks {
  const here = walksOnThisThread(options, rest, clientManaged);
  if (!deps.createWalkerWorker || clientManaged) return here;
  const connection: WalkerConnection = {
    ...connectionOptionsOf(options),
    withoutData: options.withoutData ?? true,
    fetchDataMetadata: options.fetchDataMetadata !== false,
  };
  const threads = deps.walkerThreads ?? defaultWalkerThreads();
  return threadWalks(deps.createWalkerWorker, connection, threads, (message) => onEvent({ type: 'notice', message }), here);
}

function walksOnThisThread(options: CrawlRunOptions, rest: RestClient, clientManaged: ClientManagedInventory | null): AppWalks {
  return inThreadWalks((app, signal) => ({
    transport: rest.transport,
    apiKey: options.apiKey,
    appId: app.id,
    signal,
    ...(options.requestTimeoutMs ? { callTimeoutMs: options.requestTimeoutMs } : {}),
    withoutData: options.withoutData ?? true,
    ...(clientManaged ? { access: clientManaged.engineAccess(app.id) } : {}),
    ...(options.fetchDataMetadata === false || clientManaged
      ? {}
      : { fetchDataMetadata: () => fetchAppDataMetadata(rest, app.id, signal) }),
  }));
}

/** App items as records, each page with its owners' names. */
async function* namedAppPages(pages: AsyncGenerator<RestItem[]>, names: OwnerNames): AsyncGenerator<AppRecord[]> {
  for await (const page of pages) {
    const apps = page.map((item) => mapAppItem(item));
    const known = await names(apps.flatMap((app) => (app.ownerId ? [app.ownerId] : [])));
    yield apps.map((app) => {
      const ownerName = app.ownerId ? known.get(app.ownerId) : undefined;
      return ownerName ? { ...app, ownerName } : app;
    });
  }
}

/** Asks for the first page now, before anyone iterates. */
function startedEarly<T>(pages: AsyncGenerator<T>): AsyncIterable<T> {
  const first = pages.next();
  first.catch(() => undefined); // awaited when iterated; a crawl that fails before then must not leave it unhandled
  return {
    async *[Symbol.asyncIterator]() {
      for (let step = await first; !step.done; step = await pages.next()) yield step.value;
    },
  };
}

/** Said once per crawl; each app's page tells its own count. */
function unreadableSheetsNotice(unreadable: { apps: number; sheets: number }, options: CrawlRunOptions): string {
  const cm = options.clientManaged;
  const account = cm ? `${cm.userDirectory}\\${cm.userId}` : 'the crawl account';
  return (
    `${unreadable.sheets} sheet(s) in ${unreadable.apps} app(s) are in the repository but ${account} cannot read them ` +
    '(private sheets of other users, or security rules), so they are not in the catalog. ' +
    'To crawl them, give that account a security rule that reads every sheet, or crawl as an account that has one.'
  );
}

/** Client-managed: names the repository's sheets of the app that the walk did not see. */
function withUnreadableSheets(app: AppRecord, content: AppContent, inventory: ClientManagedInventory): AppRecord {
  const read = new Set(content.sheets.map((s) => s.id));
  const unreadable = inventory
    .repositorySheets(app.id)
    .filter((s) => !read.has(s.id))
    .map(({ title, ownerName }) => ({ title, ownerName }));
  return unreadable.length > 0 ? { ...app, unreadableSheets: unreadable } : app;
}
