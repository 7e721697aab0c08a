/** A service over a temporary data folder, an in-memory keychain and a scripted tenant gateway. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../src-main/api/errors';
import { dispatch, type Service } from '../../src-main/api/dispatch';
import { EventBus } from '../../src-main/api/event-bus';
import type { CrawlJobView } from '../../src-main/api/types/crawl';
import { startService } from '../../src-main/api/service';
import { inProcessCrawl } from '../../src-main/crawl-jobs/crawl-starters';
import type { TenantEndpoint, TenantGateway } from '../../src-main/connections/tenant-gateway';
import { createKeychain, type KeytarLike } from '../../src-main/secrets/keychain';

export function memoryKeytar(): KeytarLike & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getPassword: async (s, a) => entries.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void entries.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => entries.delete(`${s}/${a}`),
  };
}

/** Accepts the key "good-key-123" at any URL; anything else is a 401. */
export function fakeGateway(): TenantGateway & { validated: TenantEndpoint[] } {
  const validated: TenantEndpoint[] = [];
  return {
    validated,
    async validate(endpoint) {
      validated.push(endpoint);
      if (endpoint.apiKey !== 'good-key-123') {
        throw new AppError({
          code: 'auth-invalid-key',
          message: 'The tenant refused the API key (HTTP 401).',
          remedy: 'Create a new API key and paste it again.',
        });
      }
      return { identity: 'Crawler Service' };
    },
    demoEndpoint: async () => ({ url: 'http://127.0.0.1:1', apiKey: 'good-key-123', proxy: null, caFile: null, caPem: null }),
    demoRevision: () => 1,
    setDemoRevision: async () => undefined,
    close: async () => undefined,
  };
}

export function makeTestService(
  options: {
    keytar?: KeytarLike;
    env?: NodeJS.ProcessEnv;
    tenants?: TenantGateway;
    userDataDir?: string;
    crawlDemoOnFirstRun?: boolean;
  } = {},
) {
  const events = new EventBus();
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'qme-service-'));
  const keytar = options.keytar ?? memoryKeytar();
  const fakeTenants = fakeGateway();
  const tenants = options.tenants ?? fakeTenants;
  const handle = startService({
    userDataDir,
    host: 'test',
    events,
    keychain: createKeychain(() => keytar),
    tenants,
    env: options.env ?? {},
    crawl: inProcessCrawl,
    crawlDemoOnFirstRun: options.crawlDemoOnFirstRun ?? false,
  });
  return { service: handle.service, close: handle.close, events, userDataDir, keytar, tenants, fakeTenants };
}

/** Calls the service through dispatch (the transports' path) and returns the value, or throws with the error. */
export async function callValue<T>(service: Service, name: string, args: unknown): Promise<T> {
  const result = await dispatch(service, name, args);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** The next crawl that ends (complete, cancelled or failed). */
export function nextFinishedCrawl(events: EventBus): Promise<CrawlJobView> {
  return new Promise((resolve) => {
    const off = events.onAny((event, payload) => {
      if (event === 'crawl/finished') {
        off();
        resolve(payload as CrawlJobView);
      }
    });
  });
}
