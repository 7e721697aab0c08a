/** The picture is the base neighbourhood plus every expansion and the highlighted path. */
import type { ViewEdge, ViewNode } from '../../../src-main/lineage-view/view-model';
import type { CanvasGraph } from './LineageCanvas';

export function mergeGraphs(
  focus: string | null,
  parts: ReadonlyArray<{ nodes: readonly ViewNode[]; edges: readonly ViewEdge[] } | undefined>,
): CanvasGraph {
  const nodes = new Map<string, ViewNode>();
  const edges = new Map<string, ViewEdge>();
  for (const part of parts) {
    if (!part) continue;
    for (const n of part.nodes) {
      const known = nodes.get(n.id);
      // A node is expandable only while no part has shown all of its neighbours.
      nodes.set(n.id, known ? { ...known, hasHiddenNeighbours: known.hasHiddenNeighbours && n.hasHiddenNeighbours } : n);
    }
    for (const e of part.edges) if (!edges.has(e.id)) edges.set(e.id, e);
  }
  return { focus, nodes: [...nodes.values()], edges: [...edges.values()] };
}
