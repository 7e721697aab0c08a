/**
 * Faults injected by the demo tenant during real crawls (runCrawl over real sockets). Each case:
 * the crawl finishes or stops with a clear reason, every failed app is named with its cause, the
 * other apps are crawled, and the snapshot stored before is unchanged. Cases already proven in
 * test/main/crawl/crawl-demo.test.ts (every-7th 5xx, dropped sockets on every app, timeouts on
 * every app, cancel) are not repeated here; these add storms, persistent faults and delta crawls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlEvent, CrawlSummary } from '../../../src-main/crawl/crawl-events';
import { CONNECTION_ID, faultBench, snapshotFingerprint, storedApp, type FaultBench } from './fault-kit';

let bench: FaultBench;
let baselineId: number;
let baseline: string;

beforeAll(async () => {
  bench = await faultBench();
  const first = await bench.crawl();
  expect(first.status).toBe('complete');
  baselineId = first.snapshotId as number;
  baseline = snapshotFingerprint(bench.catalog, baselineId);
});
afterAll(async () => {
  await bench.close();
});

/** The first snapshot, stored before any fault, is byte-for-byte what it was, and the file is healthy. */
function expectBaselineIntact(): void {
  expect(snapshotFingerprint(bench.catalog, baselineId)).toBe(baseline);
  expect(bench.catalog.integrityCheck()).toBe('ok');
}

/** Runs a crawl expected to stop; the latest complete snapshot before it must stay the latest, unchanged. */
async function crawlThatStops(code: string): Promise<CrawlSummary> {
  const latestBefore = bench.catalog.latestCompleteSnapshotId(CONNECTION_ID) as number;
  const fingerprintBefore = snapshotFingerprint(bench.catalog, latestBefore);
  const summary = await bench.crawl();
  bench.tenant.setFaults({});
  expect(summary.status).toBe('failed');
  expect(summary.error?.code).toBe(code);
  expect(summary.error?.remedy.length).toBeGreaterThan(0);
  expect(bench.catalog.latestCompleteSnapshotId(CONNECTION_ID)).toBe(latestBefore);
  expect(snapshotFingerprint(bench.catalog, latestBefore)).toBe(fingerprintBefore);
  if (summary.snapshotId !== null) expect(bench.catalog.snapshot(summary.snapshotId).status).toBe('failed');
  expectBaselineIntact();
  return summary;
}

const appIds = (): string[] => bench.tenant.model.apps.map((a) => a.record.id);

describe('rate limits (429 + Retry-After)', () => {
  it('waits out a 429 storm as Retry-After asks, tells the user, and completes', async () => {
    bench.tenant.setFaults({ tier1PerMinute: 3, retryAfterSeconds: 1 });
    const lift = setTimeout(() => bench.tenant.setFaults({}), 1_500);
    const notices: string[] = [];
    const summary = await bench.crawl({}, (e) => e.type === 'notice' && notices.push(e.message));
    clearTimeout(lift);
    bench.tenant.setFaults({});
    expect(summary.error).toBeNull();
    expect(summary.status).toBe('complete');
    expect(summary.failures).toEqual([]);
    expect(summary.rateLimitWaits).toBeGreaterThan(0);
    expect(notices.some((n) => /Rate limited on GET \/api\/v1\/.+ waiting 1 s/.test(n))).toBe(true);
    expectBaselineIntact();
  });

  it('stops as rate-limited when the storm outlasts the waits one request may take, keeping the last snapshot', async () => {
    bench.tenant.setFaults({ tier1PerMinute: 1, retryAfterSeconds: 0.05 });
    await crawlThatStops('rate-limited');
  });
});

