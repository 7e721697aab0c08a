/**
 * The app listing against the demo tenant: per space type, each read from both ends by creation
 * time until the two cross. Complete whatever the tie order, and plain again where the server
 * does not sort.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import { appItemPages } from '../../../src-main/crawl/tenant-inventory';
import { createRestClient } from '../../../src-main/qlik/rest-client';

let tenant: DemoTenant | null = null;
afterEach(async () => {
  await tenant?.close();
  tenant = null;
});

async function listAll(t: DemoTenant): Promise<string[]> {
  const rest = createRestClient({ url: t.url, apiKey: t.apiKey });
  try {
    const ids: string[] = [];
    for await (const page of appItemPages(rest)) ids.push(...page.map((item) => item.resourceId));
    return ids;
  } finally {
    await rest.close();
  }
}

const pagesWith = (t: DemoTenant, filter: string): number =>
  t.stats.restByFilter[
    `GET /api/v1/items?${['limit', 'noActions', 'resourceType', 'spaceType', ...filter.split('&')].filter(Boolean).sort().join('&')}`
  ] ?? 0;

describe('app listing from both ends', () => {
  it('finds every app, reading about half the pages of the largest space type in each direction', async () => {
    tenant = await startDemoTenant({ apps: 430, seed: 3, sheetsPerApp: 1, chartsPerSheet: 1 });
    const ids = await listAll(tenant);
    expect(new Set(ids)).toEqual(new Set(tenant.model.apps.map((a) => a.record.id)));
    // The shared spaces hold almost every app: 5 pages in a row on one cursor, 3 per direction here.
    const upwards = pagesWith(tenant, 'sort');
    expect(upwards).toBeGreaterThanOrEqual(8); // both directions of four space types, at least one page each
    expect(upwards).toBeLessThan(8 + 5 * 2);
  });

  it('stays complete when many apps share one creation time', async () => {
    tenant = await startDemoTenant({ apps: 330, seed: 3, sheetsPerApp: 1, chartsPerSheet: 1 });
    // A block of 150 apps created in the same second, across the middle of the order.
    const sorted = [...tenant.model.apps].sort((a, b) => a.itemCreatedAt.localeCompare(b.itemCreatedAt));
    const tie = (sorted[100] as (typeof sorted)[number]).itemCreatedAt;
    for (const app of sorted.slice(90, 240)) (app as { itemCreatedAt: string }).itemCreatedAt = tie;
    const ids = await listAll(tenant);
    expect(new Set(ids)).toEqual(new Set(tenant.model.apps.map((a) => a.record.id)));
  });

  it('falls back to one plain cursor when the server ignores the sort it was asked for', async () => {
    tenant = await startDemoTenant({ apps: 330, seed: 3, sheetsPerApp: 1, chartsPerSheet: 1, faults: { itemSortIgnored: true } });
    const ids = await listAll(tenant);
    expect(new Set(ids)).toEqual(new Set(tenant.model.apps.map((a) => a.record.id)));
    expect(pagesWith(tenant, '')).toBeGreaterThan(0);
  });
});
