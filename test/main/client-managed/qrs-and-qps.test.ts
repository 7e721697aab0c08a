/** QRS xrfkey handling, retries and the QPS session API against the client-managed demo. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startClientManagedDemo, type ClientManagedDemo } from '../../../src-main/demo-tenant/client-managed';
import { createClientManagedTransport, type ClientManagedTransport } from '../../../src-main/qlik/client-managed-options';
import { createProxySession, endProxySession, fetchCsrfToken, listUserSessions } from '../../../src-main/qlik/qps-session';
import { certificateQrsRoute, createQrsClient } from '../../../src-main/qlik/qrs-client';
import { qrsAboutSchema } from '../../../src-main/qlik/qrs-schemas';
import type { RetryNotice } from '../../../src-main/qlik/retrying';

let site: ClientManagedDemo;
let transport: ClientManagedTransport;

beforeAll(async () => {
  site = await startClientManagedDemo({ apps: 4 });
  transport = createClientManagedTransport({
    host: site.host,
    virtualProxy: site.virtualProxy,
    certDir: site.certDir,
    userDirectory: site.userDirectory,
    userId: site.userId,
    auth: 'certificates',
    ports: { qrs: site.qrsPort, engine: site.enginePort, qps: site.qpsPort, proxy: site.proxyPort },
  });
});
afterAll(async () => {
  await transport.close();
  await site.close();
});

describe('QRS xrfkey', () => {
  it('sends the same fresh key in the query and the header on every call', async () => {
    const qrs = createQrsClient(transport, certificateQrsRoute(transport));
    await expect(qrs.getJson('/qrs/about', qrsAboutSchema)).resolves.toMatchObject({ buildVersion: expect.any(String) });
    expect(site.stats.qrs.rejectedXrfkey).toBe(0);
  });

  it('a request without the xrfkey header is refused with 400', async () => {
    const response = await request(`${transport.qrsBase.href}qrs/about?xrfkey=abcdefghijklmnop`, {
      headers: { 'X-Qlik-User': transport.qlikUser },
      dispatcher: transport.mutualTls,
    });
    await response.body.text();
    expect(response.statusCode).toBe(400);
  });

  it('a key the site refuses gives the xrfkey message and remedy', async () => {
    const qrs = createQrsClient(transport, certificateQrsRoute(transport), { xrfkey: () => 'not-sixteen' });
    await expect(qrs.getJson('/qrs/about', qrsAboutSchema)).rejects.toMatchObject({
      code: 'xrfkey-rejected',
      message: expect.stringContaining('X-Qlik-Xrfkey'),
    });
  });
});

describe('QRS retries', () => {
  afterEach(() => site.setFaults({}));

  /** A client whose waits take no time; `onWait` stands in for what happens while it waits. */
  function retryingClient(onWait: (ms: number) => void = () => undefined, retry = {}) {
    const notices: RetryNotice[] = [];
    const keys: string[] = [];
    const qrs = createQrsClient(transport, certificateQrsRoute(transport), {
      retry,
      onNotice: (n) => notices.push(n),
      sleep: async (ms) => onWait(ms),
      random: () => 0.5,
      xrfkey: () => {
        keys.push(`key${String(keys.length).padStart(13, '0')}`);
        return keys.at(-1)!;
      },
    });
    return { qrs, notices, keys };
  }

  it('retries a 503 with a fresh xrfkey and gets the answer', async () => {
    site.setFaults({ restErrorEveryNth: 2 });
    const { qrs, notices, keys } = retryingClient();
    await qrs.getJson('/qrs/about', qrsAboutSchema);
    await expect(qrs.getJson('/qrs/about', qrsAboutSchema)).resolves.toMatchObject({ buildVersion: expect.any(String) });
    expect(site.stats.qrs.faults['rest-error']).toBe(1);
    expect(qrs.stats).toMatchObject({ requests: 3, retries: 1 });
    expect(notices).toEqual([{ kind: 'retry', endpoint: 'GET /qrs/about', attempt: 1, reason: 'server-error' }]);
    expect(new Set(keys).size).toBe(3);
  });

  it('gives up after the policy’s attempts with the server error named', async () => {
    site.setFaults({ restErrorEveryNth: 1, restErrorStatus: 502 });
    const { qrs } = retryingClient(undefined, { maxAttempts: 3 });
    await expect(qrs.getJson('/qrs/about', qrsAboutSchema)).rejects.toMatchObject({
      code: 'server-error',
      detail: expect.stringContaining('HTTP 502'),
    });
    expect(qrs.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it('waits out a 429 for as long as Retry-After asks, then goes on', async () => {
    site.setFaults({ tier1PerMinute: 1, retryAfterSeconds: 7 });
    const waits: number[] = [];
    const { qrs, notices } = retryingClient((ms) => {
      waits.push(ms);
      site.setFaults({}); // the limit lifts while the client waits
    });
    await qrs.getJson('/qrs/about', qrsAboutSchema);
    await expect(qrs.getJson('/qrs/about', qrsAboutSchema)).resolves.toMatchObject({ buildVersion: expect.any(String) });
    expect(waits).toEqual([7000]);
    expect(notices).toEqual([{ kind: 'rate-limited', endpoint: 'GET /qrs/about', waitMs: 7000 }]);
    expect(qrs.stats).toMatchObject({ rateLimitWaits: 1, retries: 0 });
  });

  it('refuses a Retry-After longer than a minute with the wait in the message', async () => {
    site.setFaults({ tier1PerMinute: 1, retryAfterSeconds: 600 });
    const { qrs } = retryingClient();
    await qrs.getJson('/qrs/about', qrsAboutSchema);
    const failure = qrs.getJson('/qrs/about', qrsAboutSchema);
    await expect(failure).rejects.toMatchObject({ code: 'rate-limited' });
    await expect(failure).rejects.toHaveProperty('message', expect.stringContaining('rate limiting these requests (asked to wait 600 s)'));
  });
});

describe('QPS sessions', () => {
  it('creates, lists with attributes grouped by name, and ends a user session', async () => {
    const created = await createProxySession(transport, {
      userDirectory: site.userDirectory,
      userId: site.userId,
      attributes: [{ Group: 'BI' }, { Group: 'Audit' }, { Role: 'Crawler' }],
    });
    const listed = await listUserSessions(transport, site.userDirectory, site.userId);
    const mine = listed.find((s) => s.sessionId === created.sessionId);
    expect(mine?.attributes).toEqual([
      { name: 'Group', values: ['BI', 'Audit'] },
      { name: 'Role', values: ['Crawler'] },
    ]);
    expect(mine?.userName).toBe(site.model.me.name);
    expect(await fetchCsrfToken(transport, created.sessionId)).toMatch(/\S{16,}/);
    expect(await endProxySession(transport, created.sessionId)).toBe(true);
    expect((await listUserSessions(transport, site.userDirectory, site.userId)).map((s) => s.sessionId)).not.toContain(created.sessionId);
    expect(await endProxySession(transport, created.sessionId)).toBe(false);
  });
});
