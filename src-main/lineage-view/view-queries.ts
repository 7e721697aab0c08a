/**
 * The lineage view's questions answered over a loaded snapshot graph: the shapes the
 * `lineage/*` calls return. Pure over LoadedGraph (no catalog, no I/O).
 */
import { AppError } from '../api/errors';
import type { LineageEdge, LineageNode, LineageNodeKind } from '../lineage/graph-model';
import {
  bridgeOver,
  impactRows,
  induced,
  indexGraph,
  pathOf,
  searchNodes,
  selectNeighbourhood,
  toViewEdge,
  toViewNode,
  type IndexedGraph,
} from './graph-selection';
import { levelOf, type LoadedGraph } from './snapshot-graphs';
import type {
  CatalogTarget,
  EdgeEvidenceRow,
  ImpactResult,
  LineageDirection,
  LineageLevel,
  NodeDetails,
  NodeSearchHit,
  PathResult,
  ViewGraph,
} from './view-model';

export interface NeighbourhoodQuery {
  readonly node?: string | undefined;
  readonly direction: LineageDirection;
  readonly depth: number;
  readonly level: LineageLevel;
  readonly kinds?: readonly LineageNodeKind[] | undefined;
  readonly maxNodes: number;
}

export function nodeNotFound(id: string): AppError {
  return new AppError({
    code: 'not-found',
    message: 'That node is not in the lineage of this snapshot.',
    remedy: 'It may be gone since the last crawl: search the lineage for it by name.',
    detail: `node ${id}`,
  });
}

/** A field asked for at table level is shown at field level: it has no place in the fold. */
function graphFor(loaded: LoadedGraph, level: LineageLevel, node: string | null): { graph: IndexedGraph; level: LineageLevel } {
  const wanted = levelOf(loaded, level);
  if (node === null || wanted.nodes.has(node)) return { graph: wanted, level };
  if (loaded.fieldLevel.nodes.has(node)) return { graph: loaded.fieldLevel, level: 'field' };
  throw nodeNotFound(node);
}

export function neighbourhood(loaded: LoadedGraph, query: NeighbourhoodQuery): ViewGraph {
  const focus = query.node ?? null;
  const { graph } = graphFor(loaded, query.level, focus);
  const selection = selectNeighbourhood(graph, focus, query.direction, query.depth, query.maxNodes);
  const selected = new Set(selection.distances.keys());
  const { edges, hasHidden } = induced(graph, selected);
  let nodes = [...selected].map((id) => graph.nodes.get(id) as LineageNode);
  let shownEdges: readonly LineageEdge[] = edges;
  let bridged = graph.bridged;
  if (query.kinds && query.kinds.length > 0) {
    const kinds = new Set(query.kinds);
    const filtered = bridgeOver({ nodes, edges, warnings: [] }, (n) => kinds.has(n.kind) || n.id === focus);
    nodes = [...filtered.graph.nodes];
    shownEdges = filtered.graph.edges;
    bridged = new Map([...graph.bridged, ...filtered.bridged]);
  }
  return {
    snapshotId: loaded.snapshotId,
    connectionId: loaded.connectionId,
    focus,
    nodes: nodes.map((n) => toViewNode(n, loaded.appLabels, selection.distances.get(n.id) ?? null, hasHidden.has(n.id))),
    edges: shownEdges.map((e) => toViewEdge(e, bridged)),
    truncated: selection.truncated,
    totalNodes: graph.graph.nodes.length,
  };
}

export function search(loaded: LoadedGraph, text: string, kinds: readonly LineageNodeKind[] | undefined, limit: number): NodeSearchHit[] {
  return searchNodes(loaded.fieldLevel, text, kinds && kinds.length > 0 ? new Set(kinds) : null, limit, loaded.appLabels);
}

export function path(loaded: LoadedGraph, from: string, to: string, level: LineageLevel): PathResult {
  for (const id of [from, to]) if (!loaded.fieldLevel.nodes.has(id)) throw nodeNotFound(id);
  const atLevel = levelOf(loaded, level);
  const graph = atLevel.nodes.has(from) && atLevel.nodes.has(to) ? atLevel : loaded.fieldLevel;
  return pathOf(graph, from, to, loaded.appLabels);
}

