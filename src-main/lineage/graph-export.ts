/**
 * The JSON export shape of the graph (`lineage.nodes[]`, `lineage.edges[]`), structurally the
 * same as the catalog's stored graph (src-main/catalog/lineage-graph.ts).
 */
import {
  lineageEdgeKinds,
  lineageNodeKinds,
  type LineageEvidence,
  type LineageGraph,
  type LineageNode,
  type LineageOrigin,
} from './graph-model';

export interface ExportedLineageNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly appId?: string;
}

export interface ExportedLineageEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly origin: LineageOrigin;
  readonly evidence: LineageEvidence | null;
}

export interface ExportedLineage {
  readonly nodes: readonly ExportedLineageNode[];
  readonly edges: readonly ExportedLineageEdge[];
}

/** Sorted by id / endpoints so two exports of the same tenant diff cleanly. */
export function toExportJson(graph: LineageGraph): ExportedLineage {
  const nodes = graph.nodes
    .map((n) =>
      n.appId !== null ? { id: n.id, kind: n.kind, label: n.label, appId: n.appId } : { id: n.id, kind: n.kind, label: n.label },
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const edges = graph.edges
    .map((e) => ({ from: e.from, to: e.to, kind: e.kind, origin: e.origin, evidence: e.evidence }))
    .sort((a, b) => compare(`${a.from}\u0000${a.to}\u0000${a.kind}`, `${b.from}\u0000${b.to}\u0000${b.kind}`));
  return { nodes, edges };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface StoredLineageNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly appId?: string | null;
}

export interface StoredLineageEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly origin: LineageOrigin;
  readonly evidence?: LineageEvidence | null;
}

/**
 * The inverse of toExportJson, for graphs read back from the catalog or an export file: kinds
 * this version does not know become external nodes / manual edges rather than errors.
 */
export function fromStoredGraph(nodes: readonly StoredLineageNode[], edges: readonly StoredLineageEdge[]): LineageGraph {
  return {
    nodes: nodes.map(toNode),
    edges: edges.map((e) => ({
      from: e.from,
      to: e.to,
      kind: lineageEdgeKinds.find((k) => k === e.kind) ?? 'manual',
      origin: e.origin,
      confirmedBy: [],
      evidence: e.evidence ?? null,
    })),
    warnings: [],
  };
}

function toNode(n: StoredLineageNode): LineageNode {
  const base = { id: n.id, label: n.label, appId: n.appId ?? null };
  const tail = n.id.slice(n.id.lastIndexOf(':') + 1);
  const kind = lineageNodeKinds.find((k) => k === n.kind);
  switch (kind) {
    case 'data-connection':
      return { ...base, kind, connectionType: null };
    case 'db-table':
      return { ...base, kind, connection: null, table: n.label };
    case 'file':
    case 'qvd':
      return { ...base, kind, path: n.id.slice(n.id.indexOf(':') + 1) };
    case 'rest-endpoint':
      return { ...base, kind, endpoint: n.label };
    case 'inline':
    case 'app':
      return { ...base, kind };
    case 'app-table':
      return { ...base, kind, table: n.label, isTemporary: false };
    case 'field':
      return { ...base, kind, field: n.label };
    case 'master-measure':
    case 'master-dimension':
    case 'master-visualization':
      return { ...base, kind, itemId: tail };
    case 'chart':
      return { ...base, kind, objectId: tail, chartType: '' };
    case 'sheet':
      return { ...base, kind, sheetId: tail };
    case 'automation':
      return { ...base, kind, automationId: tail };
    case 'external':
    case undefined:
      return { ...base, kind: 'external', note: null };
  }
}
