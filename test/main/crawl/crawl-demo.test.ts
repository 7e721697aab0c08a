/**
 * The crawler against the demo tenant over real sockets (REST + QIX via enigma.js + ws).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../../src-main/catalog';
import { startDemoTenant, type DemoTenant, type DemoTenantOptions, type FaultConfig } from '../../../src-main/demo-tenant';
import { catalogPort } from '../../../src-main/crawl/catalog-adapter';
import type { CrawlEvent, CrawlRunOptions } from '../../../src-main/crawl/crawl-events';
import { runCrawl } from '../../../src-main/crawl/crawl-runner';
import { createRestClient } from '../../../src-main/qlik/rest-client';
import { spaceSchema, userSchema } from '../../../src-main/qlik/rest-schemas';
import { expectCrawledAsGenerated, recording } from '../../support/crawl-recording';

const CANARY = 'qme-canary-7f3a9c2e5b1d4f60';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qme-crawl-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function options(tenant: DemoTenant, over: Partial<CrawlRunOptions> = {}): CrawlRunOptions {
  return { url: tenant.url, apiKey: tenant.apiKey, connectionId: 'demo', kind: 'demo', mode: 'full', concurrency: 4, ...over };
}

/** A full crawl of a fresh demo tenant that must read it as generated; `check` sees the tenant before it closes. */
async function crawlFreshTenant(tenantOptions: DemoTenantOptions, file: string, check: (tenant: DemoTenant) => void): Promise<void> {
  const tenant = await startDemoTenant({ apiKey: CANARY, ...tenantOptions });
  const catalog = openCatalog(join(dir, file));
  try {
    const rec = recording(catalogPort(catalog));
    const summary = await runCrawl(options(tenant), rec.port, () => undefined);
    expect(summary.status).toBe('complete');
    expectCrawledAsGenerated(tenant.model, rec.contents, rec.records);
    check(tenant);
  } finally {
    catalog.close();
    await tenant.close();
  }
}

describe('crawl of an engine whose GetObjects omits master items and that lacks GetVariables/GetBookmarks', () => {
  it('falls back to one list session object, reads the same content and stays within 12 calls per app', async () => {
    const faults = { getObjectsOmitsLibraryItems: true, unsupportedMethods: ['GetVariables', 'GetBookmarks'] };
    await crawlFreshTenant({ apps: 4, seed: 7, sheetsPerApp: 2, chartsPerSheet: 4, faults }, 'fallback.sqlite', (tenant) => {
      const calls = tenant.model.apps.map((app) => tenant.stats.engineByApp[app.record.id] ?? 0);
      expect(Math.max(...calls)).toBeLessThanOrEqual(12);
      expect(tenant.stats.engine['CreateSessionObject']).toBe(tenant.model.apps.length);
    });
  });
});

describe('owner names', () => {
  it('come from GET /users/{id}, once per owner, when the key may not list users', async () => {
    await crawlFreshTenant({ apps: 6, seed: 3, faults: { userListForbidden: true } }, 'owner-names.sqlite', (tenant) => {
      const owners = new Set(tenant.model.apps.map((a) => a.record.ownerId));
      expect(tenant.stats.rest['GET /api/v1/users']).toBe(1);
      expect(tenant.stats.rest['GET /api/v1/users/{id}']).toBe(owners.size);
    });
  });
});

