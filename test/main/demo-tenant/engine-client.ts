/** The real enigma.js client wired to a demo tenant, as the crawler will use it (protocol doc §1.1). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import enigma from 'enigma.js';
import WebSocket from 'ws';

const require = createRequire(import.meta.url);
export const engineSchemaJson = JSON.parse(readFileSync(require.resolve('enigma.js/schemas/12.2027.0.json'), 'utf8')) as object;

export interface EngineTarget {
  readonly url: string;
  readonly apiKey: string;
  readonly caCertPem?: string;
}

export function engineSession(tenant: EngineTarget, appId: string, protocol: { delta: boolean } = { delta: true }): EnigmaJS.Session {
  const wsUrl = `${tenant.url.replace(/^http/, 'ws')}/app/${encodeURIComponent(appId)}`;
  return enigma.create({
    schema: engineSchemaJson,
    url: wsUrl,
    protocol,
    createSocket: (url: string) =>
      new WebSocket(url, {
        headers: { Authorization: `Bearer ${tenant.apiKey}` },
        ...(tenant.caCertPem ? { ca: [tenant.caCertPem] } : {}),
      }) as unknown as globalThis.WebSocket,
  });
}

/** A loosely typed engine object: the tests call methods by their enigma names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Qix = any;
