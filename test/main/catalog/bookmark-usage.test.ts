/**
 * A bookmark stores its selections by field name, so a field that only a bookmark selects is in
 * use: where-used lists the bookmark, and the field is not offered as unused (dropping it from the
 * load would break the bookmark).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src-main/catalog';
import * as sample from './fixtures/sample-tenant';
import { beginCrawl, openTempCatalog } from './catalog-test-kit';

const open: Catalog[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/** The sample app with its charts and master items gone: only the bookmark on Region is left. */
function catalogWithOnlyABookmarkOnRegion(bookmarks = sample.content().bookmarks): Catalog {
  const { catalog } = openTempCatalog();
  open.push(catalog);
  const w = beginCrawl(catalog);
  w.putApp(
    sample.app('app-a'),
    sample.content({ objects: [], masterMeasures: [], masterDimensions: [], masterVisualizations: [], variables: [], bookmarks }),
  );
  w.commit();
  return catalog;
}

describe('bookmarks as field users', () => {
  it('where-used lists the bookmark that selects the field, with its sheet', () => {
    const catalog = catalogWithOnlyABookmarkOnRegion();
    expect(catalog.whereUsed('app-a', { kind: 'field', name: 'Region' })).toEqual([
      { user: 'bookmark', id: 'bm-1', title: 'North only', type: null, sheetId: 'sh-1', sheetTitle: 'Overview', via: 'selection:Region' },
    ]);
    expect(catalog.whereUsed('app-a', { kind: 'field', name: 'Amount' })).toEqual([]);
  });

  it('a field only a bookmark selects is not unused; without the bookmark it is', () => {
    expect(catalogWithOnlyABookmarkOnRegion().unusedFields('app-a').unused).toEqual(['OrderID', 'Amount', 'CustomerName']);
    expect(catalogWithOnlyABookmarkOnRegion([]).unusedFields('app-a').unused).toEqual(['OrderID', 'Amount', 'Region', 'CustomerName']);
  });
});