describe('round trips per app', () => {
  // With a reply latency, requests sent back to back always reach the tenant before any answer,
  // so the tenant's round-trip count is exact.
  const crawlWith = async (faults: FaultConfig | undefined) => {
    const tenant = await startDemoTenant({ apps: 3, seed: 11, sheetsPerApp: 2, chartsPerSheet: 3, apiKey: CANARY, latencyMs: 20, faults });
    const catalog = openCatalog(join(dir, `round-trips-${Object.keys(faults ?? {}).join('-') || 'none'}.sqlite`));
    try {
      const rec = recording(catalogPort(catalog));
      const summary = await runCrawl(options(tenant), rec.port, () => undefined);
      expect(summary.status).toBe('complete');
      expect(summary.failures).toEqual([]);
      expectCrawledAsGenerated(tenant.model, rec.contents, rec.records);
      return tenant.model.apps.map((app) => ({
        roundTrips: tenant.stats.engineRoundTripsByApp[app.record.id] ?? 0,
        calls: tenant.stats.engineByApp[app.record.id] ?? 0,
      }));
    } finally {
      catalog.close();
      await tenant.close();
    }
  };

  it('OpenDoc and the batch travel together: one round trip, eight calls', async () => {
    expect(new Set((await crawlWith(undefined)).map((a) => `${a.roundTrips} rt, ${a.calls} calls`))).toEqual(new Set(['1 rt, 8 calls']));
  });

  it('an engine that puts the Doc on another handle costs a second round trip, not a wrong answer', async () => {
    const perApp = await crawlWith({ docHandle: 7 });
    // The seven early calls hit handle 1 and are refused; the batch is sent again to handle 7.
    expect(new Set(perApp.map((a) => `${a.roundTrips} rt, ${a.calls} calls`))).toEqual(new Set(['2 rt, 15 calls']));
  });

  it('an engine that refuses requests until the Doc is open gets the batch again after OpenDoc', async () => {
    const perApp = await crawlWith({ docOpensAfterReply: true });
    expect(new Set(perApp.map((a) => `${a.roundTrips} rt, ${a.calls} calls`))).toEqual(new Set(['2 rt, 15 calls']));
  });

  it('so does one that refuses them with another engine error ("App invalid")', async () => {
    const perApp = await crawlWith({ docOpensAfterReply: 'app-invalid' });
    expect(new Set(perApp.map((a) => `${a.roundTrips} rt, ${a.calls} calls`))).toEqual(new Set(['2 rt, 15 calls']));
  });
});

describe('a bench tenant that keeps its answers', () => {
  it('serves a second crawl from its cache with the same content, and a modified app afresh', async () => {
    const tenant = await startDemoTenant({ apps: 3, seed: 5, sheetsPerApp: 2, chartsPerSheet: 3, apiKey: CANARY, cacheAnswers: true });
    const catalog = openCatalog(join(dir, 'cached-answers.sqlite'));
    try {
      const crawl = async () => {
        const rec = recording(catalogPort(catalog));
        const summary = await runCrawl(options(tenant), rec.port, () => undefined);
        expect(summary.status).toBe('complete');
        expectCrawledAsGenerated(tenant.model, rec.contents, rec.records);
      };
      await crawl();
      expect(tenant.stats.engineCachedAnswers).toBe(0);
      const modified = tenant.modifyApp((tenant.model.apps[0] as (typeof tenant.model.apps)[number]).record.id);
      tenant.resetStats();
      await crawl();
      // Seven Doc calls per app; the modified app's content is new, so its answers are not reused.
      expect(tenant.stats.engineCachedAnswers).toBe(7 * (tenant.model.apps.length - 1));
      expect(tenant.stats.engineByApp[modified.id]).toBe(8);
    } finally {
      catalog.close();
      await tenant.close();
    }
  });
});

