/**
 * QRS over node:http for the client-managed demo (qlik-protocol.md §3.2): the xrfkey check on
 * every call (query `xrfkey`, any case, equal to header `X-Qlik-Xrfkey`; otherwise 400 with a body
 * that does not say why, as QRS does), then bare JSON arrays. The caller has already decided who
 * the user is (X-Qlik-User on the certificate port, the session cookie behind the proxy).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
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
export function handleQrs(req: IncomingMessage, res: ServerResponse, path: string, model: TenantModel, stats: QrsStats): void {
  const url = new URL(req.url ?? '/', 'https://qrs.invalid');
  if (!hasMatchingXrfkey(url, req.headers)) {
    stats.rejectedXrfkey++;
    return sendJson(res, 400, 'Bad Request');
  }
  stats.calls[path] = (stats.calls[path] ?? 0) + 1;
  if (req.method !== 'GET') return sendJson(res, 405, 'Method Not Allowed');
  const route = routes[path];
  if (!route) return sendJson(res, 404, 'Not Found');
  sendJson(res, 200, route(model, url));
}
