import { describe, expect, it } from 'vitest';
import { catalogPaths } from '../../../src-renderer/screens/catalog/catalog-paths';
import { spaceKeyOf, treeTargetOf } from '../../../src-renderer/screens/catalog/tree-target';

describe('tree target of a catalog route', () => {
  it('finds the sheet or object a route shows, ids decoded', () => {
    expect(treeTargetOf(catalogPaths.sheet('app 1', 'sheet/2'))).toEqual({ kind: 'sheet', appId: 'app 1', sheetId: 'sheet/2' });
    expect(treeTargetOf(catalogPaths.object('a', 'o%1'))).toEqual({ kind: 'object', appId: 'a', objectId: 'o%1' });
  });

  it('maps app tabs, master items, variables and fields to their app', () => {
    for (const path of [
      catalogPaths.app('a'),
      catalogPaths.app('a', 'script'),
      catalogPaths.masterItem('a', 'm'),
      catalogPaths.variable('a', 'v'),
      catalogPaths.field('a', 'Year'),
    ]) {
      expect(treeTargetOf(path), path).toEqual({ kind: 'app', appId: 'a' });
    }
  });

  it('maps spaces, the personal space included, and ignores other pages', () => {
    expect(treeTargetOf(catalogPaths.space('sp-1'))).toEqual({ kind: 'space', spaceKey: 'sp-1' });
    expect(treeTargetOf(catalogPaths.space(null))).toEqual({ kind: 'space', spaceKey: spaceKeyOf(null) });
    expect(treeTargetOf(catalogPaths.home())).toBeNull();
    expect(treeTargetOf(catalogPaths.dataConnections())).toBeNull();
    expect(treeTargetOf('/search')).toBeNull();
  });
});
