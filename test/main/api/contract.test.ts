import { describe, expect, it } from 'vitest';
import { callNames, contract, eventNames } from '../../../src-main/api/contract';
import { dispatch } from '../../../src-main/api/dispatch';
import { makeTestService as makeService } from '../../support/service';

describe('service contract', () => {
  it('every contract entry has exactly one service handler and nothing else is implemented', () => {
    const { service } = makeService();
    expect(Object.keys(service).sort()).toEqual([...callNames].sort());
    for (const name of callNames) expect(typeof service[name]).toBe('function');
  });

  it('every call name is namespaced area/action and documented', () => {
    for (const name of callNames) {
      expect(name).toMatch(/^[a-z]+(?:-[a-z]+)*\/[a-z]+(?:-[a-z]+)*$/);
      expect(contract[name].doc.length).toBeGreaterThan(10);
    }
    for (const name of eventNames) expect(name).toMatch(/^[a-z]+(?:-[a-z]+)*\/[a-z]+(?:-[a-z]+)*$/);
  });

  it('refuses a name that is not in the contract, naming it', async () => {
    const { service } = makeService();
    const result = await dispatch(service, 'fs/readFile', { path: '/etc/passwd' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unknown-call');
      expect(result.error.message).toContain('fs/readFile');
    }
  });

  it('refuses arguments of the wrong type with the path of the bad field', async () => {
    const { service } = makeService();
    const result = await dispatch(service, 'settings/update', { colorScheme: 'purple' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-arguments');
      expect(result.error.message).toContain('colorScheme');
    }
  });

  it('refuses unknown argument keys rather than ignoring them', async () => {
    const { service } = makeService();
    const result = await dispatch(service, 'app/info', { extra: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('refuses non-object arguments', async () => {
    const { service } = makeService();
    for (const bad of ['x', 42, [1], true]) {
      const result = await dispatch(service, 'settings/update', bad);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    }
  });

  it('runs a valid call and pushes its event', async () => {
    const { service, events } = makeService();
    const seen: unknown[] = [];
    events.onAny((event, payload) => seen.push([event, payload]));
    const result = await dispatch(service, 'settings/update', { colorScheme: 'dark' });
    expect(result).toEqual({ ok: true, value: { colorScheme: 'dark' } });
    expect(seen).toEqual([['settings/changed', { colorScheme: 'dark' }]]);
    expect(await dispatch(service, 'settings/get', {})).toEqual({ ok: true, value: { colorScheme: 'dark' } });
  });

  it('turns a throwing handler into an error envelope with a remedy', async () => {
    const { service } = makeService();
    const broken = {
      ...service,
      'app/info': () => {
        throw new Error('disk on fire');
      },
    };
    const result = await dispatch(broken, 'app/info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', detail: 'disk on fire' } });
    if (!result.ok) expect(result.error.remedy.length).toBeGreaterThan(0);
  });
});
