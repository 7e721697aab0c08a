/**
 * The lineage graph as the catalog stores it. Structural on purpose: src-main/lineage builds its
 * own richer types (a discriminated union of node kinds); any graph with these fields fits.
 */
export type LineageOrigin = 'script' | 'engine' | 'data-model' | 'manual';

export const lineageOrigins: readonly LineageOrigin[] = ['script', 'engine', 'data-model', 'manual'];

export interface LineageEvidence {
  readonly appId: string;
  readonly lineStart: number;
  readonly lineEnd: number;
  readonly statement?: string;
}

export interface LineageNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly appId?: string | null;
}

export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly origin: LineageOrigin;
  readonly evidence?: LineageEvidence | null;
}

export interface LineageGraph {
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
}
