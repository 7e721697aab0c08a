/** A service over a temporary data folder, an in-memory keychain and a scripted tenant gateway. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../src-main/api/errors';
import { EventBus } from '../../src-main/api/event-bus';
import { createService } from '../../src-main/api/service';
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
    close: async () => undefined,
  };
}

export function makeTestService(options: { keytar?: KeytarLike; env?: NodeJS.ProcessEnv } = {}) {
  const events = new EventBus();
  const userDataDir = mkdtempSync(join(tmpdir(), 'qme-service-'));
  const keytar = options.keytar ?? memoryKeytar();
  const tenants = fakeGateway();
  const service = createService({
    userDataDir,
    host: 'test',
    events,
    keychain: createKeychain(() => keytar),
    tenants,
    env: options.env ?? {},
  });
  return { service, events, userDataDir, keytar, tenants };
}
