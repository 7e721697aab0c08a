/**
 * The JSON export shape of the graph (`lineage.nodes[]`, `lineage.edges[]`), structurally the
 * same as the catalog's stored graph (src-main/catalog/lineage-graph.ts).
 */
import type { LineageEvidence, LineageGraph, LineageOrigin } from './graph-model';

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
