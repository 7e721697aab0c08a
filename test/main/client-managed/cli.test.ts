/** `qme demo-tenant --client-managed` and `qme crawl --client-managed` (both auth routes). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../../../src-main/cli/command';
import { crawlCommand } from '../../../src-main/cli/commands/crawl';
import { runDemoTenant } from '../../../src-main/cli/commands/demo-tenant';

function captureIo(): { io: CliIo; out: string[] } {
  const out: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: () => undefined, isTty: false, env: {} }, out };
}

const dir = mkdtempSync(join(tmpdir(), 'qme-cm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qme with a client-managed site', () => {
  it('demo-tenant --client-managed prints the site line; crawl --client-managed crawls it by certificates and by proxy session', async () => {
    const { io, out } = captureIo();
    let stop: () => void = () => undefined;
    const running = runDemoTenant(['--client-managed', '--apps', '4'], io, new Promise<void>((resolve) => (stop = resolve)));
    while (out.length === 0) await new Promise((r) => setTimeout(r, 10));
    const site = JSON.parse(out[0]!) as Record<string, string | number>;
    expect(Object.keys(site).sort()).toEqual(
      ['certDir', 'enginePort', 'host', 'proxyPort', 'qpsPort', 'qrsPort', 'userDirectory', 'userId', 'virtualProxy'].sort(),
    );
    expect(existsSync(join(String(site['certDir']), 'client_key.pem'))).toBe(true);
    const args = [
      '--client-managed',
      '--host',
      String(site['host']),
      '--virtual-proxy',
      String(site['virtualProxy']),
      '--certs',
      String(site['certDir']),
      '--user',
      `${site['userDirectory']}\\${site['userId']}`,
      '--qrs-port',
      String(site['qrsPort']),
      '--engine-port',
      String(site['enginePort']),
      '--qps-port',
      String(site['qpsPort']),
      '--proxy-port',
      String(site['proxyPort']),
      '--json',
    ];
    for (const route of [[], ['--proxy-session']]) {
      const crawl = captureIo();
      const code = await crawlCommand.run([...args, ...route, '--db', join(dir, `${route.length}.sqlite`)], crawl.io);
      const summary = JSON.parse(crawl.out.join('')) as { status: string; counts: { appsCrawled: number } };
      expect({ code, status: summary.status, apps: summary.counts.appsCrawled }).toEqual({ code: 0, status: 'complete', apps: 4 });
    }
    stop();
    await expect(running).resolves.toBe(0);
    expect(existsSync(String(site['certDir']))).toBe(false);
  });

  it('crawl --client-managed without --user DIR\\ID is a usage error', async () => {
    const { io } = captureIo();
    await expect(crawlCommand.run(['--client-managed', '--host', 'h', '--certs', '/x', '--user', 'nobody'], io)).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});
