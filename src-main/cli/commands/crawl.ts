/**
 * `qme crawl`: crawl a tenant (or the built-in demo tenant) into the catalog, off the main thread.
 * The API key comes from QME_API_KEY or from the OS keychain entry of the app's saved connection
 * (the same one the desktop app uses) — never a flag, never printed.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError, formatError } from '../../api/errors';
import { catalogPort } from '../../crawl/catalog-adapter';
import type { CrawlEvent, CrawlRunOptions, CrawlSummary } from '../../crawl/crawl-events';
import { runCrawlInWorker, type WorkerFactory } from '../../crawl/crawl-in-worker';
import { DEFAULT_CONCURRENCY, runCrawl } from '../../crawl/crawl-runner';
import { normalizeTenantUrl } from '../../qlik/connection-options';
import type { ConnectionConfig } from '../../api/types/connections';
import { ConnectionStore } from '../../connections/connection-store';
import { createKeychain, resolveApiKey } from '../../secrets/keychain';
import { defaultUserDataDir } from '../../user-data';
import { UsageError, type CliCommand, type CliIo, parseFlags } from '../command';
import { clientManagedFlags, clientManagedFromFlags, clientManagedUrl, clientManagedUsage } from './client-managed-flags';

const usage = `Usage: qme crawl --demo | --connection NAME|ID | --url URL [options]

  --demo              start the built-in demo tenant and crawl it
  --connection C      a connection saved in the app (its URL, proxy, CA file and stored key)
  --url URL           the Qlik Cloud tenant, e.g. https://acme.eu.qlikcloud.com
  --spaces a,b        crawl only these space ids ("personal" = personal spaces)
  --apps id,…         crawl only these app ids
  --delta             reopen only apps changed since the last complete snapshot
  --no-spaces         skip spaces, collections, data connections and automations
  --concurrency N     apps crawled at once (default ${DEFAULT_CONCURRENCY})
  --db FILE           catalog file (default: catalog.sqlite in the user data folder)
  --proxy URL         HTTP(S) proxy, e.g. http://proxy.corp:3128
  --ca FILE           PEM file with extra CA certificates to trust
  --json              print one JSON summary instead of progress

The API key is read from the QME_API_KEY environment variable, else from the OS keychain entry the
app stored for the saved connection (--connection, or the saved connection whose URL matches --url).
It is never accepted as a flag and never printed. Crawls of a saved connection land in its history.
${clientManagedUsage}`;

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** The connection saved in the app that --connection names, or whose URL matches --url. */
function savedConnection(store: ConnectionStore, wanted: { connection?: string; url?: string }): ConnectionConfig | undefined {
  const saved = store.list().filter((c) => c.kind !== 'demo');
  if (wanted.connection) {
    const found = saved.find((c) => c.id === wanted.connection) ?? saved.filter((c) => c.name === wanted.connection)[0];
    if (!found) {
      throw new AppError({
        code: 'not-found',
        message: `No connection named "${wanted.connection}" is saved in the app.`,
        remedy: `Saved connections: ${saved.map((c) => c.name).join(', ') || 'none'}. Add it on the Connections page, or use --url with QME_API_KEY.`,
      });
    }
    return found;
  }
  if (!wanted.url) return undefined;
  const href = normalizeTenantUrl(wanted.url).href;
  return saved.find((c) => normalizeTenantUrl(c.url).href === href);
}

async function apiKeyFor(connection: ConnectionConfig | undefined, url: string, env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env['QME_API_KEY']?.trim();
  if (fromEnv) return fromEnv;
  if (!connection) {
    throw new AppError({
      code: 'auth-invalid-key',
      message: `No API key for ${url}: QME_API_KEY is not set and no saved connection has that URL.`,
      remedy: 'Add the connection in the app (the key goes to the OS keychain), then use --connection; or set QME_API_KEY for this run.',
    });
  }
  return resolveApiKey(createKeychain(), connection.id, env);
}

/** The built worker when running from the electron-vite bundle; null under plain Node/vitest. */
async function workerFactory(): Promise<WorkerFactory | null> {
  try {
    const module = (await import('../../crawl/crawl-worker-factory')) as { default: WorkerFactory };
    return typeof module.default === 'function' ? module.default : null;
  } catch {
    return null;
  }
}

function progressPrinter(io: CliIo, json: boolean): (event: CrawlEvent) => void {
  let lastLine = 0;
  return (event) => {
    if (json) return;
    if (event.type === 'notice') {
      io.stderr(`${event.message}\n`);
      return;
    }
    if (event.type === 'app-failed') {
      if (io.isTty) io.stderr('\r\x1b[2K');
      io.stderr(`app ${event.appName} (${event.appId}) failed: ${formatError(event.error)}\n`);
      return;
    }
    const { phase, appsDone, appsTotal, errors } = event;
    if (io.isTty) {
      const width = 30;
      const ratio = appsTotal ? appsDone / appsTotal : 0;
      const bar = '█'.repeat(Math.round(ratio * width)).padEnd(width, '░');
      io.stderr(`\r\x1b[2K${phase.padEnd(14)} ${bar} ${appsDone}/${appsTotal} apps${errors ? `, ${errors} failed` : ''}`);
      if (phase === 'done') io.stderr('\n');
      return;
    }
    const now = Date.now();
    if (phase === 'apps' && now - lastLine < 1000 && appsDone !== appsTotal) return;
    lastLine = now;
    io.stderr(`${phase}: ${appsDone}/${appsTotal} apps${errors ? `, ${errors} failed` : ''}\n`);
  };
}

