import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/api/errors';
import { createKeychain, resolveApiKey, type KeytarLike } from '../../../src-main/secrets/keychain';

const dbusFailure = new Error('The name org.freedesktop.secrets was not provided by any .service files');

function brokenKeytar(): KeytarLike {
  return {
    getPassword: () => Promise.reject(dbusFailure),
    setPassword: () => Promise.reject(dbusFailure),
    deletePassword: () => Promise.reject(dbusFailure),
  };
}

function memoryKeytar(): KeytarLike & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getPassword: async (s, a) => entries.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void entries.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => entries.delete(`${s}/${a}`),
  };
}

describe('keychain', () => {
  it('says plainly when no keychain answers, with a way forward, instead of writing elsewhere', async () => {
    const store = createKeychain(brokenKeytar);
    const error = await store.set('https://acme.eu.qlikcloud.com', 'secret').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'keychain-unavailable' });
    expect((error as AppError).remedy).toContain('QME_API_KEY');
    expect(await store.status()).toMatchObject({ available: false, reason: dbusFailure.message });
  });

  it('reports a keytar module that cannot load as an unavailable keychain, not a crash', async () => {
    const store = createKeychain(() => {
      throw new Error('Module did not self-register: keytar.node');
    });
    await expect(store.get('x')).rejects.toMatchObject({ code: 'keychain-unavailable' });
  });

  it('stores, reads and deletes a key under the app service name', async () => {
    const keytar = memoryKeytar();
    const store = createKeychain(() => keytar);
    await store.set('https://acme.eu.qlikcloud.com', 'k-123');
    expect([...keytar.entries.keys()]).toEqual(['qlik-metadata-explorer/https://acme.eu.qlikcloud.com']);
    expect(await store.get('https://acme.eu.qlikcloud.com')).toBe('k-123');
    expect(await store.delete('https://acme.eu.qlikcloud.com')).toBe(true);
    expect(await store.get('https://acme.eu.qlikcloud.com')).toBeNull();
  });

  it('prefers QME_API_KEY, then the keychain, and names the fix when neither has a key', async () => {
    const keytar = memoryKeytar();
    const store = createKeychain(() => keytar);
    await store.set('t', 'from-keychain');
    expect(await resolveApiKey(store, 't', { QME_API_KEY: 'from-env' })).toBe('from-env');
    expect(await resolveApiKey(store, 't', {})).toBe('from-keychain');
    await expect(resolveApiKey(store, 'other', {})).rejects.toMatchObject({ code: 'auth-invalid-key' });
  });
});

// The real OS keychain: present in CI (gnome-keyring inside dbus-run-session) and on desktops.
const real = createKeychain();
const realStatus = await real.status();
if (!realStatus.available) console.warn(`Real keychain test skipped: ${realStatus.reason}`);

describe.skipIf(!realStatus.available)('the real OS keychain', () => {
  it('round-trips a key through keytar', async () => {
    const account = `qme-test-${process.pid}-${Date.now()}`;
    await real.set(account, 'canary-value');
    expect(await real.get(account)).toBe('canary-value');
    expect(await real.delete(account)).toBe(true);
    expect(await real.get(account)).toBeNull();
  });
});
