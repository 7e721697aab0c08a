/**
 * Manual lineage: edges people draw, possibly to nodes outside Qlik (a database table the crawl
 * cannot see). Stored by the catalog; here they are only laid over a built graph, so a recrawl
 * rebuilds the automatic part and the manual part comes back unchanged.
 */
import { GraphAccumulator } from './graph-builder';
import { lineageEdgeKinds, nodeId, type LineageEdgeKind, type LineageGraph } from './graph-model';

export interface ManualEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly note: string;
  readonly createdAt: string;
  /** Optional edge kind; "manual" when absent or not a known kind. */
  readonly kind?: string;
}

export interface ExternalNode {
  readonly id: string;
  readonly label: string;
  readonly kind: 'external';
  readonly note?: string;
}

function edgeKindOf(kind: string | undefined): LineageEdgeKind {
  return lineageEdgeKinds.find((k) => k === kind) ?? 'manual';
}

/**
 * Adds external nodes, then manual edges whose two ends exist. An edge naming a node that is
 * neither in the graph nor among the external nodes is skipped with a warning, not an error:
 * the app it pointed at may simply be gone from this crawl.
 */
export function applyManualEdges(
  graph: LineageGraph,
  manualEdges: readonly ManualEdge[],
  externalNodes: readonly ExternalNode[] = [],
): LineageGraph {
  const result = new GraphAccumulator(graph);
  const externalIds = new Map<string, string>();
  for (const node of externalNodes) {
    const id = nodeId.external(node.id);
    externalIds.set(node.id, id);
    result.node({ kind: 'external', id, label: node.label, appId: null, note: node.note ?? null });
  }
  const resolve = (id: string): string | null => {
    if (result.hasNode(id)) return id;
    const external = externalIds.get(id) ?? nodeId.external(id);
    return result.hasNode(external) ? external : null;
  };
  for (const edge of manualEdges) {
    const from = resolve(edge.from);
    const to = resolve(edge.to);
    if (from === null || to === null) {
      result.warnings.push(`Manual edge ${edge.id} skipped: ${from === null ? edge.from : edge.to} is not in the graph.`);
      continue;
    }
    result.edge(from, to, edgeKindOf(edge.kind), 'manual', null, { manualEdgeId: edge.id, note: edge.note });
  }
  return result.toGraph();
}
