/** The catalog/* calls: thin reads over the catalog's named queries. */
import type { Catalog } from '../../catalog';
import { AppError } from '../errors';
import { nodeId } from '../../lineage/graph-model';
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
    'catalog/spaces': (args) => (args.withPersonal ? catalog().spacesWithPersonal(refOf(args)) : catalog().spaces(refOf(args))),
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
    'catalog/unused-fields': (args) => catalog().unusedFields(args.appId, refOf(args)),
    'catalog/broken-references': (args) => catalog().brokenReferences(args.appId, refOf(args)),
    'catalog/broken-references-summary': (args) => catalog().brokenReferencesOfSnapshot(refOf(args)),
    'catalog/app-data-connections': (args) => catalog().appDataConnections(args.appId, refOf(args)),
    'catalog/data-connections': (args) => catalog().dataConnections(refOf(args)),
    'catalog/automations': (args) => catalog().automations(refOf(args)),
    'catalog/automation': (args) => {
      const ref = refOf(args);
      const all = catalog().automations(ref);
      const automation = all.find((a) => a.id === args.automationId);
      if (!automation) {
        throw new AppError({
          code: 'not-found',
          message: 'That automation is not in this snapshot.',
          remedy: 'Pick one from the Automations page.',
        });
      }
      const node = nodeId.automation(automation.id);
      const out = catalog().downstreamEdges(node, ref);
      const into = catalog().upstreamEdges(node, ref);
      const appNames = new Map(
        catalog()
          .apps(ref)
          .map((a) => [a.id, a.name]),
      );
      const automationNames = new Map(all.map((a) => [a.id, a.name]));
      const named = (ids: string[], names: Map<string, string>) => ids.map((id) => ({ id, name: names.get(id) ?? id }));
      const idsOf = (edges: typeof out, end: 'from' | 'to', kind: string, prefix: string) =>
        edges.filter((e) => e.kind === kind && e[end].startsWith(prefix)).map((e) => e[end].slice(prefix.length));
      return {
        automation,
        apps: named(idsOf(out, 'to', 'reloads', nodeId.app('')), appNames),
        triggers: named(idsOf(out, 'to', 'triggers', nodeId.automation('')), automationNames),
        triggeredBy: named(idsOf(into, 'from', 'triggers', nodeId.automation('')), automationNames),
      };
    },
    'catalog/app-automations': (args) => {
      const ref = refOf(args);
      const prefix = nodeId.automation('');
      const ids = new Set(
        catalog()
          .upstreamEdges(nodeId.app(args.appId), ref)
          .filter((e) => e.kind === 'reloads' && e.from.startsWith(prefix))
          .map((e) => e.from.slice(prefix.length)),
      );
      return catalog()
        .automations(ref)
        .filter((a) => ids.has(a.id));
    },
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
