/**
 * `npm run serve`: the app in any browser on this machine, over a loopback server with a
 * per-run token. Prints exactly one line: `Serving on http://127.0.0.1:PORT/?token=…`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EventBus } from '../api/event-bus';
import { startService } from '../api/service';
import { createQlikTenantGateway } from '../connections/qlik-tenant-gateway';
import { workerThreadCrawl } from '../crawl-jobs/crawl-starters';
import { createKeychain } from '../secrets/keychain';
import { defaultUserDataDir } from '../user-data';
import { startServe } from './server';

const usage = `Usage: npm run serve -- [--port P] [--demo] [--data-dir DIR]

  --port P        listen on 127.0.0.1:P (default: a free port)
  --demo          start the built-in demo tenant and crawl it on first run
  --data-dir DIR  keep the catalog and settings in DIR (default: the desktop app's folder)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage + '\n');
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`);

  const userDataDir = values['data-dir'] ?? defaultUserDataDir();
  const events = new EventBus();
  const tenants = createQlikTenantGateway();
  const handle = startService({
    userDataDir,
    host: 'serve',
    events,
    keychain: createKeychain(),
    tenants,
    crawl: workerThreadCrawl,
    crawlDemoOnFirstRun: values.demo,
  });
  const service = handle.service;
  const staticDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const server = await startServe({ service, events, staticDir, port });
  process.stdout.write(`Serving on ${server.url}\n`);

  const stop = (): void => {
    void Promise.all([server.close(), handle.close(), tenants.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`serve: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
  process.exit(1);
});
