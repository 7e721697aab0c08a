/**
 * The REST half of a crawl: who we are, users (owner names), spaces, collections with their
 * items, data connections (masked), automations with runs and definitions (workflows API first,
 * v1 as fallback, secrets stripped). Each listing is independent; a listing the key may not read
 * (403/404) yields nothing rather than failing the crawl.
 */
import { AppError } from '../api/errors';
import type { RestClient } from '../qlik/rest-client';
import {
  automationDetailSchema,
  automationRunSchema,
  automationSchema,
  collectionItemSchema,
  collectionSchema,
  dataConnectionSchema,
  dataMetadataSchema,
  itemSchema,
  type RestDataMetadata,
  type RestItem,
  spaceSchema,
  userSchema,
} from '../qlik/rest-schemas';
import { z } from 'zod';
import { mapAutomation, mapCollection, mapDataConnection, mapSpace } from './rest-mapping';
import type { AutomationRecord, CollectionRecord, DataConnectionRecord, SpaceRecord } from './records';

const OPTIONAL_STATUSES = [403, 404] as const;

/** Runs a listing the crawl can live without; 403/404 mean "not available to this key". */
async function tolerant<T>(work: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'auth-forbidden' || error.code === 'not-found')) return fallback;
    throw error;
  }
}

/** Owner id → display name, for the app owners of one page of the listing. */
export type OwnerNames = (ownerIds: Iterable<string>) => Promise<ReadonlyMap<string, string>>;

/**
 * Owner names from the users list when the key may read it (one listing, started at once), and
 * `GET /users/{id}` once per owner the list did not name: a key without the right to list users
 * can usually still read one user.
 */
export function ownerNames(rest: RestClient, signal?: AbortSignal): OwnerNames {
  const opts = signal ? { signal } : {};
  const names = tolerant(() => rest.listAll('/api/v1/users?limit=100', userSchema, opts), []).then(
    (users) => new Map(users.filter((u) => u.name).map((u) => [u.id, u.name as string])),
  );
  names.catch(() => undefined); // awaited by the first page; a crawl that ends before it must not leave it unhandled
  const asked = new Map<string, Promise<void>>();
  return async (ownerIds) => {
    const known = await names;
    const lookups = [...new Set(ownerIds)]
      .filter((id) => !known.has(id))
      .map((id) => {
        let lookup = asked.get(id);
        if (!lookup) {
          lookup = rest
            .getJsonOrUndefined(`/api/v1/users/${encodeURIComponent(id)}`, userSchema, { ...opts, allowStatuses: [403, 404] })
            .then(
              (user) => {
                if (user?.name) known.set(id, user.name);
              },
              () => undefined, // a name is a nicety: an owner that cannot be read stays an id
            );
          asked.set(id, lookup);
        }
        return lookup;
      });
    await Promise.all(lookups);
    return known;
  };
}

export async function fetchSpaces(rest: RestClient, signal?: AbortSignal): Promise<SpaceRecord[]> {
  const spaces = await tolerant(() => rest.listAll('/api/v1/spaces?limit=100', spaceSchema, signal ? { signal } : {}), []);
  return spaces.map(mapSpace);
}

/** An app's REST data/metadata (table sizes, field cardinalities); undefined where the key may not read it. */
export function fetchAppDataMetadata(rest: RestClient, appId: string, signal?: AbortSignal): Promise<RestDataMetadata | undefined> {
  return rest.getJsonOrUndefined(`/api/v1/apps/${encodeURIComponent(appId)}/data/metadata`, dataMetadataSchema, {
    ...(signal ? { signal } : {}),
    allowStatuses: [403, 404],
  });
}

/** Every space type the Items API filters by (qlik.dev changelog 65): together they cover every item. */
const ITEM_SPACE_TYPES = ['shared', 'managed', 'personal', 'data'] as const;

/**
 * App items, page by page, so app crawling starts before the listing ends. Items are paged by an
 * opaque cursor (at most 100 per page), so one listing of 1,000 apps is ten round trips in a row —
 * most of a delta crawl's time. Listed per space type (the four advance side by side), each from
 * both ends at once (`bothEnds`): about half the round trips in a row. `noActions` spares the
 * server working out the caller's actions on each item, which the crawl does not use. Items may
 * come twice (an app moved while listed); the caller drops repeats.
 */
export function appItemPages(rest: RestClient, signal?: AbortSignal): AsyncGenerator<RestItem[]> {
  return mergePages(ITEM_SPACE_TYPES.map((spaceType) => bothEnds(rest, `spaceType=${spaceType}`, signal)));
}

interface Cursor {
  readonly pages: AsyncGenerator<RestItem[]>;
  /** +1 reading upwards (oldest first), -1 downwards. */
  readonly direction: 1 | -1;
  /** Creation time (ms) of the last item read. */
  last: number;
}

/**
 * One listing read upwards and downwards by creation time (the Items API's `sort`) at once, until
 * the two have crossed. Every item created before the newest one read upwards has been read
 * upwards, every item created after the oldest one read downwards has been read downwards; once
 * the former is newer than the latter, no item is left in between, however the server orders
 * equal times. A page out of the order asked for, or an item without a creation time, means the
 * server does not sort as assumed: the listing then starts again as one plain cursor.
 */
