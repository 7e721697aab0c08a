/**
 * Qlik Cloud REST v1 over node:http: Bearer auth, Qlik-shaped errors, paging through
 * `links.next.href` with each service's own cursor name (protocol doc §2.1), and the faults of
 * faults.ts applied in the order a real tenant would: auth, rate limit, server error, body.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appContent } from './app-content';
import { dataMetadata } from './data-model';
import { dataMetadataLineage } from './engine-lineage';
import { bump, delay, type DemoStats, type FaultState } from './faults';
import {
  appJson,
  automationDetailJson,
  automationJson,
  automationRunJson,
  collectionJson,
  dataConnectionJson,
  itemJson,
  reloadJson,
  spaceJson,
  userJson,
} from './rest-shapes';
import { thumbnailPng } from './thumbnail';
import type { DemoApp, JsonObject, JsonValue, TenantModel } from './tenant-model';

export interface RestContext {
  readonly model: TenantModel;
  readonly baseUrl: () => string;
  readonly apiKey: string;
  readonly faults: FaultState;
  readonly stats: DemoStats;
}

type Body = { readonly status: number; readonly json?: JsonValue; readonly bytes?: Buffer; readonly headers?: Record<string, string> };

class RestError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const notFound = (what: string): RestError => new RestError(404, 'Not Found', `${what} not found.`);

function errorBody(status: number, title: string, detail: string): JsonObject {
  return { errors: [{ code: `HTTP-${status}`, title, detail, status }], traceId: randomBytes(8).toString('hex') };
}

export function hasBearer(header: string | undefined, apiKey: string): boolean {
  return header === `Bearer ${apiKey}`;
}

interface Route {
  readonly pattern: RegExp;
  readonly key: string;
  readonly handle: (match: string[], url: URL, ctx: RestContext) => Body;
}

function ok(json: JsonValue): Body {
  return { status: 200, json };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new RestError(400, 'Bad Request', 'The paging cursor is not valid.');
  return Number(match[1]);
}

/** One page plus links.self/next/prev as absolute URLs, the way @qlik/api follows them. */
function page<T extends JsonValue>(items: readonly T[], url: URL, ctx: RestContext, cursorParam: string, extra?: JsonObject): Body;
function page<T>(
  items: readonly T[],
  url: URL,
  ctx: RestContext,
  cursorParam: string,
  extra: JsonObject,
  toJson: (item: T) => JsonValue,
): Body;
function page<T>(
  items: readonly T[],
  url: URL,
  ctx: RestContext,
  cursorParam: string,
  extra: JsonObject = {},
  // Only the page's items are turned into JSON: a 1,000-app listing is ten pages, not ten thousand items.
  toJson: (item: T) => JsonValue = (item) => item as JsonValue,
): Body {
  const rawLimit = url.searchParams.get('limit');
  const limit = rawLimit === null ? 10 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new RestError(400, 'Bad Request', 'limit must be an integer from 1 to 100.');
  const cursor = url.searchParams.get(cursorParam);
  const offset = cursor ? decodeCursor(cursor) : 0;
  const link = (at: number): { href: string } => {
    const next = new URL(url.pathname, ctx.baseUrl());
    url.searchParams.forEach((value, key) => {
      if (key !== cursorParam && key !== 'limit') next.searchParams.append(key, value);
    });
    next.searchParams.set('limit', String(limit));
    if (at > 0) next.searchParams.set(cursorParam, encodeCursor(at));
    return { href: next.toString() };
  };
  const links: JsonObject = { self: { href: new URL(url.pathname + url.search, ctx.baseUrl()).toString() } };
  if (offset + limit < items.length) links.next = link(offset + limit);
  if (offset > 0) links.prev = link(Math.max(0, offset - limit));
  return ok({ data: items.slice(offset, offset + limit).map(toJson), links, ...extra });
}

function findApp(ctx: RestContext, appId: string | undefined): DemoApp {
  const app = ctx.model.apps.find((a) => a.record.id === appId);
  if (!app) throw notFound(`App ${appId ?? ''}`);
  return app;
}

