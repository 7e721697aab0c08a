/**
 * Fault and limit injection. Every knob is off unless set; setFaults() replaces the whole
 * config at run time. Rate limits follow Qlik's tiers (protocol doc §2.2): GETs are Tier 1,
 * writes Tier 2, both answered with HTTP 429 + Retry-After in seconds.
 */
import { createRandom, deriveSeed, type Random } from './prng';

export interface FaultConfig {
  /** Delay before every REST response and every engine reply. */
  readonly latencyMs?: number;
  /** Extra delay for engine replies to `slowMethods` (all methods when absent). */
  readonly slowReplyMs?: number;
  readonly slowMethods?: readonly string[];
  /** REST GETs allowed per minute (Qlik Tier 1 is 1,000); off when absent or 0. */
  readonly tier1PerMinute?: number;
  /** REST non-GETs allowed per minute (Qlik Tier 2 is 100); off when absent or 0. */
  readonly tier2PerMinute?: number;
  /** Retry-After sent with every 429 instead of the window's remaining seconds (short waits for tests; may be fractional). */
  readonly retryAfterSeconds?: number;
  /** Each engine socket is cut (no close frame) when its Nth request arrives, without a reply. */
  readonly dropSocketAfterCalls?: number;
  /** Fraction (0..1) of REST calls answered with `restErrorStatus`, drawn from a PRNG seeded by the tenant seed. */
  readonly restErrorRate?: number;
  /** Every Nth REST call is answered with `restErrorStatus`. */
  readonly restErrorEveryNth?: number;
  /** Status for injected REST errors; default 503. */
  readonly restErrorStatus?: number;
  /** `rest`: REST bodies are cut mid-JSON; `engineMethods`: replies to these engine methods are broken frames. */
  readonly malformedJson?: { readonly rest?: boolean; readonly engineMethods?: readonly string[] };
  /** GetScript / GetLineage / GetConnections answer error 5 (the identity lacks `reload` access, §1.6). */
  readonly accessDeniedAppIds?: readonly string[];
  /** OpenDoc answers error 5 (no access to the app at all). */
  readonly openDeniedAppIds?: readonly string[];
  /** OpenDoc answers 1003 although the app is listed over REST. */
  readonly notFoundAppIds?: readonly string[];
  /** Engine methods that never get a reply (client timeouts). */
  readonly neverReplyMethods?: readonly string[];
  /**
   * Doc.GetObjects answers generic objects only, never master measures/dimensions even when
   * qTypes asks for them. Whether real engines include them is unverified (protocol doc §1.7,
   * §5): the crawler must cope with both.
   */
  readonly getObjectsOmitsLibraryItems?: boolean;
  /** Engine methods answered -32601 "Method does not exist", as by an older engine. */
  readonly unsupportedMethods?: readonly string[];
  /** GET /items answers in its own order whatever `sort` asks (a server without sorting). */
  readonly itemSortIgnored?: boolean;
  /** OpenDoc gives the Doc this handle instead of the usual 1 (qlik-protocol.md §1.3 says "typically 1"). */
  readonly docHandle?: number;
  /**
   * The Doc handle takes requests only once OpenDoc's reply has gone out, as an engine that opens
   * apps asynchronously would: requests sent right behind OpenDoc get -32602 "Invalid handle", or
   * with 'app-invalid' error 1007 "App invalid" (an engine that knows the handle but not the app yet).
   */
  readonly docOpensAfterReply?: boolean | 'app-invalid';
  /**
   * Every app's last N sheets are private sheets of another user: the engine leaves them and the
   * charts on them out for the crawl account, while the client-managed repository (QRS) still
   * lists them, as a real site does for an account no security rule lets read them.
   */
  readonly hiddenSheetsPerApp?: number;
  /** GET /api/v1/users answers 403, as for a key without the right to list users; /users/{id} still answers. */
  readonly userListForbidden?: boolean;
}

export type RestTier = 'tier1' | 'tier2';

/** The per-run state behind a FaultConfig: rate-limit windows, the REST call counter, the error PRNG. */
export class FaultState {
  private windows: Record<RestTier, number[]> = { tier1: [], tier2: [] };
  private restCalls = 0;
  private rnd: Random;

  constructor(
    private config: FaultConfig,
    private readonly seed: number,
  ) {
    this.rnd = createRandom(deriveSeed(seed, 'faults'));
  }

  get current(): FaultConfig {
    return this.config;
  }

  replace(config: FaultConfig): void {
    this.config = config;
    this.windows = { tier1: [], tier2: [] };
    this.restCalls = 0;
    this.rnd = createRandom(deriveSeed(this.seed, 'faults'));
  }

  /** Seconds the caller must wait, or null when the call is within its tier's limit. */
  rateLimitWait(tier: RestTier, now: number): number | null {
    const limit = tier === 'tier1' ? this.config.tier1PerMinute : this.config.tier2PerMinute;
    if (!limit || limit <= 0) return null;
    const window = this.windows[tier].filter((t) => now - t < 60_000);
    this.windows[tier] = window;
    if (window.length < limit) {
      window.push(now);
      return null;
    }
    const oldest = window[0] ?? now;
    return this.config.retryAfterSeconds ?? Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
  }

  /** Status of an injected REST error for this call, or null. Counts the call either way. */
  restError(): number | null {
    this.restCalls++;
    const status = this.config.restErrorStatus ?? 503;
    const nth = this.config.restErrorEveryNth;
    if (nth && nth > 0 && this.restCalls % nth === 0) return status;
    const rate = this.config.restErrorRate;
    if (rate && rate > 0 && this.rnd.next() < rate) return status;
    return null;
  }
}

export interface DemoStats {
  /** REST calls per route, e.g. `GET /api/v1/items`. */
  rest: Record<string, number>;
  /** REST calls per route and the query parameters they used (names only, sorted): `GET /api/v1/items?limit&resourceType`. */
  restByFilter: Record<string, number>;
  restTotal: number;
  /** Engine requests per method. */
  engine: Record<string, number>;
  engineTotal: number;
  /** Engine requests per app id (the open doc, else the app in the socket URL). */
  engineByApp: Record<string, number>;
  /**
   * Round trips per app: requests that arrive after the session last sent a reply start a new one
   * (requests a client sends back to back, before any answer, share one).
   */
  engineRoundTripsByApp: Record<string, number>;
  /** Engine answers served from the answer cache (DemoTenantOptions.cacheAnswers). */
  engineCachedAnswers: number;
  socketsOpened: number;
  /** How often each fault fired: `rate-limit`, `rest-error`, `malformed-rest`, `drop-socket`, … */
  faults: Record<string, number>;
}

export function emptyStats(): DemoStats {
  return {
    rest: {},
    restByFilter: {},
    restTotal: 0,
    engine: {},
    engineTotal: 0,
    engineByApp: {},
    engineRoundTripsByApp: {},
    engineCachedAnswers: 0,
    socketsOpened: 0,
    faults: {},
  };
}

export function bump(counter: Record<string, number>, key: string): void {
  counter[key] = (counter[key] ?? 0) + 1;
}

export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
