/**
 * Crawling the client-managed demo (QRS + engine over mutual TLS, or a QPS proxy session through
 * the virtual proxy) gives the same catalog as a Cloud crawl of the same model; each typical
 * misconfiguration gives its own message and remedy.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDocument, openCatalog, type Catalog } from '../../../src-main/catalog';
import { catalogPort } from '../../../src-main/crawl/catalog-adapter';
import type { CrawlEvent, CrawlRunOptions, CrawlSummary } from '../../../src-main/crawl/crawl-events';
import { runCrawl } from '../../../src-main/crawl/crawl-runner';
import { appContent, startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import {
  DEMO_CONNECTION_PASSWORD,
  siteCertificates,
  startClientManagedDemo,
  type ClientManagedDemo,
} from '../../../src-main/demo-tenant/client-managed';
import type { ClientManagedOptions } from '../../../src-main/qlik/client-managed-options';
import { validate } from '../catalog/json-schema-lite';

const exportSchema = JSON.parse(readFileSync(join(__dirname, '../../../docs/export-schema.json'), 'utf8')) as Record<string, unknown>;

const model = { apps: 12, seed: 7, sheetsPerApp: 2, chartsPerSheet: 4 };
let dir: string;
let site: ClientManagedDemo;
let cloud: DemoTenant;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qme-cm-crawl-'));
  [site, cloud] = await Promise.all([startClientManagedDemo(model), startDemoTenant(model)]);
});
afterAll(async () => {
  await Promise.all([site.close(), cloud.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function clientManaged(over: Partial<ClientManagedOptions> = {}): ClientManagedOptions {
  return {
    host: site.host,
    virtualProxy: site.virtualProxy,
    certDir: site.certDir,
    userDirectory: site.userDirectory,
    userId: site.userId,
    auth: 'certificates',
    ports: { qrs: site.qrsPort, engine: site.enginePort, qps: site.qpsPort, proxy: site.proxyPort },
    ...over,
  };
}

async function crawl(
  file: string,
  options: Partial<CrawlRunOptions>,
  onEvent: (event: CrawlEvent) => void = () => undefined,
): Promise<{ summary: CrawlSummary; catalog: Catalog }> {
  const catalog = openCatalog(join(dir, file));
  const summary = await runCrawl(
    {
      url: `https://${site.host}:${site.proxyPort}`,
      apiKey: '',
      connectionId: 'c',
      kind: 'client-managed',
      mode: 'full',
      concurrency: 4,
      ...options,
    },
    catalogPort(catalog),
    onEvent,
  );
  return { summary, catalog };
}

const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => a.id.localeCompare(b.id));

/** What must match between deployments: apps (identity, placement, owner) and their engine content. */
function comparable(catalog: Catalog) {
  const content = catalog.snapshotContent({ connectionId: 'c' });
  return {
    spaces: byId(content.spaces).map((s) => ({ id: s.id, name: s.name })),
    apps: content.apps
      .map((a) => ({
        id: a.record.id,
        name: a.record.name,
        spaceId: a.record.spaceId,
        ownerId: a.record.ownerId,
        sheets: byId(a.sheets),
        objects: byId(a.objects),
        masterMeasures: byId(a.masterMeasures),
        masterDimensions: byId(a.masterDimensions),
        masterVisualizations: byId(a.masterVisualizations),
        variables: byId(a.variables),
        bookmarks: byId(a.bookmarks),
        tables: a.tables,
        fields: a.fields,
        script: a.script,
      }))
      .sort((x, y) => x.id.localeCompare(y.id)),
  };
}

