/** The lineage/* calls: the view's queries over the cached snapshot graph, manual edges, exports. */
import type { Catalog } from '../../catalog';
import { nodeId } from '../../lineage/graph-model';
import { exportLineage } from '../../lineage-view/lineage-export';
import { SnapshotGraphs } from '../../lineage-view/snapshot-graphs';
import { impact, neighbourhood, nodeDetails, nodeNotFound, path, search } from '../../lineage-view/view-queries';
import type { Service } from '../dispatch';

type LineageCalls = Pick<Service, Extract<keyof Service, `lineage/${string}`>>;

function refOf(args: { connectionId?: string | undefined; snapshotId?: number | undefined }) {
  return {
    ...(args.connectionId !== undefined ? { connectionId: args.connectionId } : {}),
    ...(args.snapshotId !== undefined ? { snapshotId: args.snapshotId } : {}),
  };
}

/** An id for a new external node: readable, and unique without asking the catalog. */
function externalNodeIdFor(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'node'}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function lineageHandlers(catalog: () => Catalog): LineageCalls {
  const graphs = new SnapshotGraphs(catalog);
  return {
    'lineage/neighbourhood': ({ node, direction, depth, level, kinds, maxNodes, ...ref }) =>
      neighbourhood(graphs.get(refOf(ref)), { node, direction, depth, level, kinds, maxNodes }),
    'lineage/node': ({ node, ...ref }) => nodeDetails(graphs.get(refOf(ref)), node),
    'lineage/search': ({ text, kinds, limit, ...ref }) => search(graphs.get(refOf(ref)), text, kinds, limit),
    'lineage/path': ({ from, to, level, ...ref }) => path(graphs.get(refOf(ref)), from, to, level),
    'lineage/impact': ({ node, maxNodes, ...ref }) => impact(graphs.get(refOf(ref)), node, maxNodes),
    'lineage/manual-edge-add': ({ from, to, note, ...ref }) => {
      const loaded = graphs.get(refOf(ref));
      let externalNodeId: string | null = null;
      const resolve = (end: typeof from): string => {
        if (end.type === 'node') {
          if (!loaded.fieldLevel.nodes.has(end.id)) throw nodeNotFound(end.id);
          return end.id;
        }
        const id = externalNodeIdFor(end.label);
        catalog().putExternalNode({ connectionId: loaded.connectionId, id, kind: end.kind, label: end.label, note });
        externalNodeId = nodeId.external(id);
        return externalNodeId;
      };
      const fromId = resolve(from);
      const toId = resolve(to);
      const row = catalog().addManualEdge({ connectionId: loaded.connectionId, from: fromId, to: toId, kind: 'manual', note });
      return { manualEdgeId: row.id, from: fromId, to: toId, externalNodeId };
    },
    'lineage/manual-edge-remove': ({ id, ...ref }) => {
      const loaded = graphs.get(refOf(ref));
      const edges = catalog().manualEdges(loaded.connectionId);
      const edge = edges.find((e) => e.id === id);
      const removed = catalog().removeManualEdge(id);
      if (!edge || !removed) return { removed, removedExternalNodeId: null };
      // An external node drawn for this edge alone goes with it; one shared with other edges stays.
      const stillUsed = (nodeIdText: string): boolean => edges.some((e) => e.id !== id && (e.from === nodeIdText || e.to === nodeIdText));
      for (const end of [edge.from, edge.to]) {
        if (!end.startsWith('external:') || stillUsed(end)) continue;
        const raw = catalog()
          .externalNodes(loaded.connectionId)
          .find((n) => nodeId.external(n.id) === end);
        if (raw && catalog().removeExternalNode(loaded.connectionId, raw.id)) return { removed, removedExternalNodeId: end };
      }
      return { removed, removedExternalNodeId: null };
    },
    'lineage/export': ({ format, scope, level, groupByApp, scale, transparent, colorScheme, maxNodes, ...ref }) =>
      exportLineage(graphs.get(refOf(ref)), { format, scope, level, groupByApp, scale, transparent, colorScheme, maxNodes }),
  };
}