describe('server errors (5xx)', () => {
  it('retries a seeded burst of 502s and completes with every app', async () => {
    bench.tenant.setFaults({ restErrorRate: 0.25, restErrorStatus: 502 });
    bench.tenant.resetStats();
    const summary = await bench.crawl();
    bench.tenant.setFaults({});
    expect(summary.status).toBe('complete');
    expect(bench.tenant.stats.faults['rest-error'] ?? 0).toBeGreaterThan(0);
    expect(summary.failures).toEqual([]);
    expect(summary.counts.appsCrawled).toBe(appIds().length);
  });

  it('stops with server-error naming the endpoint when every REST call fails', async () => {
    bench.tenant.setFaults({ restErrorEveryNth: 1 });
    const summary = await crawlThatStops('server-error');
    expect(summary.error?.message).toMatch(/GET \/api\/v1\//);
  });
});

describe('malformed JSON and truncated frames', () => {
  it('a truncated REST body stops the crawl as malformed-response naming the endpoint', async () => {
    bench.tenant.setFaults({ malformedJson: { rest: true } });
    const summary = await crawlThatStops('malformed-response');
    expect(`${summary.error?.message} ${summary.error?.detail}`).toMatch(/GET \/api\/v1\/users\/me/);
  });

  it('a truncated engine frame fails each app as malformed-response naming the call, without an uncaught exception', async () => {
    bench.tenant.setFaults({ malformedJson: { engineMethods: ['GetTablesAndKeys'] } });
    const summary = await bench.crawl({ connectionId: 'malformed-engine' });
    bench.tenant.setFaults({});
    expect(summary.status).toBe('complete');
    expect(summary.failures.map((f) => f.appId).sort()).toEqual(appIds().sort());
    for (const failure of summary.failures) {
      expect(failure.error.code).toBe('malformed-response');
      expect(failure.error.detail).toMatch(/engine frame is not JSON/);
    }
    expectBaselineIntact();
  });
});

describe('delta crawls: an app that fails keeps its previous version, the others are carried over', () => {
  const cases = [
    { fault: 'a socket dropped mid-call', faults: { dropSocketAfterCalls: 2 }, code: 'connection-lost' },
    { fault: 'a reply that never comes', faults: { neverReplyMethods: ['GetScript'] }, code: 'timeout' },
    { fault: 'a truncated engine frame', faults: { malformedJson: { engineMethods: ['GetObjects'] } }, code: 'malformed-response' },
  ] as const;

  for (const c of cases) {
    it(`${c.fault} → ${c.code}`, async () => {
      const [changed, other] = bench.tenant.model.apps;
      const before = storedApp(bench.catalog, changed!.record.id);
      const otherBefore = storedApp(bench.catalog, other!.record.id);
      bench.tenant.modifyApp(changed!.record.id);
      bench.tenant.setFaults(c.faults);
      const summary = await bench.crawl({ mode: 'delta', requestTimeoutMs: 400 });
      bench.tenant.setFaults({});
      expect(summary.status).toBe('complete');
      expect(summary.failures.map((f) => [f.appId, f.appName, f.error.code])).toEqual([[changed!.record.id, changed!.record.name, c.code]]);
      expect(summary.counts.appsCarriedOver).toBe(appIds().length - 1);
      expect(storedApp(bench.catalog, changed!.record.id)).toBe(before);
      expect(storedApp(bench.catalog, other!.record.id)).toBe(otherBefore);
      expectBaselineIntact();
      // The next delta crawl, without the fault, picks the app up again.
      const healed = await bench.crawl({ mode: 'delta' });
      expect(healed.failures).toEqual([]);
      expect(healed.counts.appsCrawled).toBe(1);
    });
  }
});

describe('apps that vanish or refuse', () => {
  it('an app deleted between listing and opening fails as app-not-found while the others are crawled', async () => {
    const victim = bench.tenant.model.apps[2]!.record;
    let deleted = false;
    const onEvent = (e: CrawlEvent): void => {
      // The app is listed and its walk is starting: delete it before OpenDoc reaches the engine.
      if (!deleted && e.type === 'progress' && e.currentApp?.id === victim.id) {
        deleted = true;
        bench.tenant.deleteApp(victim.id);
      }
    };
    const summary = await bench.crawl({ connectionId: 'vanishing', concurrency: 1 }, onEvent);
    expect(deleted).toBe(true);
    expect(summary.status).toBe('complete');
    expect(summary.failures.map((f) => [f.appId, f.appName, f.error.code])).toEqual([[victim.id, victim.name, 'app-not-found']]);
    expect(summary.failures[0]?.error.remedy).toMatch(/deleted since it was listed/);
    expect(summary.counts.appsCrawled).toBe(bench.tenant.model.apps.length);
    expectBaselineIntact();
  });

  it('mixed faults in one crawl (open denied, not found, script denied, 5xx burst): each failed app named with its own cause', async () => {
    const [a, b, c] = bench.tenant.model.apps.map((x) => x.record);
    bench.tenant.setFaults({
      openDeniedAppIds: [a!.id],
      notFoundAppIds: [b!.id],
      accessDeniedAppIds: [c!.id],
      restErrorRate: 0.2,
      restErrorStatus: 503,
    });
    const summary = await bench.crawl({ connectionId: 'mixed' });
    bench.tenant.setFaults({});
    expect(summary.status).toBe('complete');
    expect(Object.fromEntries(summary.failures.map((f) => [f.appName, f.error.code]))).toEqual({
      [a!.name]: 'app-access-denied',
      [b!.name]: 'app-not-found',
    });
    expect(summary.counts.appsCrawled).toBe(bench.tenant.model.apps.length - 2);
    expect(bench.catalog.appDetail(c!.id, { connectionId: 'mixed' }).scriptError?.code).toBe('app-access-denied');
    expectBaselineIntact();
  });
});