export function impact(loaded: LoadedGraph, source: string, maxNodes: number): ImpactResult {
  const node = loaded.fieldLevel.nodes.get(source);
  if (!node) throw nodeNotFound(source);
  const rows = impactRows(loaded.fieldLevel, source, loaded.appLabels);
  const graph = neighbourhood(loaded, { node: source, direction: 'down', depth: 50, level: 'table', maxNodes });
  return { source: toViewNode(node, loaded.appLabels, 0, false), rows, graph };
}

export function nodeDetails(loaded: LoadedGraph, id: string): NodeDetails {
  const graph = loaded.fieldLevel;
  const node = graph.nodes.get(id);
  if (!node) throw nodeNotFound(id);
  const incoming = graph.incoming.get(id) ?? [];
  const outgoing = graph.outgoing.get(id) ?? [];
  const row = (edge: LineageEdge, direction: 'in' | 'out'): EdgeEvidenceRow => {
    const otherId = direction === 'in' ? edge.from : edge.to;
    return {
      direction,
      otherId,
      otherLabel: graph.nodes.get(otherId)?.label ?? otherId,
      kind: edge.kind,
      origin: edge.origin,
      evidence: edge.evidence,
      manualEdgeId: edge.manualEdgeId !== undefined ? Number(edge.manualEdgeId) : null,
      note: edge.note ?? null,
    };
  };
  const edges = [...incoming.map((e) => row(e, 'in')), ...outgoing.map((e) => row(e, 'out'))].sort(
    (a, b) => Number(b.evidence !== null) - Number(a.evidence !== null) || Number(a.direction === 'out') - Number(b.direction === 'out'),
  );
  const external = loaded.external.get(id);
  return {
    node: toViewNode(node, loaded.appLabels, null, incoming.length + outgoing.length > 0),
    fullName: fullNameOf(node),
    catalogTarget: catalogTargetOf(node),
    upstreamCount: new Set(incoming.map((e) => e.from)).size,
    downstreamCount: new Set(outgoing.map((e) => e.to)).size,
    edges,
    externalKind: external?.kind ?? null,
    note: external?.note || (node.kind === 'external' ? node.note : null) || null,
  };
}

function fullNameOf(node: LineageNode): string {
  switch (node.kind) {
    case 'qvd':
    case 'file':
      return node.path;
    default:
      return node.label;
  }
}

/** The id's last segment (chart and sheet ids never contain ':'; app ids are GUIDs). */
function tailOf(id: string): string {
  return id.slice(id.lastIndexOf(':') + 1);
}

export function catalogTargetOf(node: LineageNode): CatalogTarget | null {
  const appId = node.appId;
  switch (node.kind) {
    case 'app':
      return appId !== null ? { kind: 'app', appId } : null;
    case 'sheet':
      return appId !== null ? { kind: 'sheet', appId, sheetId: tailOf(node.id) } : null;
    case 'chart':
      return appId !== null ? { kind: 'object', appId, objectId: tailOf(node.id) } : null;
    case 'master-measure':
    case 'master-dimension':
    case 'master-visualization':
      return appId !== null ? { kind: 'master-item', appId, itemId: tailOf(node.id) } : null;
    case 'field':
      return appId !== null ? { kind: 'field', appId, field: node.label } : null;
    case 'app-table':
      return appId !== null ? { kind: 'table', appId, table: node.label } : null;
    case 'inline': {
      const line = Number(tailOf(node.id));
      return appId !== null && Number.isFinite(line) ? { kind: 'script', appId, lineStart: line, lineEnd: line } : null;
    }
    case 'data-connection':
      return { kind: 'data-connections' };
    case 'automation':
      return { kind: 'automations' };
    case 'db-table':
    case 'file':
    case 'qvd':
    case 'rest-endpoint':
    case 'external':
      return null;
  }
}

/** A view graph's own nodes and edges as an indexed graph (for exports of what is shown). */
export function indexedOfView(graph: ViewGraph, loaded: LoadedGraph): IndexedGraph {
  const nodes = graph.nodes.map((n) => loaded.fieldLevel.nodes.get(n.id)).filter((n): n is LineageNode => n !== undefined);
  const byKey = new Map<string, LineageEdge>();
  for (const e of graph.edges) {
    byKey.set(e.id, {
      from: e.from,
      to: e.to,
      kind: e.kind,
      origin: e.origin,
      confirmedBy: [],
      evidence: e.evidence,
      ...(e.manualEdgeId !== null ? { manualEdgeId: String(e.manualEdgeId) } : {}),
      ...(e.note !== null ? { note: e.note } : {}),
    });
  }
  return indexGraph({ nodes, edges: [...byKey.values()], warnings: [] });
}