function summaryText(s: CrawlSummary): string {
  const c = s.counts;
  const lines = [
    `Crawl ${s.status} (${s.mode}) in ${(s.durationMs / 1000).toFixed(1)} s — snapshot ${s.snapshotId ?? '-'}`,
    `  apps: ${c.appsListed} listed, ${c.appsCrawled} crawled, ${c.appsCarriedOver} carried over, ${c.appsFailed} failed, ${c.appsDeleted} deleted`,
    `  ${c.sheets} sheets, ${c.objects} objects, ${c.spaces} spaces, ${c.collections} collections, ${c.dataConnections} data connections, ${c.automations} automations`,
    `  ${s.engineCalls} engine calls, ${s.restCalls} REST calls${s.rateLimitWaits ? `, ${s.rateLimitWaits} rate-limit waits` : ''}`,
  ];
  for (const f of s.failures) lines.push(`  failed: ${f.appName} (${f.appId}): ${f.error.message}`);
  if (s.error && s.status !== 'complete') lines.push(`  ${formatError(s.error)}`);
  return lines.join('\n') + '\n';
}

export const crawlCommand: CliCommand = {
  name: 'crawl',
  summary: 'Crawl a Qlik tenant (or the demo tenant) into the local catalog',
  usage,
  async run(argv, io) {
    const v = parseFlags(argv, {
      demo: { type: 'boolean', default: false },
      url: { type: 'string' },
      connection: { type: 'string' },
      spaces: { type: 'string' },
      apps: { type: 'string' },
      delta: { type: 'boolean', default: false },
      'no-spaces': { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      db: { type: 'string' },
      proxy: { type: 'string' },
      ca: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...clientManagedFlags,
    });
    if ([v.demo, Boolean(v.url), Boolean(v.connection), v['client-managed']].filter(Boolean).length !== 1)
      throw new UsageError('Give exactly one of --demo, --connection NAME, --url URL or --client-managed.');
    const clientManaged = v['client-managed'] ? clientManagedFromFlags(v, io.env) : undefined;
    const concurrency = v.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(v.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
      throw new UsageError('--concurrency must be a whole number from 1 to 64.');
    const dbFile = v.db ?? join(defaultUserDataDir(io.env), 'catalog.sqlite');
    mkdirSync(dirname(dbFile), { recursive: true });

    let demo: { url: string; apiKey: string; caCertPem?: string; close(): Promise<void> } | null = null;
    if (v.demo) {
      const { startDemoTenant } = await import('../../demo-tenant');
      demo = await startDemoTenant({});
    }
    try {
      const saved =
        demo || clientManaged
          ? undefined
          : savedConnection(new ConnectionStore(defaultUserDataDir(io.env)), {
              ...(v.connection ? { connection: v.connection } : {}),
              ...(v.url ? { url: v.url } : {}),
            });
      const url = demo ? demo.url : clientManaged ? clientManagedUrl(clientManaged) : (saved?.url ?? (v.url as string));
      const proxy = v.proxy ?? saved?.proxy ?? undefined;
      const caFile = v.ca ?? saved?.caFile ?? undefined;
      const scope = { ...(list(v.spaces) ? { spaceIds: list(v.spaces) } : {}), ...(list(v.apps) ? { appIds: list(v.apps) } : {}) };
      const options: CrawlRunOptions = {
        url,
        apiKey: demo ? demo.apiKey : clientManaged ? '' : await apiKeyFor(saved, url, io.env),
        ...(clientManaged ? { clientManaged, kind: 'client-managed' as const, connectionId: url } : {}),
        ...(proxy ? { proxy } : {}),
        ...(caFile ? { caFile } : {}),
        ...(demo?.caCertPem ? { caPem: demo.caCertPem } : {}),
        ...(demo ? { connectionId: 'demo', connectionName: 'Demo tenant', kind: 'demo' as const } : {}),
        ...(saved ? { connectionId: saved.id, connectionName: saved.name, kind: saved.kind } : {}),
        mode: v.delta ? 'delta' : 'full',
        scope,
        crawlSpacesAndCollections: !v['no-spaces'],
        concurrency,
      };
      const controller = new AbortController();
      const onSigint = (): void => controller.abort();
      process.once('SIGINT', onSigint);
      const onEvent = progressPrinter(io, Boolean(v.json));
      let summary: CrawlSummary;
      try {
        const factory = await workerFactory();
        summary = factory
          ? await runCrawlInWorker(factory, options, dbFile, onEvent, controller.signal)
          : await runInProcess(options, dbFile, onEvent, controller.signal);
      } finally {
        process.removeListener('SIGINT', onSigint);
      }
      if (v.json) io.stdout(JSON.stringify({ ...summary, catalogFile: dbFile }, null, 2) + '\n');
      else io.stdout(summaryText(summary));
      return summary.status === 'complete' ? 0 : 1;
    } finally {
      await demo?.close();
    }
  },
};

async function runInProcess(
  options: CrawlRunOptions,
  dbFile: string,
  onEvent: (e: CrawlEvent) => void,
  signal: AbortSignal,
): Promise<CrawlSummary> {
  const { openCatalog } = await import('../../catalog');
  const catalog = openCatalog(dbFile);
  try {
    return await runCrawl(options, catalogPort(catalog), onEvent, signal);
  } finally {
    catalog.close();
  }
}
