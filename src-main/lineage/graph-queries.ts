/**
 * Questions asked of a built graph: what feeds this node, what does it feed, how are two nodes
 * connected, what breaks if it changes, which fields nobody uses. Pure; the index is built once
 * per graph object and cached.
 */
import type { LineageEdge, LineageGraph, LineageNode, LineageNodeKind } from './graph-model';

interface GraphIndex {
  readonly nodes: ReadonlyMap<string, LineageNode>;
  readonly outgoing: ReadonlyMap<string, readonly LineageEdge[]>;
  readonly incoming: ReadonlyMap<string, readonly LineageEdge[]>;
}

const indexes = new WeakMap<LineageGraph, GraphIndex>();

function indexOf(graph: LineageGraph): GraphIndex {
  const cached = indexes.get(graph);
  if (cached) return cached;
  const outgoing = new Map<string, LineageEdge[]>();
  const incoming = new Map<string, LineageEdge[]>();
  for (const edge of graph.edges) {
    (outgoing.get(edge.from) ?? outgoing.set(edge.from, []).get(edge.from))?.push(edge);
    (incoming.get(edge.to) ?? incoming.set(edge.to, []).get(edge.to))?.push(edge);
  }
  const index = { nodes: new Map(graph.nodes.map((n) => [n.id, n])), outgoing, incoming };
  indexes.set(graph, index);
  return index;
}

export interface Neighbourhood {
  /** Reached nodes (the start node excluded), nearest first. */
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
}

export type Direction = 'upstream' | 'downstream';

function walk(graph: LineageGraph, start: string, direction: Direction, depth: number): Neighbourhood {
  const index = indexOf(graph);
  const seen = new Set([start]);
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  let frontier = [start];
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const id of frontier) {
      const around = direction === 'downstream' ? index.outgoing.get(id) : index.incoming.get(id);
      for (const edge of around ?? []) {
        edges.push(edge);
        const other = direction === 'downstream' ? edge.to : edge.from;
        if (seen.has(other)) continue;
        seen.add(other);
        next.push(other);
        const node = index.nodes.get(other);
        if (node) nodes.push(node);
      }
    }
    frontier = next;
  }
  return { nodes, edges };
}

/** What feeds `nodeId`, up to `depth` steps (unbounded by default). */
export function upstreamOf(graph: LineageGraph, nodeId: string, depth = Number.POSITIVE_INFINITY): Neighbourhood {
  return walk(graph, nodeId, 'upstream', depth);
}

/** What `nodeId` feeds, up to `depth` steps. */
export function downstreamOf(graph: LineageGraph, nodeId: string, depth = Number.POSITIVE_INFINITY): Neighbourhood {
  return walk(graph, nodeId, 'downstream', depth);
}

/**
 * Shortest path along the data flow from `from` to `to` (edges in order), or, when data does not
 * flow that way, from `to` to `from`. Null when the two are not connected.
 */
export function pathBetween(graph: LineageGraph, from: string, to: string): readonly LineageEdge[] | null {
  return shortestPath(graph, from, to) ?? shortestPath(graph, to, from);
}

function shortestPath(graph: LineageGraph, from: string, to: string): LineageEdge[] | null {
  if (from === to) return [];
  const index = indexOf(graph);
  const via = new Map<string, LineageEdge>();
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of index.outgoing.get(id) ?? []) {
        if (seen.has(edge.to)) continue;
        seen.add(edge.to);
        via.set(edge.to, edge);
        if (edge.to === to) return unwind(via, from, to);
        next.push(edge.to);
      }
    }
    frontier = next;
  }
  return null;
}

function unwind(via: ReadonlyMap<string, LineageEdge>, from: string, to: string): LineageEdge[] {
  const path: LineageEdge[] = [];
  for (let at = to; at !== from;) {
    const edge = via.get(at) as LineageEdge;
    path.push(edge);
    at = edge.from;
  }
  return path.reverse();
}

export interface ImpactSet {
  readonly apps: readonly LineageNode[];
  readonly sheets: readonly LineageNode[];
  readonly charts: readonly LineageNode[];
  readonly masterItems: readonly LineageNode[];
  readonly tables: readonly LineageNode[];
  readonly fields: readonly LineageNode[];
  readonly files: readonly LineageNode[];
  readonly automations: readonly LineageNode[];
}

/** "What breaks if this QVD / table / field changes": everything downstream, grouped. */
export function impactOf(graph: LineageGraph, nodeId: string): ImpactSet {
  const reached = downstreamOf(graph, nodeId).nodes;
  const of = (...kinds: LineageNodeKind[]): LineageNode[] => reached.filter((n) => kinds.includes(n.kind));
  return {
    apps: of('app'),
    sheets: of('sheet'),
    charts: of('chart'),
    masterItems: of('master-measure', 'master-dimension', 'master-visualization'),
    tables: of('app-table'),
    fields: of('field'),
    files: of('qvd', 'file'),
    automations: of('automation'),
  };
}

/**
 * Fields loaded but used by nothing: no expression (chart, master item, derived field) reads
 * them and they are no key (a field held by two or more tables links them).
 */
export function unusedFields(graph: LineageGraph, appId?: string): readonly LineageNode[] {
  const index = indexOf(graph);
  return graph.nodes.filter((node) => {
    if (node.kind !== 'field' || (appId !== undefined && node.appId !== appId)) return false;
    const out = index.outgoing.get(node.id) ?? [];
    if (out.some((e) => e.kind === 'uses' || e.kind === 'derives' || e.kind === 'manual')) return false;
    const holders = new Set((index.incoming.get(node.id) ?? []).filter((e) => e.kind === 'loads').map((e) => e.from));
    return holders.size < 2;
  });
}
