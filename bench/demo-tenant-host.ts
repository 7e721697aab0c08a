/**
 * The benchmark's demo tenant in its own process, so the tenant's CPU (generating and serialising
 * every app) is never charged to the crawler. Forked by bench/demo-tenant-process.ts with an IPC
 * channel: options come in argv[2] as JSON, commands come as messages, answers go back by id.
 */
import { startDemoTenant, type DemoTenantOptions } from '../src-main/demo-tenant';

export type HostCommand =
  | { readonly id: number; readonly op: 'appIds' }
  | { readonly id: number; readonly op: 'modifyApp' | 'deleteApp'; readonly appId: string }
  | { readonly id: number; readonly op: 'addApp' }
  | { readonly id: number; readonly op: 'resetStats' | 'stats' | 'cpu' }
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
