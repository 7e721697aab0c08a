/** `qme demo-tenant`: the Qlik Cloud simulator, standalone (docs/demo-tenant.md). */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDemoSeed, startDemoTenant } from '../../demo-tenant';
import { UsageError, type CliCommand, type CliIo, parseFlags } from '../command';
import { clientManagedDemoUsage, runClientManagedDemoTenant } from './client-managed-demo';

const usage = `Usage: qme demo-tenant [--port P] [--apps N] [--seed S] [--latency-ms L] [--tls] [--api-key K] [--revision 1|2]

Starts the demo tenant: a simulated Qlik Cloud tenant (REST v1 + QIX engine WebSocket) on
loopback. Prints one JSON line {"url", "apiKey"[, "caCertFile"]} and serves until stopped
(Ctrl+C, SIGTERM).

Options:
  --port P         port to listen on (default: any free port)
  --apps N         number of apps (default 12; the story repeats per domain)
  --seed S         generator seed (default ${defaultDemoSeed}); the same seed gives the same tenant
  --latency-ms L   delay added to every REST response and engine reply
  --tls            serve https/wss with a self-signed CA; its certificate is written to a temp file
  --api-key K      the API key clients must send (default: random)
  --revision R     1 (default) or 2: a later state of the tenant with documented changes
                   (docs/demo-tenant.md, Revision 2), for trying snapshot diffs`;

function parseCount(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${value}".`);
  return Number(value);
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignalled(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The command body with the stop signal passed in, so tests can stop it without signals. */
export async function runDemoTenant(argv: readonly string[], io: CliIo, stopped: Promise<void>): Promise<number> {
  if (argv.includes('--client-managed')) return runClientManagedDemoTenant(argv, io, stopped);
  const values = parseFlags(argv, {
    port: { type: 'string' },
    apps: { type: 'string' },
    seed: { type: 'string' },
    'latency-ms': { type: 'string' },
    tls: { type: 'boolean' },
    'api-key': { type: 'string' },
    revision: { type: 'string' },
  });
  const port = parseCount('port', values.port, 0);
  if (port !== undefined && port > 65535) throw new UsageError('--port must be at most 65535.');
  const apps = parseCount('apps', values.apps, 0);
  const seed = parseCount('seed', values.seed, 0);
  const latencyMs = parseCount('latency-ms', values['latency-ms'], 0);
  if (values.revision !== undefined && values.revision !== '1' && values.revision !== '2')
    throw new UsageError(`--revision must be 1 or 2, not "${values.revision}".`);
  const revision = values.revision === '2' ? 2 : 1;
  const tenant = await startDemoTenant({
    ...(port !== undefined ? { port } : {}),
    ...(apps !== undefined ? { apps } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(values['api-key'] !== undefined ? { apiKey: values['api-key'] } : {}),
    tls: values.tls === true,
    revision,
  });
  let caCertFile: string | undefined;
  if (tenant.caCertPem) {
    caCertFile = join(tmpdir(), `qme-demo-tenant-ca-${process.pid}.pem`);
    writeFileSync(caCertFile, tenant.caCertPem, 'utf8');
  }
  io.stdout(JSON.stringify({ url: tenant.url, apiKey: tenant.apiKey, ...(caCertFile ? { caCertFile } : {}) }) + '\n');
  await stopped;
  await tenant.close();
  if (caCertFile) rmSync(caCertFile, { force: true });
  return 0;
}

export const demoTenantCommand: CliCommand = {
  name: 'demo-tenant',
  summary: 'Run the simulated Qlik Cloud tenant (REST + engine) on loopback',
  usage: usage + '\n' + clientManagedDemoUsage,
  run: (argv, io) => runDemoTenant(argv, io, untilSignalled()),
};
