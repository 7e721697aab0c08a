/**
 * What a crawl reopens, carries over and drops. Pure: takes the current app listing (REST) and
 * the last complete snapshot's app states, returns the plan. No I/O, no clock.
 *
 * Scope: a crawl of selected spaces or apps produces a snapshot of that selection only; apps
 * outside the selection are neither crawled nor carried over.
 */
import type { AppRecord } from './records';

export type CrawlMode = 'full' | 'delta';

export interface CrawlScope {
  /** Space ids to crawl; "personal" selects apps in personal spaces (no space id). */
  readonly spaceIds?: readonly string[];
  readonly appIds?: readonly string[];
}

/** What the last complete snapshot knew about an app (catalog's previousAppStates). */
export interface PreviousAppState {
  readonly modifiedDate: string | null;
  readonly lastReloadTime: string | null;
  readonly itemUpdatedAt: string | null;
}

export type CrawlReason = 'full' | 'new' | 'changed' | 'retry-after-failure';

export interface PlannedApp {
  readonly app: AppRecord;
  readonly reason: CrawlReason;
}

export interface CrawlPlan {
  readonly mode: CrawlMode;
  /** Apps to open in the engine, in listing order. */
  readonly toCrawl: readonly PlannedApp[];
  /** Unchanged apps whose previous version the new snapshot references. */
  readonly toCarryOver: readonly AppRecord[];
  /** App ids in the previous snapshot (within scope) that the tenant no longer lists. */
  readonly deletedAppIds: readonly string[];
  /** Requested app ids the tenant does not list (selected-apps crawls only). */
  readonly missingRequestedAppIds: readonly string[];
}

export interface PlanInput {
  readonly mode: CrawlMode;
  readonly apps: readonly AppRecord[];
  readonly scope?: CrawlScope;
  /** Null when there is no complete snapshot yet: a delta crawl then crawls everything. */
  readonly previous: ReadonlyMap<string, PreviousAppState> | null;
  /** Apps whose last crawl failed (kept from an older version, or missing): always reopened. */
  readonly previouslyFailedAppIds?: ReadonlySet<string>;
}

export function isInScope(app: Pick<AppRecord, 'id' | 'spaceId'>, scope: CrawlScope | undefined): boolean {
  if (!scope) return true;
  if (scope.appIds && scope.appIds.length > 0 && !scope.appIds.includes(app.id)) return false;
  if (scope.spaceIds && scope.spaceIds.length > 0) {
    const space = app.spaceId ?? 'personal';
    if (!scope.spaceIds.includes(space)) return false;
  }
  return true;
}

/** Has the app changed since the previous snapshot? Any of the three change markers differs. */
export function hasAppChanged(app: AppRecord, previous: PreviousAppState): boolean {
  return (
    !sameInstant(app.modifiedDate, previous.modifiedDate) ||
    !sameInstant(app.lastReloadTime, previous.lastReloadTime) ||
    !sameInstant(app.itemUpdatedAt, previous.itemUpdatedAt)
  );
}

/** Compares timestamps as instants when both parse (Qlik mixes "…Z" and "….000Z"), else as text. */
function sameInstant(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return !Number.isNaN(ta) && ta === tb;
}

export function planCrawl(input: PlanInput): CrawlPlan {
  const inScope = input.apps.filter((app) => isInScope(app, input.scope));
  const listed = new Set(input.apps.map((a) => a.id));
  const missingRequestedAppIds = (input.scope?.appIds ?? []).filter((id) => !listed.has(id));
  const deletedAppIds = input.previous
    ? [...input.previous.keys()].filter((id) => !listed.has(id) && isInScope({ id, spaceId: null }, { appIds: input.scope?.appIds }))
    : [];

  if (input.mode === 'full' || input.previous === null) {
    return {
      mode: input.mode,
      toCrawl: inScope.map((app) => ({ app, reason: input.previous?.has(app.id) === false ? 'new' : 'full' }) as PlannedApp),
      toCarryOver: [],
      deletedAppIds,
      missingRequestedAppIds,
    };
  }

  const toCrawl: PlannedApp[] = [];
  const toCarryOver: AppRecord[] = [];
  for (const app of inScope) {
    const before = input.previous.get(app.id);
    if (!before) toCrawl.push({ app, reason: 'new' });
    else if (input.previouslyFailedAppIds?.has(app.id)) toCrawl.push({ app, reason: 'retry-after-failure' });
    else if (hasAppChanged(app, before)) toCrawl.push({ app, reason: 'changed' });
    else toCarryOver.push(app);
  }
  return { mode: 'delta', toCrawl, toCarryOver, deletedAppIds, missingRequestedAppIds };
}
