/** QRS xrfkey handling and the QPS session API against the client-managed demo. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startClientManagedDemo, type ClientManagedDemo } from '../../../src-main/demo-tenant/client-managed';
import { createClientManagedTransport, type ClientManagedTransport } from '../../../src-main/qlik/client-managed-options';
import { createProxySession, endProxySession, fetchCsrfToken, listUserSessions } from '../../../src-main/qlik/qps-session';
import { certificateQrsRoute, createQrsClient } from '../../../src-main/qlik/qrs-client';
import { qrsAboutSchema } from '../../../src-main/qlik/qrs-schemas';

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
