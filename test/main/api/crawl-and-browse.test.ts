import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/api/dispatch';
import type { CrawlJobView } from '../../../src-main/api/types/crawl';
import { createQlikTenantGateway } from '../../../src-main/connections/qlik-tenant-gateway';
import type { TenantGateway } from '../../../src-main/connections/tenant-gateway';
import { makeTestService, callValue, nextFinishedCrawl } from '../../support/service';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function setup(options: { userDataDir?: string; crawlDemoOnFirstRun?: boolean; tenants?: TenantGateway } = {}) {
  const tenants = options.tenants ?? createQlikTenantGateway();
  const made = makeTestService({ ...options, tenants });
  cleanups.push(async () => {
    await made.close();
    await tenants.close();
  });
  return { ...made, tenants };
}

describe('crawl jobs and catalog browsing through the contract (demo tenant over real sockets)', () => {
  it('crawls the demo tenant with live progress, then every catalog view answers from the snapshot', async () => {
    const { service, events } = setup();
    const progress: CrawlJobView[] = [];
    events.onAny((event, payload) => event === 'crawl/progress' && progress.push(payload as CrawlJobView));
    const done = nextFinishedCrawl(events);
    const job = await callValue<CrawlJobView>(service, 'crawl/start', { connectionId: 'demo', mode: 'full' });
    expect(job).toMatchObject({ connectionId: 'demo', connectionName: 'Demo tenant', status: 'running', mode: 'full' });

    const end = await done;
    expect(end).toMatchObject({ jobId: job.jobId, status: 'complete', phase: 'done', error: null });
    expect(end.summary?.counts.appsCrawled).toBe(12);
    expect(progress.some((p) => p.phase === 'apps' && p.appsTotal === 12)).toBe(true);
    expect((await callValue<CrawlJobView[]>(service, 'crawl/jobs', {}))[0]).toMatchObject({ jobId: job.jobId, status: 'complete' });

    const ref = { connectionId: 'demo' };
    const spaces = await callValue<Array<{ name: string }>>(service, 'catalog/spaces', ref);
    expect(spaces.map((s) => s.name)).toEqual(expect.arrayContaining(['Sales', 'Finance', 'HR', 'Data Engineering']));
    const apps = await callValue<Array<{ id: string; name: string }>>(service, 'catalog/apps', ref);
    expect(apps).toHaveLength(12);
    const dashboard = apps.find((a) => /overview|dashboard/i.test(a.name)) ?? apps[0];
    const sheets = await callValue<Array<{ id: string }>>(service, 'catalog/sheets', { ...ref, appId: dashboard?.id });
    expect(sheets.length).toBeGreaterThan(0);
    const objects = await callValue<Array<{ id: string }>>(service, 'catalog/sheet-objects', {
      ...ref,
      appId: dashboard?.id,
      sheetId: sheets[0]?.id,
    });
    expect(objects.length).toBeGreaterThan(0);
    const script = await callValue<{ text: string | null }>(service, 'catalog/script', { ...ref, appId: dashboard?.id });
    expect(JSON.stringify(script)).toMatch(/LOAD/i);
    const search = await callValue<{ hits: Array<{ type: string }> }>(service, 'catalog/search', { ...ref, text: 'Sales' });
    expect(search.hits.length).toBeGreaterThan(0);
  });

  it('refuses a second crawl of the same connection while one runs, and cancel leaves no new snapshot', async () => {
    const { service, events } = setup();
    const done = nextFinishedCrawl(events);
    const job = await callValue<CrawlJobView>(service, 'crawl/start', { connectionId: 'demo', mode: 'full' });
    const second = await dispatch(service, 'crawl/start', { connectionId: 'demo', mode: 'delta' });
    expect(second).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    if (!second.ok) expect(second.error.message).toContain('already running');
    await callValue(service, 'crawl/cancel', { jobId: job.jobId });
    const end = await done;
    expect(end.status).toBe('cancelled');
    const snapshots = await callValue<Array<{ status: string }>>(service, 'catalog/snapshots', { connectionId: 'demo' });
    expect(snapshots.filter((s) => s.status === 'complete')).toHaveLength(0);
  });

  it('on first run crawls the demo tenant by itself, and never again once a snapshot exists', async () => {
    const first = setup({ crawlDemoOnFirstRun: true });
    const done = nextFinishedCrawl(first.events);
    const jobs = await callValue<CrawlJobView[]>(first.service, 'crawl/jobs', {});
    expect(jobs).toHaveLength(1);
    expect((await done).status).toBe('complete');
    await first.close();

    const again = setup({ crawlDemoOnFirstRun: true, userDataDir: first.userDataDir });
    expect(await callValue<CrawlJobView[]>(again.service, 'crawl/jobs', {})).toHaveLength(0);
  });

  it('browsing before any crawl says there is no snapshot yet and what to do', async () => {
    const { service } = setup();
    const result = await dispatch(service, 'catalog/apps', { connectionId: 'demo' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.remedy).toMatch(/crawl/i);
  });
});
