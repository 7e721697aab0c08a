import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src-main/api/errors';
import { createRestClient } from '../../../src-main/qlik/rest-client';
import { validateConnection } from '../../../src-main/qlik/validate-connection';

const KEY = 'qme-canary-rest-0123456789';
let server: Server | undefined;

async function serve(handler: (req: IncomingMessage, res: ServerResponse, base: string) => void): Promise<string> {
  let base = '';
  server = createServer((req, res) => handler(req, res, base));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return base;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };
const itemSchema = z.object({ id: z.string() });

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

describe('REST client', () => {
  it('follows links.next.href across pages and sends the key as a Bearer header', async () => {
    const auth: string[] = [];
    const base = await serve((req, res, b) => {
      auth.push(String(req.headers.authorization));
      const page = new URL(req.url ?? '/', b).searchParams.get('next');
      if (!page) return json(res, 200, { data: [{ id: '1' }, { id: '2' }], links: { next: { href: `${b}/api/v1/things?next=p2` } } });
      return json(res, 200, { data: [{ id: '3' }], links: { next: null } });
    });
    const client = createRestClient({ url: base, apiKey: KEY });
    const items = await client.listAll('/api/v1/things', itemSchema);
    await client.close();
    expect(items.map((i) => i.id)).toEqual(['1', '2', '3']);
    expect(new Set(auth)).toEqual(new Set([`Bearer ${KEY}`]));
  });

  it('never sends the key to another origin named in links.next', async () => {
    const base = await serve((req, res) => {
      if (!req.url?.includes('next='))
        return json(res, 200, { data: [{ id: '1' }], links: { next: { href: 'https://evil.example/api/v1/things?next=2' } } });
      return json(res, 200, { data: [{ id: '2' }] });
    });
    const client = createRestClient({ url: base, apiKey: KEY });
    expect((await client.listAll('/api/v1/things', itemSchema)).map((i) => i.id)).toEqual(['1', '2']);
    await client.close();
  });

  it('waits as long as Retry-After asks on 429, then succeeds', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls++;
      if (calls === 1) return json(res, 429, { errors: [{ code: 'HTTP-429', title: 'API rate limit reached.' }] }, { 'retry-after': '2' });
      return json(res, 200, { id: 'me' });
    });
    const waits: number[] = [];
    const client = createRestClient({ url: base, apiKey: KEY, sleep: async (ms) => void waits.push(ms) });
    expect(await client.getJson('/api/v1/users/me', itemSchema)).toEqual({ id: 'me' });
    expect(waits).toEqual([2000]);
    expect(client.stats.rateLimitWaits).toBe(1);
    await client.close();
  });

  it('fails as rate-limited when Retry-After exceeds the cap', async () => {
    const base = await serve((_req, res) => json(res, 429, {}, { 'retry-after': '3600' }));
    const client = createRestClient({ url: base, apiKey: KEY, retry: { maxRetryAfterMs: 60_000 } });
    await expect(client.getJson('/x', itemSchema)).rejects.toMatchObject({ code: 'rate-limited' });
    await client.close();
  });

  it('retries 5xx with backoff and gives up after maxAttempts', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls++;
      if (calls < 3) return json(res, 503, { errors: [{ title: 'busy' }] });
      return json(res, 200, { id: 'ok' });
    });
    const client = createRestClient({ url: base, apiKey: KEY, retry: fastRetry });
    expect(await client.getJson('/x', itemSchema)).toEqual({ id: 'ok' });
    expect(client.stats.retries).toBe(2);
    await client.close();

    calls = -100;
    const failing = createRestClient({ url: base, apiKey: KEY, retry: { ...fastRetry, maxAttempts: 2 } });
    await expect(failing.getJson('/x', itemSchema)).rejects.toMatchObject({ code: 'server-error' });
    await failing.close();
  });

  it('times out a slow request and retries it', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls++;
      if (calls === 1) return; // never answers
      json(res, 200, { id: 'late' });
    });
    const client = createRestClient({ url: base, apiKey: KEY, requestTimeoutMs: 150, retry: fastRetry });
    expect(await client.getJson('/x', itemSchema)).toEqual({ id: 'late' });
    await client.close();
  });

  it('turns an unexpected shape into malformed-response naming the endpoint', async () => {
    const base = await serve((_req, res) => json(res, 200, { data: 'not-a-list' }));
    const client = createRestClient({ url: base, apiKey: KEY });
    const error = (await client.listAll('/api/v1/spaces', itemSchema).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('malformed-response');
    expect(error.detail).toContain('/api/v1/spaces');
    await client.close();
  });

  it('skips list items of the wrong shape and counts them', async () => {
    const base = await serve((_req, res) => json(res, 200, { data: [{ id: '1' }, { id: 7 }, null] }));
    const client = createRestClient({ url: base, apiKey: KEY });
    expect(await client.listAll('/x', itemSchema)).toEqual([{ id: '1' }]);
    expect(client.stats.skippedItems).toBe(2);
    await client.close();
  });
});

describe('validateConnection', () => {
  it('401 → auth-invalid-key, 403 → auth-forbidden, and never echoes the key', async () => {
    let status = 401;
    const base = await serve((_req, res) => json(res, status, { errors: [{ code: 'HTTP-401', title: 'Unauthorized' }] }));
    const bad = (await validateConnection({ url: base, apiKey: KEY }).catch((e: unknown) => e)) as AppError;
    expect(bad.code).toBe('auth-invalid-key');
    expect(JSON.stringify({ ...bad, message: bad.message })).not.toContain(KEY);
    status = 403;
    const forbidden = (await validateConnection({ url: base, apiKey: KEY }).catch((e: unknown) => e)) as AppError;
    expect(forbidden.code).toBe('auth-forbidden');
    expect(forbidden.remedy).toMatch(/retry/i);
  });

  it('connection refused and unknown host are named', async () => {
    const closed = await serve(() => undefined);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const refused = (await validateConnection({ url: closed, apiKey: KEY }).catch((e: unknown) => e)) as AppError;
    expect(refused.code).toBe('connection-refused');
    const unknown = (await validateConnection({ url: 'https://no-such-host.invalid', apiKey: KEY }).catch((e: unknown) => e)) as AppError;
    expect(unknown.code).toBe('host-not-found');
  });

  it('a port web clients never use is named as such, at once, not retried as a server error', async () => {
    const client = createRestClient({ url: 'https://127.0.0.1:10080', apiKey: KEY, retry: fastRetry });
    const error = (await client.getJson('/api/v1/users/me', z.unknown()).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('connection-refused');
    expect(error.message).toContain('Port 10080 of 127.0.0.1:10080');
    expect(client.stats.requests).toBe(1);
  });

  it('a refused proxy is reported as a proxy failure', async () => {
    const error = (await validateConnection({ url: 'https://tenant.example', apiKey: KEY, proxy: 'http://127.0.0.1:9' }).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(error.code).toBe('proxy-failed');
  });

  it('returns who the key belongs to', async () => {
    const base = await serve((_req, res) => json(res, 200, { id: 'u1', name: 'Crawler', tenantId: 't1' }));
    expect(await validateConnection({ url: base, apiKey: KEY })).toEqual({
      host: new URL(base).host,
      tenantId: 't1',
      userId: 'u1',
      userName: 'Crawler',
    });
  });
});
