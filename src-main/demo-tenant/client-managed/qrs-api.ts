/**
 * QRS over node:http for the client-managed demo (qlik-protocol.md §3.2): the xrfkey check on
 * every call (query `xrfkey`, any case, equal to header `X-Qlik-Xrfkey`; otherwise 400 with a body
 * that does not say why, as QRS does), then bare JSON arrays. The caller has already decided who
 * the user is (X-Qlik-User on the certificate port, the session cookie behind the proxy).
 * The cloud demo's REST faults apply here too: latency, 429 with Retry-After (the tier-1 limit)
 * and injected 5xx answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bump, delay, type FaultState } from '../faults';
import type { JsonValue, TenantModel } from '../tenant-model';
import {
  aboutJson,
  appJson,
  appObjectsJson,
  compositeEventsJson,
  dataConnectionJson,
  reloadTaskJson,
  schemaEventsJson,
  streamJson,
} from './qrs-shapes';

export interface QrsStats {
  /** Calls per path (without the virtual proxy prefix). */
  readonly calls: Record<string, number>;
  rejectedXrfkey: number;
  /** Answers replaced by a fault: 'rate-limit', 'rest-error'. */
  readonly faults: Record<string, number>;
}

const XRFKEY = /^[0-9a-zA-Z]{16}$/;

/** The query's xrfkey (Qlik docs spell it Xrfkey; clients send xrfkey) when it equals the header. */
export function hasMatchingXrfkey(url: URL, headers: IncomingMessage['headers']): boolean {
  let query: string | null = null;
  for (const [name, value] of url.searchParams) if (name.toLowerCase() === 'xrfkey') query = value;
  const header = headers['x-qlik-xrfkey'];
  return query !== null && XRFKEY.test(query) && header === query;
}

export function sendJson(res: ServerResponse, status: number, body: JsonValue | string): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8' });
  res.end(text);
}

type Route = (model: TenantModel, url: URL) => JsonValue;

const routes: Record<string, Route> = {
  '/qrs/about': () => aboutJson(),
  '/qrs/stream/full': (model) => model.spaces.map((s) => streamJson(model, s)),
  '/qrs/app/full': (model) => model.apps.map((a) => appJson(model, a)),
  '/qrs/app/object/full': (model, url) => {
    // Only the filter a crawler sends is understood: objectType eq 'sheet'.
    const filter = url.searchParams.get('filter') ?? '';
    const all = model.apps.flatMap((a) => appObjectsJson(model, a));
    return /objectType eq '(\w+)'/.test(filter) ? all.filter((o) => filter.includes(`'${String(o['objectType'])}'`)) : all;
  },
  '/qrs/dataconnection/full': (model) => model.dataConnections.map((c) => dataConnectionJson(model, c)),
  '/qrs/reloadtask/full': (model) => model.apps.map((a) => reloadTaskJson(model, a)),
  '/qrs/schemaevent/full': (model) => schemaEventsJson(model),
  '/qrs/compositeevent/full': (model) => compositeEventsJson(model),
};

/** Answers one QRS request; `path` is the request path with any virtual proxy prefix removed. */
export async function handleQrs(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  site: { readonly model: TenantModel; readonly stats: QrsStats; readonly faults: FaultState },
): Promise<void> {
  const { stats, faults } = site;
  await delay(faults.current.latencyMs ?? 0);
  const url = new URL(req.url ?? '/', 'https://qrs.invalid');
  if (!hasMatchingXrfkey(url, req.headers)) {
    stats.rejectedXrfkey++;
    return sendJson(res, 400, 'Bad Request');
  }
  stats.calls[path] = (stats.calls[path] ?? 0) + 1;
  const wait = faults.rateLimitWait('tier1', Date.now());
  if (wait !== null) {
    bump(stats.faults, 'rate-limit');
    res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': String(wait) });
    return void res.end('Too Many Requests');
  }
  const injected = faults.restError();
  if (injected !== null) {
    bump(stats.faults, 'rest-error');
    return sendJson(res, injected, 'Service Unavailable');
  }
  if (req.method !== 'GET') return sendJson(res, 405, 'Method Not Allowed');
  const route = routes[path];
  if (!route) return sendJson(res, 404, 'Not Found');
  sendJson(res, 200, route(site.model, url));
}
