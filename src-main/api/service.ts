/**
 * The single implementation of the contract. Transports call it through dispatch(); nothing
 * here knows whether the caller is an Electron window or a browser tab.
 */
import { join } from 'node:path';
import { openCatalog, type Catalog } from '../catalog';
import { ConnectionService } from '../connections/connection-service';
import { ConnectionStore } from '../connections/connection-store';
import type { TenantGateway } from '../connections/tenant-gateway';
import { CrawlJobs } from '../crawl-jobs/crawl-jobs';
import type { CrawlStarter } from '../crawl-jobs/crawl-starters';
import { DEMO_CONNECTION_ID } from '../connections/connection-store';
import type { CrawlJobView } from './types/crawl';
import type { SecretStore } from '../secrets/keychain';
import type { Service } from './dispatch';
import type { EventBus } from './event-bus';
import { catalogHandlers } from './handlers/catalog-handlers';
import { sessionsHandlers } from './handlers/sessions-handlers';
import { lineageHandlers } from './handlers/lineage-handlers';
import { snapshotsHandlers } from './handlers/snapshots-handlers';
import { SettingsStore } from './settings-store';
import type { AppInfo } from './types/app';
import { appVersion } from '../version';

export interface ServiceDeps {
  readonly userDataDir: string;
  readonly host: AppInfo['host'];
  readonly events: EventBus;
  readonly keychain: SecretStore;
  readonly tenants: TenantGateway;
  /** Environment for QME_API_KEY; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Runs a crawl (a worker thread in the app and serve, in-process in unit tests). */
  readonly crawl: CrawlStarter;
  /** First run: crawl the demo tenant by itself so a newcomer lands on a populated catalog. */
  readonly crawlDemoOnFirstRun?: boolean;
  /** Told when a crawl ends (desktop notification). */
  readonly onCrawlFinished?: (job: CrawlJobView) => void;
}

export interface ServiceHandle {
  readonly service: Service;
  /** Cancels running crawls and closes the catalog. */
  close(): Promise<void>;
}

export function createService(deps: ServiceDeps): Service {
  return startService(deps).service;
}

export function startService(deps: ServiceDeps): ServiceHandle {
  const settings = new SettingsStore(deps.userDataDir);
  // Browsing reads use their own connection; crawls write through another one off this thread.
  let catalog: Catalog | undefined;
  const readCatalog = (): Catalog => (catalog ??= openCatalog(catalogFile(deps.userDataDir)));
  const connections = new ConnectionService(new ConnectionStore(deps.userDataDir), deps.keychain, deps.tenants, deps.env ?? process.env);
  const crawls = new CrawlJobs(deps.crawl, catalogFile(deps.userDataDir), connections, deps.events, deps.onCrawlFinished);

  if (deps.crawlDemoOnFirstRun && readCatalog().snapshotsOfConnection(DEMO_CONNECTION_ID).length === 0) {
    crawls.start({ connectionId: DEMO_CONNECTION_ID, mode: 'full' });
  }

  const service: Service = {
    'app/info': () => ({
      name: 'Qlik Metadata Explorer',
      version: appVersion,
      platform: `${process.platform}-${process.arch}`,
      userDataDir: deps.userDataDir,
      host: deps.host,
    }),
    'settings/get': () => settings.get(),
    'settings/update': (patch) => {
      const next = settings.update(patch);
      deps.events.emit('settings/changed', next);
      return next;
    },
    'connections/list': () => connections.list(),
    'connections/save': (input) => connections.save(input),
    'connections/delete': ({ id }) => connections.delete(id),
    'connections/validate': ({ id }) => connections.validate(id),
    'connections/demo-revision': ({ revision }) => connections.setDemoRevision(revision),
    'keychain/status': () => connections.keychainStatus(),
    'crawl/start': (request) => crawls.start(request),
    'crawl/cancel': ({ jobId }) => crawls.cancel(jobId),
    'crawl/jobs': () => crawls.list(),
    ...catalogHandlers(readCatalog),
    ...sessionsHandlers(connections),
    ...lineageHandlers(readCatalog),
    // snapshots/* calls; also answers catalog/* calls for opened snapshot files (connectionId `file:N`).
    ...snapshotsHandlers({ userDataDir: deps.userDataDir, events: deps.events, readCatalog, crawls, connections }),
  };

  return {
    service,
    async close() {
      crawls.cancelAll();
      catalog?.close();
      catalog = undefined;
    },
  };
}

/** The working catalog of this user data folder. */
export function catalogFile(userDataDir: string): string {
  return join(userDataDir, 'catalog.sqlite');
}