describe('client-managed crawl', () => {
  let cloudView: ReturnType<typeof comparable>;

  beforeAll(async () => {
    const { summary, catalog } = await crawl('cloud.sqlite', {
      url: cloud.url,
      apiKey: cloud.apiKey,
      kind: 'demo',
      fetchDataMetadata: false,
    });
    expect(summary.error).toBeNull();
    cloudView = comparable(catalog);
    catalog.close();
  });

  it('over mutual TLS with certificates equals a cloud crawl of the same model (streams as spaces)', async () => {
    const { summary, catalog } = await crawl('certs.sqlite', { clientManaged: clientManaged() });
    expect(summary.error).toBeNull();
    expect(summary.counts.appsCrawled).toBe(model.apps);
    expect(comparable(catalog)).toEqual(cloudView);
    const content = catalog.snapshotContent({ connectionId: 'c' });
    expect(content.spaces.every((s) => s.type === 'stream')).toBe(true);
    expect(content.apps.filter((a) => a.record.spaceId === null).map((a) => a.record.ownerName)).toEqual([site.model.me.name]);
    // The repository's custom properties are kept with each app version.
    expect(new Set(content.apps.map((a) => JSON.stringify(a.record.customProperties)))).toEqual(
      new Set([JSON.stringify([{ name: 'Lifecycle', value: 'Certified' }]), JSON.stringify([{ name: 'Lifecycle', value: 'Pipeline' }])]),
    );
    expect(content.automations.length).toBe(model.apps);
    const chained = content.automations.find((a) => a.name.startsWith('Reload') && JSON.stringify(a.definition).includes('task-chain'));
    expect(chained?.lastRunStatus).toMatch(/SUCCEEDED|FAILED/);
    expect(site.stats.qrs.rejectedXrfkey).toBe(0);
    // Every sheet the repository lists was read.
    expect(content.apps.map((a) => a.record.repositorySheetCount)).toEqual(content.apps.map((a) => a.sheets.length));
    expect(content.apps.filter((a) => a.record.unreadableSheets !== undefined)).toEqual([]);
    catalog.close();
  });

  it('says which sheets the crawl account cannot read: the repository lists them, the engine does not show them', async () => {
    site.setFaults({ hiddenSheetsPerApp: 1 });
    const notices: string[] = [];
    try {
      const { summary, catalog } = await crawl('hidden-sheets.sqlite', { clientManaged: clientManaged() }, (event) => {
        if (event.type === 'notice') notices.push(event.message);
      });
      expect(summary.error).toBeNull();
      expect(summary.counts.sheets).toBe(model.apps * (model.sheetsPerApp - 1));
      const apps = catalog.snapshotContent({ connectionId: 'c' }).apps;
      expect(apps.map((a) => [a.sheets.length, a.record.repositorySheetCount])).toEqual(apps.map(() => [1, 2]));
      // Each app names the sheet it could not read: its last, with its owner.
      const lastSheetOf = (appId: string) => {
        const app = site.model.apps.find((a) => a.record.id === appId)!;
        const sheet = appContent(site.model, app).truth.sheets.at(-1)!;
        return { title: sheet.title, ownerName: site.model.users.find((u) => u.id === sheet.ownerId)?.name ?? site.model.me.name };
      };
      for (const app of apps) expect(app.record.unreadableSheets, app.record.name).toEqual([lastSheetOf(app.record.id)]);
      expect(notices).toEqual([
        expect.stringMatching(new RegExp(`^12 sheet\\(s\\) in 12 app\\(s\\) .* ${site.userDirectory}\\\\${site.userId} cannot read them`)),
      ]);
      // The export carries the repository's count beside the sheets read, and still meets its schema.
      const exported = JSON.parse(JSON.stringify(exportDocument(catalog, {}))) as {
        apps: Array<{ repositorySheetCount: number; sheets: unknown[]; unreadableSheets: unknown[] }>;
      };
      expect(validate(exportSchema, exported)).toEqual([]);
      expect(exported.apps.every((a) => a.repositorySheetCount === 2 && a.sheets.length === 1 && a.unreadableSheets.length === 1)).toBe(
        true,
      );
      catalog.close();
    } finally {
      site.setFaults({});
    }
  });

  it('over a proxy session (cookie + CSRF token through the virtual proxy) equals a cloud crawl and ends its session', async () => {
    const before = site.stats.socketsOpened;
    const { summary, catalog } = await crawl('proxy.sqlite', {
      clientManaged: clientManaged({ auth: 'proxy-session', sessionAttributes: [{ Group: 'BI' }] }),
    });
    expect(summary.error).toBeNull();
    expect(comparable(catalog)).toEqual(cloudView);
    expect(site.stats.socketsOpened - before).toBe(model.apps);
    expect(site.sessions.ofUser(site.userDirectory, site.userId)).toEqual([]);
    catalog.close();
  });

  it('goes on through intermittent repository 503s, retrying each, and equals the cloud crawl', async () => {
    site.setFaults({ restErrorEveryNth: 3 });
    const before = site.stats.qrs.faults['rest-error'] ?? 0;
    try {
      const { summary, catalog } = await crawl('qrs-503.sqlite', { clientManaged: clientManaged() });
      expect(summary.error).toBeNull();
      expect(summary.failures).toEqual([]);
      expect(comparable(catalog)).toEqual(cloudView);
      expect((site.stats.qrs.faults['rest-error'] ?? 0) - before).toBeGreaterThanOrEqual(2);
      catalog.close();
    } finally {
      site.setFaults({});
    }
  });

  it('never writes a data connection password to the catalog', () => {
    const bytes = readFileSync(join(dir, 'certs.sqlite'));
    expect(bytes.includes(Buffer.from(DEMO_CONNECTION_PASSWORD))).toBe(false);
  });
});

