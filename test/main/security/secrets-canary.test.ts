/**
 * A canary API key used for real crawls must never be written or printed: not in the user data
 * folder (catalog + WAL/SHM, settings.json, connections.json), not in exports (JSON, XML, snapshot
 * files, lineage), not in the output of the CLI (progress, summaries, errors, a crawl killed by
 * SIGKILL), not in what serve sends its browser. Every file is scanned byte-wise.
 * test/main/crawl/crawl-demo.test.ts checks the catalog file of one in-process crawl; this widens it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createQlikTenantGateway } from '../../../src-main/connections/qlik-tenant-gateway';
import { startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import { startServe, type RunningServer } from '../../../src-main/serve/server';
import { makeTestService, memoryKeytar } from '../../support/service';
import { isCliBuilt, runCliChild } from '../reliability/cli-child';
import { canaryKey, containsCanary, filesHoldingCanary } from './canary';

const canary = canaryKey();
let tenant: DemoTenant;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'qme-canary-'));
  tenant = await startDemoTenant({ apps: 4, seed: 17, sheetsPerApp: 2, chartsPerSheet: 3, apiKey: canary });
});
afterAll(async () => {
  await tenant.close();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!isCliBuilt)('the CLI (built qme, key from QME_API_KEY)', () => {
  it('leaves no trace of the key in the data folder, the catalog, exports, snapshot files or any output', async () => {
    const userData = join(root, 'cli');
    const db = join(userData, 'catalog.sqlite');
    const env = { QME_API_KEY: canary, QME_USER_DATA: userData };
    const outputs: string[] = [];
    const qme = async (args: string[], expectedCode: number | null): Promise<void> => {
      const run = runCliChild(args, env);
      const exit = await run.exited;
      outputs.push(run.stdout(), run.stderr());
      if (expectedCode !== null) expect(exit.code, run.stderr()).toBe(expectedCode);
    };
    const crawl = ['crawl', '--url', tenant.url, '--db', db];

    await qme(crawl, 0);
    await qme([...crawl, '--json'], 0);
    await qme(['export', '--db', db, '--format', 'json', '--out', join(userData, 'export.json')], 0);
    await qme(['export', '--db', db, '--format', 'xml', '--out', join(userData, 'export.xml')], 0);
    await qme(['export', '--db', db, '--format', 'json'], 0);
    await qme(['export-snapshot', '--db', db, '--out', join(userData, 'latest.qmesnap')], 0);
    // Failures print their causes: per-app errors, then a crawl that stops, then one that the tenant refuses.
    tenant.setFaults({ dropSocketAfterCalls: 2 });
    await qme(crawl, 0);
    tenant.setFaults({ malformedJson: { rest: true } });
    await qme(crawl, 1);
    tenant.setFaults({ restErrorEveryNth: 1, restErrorStatus: 500 });
    await qme(crawl, 1);
    await qme(['crawl', '--url', tenant.url, '--db', db], null);
    tenant.setFaults({});
    // A crawl killed mid-run: whatever it had written or printed by then.
    tenant.setFaults({ latencyMs: 80 });
    const killed = runCliChild(crawl, env);
    await killed.started;
    await new Promise((resolve) => setTimeout(resolve, 400));
    killed.child.kill('SIGKILL');
    await killed.exited;
    outputs.push(killed.stdout(), killed.stderr());
    tenant.setFaults({});

    const { scanned, leaking } = filesHoldingCanary(userData, canary);
    expect(scanned.map((f) => f.slice(userData.length + 1))).toEqual(
      expect.arrayContaining(['catalog.sqlite', 'export.json', 'export.xml', 'latest.qmesnap']),
    );
    expect(leaking).toEqual([]);
    expect(outputs.join('').length).toBeGreaterThan(0);
    expect(outputs.filter((text) => containsCanary(text, canary))).toEqual([]);
  });
});

describe('the service over serve (saved connection, key in a fake keychain)', () => {
  let server: RunningServer;
  let made: ReturnType<typeof makeTestService>;
  const gateway = createQlikTenantGateway();
  const keytar = memoryKeytar();
  const received: string[] = [];
  const printed: string[] = [];
  let ws: WebSocket;
  let nextId = 1;

  beforeAll(async () => {
    made = makeTestService({ tenants: gateway, userDataDir: join(root, 'service'), keytar });
    server = await startServe({
      service: made.service,
      events: made.events,
      staticDir: join(root, 'no-renderer'),
      token: 'canary-test-token',
    });
    ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, {
      headers: { cookie: `qme_token=canary-test-token`, origin: `http://127.0.0.1:${server.port}` },
    });
    ws.on('message', (data) => received.push(String(data)));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  });
  afterAll(async () => {
    ws.close();
    await server.close();
    await made.close();
    await gateway.close();
  });

  function call<T>(name: string, args: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string } }> {
    const id = nextId++;
    return new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData): void => {
        const message = JSON.parse(String(data)) as { type: string; id?: number; envelope?: never };
        if (message.type === 'result' && message.id === id) {
          ws.off('message', onMessage);
          resolve(message.envelope as never);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, name, args }));
    });
  }

  function finishedCrawl(): Promise<{ status: string }> {
    return new Promise((resolve) => {
      const off = made.events.onAny((event, payload) => {
        if (event === 'crawl/finished') {
          off();
          resolve(payload as { status: string });
        }
      });
    });
  }

  it('never writes, returns, pushes or prints the key: crawls, a failing crawl, exports', async () => {
    const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
    const capture =
      (forward: typeof write.out) =>
      (chunk: unknown, ...rest: unknown[]): boolean => {
        printed.push(String(chunk));
        return (forward as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
      };
    process.stdout.write = capture(write.out) as typeof process.stdout.write;
    process.stderr.write = capture(write.err) as typeof process.stderr.write;
    try {
      const saved = await call<{ id: string; hasKey: boolean }>('connections/save', {
        name: 'Canary tenant',
        url: tenant.url,
        apiKey: canary,
      });
      expect(saved.ok).toBe(true);
      const connectionId = saved.value!.id;
      expect((await call('connections/validate', { id: connectionId })).ok).toBe(true);
      let done = finishedCrawl();
      expect((await call('crawl/start', { connectionId, mode: 'full' })).ok).toBe(true);
      expect((await done).status).toBe('complete');

      tenant.setFaults({ dropSocketAfterCalls: 2 });
      done = finishedCrawl();
      await call('crawl/start', { connectionId, mode: 'full' });
      expect((await done).status).toBe('complete');
      tenant.setFaults({ malformedJson: { rest: true } });
      done = finishedCrawl();
      await call('crawl/start', { connectionId, mode: 'full' });
      expect((await done).status).toBe('failed');
      tenant.setFaults({});

      await call('crawl/jobs', {});
      await call('connections/list', {});
      const snapshots = await call<Array<{ id: number; status: string }>>('catalog/snapshots', { connectionId });
      const snapshotId = snapshots.value!.find((s) => s.status === 'complete')!.id;
      expect((await call('snapshots/export-file', { snapshotId, path: join(made.userDataDir, 'exported.qmesnap') })).ok).toBe(true);
      expect((await call('snapshots/export-file', { snapshotId })).ok).toBe(true);
      expect((await call('lineage/export', { connectionId, format: 'json', scope: { kind: 'snapshot' } })).ok).toBe(true);
      expect((await call('lineage/export', { connectionId, format: 'openlineage', scope: { kind: 'snapshot' } })).ok).toBe(true);
    } finally {
      process.stdout.write = write.out;
      process.stderr.write = write.err;
      tenant.setFaults({});
    }

    expect([...keytar.entries.values()]).toContain(canary); // the keychain is the one place it lives
    const { scanned, leaking } = filesHoldingCanary(made.userDataDir, canary);
    expect(scanned.map((f) => f.slice(made.userDataDir.length + 1))).toEqual(
      expect.arrayContaining(['connections.json', 'exported.qmesnap']),
    );
    expect(leaking).toEqual([]);
    expect(received.length).toBeGreaterThan(5);
    expect(received.filter((m) => containsCanary(m, canary))).toEqual([]);
    expect(printed.filter((m) => containsCanary(m, canary))).toEqual([]);
  });
});

describe('the scanner itself', () => {
  it('finds the key as UTF-8, UTF-16 and inside base64 at any alignment (a scan that finds nothing proves nothing otherwise)', () => {
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      expect(containsCanary(Buffer.from(`Bearer ${prefix}${canary}x`).toString('base64'), canary)).toBe(true);
      expect(containsCanary(Buffer.from(`${prefix}${canary}`).toString('base64url'), canary)).toBe(true);
    }
    expect(containsCanary(Buffer.from(`{"k":"${canary}"}`, 'utf16le'), canary)).toBe(true);
    expect(containsCanary('qme-canary-something-else', canary)).toBe(false);
  });
});
