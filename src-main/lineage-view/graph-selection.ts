/**
 * The parts of a snapshot's lineage graph the view shows: a bounded neighbourhood around a focus
 * node, the table-level fold (fields bridged away), kind filters, impact rows, a path, a label
 * search. Pure: graphs in, view shapes out.
 */
import { edgeKey, type LineageEdge, type LineageGraph, type LineageNode, type LineageNodeKind } from '../lineage/graph-model';
import { pathBetween } from '../lineage/graph-queries';
import {
  viewEdgeId,
  type ImpactRow,
  type LineageDirection,
  type NodeSearchHit,
  type PathResult,
  type ViewEdge,
  type ViewNode,
} from './view-model';

/** A graph with its adjacency, built once per snapshot and level. */
export interface IndexedGraph {
  readonly graph: LineageGraph;
  readonly nodes: ReadonlyMap<string, LineageNode>;
  readonly outgoing: ReadonlyMap<string, readonly LineageEdge[]>;
  readonly incoming: ReadonlyMap<string, readonly LineageEdge[]>;
  /** Edges that stand for a chain through hidden nodes: how many nodes they skip. */
  readonly bridged: ReadonlyMap<LineageEdge, number>;
}

export function indexGraph(graph: LineageGraph, bridged: ReadonlyMap<LineageEdge, number> = new Map()): IndexedGraph {
  const outgoing = new Map<string, LineageEdge[]>();
  const incoming = new Map<string, LineageEdge[]>();
  for (const edge of graph.edges) {
    push(outgoing, edge.from, edge);
    push(incoming, edge.to, edge);
  }
  return { graph, nodes: new Map(graph.nodes.map((n) => [n.id, n])), outgoing, incoming, bridged };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Removes the nodes `keep` rejects and links what fed them to what they fed, so lineage through
 * them stays visible (table level: app table → chart instead of table → field → chart).
 */
export function bridgeOver(graph: LineageGraph, keep: (node: LineageNode) => boolean): IndexedGraph {
  const kept = new Set(graph.nodes.filter(keep).map((n) => n.id));
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const full = indexGraph(graph);
  const edges: LineageEdge[] = [];
  const bridged = new Map<LineageEdge, number>();
  const seen = new Set<string>();
  const add = (edge: LineageEdge, hops: number): void => {
    const key = edgeKey(edge);
    if (seen.has(key)) return;
    seen.add(key);
    edges.push(edge);
    if (hops > 0) bridged.set(edge, hops);
  };
  for (const edge of graph.edges) {
    if (kept.has(edge.from) && kept.has(edge.to)) add(edge, 0);
  }
  for (const from of kept) {
    for (const first of full.outgoing.get(from) ?? []) {
      if (kept.has(first.to) || !nodeIds.has(first.to)) continue;
      // Depth-first through hidden nodes; each kept node reached gets one bridging edge.
      const visited = new Set<string>([first.to]);
      const stack: Array<{ at: string; hops: number }> = [{ at: first.to, hops: 1 }];
      while (stack.length > 0) {
        const { at, hops } = stack.pop() as { at: string; hops: number };
        for (const next of full.outgoing.get(at) ?? []) {
          if (kept.has(next.to)) {
            if (next.to !== from)
              add({ ...first, to: next.to, kind: next.kind === 'manual' ? 'manual' : next.kind, confirmedBy: [] }, hops);
            continue;
          }
          if (visited.has(next.to)) continue;
          visited.add(next.to);
          stack.push({ at: next.to, hops: hops + 1 });
        }
      }
    }
  }
  return indexGraph({ nodes: graph.nodes.filter((n) => kept.has(n.id)), edges, warnings: graph.warnings }, bridged);
}

export interface Selection {
  /** Selected node ids with their distance from the focus (null without a focus). */
  readonly distances: ReadonlyMap<string, number | null>;
  readonly truncated: boolean;
}

/**
 * Breadth-first around the focus, upstream and/or downstream (not sideways: siblings of an
 * ancestor are not lineage of the focus), level by level so a size cut keeps the nearest nodes.
 */
export function selectNeighbourhood(
  graph: IndexedGraph,
  focus: string | null,
  direction: LineageDirection,
  depth: number,
  maxNodes: number,
): Selection {
  if (focus === null) {
    const distances = new Map<string, number | null>();
    for (const n of graph.graph.nodes) {
      if (distances.size >= maxNodes) return { distances, truncated: true };
      distances.set(n.id, null);
    }
    return { distances, truncated: false };
  }
  const distances = new Map<string, number | null>([[focus, 0]]);
  let truncated = false;
  const walks: Array<{ frontier: string[]; step: (id: string) => string[] }> = [];
  if (direction !== 'down') walks.push({ frontier: [focus], step: (id) => (graph.incoming.get(id) ?? []).map((e) => e.from) });
  if (direction !== 'up') walks.push({ frontier: [focus], step: (id) => (graph.outgoing.get(id) ?? []).map((e) => e.to) });
  for (let level = 1; level <= depth && !truncated; level++) {
    for (const walk of walks) {
      const next: string[] = [];
      for (const id of walk.frontier) {
        for (const other of walk.step(id)) {
          if (distances.has(other) || !graph.nodes.has(other)) continue;
          if (distances.size >= maxNodes) {
            truncated = true;
            break;
          }
          distances.set(other, level);
          next.push(other);
        }
      }
      walk.frontier = next;
    }
    if (walks.every((w) => w.frontier.length === 0)) break;
  }
  return { distances, truncated };
}

/** Edges whose both ends are selected, and the selected nodes with neighbours left out. */
export function induced(graph: IndexedGraph, selected: ReadonlySet<string>): { edges: LineageEdge[]; hasHidden: Set<string> } {
  const edges: LineageEdge[] = [];
  const hasHidden = new Set<string>();
  for (const id of selected) {
    for (const e of graph.outgoing.get(id) ?? []) {
      if (selected.has(e.to)) edges.push(e);
      else hasHidden.add(id);
    }
    for (const e of graph.incoming.get(id) ?? []) if (!selected.has(e.from)) hasHidden.add(id);
  }
  return { edges, hasHidden };
}

export function toViewNode(
  node: LineageNode,
  appLabels: ReadonlyMap<string, string>,
  distance: number | null,
  hasHiddenNeighbours: boolean,
): ViewNode {
  return {
    id: node.id,
    kind: node.kind,
    label: node.label,
    appId: node.appId,
    appLabel: node.appId !== null ? (appLabels.get(node.appId) ?? null) : null,
    distance,
    hasHiddenNeighbours,
  };
}

export function toViewEdge(edge: LineageEdge, bridged: ReadonlyMap<LineageEdge, number>): ViewEdge {
  return {
    id: viewEdgeId(edge.from, edge.to, edge.kind),
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    origin: edge.origin,
    evidence: edge.evidence,
    manualEdgeId: edge.manualEdgeId !== undefined ? Number(edge.manualEdgeId) : null,
    note: edge.note ?? null,
    bridged: bridged.get(edge) ?? 0,
  };
}

const impactKinds: ReadonlySet<LineageNodeKind> = new Set([
  'app',
  'sheet',
  'chart',
  'master-measure',
  'master-dimension',
  'master-visualization',
]);

/** Every app, sheet, chart and master item downstream of `source`, nearest first. */
export function impactRows(graph: IndexedGraph, source: string, appLabels: ReadonlyMap<string, string>): ImpactRow[] {
  const { distances } = selectNeighbourhood(graph, source, 'down', Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
  const rows: ImpactRow[] = [];
  for (const [id, distance] of distances) {
    const node = graph.nodes.get(id);
    if (!node || id === source || !impactKinds.has(node.kind)) continue;
    rows.push({
      id,
      kind: node.kind,
      label: node.label,
      appId: node.appId,
      appLabel: node.appId !== null ? (appLabels.get(node.appId) ?? null) : null,
      distance: distance ?? 0,
    });
  }
  const kindOrder = [...impactKinds];
  return rows.sort(
    (a, b) =>
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
      (a.appLabel ?? '').localeCompare(b.appLabel ?? '') ||
      a.label.localeCompare(b.label),
  );
}

export function pathOf(graph: IndexedGraph, from: string, to: string, appLabels: ReadonlyMap<string, string>): PathResult {
  const edges = pathBetween(graph.graph, from, to);
  if (edges === null) return { found: false, nodes: [], edges: [] };
  const ids = edges.length === 0 ? [from] : [edges[0]?.from as string, ...edges.map((e) => e.to)];
  const nodes = ids.map((id) => graph.nodes.get(id)).filter((n): n is LineageNode => n !== undefined);
  return {
    found: true,
    nodes: nodes.map((n) => toViewNode(n, appLabels, null, false)),
    edges: edges.map((e) => toViewEdge(e, graph.bridged)),
  };
}

/** Label (and id) search: exact, then prefix, then substring matches; shorter labels first. */
export function searchNodes(
  graph: IndexedGraph,
  text: string,
  kinds: ReadonlySet<LineageNodeKind> | null,
  limit: number,
  appLabels: ReadonlyMap<string, string>,
): NodeSearchHit[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return [];
  const scored: Array<{ node: LineageNode; score: number }> = [];
  for (const node of graph.graph.nodes) {
    if (kinds && !kinds.has(node.kind)) continue;
    const label = node.label.toLowerCase();
    const score =
      label === needle ? 0 : label.startsWith(needle) ? 1 : label.includes(needle) ? 2 : node.id.toLowerCase().includes(needle) ? 3 : -1;
    if (score >= 0) scored.push({ node, score });
  }
  scored.sort((a, b) => a.score - b.score || a.node.label.length - b.node.label.length || a.node.label.localeCompare(b.node.label));
  return scored.slice(0, limit).map(({ node }) => ({
    id: node.id,
    kind: node.kind,
    label: node.label,
    appLabel: node.appId !== null ? (appLabels.get(node.appId) ?? null) : null,
  }));
}
