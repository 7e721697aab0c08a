import { describe, expect, it } from 'vitest';
import { hasAppChanged, isInScope, planCrawl, type PreviousAppState } from '../../../src-main/crawl/delta-plan';
import type { AppRecord } from '../../../src-main/crawl/records';

function app(id: string, over: Partial<AppRecord> = {}): AppRecord {
  return {
    id,
    name: `App ${id}`,
    description: '',
    spaceId: 'space-a',
    ownerId: null,
    ownerName: null,
    createdDate: '2025-01-01T00:00:00.000Z',
    modifiedDate: '2025-02-01T00:00:00.000Z',
    lastReloadTime: '2025-02-01T00:00:00.000Z',
    itemUpdatedAt: '2025-02-01T00:00:00Z',
    publishTime: null,
    published: false,
    usage: null,
    hasSectionAccess: false,
    isDirectQueryMode: false,
    tags: [],
    fileSizeBytes: null,
    memoryBytes: null,
    thumbnailUrl: null,
    ...over,
  };
}

const stateOf = (a: AppRecord): PreviousAppState => ({
  modifiedDate: a.modifiedDate,
  lastReloadTime: a.lastReloadTime,
  itemUpdatedAt: a.itemUpdatedAt,
});

describe('delta plan', () => {
  it('full crawl reopens every app in scope', () => {
    const plan = planCrawl({ mode: 'full', apps: [app('a'), app('b')], previous: null });
    expect(plan.toCrawl.map((p) => p.app.id)).toEqual(['a', 'b']);
    expect(plan.toCarryOver).toEqual([]);
  });

  it('delta crawl reopens only apps modified, reloaded or updated since the last snapshot', () => {
    const a = app('a');
    const b = app('b');
    const c = app('c');
    const d = app('d');
    const previous = new Map([a, b, c, d].map((x) => [x.id, stateOf(x)]));
    const now = [
      a,
      { ...b, modifiedDate: '2025-03-01T00:00:00.000Z' },
      { ...c, lastReloadTime: '2025-03-01T00:00:00.000Z' },
      { ...d, itemUpdatedAt: '2025-03-01T00:00:00Z' },
      app('e'),
    ];
    const plan = planCrawl({ mode: 'delta', apps: now, previous });
    expect(plan.toCrawl.map((p) => [p.app.id, p.reason])).toEqual([
      ['b', 'changed'],
      ['c', 'changed'],
      ['d', 'changed'],
      ['e', 'new'],
    ]);
    expect(plan.toCarryOver.map((x) => x.id)).toEqual(['a']);
  });

  it('delta crawl detects deleted apps and retries apps that failed before', () => {
    const a = app('a');
    const gone = app('gone');
    const previous = new Map([a, gone].map((x) => [x.id, stateOf(x)]));
    const plan = planCrawl({ mode: 'delta', apps: [a], previous, previouslyFailedAppIds: new Set(['a']) });
    expect(plan.deletedAppIds).toEqual(['gone']);
    expect(plan.toCrawl.map((p) => p.reason)).toEqual(['retry-after-failure']);
  });

  it('the same instant written with and without milliseconds is not a change', () => {
    const a = app('a', { itemUpdatedAt: '2025-02-01T00:00:00Z' });
    expect(hasAppChanged(a, { ...stateOf(a), itemUpdatedAt: '2025-02-01T00:00:00.000Z' })).toBe(false);
  });

  it('selected spaces and apps limit the plan; personal selects apps without a space', () => {
    const apps = [app('a'), app('b', { spaceId: 'space-b' }), app('p', { spaceId: null })];
    expect(
      planCrawl({ mode: 'full', apps, previous: null, scope: { spaceIds: ['space-b', 'personal'] } }).toCrawl.map((p) => p.app.id),
    ).toEqual(['b', 'p']);
    const byId = planCrawl({ mode: 'full', apps, previous: null, scope: { appIds: ['a', 'missing'] } });
    expect(byId.toCrawl.map((p) => p.app.id)).toEqual(['a']);
    expect(byId.missingRequestedAppIds).toEqual(['missing']);
    expect(isInScope(app('x'), undefined)).toBe(true);
  });

  it('a delta crawl without a previous snapshot crawls everything', () => {
    const plan = planCrawl({ mode: 'delta', apps: [app('a')], previous: null });
    expect(plan.toCrawl).toHaveLength(1);
  });
});
