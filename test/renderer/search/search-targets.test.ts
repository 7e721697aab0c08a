import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../src-main/catalog/catalog-types';
import { searchHitPath } from '../../../src-renderer/screens/search/search-targets';

const hit = (over: Partial<SearchHit>): SearchHit => ({
  type: 'app',
  id: 'x',
  title: 't',
  appId: 'app1',
  appName: null,
  sheetId: null,
  spaceId: null,
  spaceName: null,
  ownerId: null,
  snippet: '',
  ...over,
});

describe('where a search hit opens', () => {
  it('opens entities inside an app on their own page', () => {
    expect(searchHitPath(hit({ type: 'master-measure', id: 'm1' }))).toBe('/catalog/app/app1/master-item/m1');
    expect(searchHitPath(hit({ type: 'field', id: 'Order ID' }))).toBe('/catalog/app/app1/field/Order%20ID');
    expect(searchHitPath(hit({ type: 'script', id: 'app1' }))).toBe('/catalog/app/app1/script');
  });

  it('opens an app by its own id', () => {
    expect(searchHitPath(hit({ type: 'app', id: 'a9', appId: null }))).toBe('/catalog/app/a9');
  });
});
