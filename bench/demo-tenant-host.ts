/**
 * The benchmark's demo tenant in its own process, so the tenant's CPU (generating and serialising
 * every app) is never charged to the crawler. Forked by bench/demo-tenant-process.ts with an IPC
 * channel: options come in argv[2] as JSON, commands come as messages, answers go back by id.
 * `warm` crawls the tenant from this process into a throwaway catalog, so a tenant started with
 * cacheAnswers has its answers ready while the crawler under test is still cold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog } from '../src-main/catalog';
import { catalogPort } from '../src-main/crawl/catalog-adapter';
import { runCrawl } from '../src-main/crawl/crawl-runner';
import { startDemoTenant, type DemoTenantOptions } from '../src-main/demo-tenant';

export type HostCommand =
  | { readonly id: number; readonly op: 'appIds' }
  | { readonly id: number; readonly op: 'modifyApp' | 'deleteApp'; readonly appId: string }
  | { readonly id: number; readonly op: 'addApp' }
  | { readonly id: number; readonly op: 'resetStats' | 'stats' | 'cpu' | 'warm' }
  | { readonly id: number; readonly op: 'answerCache'; readonly enabled: boolean }
  | { readonly id: number; readonly op: 'close' };

export type HostMessage =
  | { readonly type: 'ready'; readonly url: string; readonly apiKey: string }
  | { readonly type: 'reply'; readonly id: number; readonly result: unknown }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as DemoTenantOptions;
  const tenant = await startDemoTenant(options);
  const send = (message: HostMessage): void => {
    process.send?.(message);
  };
  const run = async (command: HostCommand): Promise<unknown> => {
    switch (command.op) {
      case 'appIds':
        return tenant.model.apps.map((a) => a.record.id);
      case 'modifyApp':
        return tenant.modifyApp(command.appId);
      case 'deleteApp':
        tenant.deleteApp(command.appId);
        return null;
      case 'addApp':
        return tenant.addApp();
      case 'resetStats':
        tenant.resetStats();
        return null;
      case 'stats':
        return tenant.stats;
      case 'cpu':
        return process.cpuUsage();
      case 'answerCache':
        tenant.setAnswerCache(command.enabled);
        return null;
      case 'warm': {
        const dir = mkdtempSync(join(tmpdir(), 'qme-bench-warm-'));
        const catalog = openCatalog(join(dir, 'warm.sqlite'));
        try {
          const options = { url: tenant.url, apiKey: tenant.apiKey, connectionId: 'warm', kind: 'demo' as const, mode: 'full' as const };
          const summary = await runCrawl(options, catalogPort(catalog), () => undefined);
          if (summary.status !== 'complete') throw new Error(`warm-up crawl ${summary.status}`);
          tenant.resetStats();
          return null;
        } finally {
          catalog.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }
      case 'close':
        await tenant.close();
        setImmediate(() => process.exit(0));
        return null;
    }
  };
  process.on('message', (command: HostCommand) => {
    run(command).then(
      (result) => send({ type: 'reply', id: command.id, result }),
      (error: unknown) => send({ type: 'failed', id: command.id, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The bench process went away: never outlive it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: tenant.url, apiKey: tenant.apiKey });
}

void main();