async function* bothEnds(rest: RestClient, filter: string, signal?: AbortSignal): AsyncGenerator<RestItem[]> {
  const options = signal ? { signal } : {};
  const up: Cursor = { pages: rest.pages(appItemsPath(`${filter}&sort=%2BcreatedAt`), itemSchema, options), direction: 1, last: -Infinity };
  const down: Cursor = { pages: rest.pages(appItemsPath(`${filter}&sort=-createdAt`), itemSchema, options), direction: -1, last: Infinity };
  const pull = (cursor: Cursor) => {
    const step = cursor.pages.next().then((result) => ({ cursor, result }));
    step.catch(() => undefined); // raced below; one left behind when the cursors cross must not go unhandled
    return step;
  };
  const pending = new Map([up, down].map((cursor) => [cursor, pull(cursor)]));
  const stop = (): void => {
    for (const cursor of [up, down]) void cursor.pages.return(undefined).catch(() => undefined);
  };
  for (;;) {
    const { cursor, result } = await Promise.race(pending.values());
    // One end read the whole listing: nothing can be missing.
    if (result.done) return stop();
    const isInOrder = result.value.every((item) => {
      const createdAt = Date.parse(item.createdAt ?? '');
      if (Number.isNaN(createdAt) || (createdAt - cursor.last) * cursor.direction < 0) return false;
      cursor.last = createdAt;
      return true;
    });
    yield result.value;
    if (!isInOrder) {
      stop();
      yield* rest.pages(appItemsPath(filter), itemSchema, options);
      return;
    }
    if (up.last > down.last) return stop();
    pending.set(cursor, pull(cursor));
  }
}

function appItemsPath(filter: string): string {
  return `/api/v1/items?resourceType=app&${filter}&noActions=true&limit=100`;
}

/** Pages of several listings, all running at once, in the order they arrive; the first failure ends the whole. */
export async function* mergePages<T>(sources: ReadonlyArray<AsyncGenerator<T[]>>): AsyncGenerator<T[]> {
  const pull = (index: number) => {
    const step = (sources[index] as AsyncGenerator<T[]>).next().then((result) => ({ index, result }));
    step.catch(() => undefined); // raced below; one left behind by an earlier failure must not go unhandled
    return step;
  };
  const pending = new Map(sources.map((_, index) => [index, pull(index)] as const));
  while (pending.size > 0) {
    const { index, result } = await Promise.race(pending.values());
    if (result.done) {
      pending.delete(index);
    } else {
      pending.set(index, pull(index));
      yield result.value;
    }
  }
}

export async function fetchCollections(rest: RestClient, signal?: AbortSignal): Promise<CollectionRecord[]> {
  const opts = signal ? { signal } : {};
  const collections = await tolerant(() => rest.listAll('/api/v1/collections?limit=100', collectionSchema, opts), []);
  return Promise.all(
    collections.map(async (c) => {
      const items = await tolerant(
        () => rest.listAll(`/api/v1/collections/${encodeURIComponent(c.id)}/items?limit=100`, collectionItemSchema, opts),
        [],
      );
      const appIds = items.filter((i) => (i.resourceType ?? 'app') === 'app' && i.resourceId).map((i) => i.resourceId as string);
      return mapCollection(c, appIds);
    }),
  );
}

export async function fetchDataConnections(rest: RestClient, signal?: AbortSignal): Promise<DataConnectionRecord[]> {
  const connections = await tolerant(
    () => rest.listAll('/api/v1/data-connections?limit=100', dataConnectionSchema, signal ? { signal } : {}),
    [],
  );
  return connections.map(mapDataConnection).filter((c): c is DataConnectionRecord => c !== null);
}

const definitionSchema = z.unknown();

/**
 * Automations: list, then per automation its detail (schedule, workspace = the definition) and
 * recent runs. `/api/workflows/automations` replaces `/api/v1/automations` (qlik-protocol.md §2.3);
 * we try it first and fall back to v1 when the tenant does not serve it.
 */
export async function fetchAutomations(rest: RestClient, signal?: AbortSignal, runsPerAutomation = 20): Promise<AutomationRecord[]> {
  const opts = signal ? { signal } : {};
  let base = '/api/workflows/automations';
  let list = await tolerant(() => rest.listAll(`${base}?limit=100`, automationSchema, opts).then((l) => l as typeof l | null), null);
  if (list === null) {
    base = '/api/v1/automations';
    list = await tolerant(() => rest.listAll(`${base}?limit=100`, automationSchema, opts), []);
  }
  return Promise.all(
    list.map(async (automation) => {
      const id = encodeURIComponent(automation.id);
      const [detailRaw, runs] = await Promise.all([
        tolerant(
          () => rest.getJsonOrUndefined(`${base}/${id}`, definitionSchema, { ...opts, allowStatuses: OPTIONAL_STATUSES }),
          undefined,
        ),
        tolerant(
          () =>
            rest.listAll(`${base}/${id}/runs?limit=${runsPerAutomation}&sort=-startTime`, automationRunSchema, {
              ...opts,
              maxItems: runsPerAutomation,
            }),
          [],
        ),
      ]);
      const detail = detailRaw === undefined ? null : automationDetailSchema.safeParse(detailRaw);
      const definition = detailRaw && typeof detailRaw === 'object' ? (detailRaw as { workspace?: unknown }).workspace : undefined;
      return mapAutomation(automation, detail?.success ? detail.data : null, runs.slice(0, runsPerAutomation), definition);
    }),
  );
}
