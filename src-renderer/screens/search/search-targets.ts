/** Where a search hit opens, and the words the UI uses for each entity type. */
import type { SearchEntityType, SearchHit } from '../../../src-main/catalog/catalog-types';
import { catalogPaths } from '../catalog/catalog-paths';

export const entityTypeLabels: Record<SearchEntityType, string> = {
  app: 'App',
  sheet: 'Sheet',
  object: 'Chart',
  'master-measure': 'Master measure',
  'master-dimension': 'Master dimension',
  'master-visualization': 'Master visualization',
  variable: 'Variable',
  bookmark: 'Bookmark',
  table: 'Table',
  field: 'Field',
  script: 'Load script',
  space: 'Space',
  collection: 'Collection',
  'data-connection': 'Data connection',
  automation: 'Automation',
};

export function entityTypeLabel(type: string): string {
  return type in entityTypeLabels ? entityTypeLabels[type as SearchEntityType] : type;
}

/** The route that shows a hit; entities outside apps open their list page. */
export function searchHitPath(hit: SearchHit): string {
  const inApp = (path: (appId: string) => string): string => (hit.appId ? path(hit.appId) : catalogPaths.home());
  switch (hit.type) {
    case 'space':
      return catalogPaths.space(hit.id);
    case 'collection':
      return catalogPaths.collection(hit.id);
    case 'data-connection':
      return catalogPaths.dataConnections();
    case 'automation':
      return catalogPaths.automation(hit.id);
    case 'app':
      return catalogPaths.app(hit.id);
    case 'sheet':
      return inApp((appId) => catalogPaths.sheet(appId, hit.id));
    case 'object':
      return inApp((appId) => catalogPaths.object(appId, hit.id));
    case 'master-measure':
    case 'master-dimension':
    case 'master-visualization':
      return inApp((appId) => catalogPaths.masterItem(appId, hit.id));
    case 'variable':
      return inApp((appId) => catalogPaths.variable(appId, hit.id));
    case 'bookmark':
      return inApp((appId) => catalogPaths.app(appId, 'bookmarks'));
    case 'table':
      return inApp((appId) => catalogPaths.table(appId, hit.id));
    case 'field':
      return inApp((appId) => catalogPaths.field(appId, hit.id));
    case 'script':
      return inApp((appId) => catalogPaths.script(appId));
  }
}
