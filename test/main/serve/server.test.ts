import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTestService } from '../../support/service';
import { startServe, type RunningServer } from '../../../src-main/serve/server';

let server: RunningServer;
const token = 'test-token-0123456789abcdef';

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'qme-serve-'));
  const staticDir = join(root, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the static root');
  const { service, events } = makeTestService();
  server = await startServe({ service, events, staticDir, token });
});

afterAll(async () => {
  await server.close();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request so tests control the Host and Origin headers exactly. */
function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: 'GET', headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('serve (loopback browser transport)', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it('refuses requests without the token', async () => {
    const res = await get('/');
    expect(res.status).toBe(401);
    expect(res.body).toContain('token');
  });

  it('refuses a wrong token', async () => {
    expect((await get('/?token=nope')).status).toBe(401);
    expect((await get('/', { cookie: 'qme_token=nope' })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite cookie and drops it from the address', async () => {
    const res = await get(`/?token=${token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/qme_token=.+; HttpOnly; SameSite=Strict/);
  });

  it('serves the shell with a strict Content-Security-Policy once authorised', async () => {
    const res = await get('/', { cookie: `qme_token=${token}` });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>shell</title>');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await get('/', { cookie: `qme_token=${token}`, host: `evil.example:${server.port}` });
    expect(res.status).toBe(421);
  });

  it('refuses a foreign Origin', async () => {
    const res = await get('/', { cookie: `qme_token=${token}`, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    const res = await get('/..%2fsecret.txt', { cookie: `qme_token=${token}` });
    expect(res.body).not.toContain('outside the static root');
  });

  it('carries contract calls over the WebSocket with the cookie and own Origin', async () => {
    const ws = await openSocket({ cookie: `qme_token=${token}`, origin: `http://127.0.0.1:${server.port}` });
    const reply = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(JSON.stringify({ id: 1, name: 'app/info', args: {} }));
    expect(await reply).toMatchObject({
      type: 'result',
      id: 1,
      envelope: { ok: true, value: { name: 'Qlik Metadata Explorer', host: 'test' } },
    });
    const bad = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(JSON.stringify({ id: 2, name: 'settings/update', args: { colorScheme: 1 } }));
    expect(await bad).toMatchObject({ id: 2, envelope: { ok: false, error: { code: 'invalid-arguments' } } });
    ws.close();
  });

  it('refuses WebSocket upgrades without token, from a foreign Origin, or without Origin', async () => {
    const own = `http://127.0.0.1:${server.port}`;
    await expect(openSocket({ origin: own })).rejects.toThrow('HTTP 401');
    await expect(openSocket({ cookie: `qme_token=${token}`, origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(openSocket({ cookie: `qme_token=${token}` })).rejects.toThrow('HTTP 403');
  });

  it('listens on loopback only', async () => {
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return expect(server.url.startsWith('http://127.0.0.1:')).toBe(true);
    await expect(
      new Promise((resolve, reject) => {
        const req = request({ host: external.address, port: server.port, path: '/' }, resolve);
        req.on('error', reject);
        req.end();
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
