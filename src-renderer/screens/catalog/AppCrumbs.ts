/** Breadcrumbs down to an app, shared by every page inside an app. */
import type { AppDetail } from '../../../src-main/catalog/catalog-types';
import { catalogPaths } from './catalog-paths';
import type { Crumb } from './EntityHeader';

export function appCrumbs(appId: string, app: AppDetail | undefined): Crumb[] {
  return [
    { label: 'Catalog', to: catalogPaths.home() },
    { label: app?.spaceName ?? (app ? 'Personal' : '…'), to: catalogPaths.space(app?.record.spaceId ?? null) },
    { label: app?.record.name ?? '…', to: catalogPaths.app(appId) },
  ];
}