function filterItems(ctx: RestContext, url: URL): DemoApp[] {
  const q = url.searchParams;
  const types = (q.get('resourceType') ?? 'app').split(',');
  if (!types.some((t) => t === 'app' || t.startsWith('app['))) return [];
  const spaceId = q.get('spaceId');
  const spaceType = q.get('spaceType');
  const resourceIds = [q.get('resourceId'), ...(q.get('resourceIds')?.split(',') ?? [])].filter((x): x is string => Boolean(x));
  const name = q.get('name')?.toLowerCase();
  const ownerId = q.get('ownerId');
  const collectionId = q.get('collectionId');
  const spaceTypes = spaceType ? new Map(ctx.model.spaces.map((s) => [s.record.id, s.record.type])) : null;
  const spaceTypeOf = (app: DemoApp): string => (app.record.spaceId ? (spaceTypes?.get(app.record.spaceId) ?? '') : 'personal');
  return ctx.model.apps.filter(
    (a) =>
      (!spaceId || (spaceId === 'personal' ? a.record.spaceId === null : a.record.spaceId === spaceId)) &&
      (!spaceType || spaceType.split(',').includes(spaceTypeOf(a))) &&
      (resourceIds.length === 0 || resourceIds.includes(a.record.id)) &&
      (!name || a.record.name.toLowerCase().includes(name)) &&
      (!ownerId || a.record.ownerId === ownerId) &&
      (!collectionId || a.collectionIds.includes(collectionId)),
  );
}

/**
 * The Items API's `sort`: +/- createdAt, updatedAt or name. Equal values keep item-id order in
 * both directions, so a descending listing is not the exact reverse of an ascending one, as with a
 * real database's tie order. Without `sort`, the model's order.
 */
function sortItems(apps: DemoApp[], url: URL, faults: FaultState): DemoApp[] {
  const sort = url.searchParams.get('sort');
  if (sort === null || faults.current.itemSortIgnored) return apps;
  const match = /^([+-]?)(createdAt|updatedAt|name)$/.exec(sort);
  if (!match) throw new RestError(400, 'Bad Request', 'sort must be createdAt, updatedAt or name, prefixed by + or -.');
  const direction = match[1] === '-' ? -1 : 1;
  const valueOf = (a: DemoApp): string =>
    match[2] === 'createdAt' ? a.itemCreatedAt : match[2] === 'updatedAt' ? (a.record.itemUpdatedAt ?? '') : a.record.name;
  return [...apps].sort((x, y) => direction * valueOf(x).localeCompare(valueOf(y)) || x.itemId.localeCompare(y.itemId));
}

