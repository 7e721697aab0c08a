import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContent, startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';

let tenant: DemoTenant;
beforeAll(async () => {
  tenant = await startDemoTenant({ seed: 5 });
});
afterAll(async () => {
  await tenant.close();
});

async function get(path: string, key = tenant.apiKey): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${tenant.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
}

async function json<T = Record<string, unknown>>(path: string): Promise<T> {
  const res = await get(path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** Follows links.next.href verbatim, as @qlik/api does. */
async function all(path: string): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let next: string | undefined = path;
  let pages = 0;
  while (next) {
    const body: { data: Record<string, unknown>[]; links: { next?: { href: string } } } = await json(next);
    items.push(...body.data);
    next = body.links.next?.href;
    pages++;
  }
  return { items, pages };
}

describe('Qlik Cloud REST v1', () => {
  it('pages through every list via links.next with each service’s cursor', async () => {
    const m = tenant.model;
    const items = await all('/api/v1/items?resourceType=app&limit=5');
    expect(items.pages).toBe(3);
    expect(items.items.map((i) => i.resourceId)).toEqual(m.apps.map((a) => a.record.id));
    expect((await all('/api/v1/spaces?limit=2')).items.map((s) => s.id)).toEqual(m.spaces.map((s) => s.record.id));
    const connections = await all('/api/v1/data-connections?limit=2');
    expect(connections.items).toHaveLength(m.dataConnections.length);
    expect((await json<{ links: { next: { href: string } } }>('/api/v1/data-connections?limit=2')).links.next.href).toContain('page=');
    const automations = await all('/api/v1/automations?limit=1');
    expect(automations.items.map((a) => a.id)).toEqual(m.automations.map((a) => a.record.id));
    expect((await json<{ links: { next: { href: string } } }>('/api/workflows/automations?limit=1')).links.next.href).toContain('cursor=');
    for (const a of m.automations) {
      expect((await all(`/api/v1/automations/${a.record.id}/runs?limit=3`)).items).toHaveLength(a.record.runs.length);
      const detail = await json<{ workspace: unknown }>(`/api/workflows/automations/${a.record.id}`);
      expect(detail.workspace).toEqual(a.rawDefinition);
    }
    expect((await all('/api/v1/collections?limit=1')).items).toHaveLength(2);
    for (const c of m.collections) {
      expect((await all(`/api/v1/collections/${c.record.id}/items?limit=2`)).items.map((i) => i.resourceId)).toEqual(c.record.appIds);
    }
    const reloads = await all(`/api/v1/reloads?appId=${m.apps[0]!.record.id}&limit=2`);
    expect(reloads.items).toHaveLength(m.apps[0]!.reloads.length);
  });

  it('serves users/me, personal space meta, app attributes, metadata, lineage and thumbnails', async () => {
    const m = tenant.model;
    expect((await json('/api/v1/users/me')).id).toBe(m.me.id);
    expect((await json<{ meta: { personalSpace: unknown } }>('/api/v1/spaces')).meta.personalSpace).toBeTruthy();
    const personal = await all('/api/v1/items?resourceType=app&spaceId=personal&limit=100');
    expect(personal.items.map((i) => i.resourceId)).toEqual(m.apps.filter((a) => a.record.spaceId === null).map((a) => a.record.id));
    for (const app of m.apps) {
      const truth = appContent(m, app).truth;
      const attrs = (await json<{ attributes: Record<string, unknown> }>(`/api/v1/apps/${app.record.id}`)).attributes;
      expect(attrs.modifiedDate).toBe(app.record.modifiedDate);
      const meta = await json<{ tables: { name: string }[]; fields: { name: string; src_tables: string[] }[] }>(
        `/api/v1/apps/${app.record.id}/data/metadata`,
      );
      expect(meta.tables.map((t) => t.name)).toEqual(truth.tables.map((t) => t.name));
      expect(meta.fields.map((f) => [f.name, f.src_tables])).toEqual(truth.fields.map((f) => [f.name, f.tables]));
      expect(await json(`/api/v1/apps/${app.record.id}/data/lineage`)).toEqual(truth.engineLineage);
      const thumb = await get(`/api/v1/apps/${app.record.id}/media/thumbnail`);
      expect(thumb.status).toBe(app.record.thumbnailUrl ? 200 : 404);
      if (thumb.ok)
        expect(
          Buffer.from(await thumb.arrayBuffer())
            .subarray(1, 4)
            .toString(),
        ).toBe('PNG');
    }
  });

  it('rejects a bad or missing key with a Qlik-shaped 401, unknown ids with 404, bad limits with 400', async () => {
    const bad = await get('/api/v1/items', 'wrong');
    expect(bad.status).toBe(401);
    const body = (await bad.json()) as { errors: { code: string; title: string }[]; traceId: string };
    expect(body.errors[0]).toMatchObject({ code: 'HTTP-401', title: 'Unauthorized' });
    expect(body.traceId).toBeTruthy();
    expect((await fetch(`${tenant.url}/api/v1/users/me`)).status).toBe(401);
    expect((await get('/api/v1/apps/nope')).status).toBe(404);
    expect((await get('/api/v1/items?limit=0')).status).toBe(400);
    expect((await get('/api/v1/items?limit=101')).status).toBe(400);
  });

  it('modifyApp, addApp and deleteApp show up in the next crawl', async () => {
    const target = tenant.model.apps[2]!;
    const before = appContent(tenant.model, target).truth.sheets[0]!;
    const updated = tenant.modifyApp(target.record.id);
    expect(updated.modifiedDate! > target.record.modifiedDate!).toBe(true);
    const after = appContent(tenant.model, tenant.model.apps[2]!).truth.sheets[0]!;
    expect(after.id).toBe(before.id);
    expect(after.title).not.toBe(before.title);
    const added = tenant.addApp();
    expect((await json(`/api/v1/apps/${added.id}`)).attributes).toBeTruthy();
    tenant.deleteApp(added.id);
    expect((await get(`/api/v1/apps/${added.id}`)).status).toBe(404);
  });

  it('counts REST calls per route', async () => {
    tenant.resetStats();
    await json('/api/v1/users/me');
    await json(`/api/v1/apps/${tenant.model.apps[0]!.record.id}`);
    expect(tenant.stats.rest).toEqual({ 'GET /api/v1/users/me': 1, 'GET /api/v1/apps/{id}': 1 });
  });
});
