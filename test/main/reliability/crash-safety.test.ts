/**
 * kill -9 of a crawling process: the built `qme crawl` runs in a child process against an
 * in-process demo tenant slowed by latency, and is SIGKILLed at a seeded random moment. Reopening
 * the catalog must find the previous complete snapshot byte-for-byte intact, `PRAGMA
 * integrity_check` clean and the killed run marked 'interrupted'. `npm run soak` runs more seeds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../../src-main/catalog';
import { startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import { createRandom, deriveSeed } from '../../../src-main/demo-tenant/prng';
import { isCliBuilt, runCliChild } from './cli-child';
import { snapshotFingerprint } from './fault-kit';

const seeds = Array.from({ length: Number(process.env['QME_SOAK_KILL_SEEDS'] ?? 3) }, (_, i) => i + 1);
let dir: string;
let tenant: DemoTenant;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qme-kill-'));
  tenant = await startDemoTenant({ apps: 8, seed: 5, sheetsPerApp: 2, chartsPerSheet: 3 });
});
afterAll(async () => {
  await tenant.close();
  rmSync(dir, { recursive: true, force: true });
});

function crawlArgs(db: string): string[] {
  return ['crawl', '--url', tenant.url, '--db', db, '--concurrency', '2'];
}
const childEnv = (): NodeJS.ProcessEnv => ({ QME_API_KEY: tenant.apiKey, QME_USER_DATA: join(dir, 'user-data') });

describe.skipIf(!isCliBuilt)('kill -9 during a crawl (built CLI; run `npx electron-vite build` first)', () => {
  const recovered: number[] = [];

  for (const seed of seeds) {
    it(`seed ${seed}: the previous snapshot survives intact, the file is healthy, the run is marked interrupted`, async () => {
      const db = join(dir, `seed-${seed}.sqlite`);
      tenant.setFaults({});
      const first = runCliChild(crawlArgs(db), childEnv());
      expect((await first.exited).code, first.stderr()).toBe(0);

      let catalog = openCatalog(db);
      const connectionId = catalog.connections()[0]!.id;
      const previousId = catalog.latestCompleteSnapshotId(connectionId) as number;
      const before = snapshotFingerprint(catalog, previousId);
      catalog.close();

      // Slow enough (about 2 s) that the seeded moment lands anywhere from the first snapshot write to the commit.
      tenant.setFaults({ latencyMs: 120 });
      const killAfterMs = 150 + Math.floor(createRandom(deriveSeed(seed, 'kill')).next() * 1_250);
      const second = runCliChild(crawlArgs(db), childEnv());
      await second.started;
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      second.child.kill('SIGKILL');
      await second.exited;
      tenant.setFaults({});

      catalog = openCatalog(db);
      try {
        expect(catalog.integrityCheck()).toBe('ok');
        expect(snapshotFingerprint(catalog, previousId)).toBe(before);
        const latest = catalog.latestCompleteSnapshotId(connectionId) as number;
        // Killed after its commit, the new crawl is simply the latest; otherwise the previous one still is.
        if (latest !== previousId) expect(catalog.snapshot(latest).status).toBe('complete');
        for (const id of catalog.recoveredSnapshotIds) expect(catalog.snapshot(id).status).toBe('interrupted');
        recovered.push(...catalog.recoveredSnapshotIds);
      } finally {
        catalog.close();
      }
    });
  }

  it('at least one kill landed mid-crawl and was recovered as interrupted', () => {
    expect(recovered.length).toBeGreaterThan(0);
  });
});
