/** The catalog/* calls: thin reads over the catalog's named queries. */
import type { Catalog } from '../../catalog';
import type { Service } from '../dispatch';

type CatalogCalls = Pick<Service, Extract<keyof Service, `catalog/${string}`>>;

/** Strips undefined so the catalog sees only the keys the caller set. */
function refOf(args: { connectionId?: string | undefined; snapshotId?: number | undefined }) {
  return {
    ...(args.connectionId !== undefined ? { connectionId: args.connectionId } : {}),
    ...(args.snapshotId !== undefined ? { snapshotId: args.snapshotId } : {}),
  };
}

export function catalogHandlers(catalog: () => Catalog): CatalogCalls {
  return {
    'catalog/connections': () => catalog().connections(),
    'catalog/snapshots': ({ connectionId }) => catalog().snapshotsOfConnection(connectionId),
    'catalog/crawl-history': ({ connectionId }) => catalog().crawlHistory(connectionId),
    'catalog/spaces': (args) => catalog().spaces(refOf(args)),
    'catalog/collections': (args) => catalog().collections(refOf(args)),
    'catalog/apps': (args) => (args.spaceId === undefined ? catalog().apps(refOf(args)) : catalog().appsInSpace(args.spaceId, refOf(args))),
    'catalog/app': (args) => catalog().appDetail(args.appId, refOf(args)),
    'catalog/sheets': (args) => catalog().sheetsOfApp(args.appId, refOf(args)),
    'catalog/sheet-objects': (args) => catalog().objectsOfSheet(args.appId, args.sheetId, refOf(args)),
    'catalog/object': (args) => catalog().objectDetail(args.appId, args.objectId, refOf(args)),
    'catalog/master-items': (args) => catalog().masterItems(args.appId, args.kind, refOf(args)),
    'catalog/variables': (args) => catalog().variables(args.appId, refOf(args)),
    'catalog/bookmarks': (args) => catalog().bookmarks(args.appId, refOf(args)),
    'catalog/data-model': (args) => catalog().dataModel(args.appId, refOf(args)),
    'catalog/script': (args) => catalog().scriptOfApp(args.appId, refOf(args)),
    'catalog/where-used': (args) => catalog().whereUsed(args.appId, args.target, refOf(args)),
    'catalog/data-connections': (args) => catalog().dataConnections(refOf(args)),
    'catalog/automations': (args) => catalog().automations(refOf(args)),
    'catalog/search': ({ text, types, spaceId, appId, ownerId, limit, ...ref }) =>
      catalog().searchCatalog(text, {
        ...refOf(ref),
        ...(types ? { types } : {}),
        ...(spaceId ? { spaceId } : {}),
        ...(appId ? { appId } : {}),
        ...(ownerId ? { ownerId } : {}),
        ...(limit ? { limit } : {}),
      }),
  };
}