function automationRoutes(prefix: string, label: string): Route[] {
  const esc = prefix.replace(/\//g, '\\/');
  const find = (ctx: RestContext, id: string | undefined) => {
    const a = ctx.model.automations.find((x) => x.record.id === id);
    if (!a) throw notFound(`Automation ${id ?? ''}`);
    return a;
  };
  return [
    {
      pattern: new RegExp(`^${esc}$`),
      key: `GET ${label}`,
      handle: (_m, url, ctx) => page(ctx.model.automations.map(automationJson), url, ctx, 'cursor'),
    },
    {
      pattern: new RegExp(`^${esc}/([^/]+)$`),
      key: `GET ${label}/{id}`,
      handle: (m, _u, ctx) => ok(automationDetailJson(find(ctx, m[1]))),
    },
    {
      pattern: new RegExp(`^${esc}/([^/]+)/runs$`),
      key: `GET ${label}/{id}/runs`,
      handle: (m, url, ctx) => {
        const a = find(ctx, m[1]);
        return page(
          a.record.runs.map((r) => automationRunJson(a, r)),
          url,
          ctx,
          'cursor',
        );
      },
    },
  ];
}

const routes: readonly Route[] = [
  {
    pattern: /^\/api\/v1\/users\/me$/,
    key: 'GET /api/v1/users/me',
    handle: (_m, _u, ctx) => ok(userJson(ctx.model, ctx.model.me, ctx.baseUrl())),
  },
  {
    pattern: /^\/api\/v1\/users$/,
    key: 'GET /api/v1/users',
    handle: (_m, url, ctx) => {
      if (ctx.faults.current.userListForbidden) {
        throw new RestError(403, 'Forbidden', 'Listing users needs the user-management permission.');
      }
      return page(
        ctx.model.users.map((u) => userJson(ctx.model, u, ctx.baseUrl())),
        url,
        ctx,
        'next',
      );
    },
  },
  {
    pattern: /^\/api\/v1\/users\/([^/]+)$/,
    key: 'GET /api/v1/users/{id}',
    handle: (m, _u, ctx) => {
      const user = ctx.model.users.find((u) => u.id === m[1]);
      if (!user) throw notFound(`User ${m[1] ?? ''}`);
      return ok(userJson(ctx.model, user, ctx.baseUrl()));
    },
  },
  {
    pattern: /^\/api\/v1\/spaces$/,
    key: 'GET /api/v1/spaces',
    handle: (_m, url, ctx) => {
      const types = url.searchParams.get('type')?.split(',');
      const spaces = ctx.model.spaces.filter((s) => !types || types.includes(s.record.type));
      // The personal space is not a space object: it only shows up in meta (protocol doc §2.3).
      return page(
        spaces.map((s) => spaceJson(ctx.model, s, ctx.baseUrl())),
        url,
        ctx,
        'next',
        { meta: { count: spaces.length, personalSpace: { actions: ['create', 'read', 'update'], resourceType: 'space' } } },
      );
    },
  },
  {
    pattern: /^\/api\/v1\/spaces\/([^/]+)$/,
    key: 'GET /api/v1/spaces/{id}',
    handle: (m, _u, ctx) => {
      const space = ctx.model.spaces.find((s) => s.record.id === m[1]);
      if (!space) throw notFound(`Space ${m[1] ?? ''}`);
      return ok(spaceJson(ctx.model, space, ctx.baseUrl()));
    },
  },
  {
    pattern: /^\/api\/v1\/items$/,
    key: 'GET /api/v1/items',
    handle: (_m, url, ctx) =>
      page(sortItems(filterItems(ctx, url), url, ctx.faults), url, ctx, 'next', {}, (a) => itemJson(ctx.model, a, ctx.baseUrl())),
  },
  {
    pattern: /^\/api\/v1\/items\/([^/]+)$/,
    key: 'GET /api/v1/items/{id}',
    handle: (m, _u, ctx) => {
      const app = ctx.model.apps.find((a) => a.itemId === m[1]);
      if (!app) throw notFound(`Item ${m[1] ?? ''}`);
      return ok(itemJson(ctx.model, app, ctx.baseUrl()));
    },
  },
  {
    pattern: /^\/api\/v1\/apps\/([^/]+)$/,
    key: 'GET /api/v1/apps/{id}',
    handle: (m, _u, ctx) => ok(appJson(ctx.model, findApp(ctx, m[1]))),
  },
  {
    pattern: /^\/api\/v1\/apps\/([^/]+)\/data\/metadata$/,
    key: 'GET /api/v1/apps/{id}/data/metadata',
    handle: (m, _u, ctx) => {
      const app = findApp(ctx, m[1]);
      return ok(dataMetadata(appContent(ctx.model, app).dataModel, app.record.usage ?? 'ANALYTICS', app.record.hasSectionAccess));
    },
  },
  {
    pattern: /^\/api\/v1\/apps\/([^/]+)\/data\/lineage$/,
    key: 'GET /api/v1/apps/{id}/data/lineage',
    handle: (m, _u, ctx) => ok(dataMetadataLineage(appContent(ctx.model, findApp(ctx, m[1])))),
  },
  {
    pattern: /^\/api\/v1\/apps\/([^/]+)\/media\/thumbnail$/,
    key: 'GET /api/v1/apps/{id}/media/thumbnail',
    handle: (m, _u, ctx) => {
      const app = findApp(ctx, m[1]);
      if (!app.record.thumbnailUrl) throw notFound(`Thumbnail of app ${app.record.id}`);
      return { status: 200, bytes: thumbnailPng, headers: { 'content-type': 'application/octet-stream' } };
    },
  },
  {
    pattern: /^\/api\/v1\/reloads$/,
    key: 'GET /api/v1/reloads',
    handle: (_m, url, ctx) => {
      const appId = url.searchParams.get('appId');
      const apps = appId ? [findApp(ctx, appId)] : ctx.model.apps;
      const reloads = apps.flatMap((a) => a.reloads).sort((x, y) => y.creationTime.localeCompare(x.creationTime));
      return page(
        reloads.map((r) => reloadJson(ctx.model, r, ctx.baseUrl())),
        url,
        ctx,
        'next',
      );
    },
  },
  {
    pattern: /^\/api\/v1\/collections$/,
    key: 'GET /api/v1/collections',
    handle: (_m, url, ctx) =>
      page(
        ctx.model.collections.map((c) => collectionJson(ctx.model, c, ctx.baseUrl())),
        url,
        ctx,
        'next',
      ),
  },
  {
    pattern: /^\/api\/v1\/collections\/([^/]+)$/,
    key: 'GET /api/v1/collections/{id}',
    handle: (m, _u, ctx) => {
      const c = ctx.model.collections.find((x) => x.record.id === m[1]);
      if (!c) throw notFound(`Collection ${m[1] ?? ''}`);
      return ok(collectionJson(ctx.model, c, ctx.baseUrl()));
    },
  },
  {
    pattern: /^\/api\/v1\/collections\/([^/]+)\/items$/,
    key: 'GET /api/v1/collections/{id}/items',
    handle: (m, url, ctx) => {
      const c = ctx.model.collections.find((x) => x.record.id === m[1]);
      if (!c) throw notFound(`Collection ${m[1] ?? ''}`);
      const apps = ctx.model.apps.filter((a) => c.record.appIds.includes(a.record.id));
      return page(
        apps.map((a) => itemJson(ctx.model, a, ctx.baseUrl())),
        url,
        ctx,
        'next',
      );
    },
  },
  ...automationRoutes('/api/v1/automations', '/api/v1/automations'),
  ...automationRoutes('/api/workflows/automations', '/api/workflows/automations'),
  {
    pattern: /^\/api\/v1\/data-connections$/,
    key: 'GET /api/v1/data-connections',
    handle: (_m, url, ctx) => {
      const spaceId = url.searchParams.get('spaceId');
      const list = ctx.model.dataConnections.filter((c) => !spaceId || c.record.spaceId === spaceId);
      // DataFiles connections come after the standard ones regardless of sort (protocol doc §2.3).
      const ordered = [...list.filter((c) => c.datasourceId !== 'DataFiles'), ...list.filter((c) => c.datasourceId === 'DataFiles')];
      return page(
        ordered.map((c) => dataConnectionJson(ctx.model, c, ctx.baseUrl())),
        url,
        ctx,
        'page',
        { meta: { count: ordered.length } },
      );
    },
  },
  {
    pattern: /^\/api\/v1\/data-connections\/([^/]+)$/,
    key: 'GET /api/v1/data-connections/{id}',
    handle: (m, _u, ctx) => {
      const c = ctx.model.dataConnections.find((x) => x.record.id === m[1]);
      if (!c) throw notFound(`Data connection ${m[1] ?? ''}`);
      return ok(dataConnectionJson(ctx.model, c, ctx.baseUrl()));
    },
  },
];

function send(res: ServerResponse, body: Body, malformed: boolean): void {
  const headers: Record<string, string> = { ...(body.headers ?? {}) };
  if (body.bytes) {
    res.writeHead(body.status, { 'content-length': String(body.bytes.length), ...headers });
    res.end(body.bytes);
    return;
  }
  let text = JSON.stringify(body.json ?? null);
  if (malformed) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  res.writeHead(body.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export async function handleRest(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.baseUrl());
  const method = req.method ?? 'GET';
  const faults = ctx.faults.current;
  await delay(faults.latencyMs ?? 0);
  if (!hasBearer(req.headers.authorization, ctx.apiKey)) {
    send(
      res,
      { status: 401, json: errorBody(401, 'Unauthorized', 'A valid API key is required: send it as "Authorization: Bearer <key>".') },
      false,
    );
    return;
  }
  const route = method === 'GET' ? routes.find((r) => r.pattern.test(url.pathname)) : undefined;
  const key = route?.key ?? `${method} ${url.pathname}`;
  bump(ctx.stats.rest, key);
  bump(ctx.stats.restByFilter, `${key}?${[...new Set(url.searchParams.keys())].sort().join('&')}`);
  ctx.stats.restTotal++;
  const wait = ctx.faults.rateLimitWait(method === 'GET' ? 'tier1' : 'tier2', Date.now());
  if (wait !== null) {
    bump(ctx.stats.faults, 'rate-limit');
    const body = {
      errors: [{ code: 'HTTP-429', title: 'API rate limit reached.', detail: `You need to wait ${wait} seconds until limit is lifted.` }],
    };
    send(res, { status: 429, json: body, headers: { 'retry-after': String(wait) } }, false);
    return;
  }
  const injected = ctx.faults.restError();
  if (injected !== null) {
    bump(ctx.stats.faults, 'rest-error');
    send(
      res,
      {
        status: injected,
        json: errorBody(injected, 'Service Unavailable', 'Injected by the demo tenant (restErrorRate / restErrorEveryNth).'),
      },
      false,
    );
    return;
  }
  let body: Body;
  try {
    if (!route)
      throw method === 'GET'
        ? notFound(`Route ${url.pathname}`)
        : new RestError(405, 'Method Not Allowed', `${method} is not supported here.`);
    body = route.handle(route.pattern.exec(url.pathname)?.slice(0) ?? [], url, ctx);
  } catch (error) {
    const e =
      error instanceof RestError
        ? error
        : new RestError(500, 'Internal Server Error', error instanceof Error ? error.message : String(error));
    body = { status: e.status, json: errorBody(e.status, e.title, e.detail) };
  }
  const malformed = faults.malformedJson?.rest === true && body.json !== undefined;
  if (malformed) bump(ctx.stats.faults, 'malformed-rest');
  send(res, body, malformed);
}