describe('crawl of the demo tenant', () => {
  let tenant: DemoTenant;
  let catalog: Catalog;
  const file = () => join(dir, 'full.sqlite');

  beforeAll(async () => {
    tenant = await startDemoTenant({ apps: 8, seed: 7, sheetsPerApp: 3, chartsPerSheet: 8, apiKey: CANARY });
    catalog = openCatalog(file());
  });
  afterAll(async () => {
    catalog.close();
    await tenant.close();
  });

  it('full crawl content equals the generator truth, app by app', async () => {
    const rec = recording(catalogPort(catalog));
    const events: CrawlEvent[] = [];
    const summary = await runCrawl(options(tenant), rec.port, (e) => events.push(e));
    expect(summary.error).toBeNull();
    expect(summary.status).toBe('complete');
    expect(summary.counts.appsCrawled).toBe(tenant.model.apps.length);
    expectCrawledAsGenerated(tenant.model, rec.contents, rec.records);
    expect(events.some((e) => e.type === 'progress' && e.phase === 'apps')).toBe(true);
    // Listed per space type from both ends, side by side: every app was found, whichever type its space has.
    expect(tenant.stats.restByFilter['GET /api/v1/items?limit&noActions&resourceType&sort&spaceType']).toBeGreaterThanOrEqual(4);
    const spaceTypes = new Set(
      tenant.model.apps.map((a) => tenant.model.spaces.find((s) => s.record.id === a.record.spaceId)?.record.type ?? 'personal'),
    );
    expect(spaceTypes.size).toBeGreaterThan(1);
  });

  it('keeps engine calls per app at 12 or fewer, however many charts', () => {
    const calls = tenant.model.apps.map((app) => tenant.stats.engineByApp[app.record.id] ?? 0);
    expect(Math.max(...calls)).toBeLessThanOrEqual(12);
    expect(Math.min(...calls)).toBeGreaterThan(0);
  });

  it('reads each app with eight calls: OpenDoc and one pipelined batch of seven', () => {
    const calls = tenant.model.apps.map((app) => tenant.stats.engineByApp[app.record.id] ?? 0);
    expect(new Set(calls)).toEqual(new Set([8]));
    expect(tenant.stats.engine['CreateSessionObject'] ?? 0).toBe(0);
  });

  it('writes spaces, collections, masked data connections and automations without secrets', () => {
    const content = catalog.snapshotContent({ connectionId: 'demo' });
    expect(content.spaces.length).toBe(tenant.model.spaces.length);
    expect(content.collections.map((c) => c.id).sort()).toEqual(tenant.model.collections.map((c) => c.record.id).sort());
    expect(content.automations.map((a) => a.strippedSecrets)).toEqual(
      content.automations.map((a) => tenant.model.automations.find((t) => t.record.id === a.id)?.record.strippedSecrets),
    );
    for (const a of tenant.model.automations) expect(JSON.stringify(content.automations)).not.toContain(a.executionToken);
    expect(content.apps).toHaveLength(tenant.model.apps.length);
    expect(content.lineage.edges.length).toBeGreaterThan(0);
  });

  it('the API key never reaches the catalog file', () => {
    catalog.close();
    for (const suffix of ['', '-wal']) {
      try {
        expect(readFileSync(file() + suffix).includes(Buffer.from(CANARY))).toBe(false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    catalog = openCatalog(file());
  });

  it('delta crawl after modify/add/delete reopens only changed and new apps and drops deleted ones', async () => {
    const [first, second] = tenant.model.apps;
    const modified = tenant.modifyApp(first!.record.id);
    tenant.deleteApp(second!.record.id);
    const added = tenant.addApp();
    tenant.resetStats();
    const summary = await runCrawl(options(tenant, { mode: 'delta' }), catalogPort(catalog), () => undefined);
    expect(summary.status).toBe('complete');
    expect(Object.keys(tenant.stats.engineByApp).sort()).toEqual([modified.id, added.id].sort());
    expect(summary.deletedAppIds).toEqual([second!.record.id]);
    expect(summary.counts.appsCarriedOver).toBe(tenant.model.apps.length - 2);
    const apps = catalog.apps({ connectionId: 'demo' }).map((a) => a.id);
    expect(apps).not.toContain(second!.record.id);
    expect(apps).toContain(added.id);
  });

  it('selected spaces crawl only the apps in those spaces', async () => {
    const spaceId = tenant.model.apps.find((a) => a.record.spaceId)!.record.spaceId as string;
    tenant.resetStats();
    const summary = await runCrawl(
      options(tenant, { connectionId: 'demo-space', scope: { spaceIds: [spaceId] }, crawlSpacesAndCollections: false }),
      catalogPort(catalog),
      () => undefined,
    );
    const expected = tenant.model.apps
      .filter((a) => a.record.spaceId === spaceId)
      .map((a) => a.record.id)
      .sort();
    expect(summary.counts.appsCrawled).toBe(expected.length);
    expect(Object.keys(tenant.stats.engineByApp).sort()).toEqual(expected);
  });
});

describe('crawl failures and faults', () => {
  let tenant: DemoTenant;
  let catalog: Catalog;

  beforeAll(async () => {
    tenant = await startDemoTenant({ apps: 6, seed: 11, sheetsPerApp: 2, chartsPerSheet: 4 });
    catalog = openCatalog(join(dir, 'faults.sqlite'));
  });
  afterAll(async () => {
    catalog.close();
    await tenant.close();
  });

  it('records access denied and not found per app with their cause while the others are crawled', async () => {
    const [a, b, c] = tenant.model.apps;
    tenant.setFaults({ openDeniedAppIds: [a!.record.id], notFoundAppIds: [b!.record.id], accessDeniedAppIds: [c!.record.id] });
    const summary = await runCrawl(options(tenant, { connectionId: 'f1' }), catalogPort(catalog), () => undefined);
    tenant.setFaults({});
    expect(summary.status).toBe('complete');
    const byApp = Object.fromEntries(summary.failures.map((f) => [f.appId, f.error.code]));
    expect(byApp).toEqual({ [a!.record.id]: 'app-access-denied', [b!.record.id]: 'app-not-found' });
    expect(summary.counts.appsCrawled).toBe(tenant.model.apps.length - 2);
    const detail = catalog.appDetail(c!.record.id, { connectionId: 'f1' });
    expect(detail.scriptError?.code).toBe('app-access-denied');
  });

  it('retries injected 5xx answers and completes', async () => {
    tenant.setFaults({ restErrorEveryNth: 7 });
    const summary = await runCrawl(options(tenant, { connectionId: 'f2', concurrency: 2 }), catalogPort(catalog), () => undefined);
    tenant.setFaults({});
    expect(summary.error).toBeNull();
    expect(summary.status).toBe('complete');
    expect(tenant.stats.faults['rest-error'] ?? 0).toBeGreaterThan(0);
    expect(summary.failures).toEqual([]);
  });

  it("waits as long as the tenant's Retry-After asks on 429, then goes on", async () => {
    tenant.setFaults({ tier1PerMinute: 1 });
    const waits: number[] = [];
    const rest = createRestClient({
      url: tenant.url,
      apiKey: tenant.apiKey,
      // Lift the limit while "waiting", so the test does not sleep for a minute.
      sleep: async (ms) => {
        waits.push(ms);
        tenant.setFaults({});
      },
    });
    try {
      await rest.getJson('/api/v1/users/me', userSchema);
      expect((await rest.listAll('/api/v1/spaces', spaceSchema)).length).toBe(tenant.model.spaces.length);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(0);
      expect(waits[0]).toBeLessThanOrEqual(60_000);
      expect(tenant.stats.faults['rate-limit']).toBe(1);
    } finally {
      await rest.close();
      tenant.setFaults({});
    }
  });

  it('a dropped socket fails that app with its cause while the others are crawled', async () => {
    tenant.setFaults({ dropSocketAfterCalls: 3 });
    const summary = await runCrawl(options(tenant, { connectionId: 'f3' }), catalogPort(catalog), () => undefined);
    tenant.setFaults({});
    expect(summary.status).toBe('complete');
    expect(summary.failures.length).toBe(tenant.model.apps.length);
    expect(new Set(summary.failures.map((f) => f.error.code))).toEqual(new Set(['connection-lost']));
  });

  it('a never-answering engine call times out that app only', async () => {
    tenant.setFaults({ neverReplyMethods: ['GetTablesAndKeys'] });
    const summary = await runCrawl(options(tenant, { connectionId: 'f4', requestTimeoutMs: 300 }), catalogPort(catalog), () => undefined);
    tenant.setFaults({});
    expect(summary.failures.map((f) => f.error.code)).toEqual(tenant.model.apps.map(() => 'timeout'));
  });

  it('cancel mid-crawl ends as cancelled and leaves the previous snapshot intact', async () => {
    const first = await runCrawl(options(tenant, { connectionId: 'f5' }), catalogPort(catalog), () => undefined);
    expect(first.status).toBe('complete');
    tenant.setFaults({ latencyMs: 40 });
    const controller = new AbortController();
    const summary = await runCrawl(
      options(tenant, { connectionId: 'f5', concurrency: 1 }),
      catalogPort(catalog),
      (e) => {
        if (e.type === 'progress' && e.appsDone >= 1) controller.abort();
      },
      controller.signal,
    );
    tenant.setFaults({});
    expect(summary.status).toBe('cancelled');
    expect(catalog.latestCompleteSnapshotId('f5')).toBe(first.snapshotId);
    expect(catalog.snapshot(summary.snapshotId as number).status).toBe('cancelled');
  });
});

describe('TLS with a private CA', () => {
  it('without the CA the crawl fails as tls-untrusted; with it, it works', async () => {
    const tenant = await startDemoTenant({ apps: 2, seed: 3, tls: true, sheetsPerApp: 1, chartsPerSheet: 2 });
    const catalog = openCatalog(join(dir, 'tls.sqlite'));
    try {
      const refused = await runCrawl(options(tenant, { connectionId: 'tls' }), catalogPort(catalog), () => undefined);
      expect(refused.status).toBe('failed');
      expect(refused.error?.code).toBe('tls-untrusted');
      expect(refused.error?.remedy).toMatch(/CA file/);
      const trusted = await runCrawl(
        options(tenant, { connectionId: 'tls', caPem: tenant.caCertPem }),
        catalogPort(catalog),
        () => undefined,
      );
      expect(trusted.error).toBeNull();
      expect(trusted.counts.appsCrawled).toBe(2);
    } finally {
      catalog.close();
      await tenant.close();
    }
  });
});
