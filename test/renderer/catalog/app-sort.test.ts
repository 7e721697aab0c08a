import { describe, expect, it } from 'vitest';
import type { AppRow } from '../../../src-main/catalog/catalog-types';
import { sortApps } from '../../../src-renderer/screens/catalog/app-sort';

function app(name: string, modifiedDate: string | null, lastReloadTime: string | null = null): AppRow {
  return {
    id: name,
    name,
    description: '',
    spaceId: null,
    spaceName: null,
    ownerId: null,
    ownerName: null,
    modifiedDate,
    lastReloadTime,
    published: false,
    tags: [],
    sheetCount: 0,
    objectCount: 0,
    source: 'crawled',
    appVersionId: 1,
  };
}

describe('app sorting', () => {
  it('sorts names naturally and case-insensitively', () => {
    const names = sortApps([app('sales 10', null), app('Sales 9', null), app('alpha', null)], 'name', 'asc').map((a) => a.name);
    expect(names).toEqual(['alpha', 'Sales 9', 'sales 10']);
  });

  it('puts apps without a date last whichever the direction', () => {
    const apps = [app('a', null), app('b', '2025-01-01T00:00:00Z'), app('c', '2025-03-01T00:00:00Z')];
    expect(sortApps(apps, 'modified', 'desc').map((a) => a.name)).toEqual(['c', 'b', 'a']);
    expect(sortApps(apps, 'modified', 'asc').map((a) => a.name)).toEqual(['b', 'c', 'a']);
  });
});
