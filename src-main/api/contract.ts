/**
 * THE service contract: every call the renderer can make and every event main pushes.
 *
 * Both transports (Electron IPC in src-preload + src-main/electron/ipc.ts, and the loopback
 * WebSocket in src-main/serve/) are generic loops over this list, and the service in
 * src-main/api/service.ts implements it once. Adding a feature = one entry here + its handler +
 * its screen. Names are namespaced: `area/action`.
 */
import { z } from 'zod';
import { catalogContract } from './catalog-contract';
import { sessionsContract } from './sessions-contract';
import { clientManagedSettingsSchema } from '../connections/client-managed-settings';
import { lineageContract } from './lineage-contract';
import { snapshotsContract, snapshotsEvents } from './snapshots-contract';
import type { ErrorShape } from './errors';
import type { AppInfo, Settings } from './types/app';
import type { ConnectionView, KeychainStatusView } from './types/connections';
import type { CrawlJobView } from './types/crawl';

/** Declares a call's result type without a runtime value (results are produced by main, not parsed). */
function returns<T>(): T {
  return undefined as unknown as T;
}

export interface ContractEntry {
  /** Argument schema; every call takes one object so arguments are named at both ends. */
  readonly args: z.ZodType;
  /** Phantom value carrying the result type. */
  readonly result: unknown;
  /** One sentence: what the call does. Shown in `qme --help`-style listings and docs. */
  readonly doc: string;
}

const noArgs = z.object({}).strict();

export const colorSchemeSchema = z.enum(['light', 'dark', 'auto']);

export const settingsPatchSchema = z
  .object({
    colorScheme: colorSchemeSchema.optional(),
  })
  .strict();

const connectionId = z.string().min(1).max(100);

/** A tenant URL: http(s) only, no credentials or fragments in it. */
const tenantUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL such as https://your-tenant.eu.qlikcloud.com');

const proxyUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => /^https?:\/\/[^\s]+$/.test(value), 'must be an http(s) proxy URL such as http://proxy.corp:8080');

export const connectionInputSchema = z
  .object({
    id: connectionId.optional(),
    name: z.string().trim().min(1, 'is required').max(100),
    kind: z.enum(['cloud', 'client-managed']).optional(),
    url: tenantUrl,
    environment: z.string().trim().max(24).default(''),
    proxy: proxyUrl.nullable().default(null),
    caFile: z.string().trim().min(1).max(4096).nullable().default(null),
    crawlSpacesAndCollections: z.boolean().default(true),
    /** Client-managed sites only (kind 'client-managed'); the passphrase of client_key.pem goes in apiKey. */
    clientManaged: clientManagedSettingsSchema.optional(),
    /** Sent once when added or replaced; stored in the OS keychain only. */
    apiKey: z.string().trim().min(8, 'looks too short for a Qlik API key').max(8192).optional(),
  })
  .strict();

export const contract = {
  'app/info': {
    args: noArgs,
    result: returns<AppInfo>(),
    doc: 'Name, version and platform of the running app.',
  },
  'settings/get': {
    args: noArgs,
    result: returns<Settings>(),
    doc: 'The user settings.',
  },
  'settings/update': {
    args: settingsPatchSchema,
    result: returns<Settings>(),
    doc: 'Changes some settings and returns all of them.',
  },
  'connections/list': {
    args: noArgs,
    result: returns<ConnectionView[]>(),
    doc: 'All connections, the built-in demo tenant first, with their health and whether a key is stored.',
  },
  'connections/save': {
    args: connectionInputSchema,
    result: returns<ConnectionView>(),
    doc: 'Adds or edits a connection; a given API key goes to the OS keychain, never to disk.',
  },
  'connections/delete': {
    args: z.object({ id: connectionId }).strict(),
    result: returns<null>(),
    doc: 'Deletes a connection and its keychain entry; its snapshots stay in the catalog.',
  },
  'connections/validate': {
    args: z.object({ id: connectionId }).strict(),
    result: returns<ConnectionView>(),
    doc: 'Checks that the tenant answers and the key works; errors say what to fix.',
  },
  'connections/demo-revision': {
    args: z.object({ revision: z.union([z.literal(1), z.literal(2)]) }).strict(),
    result: returns<ConnectionView>(),
    doc: 'Makes the built-in demo tenant present revision 1 or 2 (documented changes), so a crawl after switching shows a diff.',
  },
  'keychain/status': {
    args: noArgs,
    result: returns<KeychainStatusView>(),
    doc: 'Whether the OS keychain can store API keys on this machine, and what to do if not.',
  },
  'crawl/start': {
    args: z
      .object({
        connectionId,
        mode: z.enum(['full', 'delta']),
        spaceIds: z.array(z.string().min(1).max(200)).max(10_000).optional(),
        appIds: z.array(z.string().min(1).max(200)).max(100_000).optional(),
      })
      .strict(),
    result: returns<CrawlJobView>(),
    doc: 'Starts a full or delta crawl of a connection, optionally of selected spaces or apps.',
  },
  'crawl/cancel': {
    args: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    result: returns<CrawlJobView>(),
    doc: 'Cancels a running crawl; the previous snapshot stays the latest.',
  },
  'crawl/jobs': {
    args: noArgs,
    result: returns<CrawlJobView[]>(),
    doc: 'Crawls running now and those finished in this session, newest first.',
  },
  ...catalogContract,
  ...lineageContract,
  ...snapshotsContract,
  ...sessionsContract,
} as const satisfies Record<string, ContractEntry>;

/** Events main pushes to every window. The value is the payload type. */
export const events = {
  'settings/changed': returns<Settings>(),
  /** Live state of a crawl job, at most every 100 ms while it runs and once when it ends. */
  'crawl/progress': returns<CrawlJobView>(),
  /** A crawl ended (complete, cancelled or failed): catalog views should refresh. */
  'crawl/finished': returns<CrawlJobView>(),
  ...snapshotsEvents,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallArgs<N extends CallName> = z.input<Contract[N]['args']>;
export type ParsedArgs<N extends CallName> = z.output<Contract[N]['args']>;
export type CallResult<N extends CallName> = Contract[N]['result'];
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = (typeof events)[E];

export const callNames = Object.keys(contract) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** What a transport carries back for every call: a value or an error shape, never a thrown object. */
export type Envelope<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorShape };

/** The client-side view of the contract, identical for both transports (window.explorer). */
export interface ExplorerBridge {
  call<N extends CallName>(name: N, args: CallArgs<N>): Promise<Envelope<CallResult<N>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly transport: 'electron' | 'browser';
}
