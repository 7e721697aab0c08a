/**
 * Catalog write cost per app, without the network (`BENCH_FILE=bench/catalog-write.bench-run.ts
 * npx vitest run --config bench/vitest.bench.config.ts`): the generator's truth for N demo apps
 * (10 sheets × 8 charts) written through the snapshot writer as a crawl does, lineage fragments
 * included, then committed (wall ms/app per phase, and CPU ms/app of the whole write). Options: BENCH_APPS (200), BENCH_ROUNDS (3).
 * A diagnostic for docs/performance.md, never part of `npm test`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { openCatalog } from '../src-main/catalog';
import { catalogPort } from '../src-main/crawl/catalog-adapter';
import type { AppContent, AppRecord } from '../src-main/crawl/records';
import { appContent, generateTenant } from '../src-main/demo-tenant';
import { appLineageFragment, LINEAGE_FRAGMENT_LAYOUT } from '../src-main/lineage';

const apps = Number(process.env['BENCH_APPS'] ?? 200);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);

it('catalog write cost', () => {
  const model = generateTenant({ seed: 4242, apps, sheetsPerApp: 10, chartsPerSheet: 8 });
  const inputs: Array<{ app: AppRecord; content: AppContent }> = model.apps.map((a) => ({
    app: a.record,
    content: appContent(model, a).truth,
  }));
  // Fresh copies per round: the writer must not depend on object identity.
  const copy = (): Array<{ app: AppRecord; content: AppContent }> => structuredClone(inputs);
  const lines: string[] = [`apps ${apps}, rounds ${rounds}`];
  for (let round = 0; round < rounds; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'qme-bench-write-'));
    const catalog = openCatalog(join(dir, 'bench.sqlite'));
    try {
      const work = copy();
      const port = catalogPort(catalog);
      const writer = port.beginSnapshot({
        connectionId: 'bench',
        connectionName: 'bench',
        tenant: { url: 'https://bench.example', kind: 'cloud', tenantId: null, userId: null, userName: null },
        kind: 'full',
      });
      let putMs = 0;
      let lineageMs = 0;
      const cpu0 = process.cpuUsage();
      for (const { app, content } of work) {
        let t = performance.now();
        writer.putApp(app, content);
        putMs += performance.now() - t;
        t = performance.now();
        writer.putAppLineage?.(app.id, LINEAGE_FRAGMENT_LAYOUT, () => appLineageFragment(app, content));
        lineageMs += performance.now() - t;
      }
      const t = performance.now();
      writer.commit();
      const commitMs = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      const per = (ms: number) => (ms / apps).toFixed(2);
      lines.push(
        `round ${round + 1}: putApp ${per(putMs)} ms/app, lineage ${per(lineageMs)} ms/app, ` +
          `commit ${Math.round(commitMs)} ms (search index included); CPU ${per((cpu.user + cpu.system) / 1000)} ms/app`,
      );
    } finally {
      catalog.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const out = process.env['BENCH_OUT'];
  if (out) writeFileSync(out, lines.join('\n'));
  else console.warn(lines.join('\n'));
});
