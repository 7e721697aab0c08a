import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { appContent, startDemoTenant } from '../../../src-main/demo-tenant';
import { engineSession, type Qix } from './engine-client';

describe('demo tenant at scale, over TLS, and deterministic on the wire', () => {
  it('a 1,000-app tenant starts and serves 8 concurrent engine sockets correctly', async () => {
    const tenant = await startDemoTenant({ seed: 4, apps: 1000, sheetsPerApp: 10, chartsPerSheet: 8 });
    try {
      expect(tenant.model.apps).toHaveLength(1000);
      const picks = [0, 137, 250, 499, 512, 777, 901, 999].map((i) => tenant.model.apps[i]!);
      const sheetCounts = await Promise.all(
        picks.map(async (demoApp) => {
          const session = engineSession(tenant, demoApp.record.id);
          const global: Qix = await session.open();
          const app: Qix = await global.openDoc(demoApp.record.id);
          const list: Qix = await app.createSessionObject({
            qInfo: { qType: 'SheetList' },
            qAppObjectListDef: { qType: 'sheet', qData: { cells: '/cells' } },
          });
          const items = (await list.getLayout()).qAppObjectList.qItems;
          const script = await app.getScript();
          await session.close();
          expect(script).toBe(appContent(tenant.model, demoApp).truth.script);
          return items.map((i: { qData: { cells: unknown[] } }) => i.qData.cells.length);
        }),
      );
      for (const counts of sheetCounts) expect(counts).toEqual(Array(10).fill(8));
      expect(Object.keys(tenant.stats.engineByApp)).toHaveLength(8);
    } finally {
      await tenant.close();
    }
  });

  it('same seed gives the same REST and engine answers; another seed does not', async () => {
    const snapshot = async (seed: number): Promise<unknown[]> => {
      const tenant = await startDemoTenant({ seed, apiKey: 'k' });
      try {
        const items = (await (await fetch(`${tenant.url}/api/v1/items?limit=100`, { headers: { Authorization: 'Bearer k' } })).json()) as {
          data: { resourceId: string; links: unknown }[];
        };
        const appId = items.data[2]!.resourceId;
        const session = engineSession(tenant, appId);
        const global: Qix = await session.open();
        const app: Qix = await global.openDoc(appId);
        const answers = [await app.getTablesAndKeys(), await app.getLineage(), await app.getAllInfos()];
        await session.close();
        return [items.data.map(({ links: _links, ...rest }) => rest), ...answers];
      } finally {
        await tenant.close();
      }
    };
    const a = await snapshot(21);
    expect(await snapshot(21)).toEqual(a);
    expect(await snapshot(22)).not.toEqual(a);
  });

  it('serves REST and wss over TLS signed by its own CA', async () => {
    const tenant = await startDemoTenant({ seed: 1, tls: true });
    try {
      expect(tenant.url.startsWith('https://')).toBe(true);
      expect(tenant.caCertPem).toContain('BEGIN CERTIFICATE');
      const appId = tenant.model.apps[0]!.record.id;
      const session = engineSession({ url: tenant.url, apiKey: tenant.apiKey, caCertPem: tenant.caCertPem! }, appId);
      const global: Qix = await session.open();
      const app: Qix = await global.openDoc(appId);
      expect((await app.getAppLayout()).qTitle).toBe(tenant.model.apps[0]!.record.name);
      await session.close();
      const https = await import('node:https');
      const status = await new Promise<number>((resolve, reject) => {
        https
          .get(`${tenant.url}/api/v1/users/me`, { ca: tenant.caCertPem, headers: { Authorization: `Bearer ${tenant.apiKey}` } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(status).toBe(200);
      const untrusted = new WebSocket(`${tenant.url.replace('https', 'wss')}/app/${appId}`, {
        headers: { Authorization: `Bearer ${tenant.apiKey}` },
      });
      await expect(new Promise((resolve, reject) => untrusted.on('open', resolve).on('error', reject))).rejects.toThrow(
        /self.signed|certificate/i,
      );
    } finally {
      await tenant.close();
    }
  });
});
