import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import { engineSession, type Qix } from './engine-client';

let tenant: DemoTenant;
beforeAll(async () => {
  tenant = await startDemoTenant({ seed: 9 });
});
afterAll(async () => {
  await tenant.close();
});

const get = (path: string): Promise<Response> => fetch(`${tenant.url}${path}`, { headers: { Authorization: `Bearer ${tenant.apiKey}` } });

async function openApp(appId: string): Promise<{ session: EnigmaJS.Session; global: Qix }> {
  const session = engineSession(tenant, appId);
  const global: Qix = await session.open();
  return { session, global };
}

describe('fault injection', () => {
  it('fires nothing when no fault is configured', async () => {
    tenant.setFaults({});
    tenant.resetStats();
    for (let i = 0; i < 30; i++) expect((await get('/api/v1/users/me')).status).toBe(200);
    const appId = tenant.model.apps[0]!.record.id;
    const { session, global } = await openApp(appId);
    const app: Qix = await global.openDoc(appId);
    expect(typeof (await app.getScript())).toBe('string');
    await session.close();
    expect(tenant.stats.faults).toEqual({});
  });

  it('answers 429 with Retry-After and Qlik’s body once the Tier 1 limit is reached', async () => {
    tenant.setFaults({ tier1PerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await get('/api/v1/users/me')).status).toBe(200);
    const limited = await get('/api/v1/users/me');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({
      errors: [{ code: 'HTTP-429', title: 'API rate limit reached.', detail: expect.stringMatching(/You need to wait \d+ seconds/) }],
    });
    tenant.setFaults({});
    expect((await get('/api/v1/users/me')).status).toBe(200);
  });

  it('fails every Nth REST call with the configured 5xx, and rate-based errors are deterministic', async () => {
    tenant.setFaults({ restErrorEveryNth: 3, restErrorStatus: 502 });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get('/api/v1/users/me')).status);
    expect(statuses).toEqual([200, 200, 502, 200, 200, 502]);
    const run = async (): Promise<number[]> => {
      tenant.setFaults({ restErrorRate: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await get('/api/v1/users/me')).status);
      return out;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(await run()).toEqual(first);
  });

  it('sends broken JSON bodies when malformedJson.rest is set', async () => {
    tenant.setFaults({ malformedJson: { rest: true } });
    const res = await get('/api/v1/users/me');
    await expect(res.json()).rejects.toThrow();
    tenant.setFaults({});
  });

  it('OpenDoc answers 1003 for notFoundAppIds and 5 for openDeniedAppIds; GetScript/GetLineage answer 5 for accessDeniedAppIds', async () => {
    const [a, b, c] = tenant.model.apps.map((x) => x.record.id);
    tenant.setFaults({ notFoundAppIds: [a!], openDeniedAppIds: [b!], accessDeniedAppIds: [c!] });
    let s = await openApp(a!);
    await expect(s.global.openDoc(a)).rejects.toMatchObject({ code: 1003 });
    await s.session.close();
    s = await openApp(b!);
    await expect(s.global.openDoc(b)).rejects.toMatchObject({ code: 5, message: 'Access denied' });
    await s.session.close();
    s = await openApp(c!);
    const app: Qix = await s.global.openDoc(c);
    await expect(app.getScript()).rejects.toMatchObject({ code: 5 });
    await expect(app.getLineage()).rejects.toMatchObject({ code: 5 });
    expect((await app.getAppLayout()).qTitle).toBeTruthy();
    await s.session.close();
    tenant.setFaults({});
  });

  it('drops the engine socket mid-call after N requests', async () => {
    tenant.setFaults({ dropSocketAfterCalls: 2 });
    const appId = tenant.model.apps[0]!.record.id;
    const s = await openApp(appId);
    const app: Qix = await s.global.openDoc(appId);
    await expect(app.getScript()).rejects.toBeTruthy();
    tenant.setFaults({});
  });

  it('never replies to neverReplyMethods and delays replies by latency and slowReplyMs', async () => {
    tenant.setFaults({ neverReplyMethods: ['GetLineage'], slowReplyMs: 60, slowMethods: ['GetScript'] });
    const appId = tenant.model.apps[0]!.record.id;
    const s = await openApp(appId);
    const app: Qix = await s.global.openDoc(appId);
    const started = Date.now();
    await app.getScript();
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    const outcome = await Promise.race([app.getLineage().then(() => 'replied'), new Promise((r) => setTimeout(() => r('silent'), 200))]);
    expect(outcome).toBe('silent');
    await s.session.close();
    tenant.setFaults({});
  });

  it('sends a broken engine frame for malformedJson.engineMethods', async () => {
    tenant.setFaults({ malformedJson: { engineMethods: ['OpenDoc'] } });
    const appId = tenant.model.apps[0]!.record.id;
    const ws = new WebSocket(`${tenant.url.replace('http', 'ws')}/app/${appId}`, { headers: { Authorization: `Bearer ${tenant.apiKey}` } });
    const frames: string[] = [];
    ws.on('message', (d) => frames.push(d.toString()));
    await new Promise((r) => ws.on('open', r));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, handle: -1, method: 'OpenDoc', params: [appId] }));
    await new Promise((r) => setTimeout(r, 100));
    expect(frames).toHaveLength(2);
    expect(() => JSON.parse(frames[1]!)).toThrow();
    ws.close();
    tenant.setFaults({});
  });

  it('rejects a bad key at the WebSocket upgrade with HTTP 401', async () => {
    const appId = tenant.model.apps[0]!.record.id;
    const session = engineSession({ url: tenant.url, apiKey: 'wrong' }, appId);
    await expect(session.open()).rejects.toThrow(/401/);
  });
});
