import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/api/dispatch';
import type { ConnectionView } from '../../../src-main/api/types/connections';
import type { KeytarLike } from '../../../src-main/secrets/keychain';
import { makeTestService } from '../../support/service';

const acme = {
  name: 'Acme production',
  url: 'https://acme.eu.qlikcloud.com',
  environment: 'PROD',
  proxy: null,
  caFile: null,
  crawlSpacesAndCollections: true,
};

async function ok<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

describe('connections', () => {
  it('always lists the built-in demo tenant first', async () => {
    const { service } = makeTestService();
    const list = await ok<ConnectionView[]>(dispatch(service, 'connections/list', {}));
    expect(list.map((c) => [c.id, c.kind, c.isBuiltIn])).toEqual([['demo', 'demo', true]]);
  });

  it('keeps the API key in the keychain and nowhere in the data folder', async () => {
    const { service, userDataDir, keytar } = makeTestService();
    const saved = await ok<ConnectionView>(dispatch(service, 'connections/save', { ...acme, apiKey: 'canary-key-5f0c2a1b7e' }));
    expect(saved).toMatchObject({ name: 'Acme production', hasKey: true, health: 'unknown' });
    expect(saved).not.toHaveProperty('apiKey');
    expect((keytar as KeytarLike & { entries: Map<string, string> }).entries.get(`qlik-metadata-explorer/${saved.id}`)).toBe(
      'canary-key-5f0c2a1b7e',
    );
    expect(readFileSync(join(userDataDir, 'connections.json'), 'utf8')).not.toContain('canary-key');
  });

  it('validates with the stored key and shows who it belongs to', async () => {
    const { service } = makeTestService();
    const saved = await ok<ConnectionView>(dispatch(service, 'connections/save', { ...acme, apiKey: 'good-key-123' }));
    const checked = await ok<ConnectionView>(dispatch(service, 'connections/validate', { id: saved.id }));
    expect(checked).toMatchObject({ health: 'ok', identity: 'Crawler Service', error: null });
  });

  it('a rejected key turns the health red with the cause and the fix', async () => {
    const { service } = makeTestService();
    const saved = await ok<ConnectionView>(dispatch(service, 'connections/save', { ...acme, apiKey: 'wrong-key-456' }));
    const checked = await ok<ConnectionView>(dispatch(service, 'connections/validate', { id: saved.id }));
    expect(checked.health).toBe('failed');
    expect(checked.error).toMatchObject({ code: 'auth-invalid-key' });
    expect(checked.error?.remedy).toMatch(/API key/);
  });

  it('without any key, validation says how to provide one', async () => {
    const { service } = makeTestService();
    const saved = await ok<ConnectionView>(dispatch(service, 'connections/save', acme));
    const checked = await ok<ConnectionView>(dispatch(service, 'connections/validate', { id: saved.id }));
    expect(checked.error).toMatchObject({ code: 'auth-invalid-key' });
    expect(checked.error?.remedy).toContain('QME_API_KEY');
  });

  it('QME_API_KEY is used for this run when set', async () => {
    const { service, fakeTenants } = makeTestService({ env: { QME_API_KEY: 'good-key-123' } });
    const saved = await ok<ConnectionView>(dispatch(service, 'connections/save', acme));
    expect((await ok<ConnectionView>(dispatch(service, 'connections/validate', { id: saved.id }))).health).toBe('ok');
    expect(fakeTenants.validated.at(-1)?.apiKey).toBe('good-key-123');
  });

  it('when the keychain is unavailable, refuses to save a key and saves nothing', async () => {
    const failure = new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    const keytar: KeytarLike = {
      getPassword: () => Promise.reject(failure),
      setPassword: () => Promise.reject(failure),
      deletePassword: () => Promise.reject(failure),
    };
    const { service } = makeTestService({ keytar });
    const result = await dispatch(service, 'connections/save', { ...acme, apiKey: 'good-key-123' });
    expect(result).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } });
    const list = await ok<ConnectionView[]>(dispatch(service, 'connections/list', {}));
    expect(list.map((c) => c.id)).toEqual(['demo']);
    expect(await ok(dispatch(service, 'keychain/status', {}))).toMatchObject({ available: false, envKeyInUse: false });
  });

  it('edits keep the stored key unless a new one is given, and delete removes the key', async () => {
    const { service, keytar } = makeTestService();
    const entries = (keytar as KeytarLike & { entries: Map<string, string> }).entries;
    const saved = await ok<ConnectionView>(dispatch(service, 'connections/save', { ...acme, apiKey: 'good-key-123' }));
    const edited = await ok<ConnectionView>(dispatch(service, 'connections/save', { ...acme, id: saved.id, name: 'Acme prod (EU)' }));
    expect(edited).toMatchObject({ id: saved.id, name: 'Acme prod (EU)', hasKey: true });
    await ok(dispatch(service, 'connections/delete', { id: saved.id }));
    expect(entries.size).toBe(0);
    expect(await ok<ConnectionView[]>(dispatch(service, 'connections/list', {}))).toHaveLength(1);
  });

  it('refuses bad input with the field named: URL, proxy, unknown keys, the demo connection', async () => {
    const { service } = makeTestService();
    const badUrl = await dispatch(service, 'connections/save', { ...acme, url: 'ftp://acme' });
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    if (!badUrl.ok) expect(badUrl.error.message).toContain('url');
    const credsInUrl = await dispatch(service, 'connections/save', { ...acme, url: 'https://user:pw@acme.eu.qlikcloud.com' });
    expect(credsInUrl.ok).toBe(false);
    const badProxy = await dispatch(service, 'connections/save', { ...acme, proxy: 'proxy corp' });
    if (!badProxy.ok) expect(badProxy.error.message).toContain('proxy');
    expect(badProxy.ok).toBe(false);
    expect((await dispatch(service, 'connections/save', { ...acme, password: 'x' })).ok).toBe(false);
    expect(await dispatch(service, 'connections/delete', { id: 'demo' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
  });
});
