/**
 * A client-managed connection through the service contract, as the app uses it: saved with its
 * settings (the passphrase to the keychain only), validated, crawled by a crawl job, and its proxy
 * sessions listed and ended.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/api/dispatch';
import type { ConnectionView } from '../../../src-main/api/types/connections';
import { createQlikTenantGateway } from '../../../src-main/connections/qlik-tenant-gateway';
import { startClientManagedDemo, type ClientManagedDemo } from '../../../src-main/demo-tenant/client-managed';
import type { ProxySessionInfo } from '../../../src-main/qlik/qps-session';
import { makeTestService, memoryKeytar, callValue, nextFinishedCrawl } from '../../support/service';

let site: ClientManagedDemo;
const tenants = createQlikTenantGateway();
const keytar = memoryKeytar();
let made: ReturnType<typeof makeTestService>;

beforeAll(async () => {
  site = await startClientManagedDemo({ apps: 4 });
  made = makeTestService({ tenants, keytar });
});
afterAll(async () => {
  await made.close();
  await tenants.close();
  await site.close();
});

describe('client-managed connection in the app', () => {
  let connection: ConnectionView;

  it('saves its settings (the passphrase only in the keychain), validates and crawls', async () => {
    connection = await callValue<ConnectionView>(made.service, 'connections/save', {
      name: 'Sense on-prem',
      kind: 'client-managed',
      url: `https://${site.host}:${site.proxyPort}/${site.virtualProxy}`,
      clientManaged: {
        host: site.host,
        virtualProxy: site.virtualProxy,
        certDir: site.certDir,
        userDirectory: site.userDirectory,
        userId: site.userId,
        auth: 'proxy-session',
        ports: { qrs: site.qrsPort, engine: site.enginePort, qps: site.qpsPort, proxy: site.proxyPort },
      },
      apiKey: 'passphrase-canary-3e1f',
    });
    expect(readFileSync(join(made.userDataDir, 'connections.json'), 'utf8')).not.toContain('passphrase-canary-3e1f');
    expect([...keytar.entries.values()]).toContain('passphrase-canary-3e1f');

    const validated = await callValue<ConnectionView>(made.service, 'connections/validate', { id: connection.id });
    expect(validated.error).toBeNull();
    expect(validated.identity).toContain(`${site.userDirectory}\\${site.userId}`);

    const done = nextFinishedCrawl(made.events);
    await callValue(made.service, 'crawl/start', { connectionId: connection.id, mode: 'full' });
    const job = await done;
    expect(job.error).toBeNull();
    expect(job.summary?.counts.appsCrawled).toBe(4);
  });

  it('lists a user’s proxy sessions with attributes and ends one', async () => {
    const made1 = site.sessions.add({ userDirectory: site.userDirectory, userId: site.userId, attributes: [{ Group: 'BI' }] });
    const listed = await callValue<ProxySessionInfo[]>(made.service, 'sessions/list', {
      connectionId: connection.id,
      userDirectory: site.userDirectory,
      userId: site.userId,
    });
    expect(listed.map((s) => s.sessionId)).toContain(made1.sessionId);
    expect(listed.find((s) => s.sessionId === made1.sessionId)?.attributes).toEqual([{ name: 'Group', values: ['BI'] }]);
    await expect(callValue(made.service, 'sessions/end', { connectionId: connection.id, sessionId: made1.sessionId })).resolves.toEqual({
      ended: true,
    });
    expect(site.sessions.peek(made1.sessionId)).toBeUndefined();
  });

  it('sessions/* on a Cloud connection says proxy sessions are client-managed only', async () => {
    const result = await dispatch(made.service, 'sessions/list', { connectionId: 'demo', userDirectory: 'A', userId: 'b' });
    expect(result.ok ? null : result.error.code).toBe('invalid-arguments');
  });
});
