/** `qme demo-tenant --client-managed`: the demo as a client-managed site (docs/client-managed.md). */
import { startClientManagedDemo } from '../../demo-tenant/client-managed';
import { UsageError, type CliIo, parseFlags } from '../command';

export const clientManagedDemoUsage = `
qme demo-tenant --client-managed [--apps N] [--seed S] [--virtual-proxy P] [--session-ttl-s T]
                                [--private-sheets N]
  Serves QRS, the QPS session API and the engine with mutual TLS (a generated CA), and a proxy
  port with virtual proxy P (default "crawler"). Prints one JSON line {"host", "qrsPort",
  "enginePort", "qpsPort", "proxyPort", "virtualProxy", "certDir", "userDirectory", "userId"};
  certDir holds client.pem, client_key.pem and root.pem and is removed on exit.
  --private-sheets N: each app's last N sheets are private sheets of another user: the
  repository lists them, the engine does not show them to the crawl account.`;

export async function runClientManagedDemoTenant(argv: readonly string[], io: CliIo, stopped: Promise<void>): Promise<number> {
  const values = parseFlags(argv, {
    'client-managed': { type: 'boolean' },
    apps: { type: 'string' },
    seed: { type: 'string' },
    'virtual-proxy': { type: 'string' },
    'session-ttl-s': { type: 'string' },
    'private-sheets': { type: 'string' },
  });
  const count = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, not "${value}".`);
    return Number(value);
  };
  const apps = count('apps', values.apps);
  const seed = count('seed', values.seed);
  const ttl = count('session-ttl-s', values['session-ttl-s']);
  const privateSheets = count('private-sheets', values['private-sheets']);
  const site = await startClientManagedDemo({
    ...(apps !== undefined ? { apps } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(values['virtual-proxy'] !== undefined ? { virtualProxy: values['virtual-proxy'] } : {}),
    ...(ttl !== undefined ? { sessionTtlMs: ttl * 1000 } : {}),
  });
  if (privateSheets) site.setFaults({ hiddenSheetsPerApp: privateSheets });
  const { host, qrsPort, enginePort, qpsPort, proxyPort, virtualProxy, certDir, userDirectory, userId } = site;
  io.stdout(JSON.stringify({ host, qrsPort, enginePort, qpsPort, proxyPort, virtualProxy, certDir, userDirectory, userId }) + '\n');
  await stopped;
  await site.close();
  return 0;
}
