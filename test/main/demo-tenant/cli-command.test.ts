import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDemoTenant } from '../../../src-main/cli/commands/demo-tenant';
import { UsageError, type CliIo } from '../../../src-main/cli/command';

function captureIo(): { io: CliIo; out: string[] } {
  const out: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: () => undefined, isTty: false, env: {} }, out };
}

describe('qme demo-tenant', () => {
  it('prints one JSON line with url, apiKey and caCertFile, serves, and stops cleanly', async () => {
    const { io, out } = captureIo();
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = runDemoTenant(['--apps', '4', '--seed', '3', '--tls', '--api-key', 'k1'], io, stopped);
    while (out.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(out).toHaveLength(1);
    const line = JSON.parse(out[0]!) as { url: string; apiKey: string; caCertFile: string };
    expect(line.apiKey).toBe('k1');
    expect(line.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(readFileSync(line.caCertFile, 'utf8')).toContain('BEGIN CERTIFICATE');
    stop();
    await expect(running).resolves.toBe(0);
  });

  it('rejects bad flags as usage errors', async () => {
    const { io } = captureIo();
    await expect(runDemoTenant(['--apps', 'many'], io, Promise.resolve())).rejects.toBeInstanceOf(UsageError);
    await expect(runDemoTenant(['--bogus'], io, Promise.resolve())).rejects.toBeInstanceOf(UsageError);
  });
});