describe('client-managed failures say what to fix', () => {
  it('a client certificate from another site is refused at the TLS handshake', async () => {
    const foreign = await siteCertificates('foreign');
    const certDir = mkdtempSync(join(dir, 'foreign-'));
    cpSync(site.certDir, certDir, { recursive: true });
    writeFileSync(join(certDir, 'client.pem'), foreign.clientCertPem);
    writeFileSync(join(certDir, 'client_key.pem'), foreign.clientKeyPem);
    const { summary, catalog } = await crawl('wrong-cert.sqlite', { clientManaged: clientManaged({ certDir }) });
    catalog.close();
    expect(summary.status).toBe('failed');
    expect(summary.error?.code).toBe('client-certificate-rejected');
    expect(summary.error?.remedy).toMatch(/Re-export the certificates from the QMC/);
  });

  it('a root.pem of another CA gives the untrusted-chain message pointing at root.pem', async () => {
    const foreign = await siteCertificates('foreign');
    const certDir = mkdtempSync(join(dir, 'untrusted-'));
    cpSync(site.certDir, certDir, { recursive: true });
    writeFileSync(join(certDir, 'root.pem'), foreign.rootPem);
    const { summary, catalog } = await crawl('untrusted.sqlite', { clientManaged: clientManaged({ certDir }) });
    catalog.close();
    expect(summary.error?.code).toBe('tls-untrusted');
    expect(summary.error?.remedy).toMatch(/root\.pem/);
  });

  it('an expired proxy session gives the session-expired message', async () => {
    site.sessions.ttlMs = -1;
    try {
      const { summary, catalog } = await crawl('expired.sqlite', { clientManaged: clientManaged({ auth: 'proxy-session' }) });
      catalog.close();
      expect(summary.error?.code).toBe('session-expired');
      expect(summary.error?.remedy).toMatch(/new proxy session/);
    } finally {
      site.sessions.ttlMs = 30 * 60_000;
    }
  });

  it('a wrong virtual proxy prefix gives the virtual-proxy message', async () => {
    const { summary, catalog } = await crawl('wrong-vp.sqlite', {
      clientManaged: clientManaged({ auth: 'proxy-session', virtualProxy: 'nope' }),
    });
    catalog.close();
    expect(summary.error?.code).toBe('virtual-proxy-not-found');
    expect(summary.error?.message).toContain('"/nope"');
  });

  it('a 403 on engine connectivity names the server and the user access', async () => {
    site.engineDeniedUserIds.add(site.userId);
    try {
      const { summary, catalog } = await crawl('engine-403.sqlite', {
        clientManaged: clientManaged(),
        scope: { appIds: [site.model.apps[0]!.record.id] },
      });
      catalog.close();
      expect(summary.failures[0]?.error.code).toBe('engine-forbidden');
      expect(summary.failures[0]?.error.remedy).toMatch(/services are up/);
    } finally {
      site.engineDeniedUserIds.clear();
    }
  });
});
