/**
 * What the lineage view's contract calls return: plain, JSON-safe shapes shared by main (which
 * builds them) and the renderer (which draws them). No Node imports: the renderer compiles this.
 */
import type { LineageEdgeKind, LineageEvidence, LineageNodeKind, LineageOrigin } from '../lineage/graph-model';

export type LineageDirection = 'up' | 'down' | 'both';

/** table: field nodes are folded into the tables that load them; field: everything. */
export type LineageLevel = 'table' | 'field';

export interface ViewNode {
  readonly id: string;
  readonly kind: LineageNodeKind;
  readonly label: string;
  readonly appId: string | null;
  /** The app's title, for grouping and the details panel. */
  readonly appLabel: string | null;
  /** Steps from the focus node (0 for the focus); null when the view has no focus. */
  readonly distance: number | null;
  /** Some neighbours of this node were left out (depth or size limit): it can be expanded. */
  readonly hasHiddenNeighbours: boolean;
}

export interface ViewEdge {
  /** Stable within a snapshot: from, to and kind joined. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: LineageEdgeKind;
  readonly origin: LineageOrigin;
  readonly evidence: LineageEvidence | null;
  /** The catalog id of a manual edge, to remove it. */
  readonly manualEdgeId: number | null;
  readonly note: string | null;
  /** Table level: how many field nodes this edge stands for (0 for a direct edge). */
  readonly bridged: number;
}

export interface ViewGraph {
  readonly snapshotId: number;
  readonly connectionId: string;
  readonly focus: string | null;
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  /** The size limit cut the selection short. */
  readonly truncated: boolean;
  /** Nodes in the whole graph at this level, for "showing N of M". */
  readonly totalNodes: number;
}

export interface NodeSearchHit {
  readonly id: string;
  readonly kind: LineageNodeKind;
  readonly label: string;
  readonly appLabel: string | null;
}

/** Where a node lives in the catalog screens; the renderer turns it into a route. */
export type CatalogTarget =
  | { readonly kind: 'app'; readonly appId: string }
  | { readonly kind: 'sheet'; readonly appId: string; readonly sheetId: string }
  | { readonly kind: 'object'; readonly appId: string; readonly objectId: string }
  | { readonly kind: 'master-item'; readonly appId: string; readonly itemId: string }
  | { readonly kind: 'field'; readonly appId: string; readonly field: string }
  | { readonly kind: 'table'; readonly appId: string; readonly table: string }
  | { readonly kind: 'script'; readonly appId: string; readonly lineStart: number; readonly lineEnd: number }
  | { readonly kind: 'data-connections' }
  | { readonly kind: 'automations' };

export interface EdgeEvidenceRow {
  readonly direction: 'in' | 'out';
  readonly otherId: string;
  readonly otherLabel: string;
  readonly kind: LineageEdgeKind;
  readonly origin: LineageOrigin;
  readonly evidence: LineageEvidence | null;
  readonly manualEdgeId: number | null;
  readonly note: string | null;
}

export interface NodeDetails {
  readonly node: ViewNode;
  /** For files, QVDs and db tables: the full path / table as normalised in the id. */
  readonly fullName: string;
  readonly catalogTarget: CatalogTarget | null;
  readonly upstreamCount: number;
  readonly downstreamCount: number;
  /** Every edge in and out of the node, script evidence first. */
  readonly edges: readonly EdgeEvidenceRow[];
  /** External nodes: the category and note given when drawn. */
  readonly externalKind: string | null;
  readonly note: string | null;
}

export interface ImpactRow {
  readonly id: string;
  readonly kind: LineageNodeKind;
  readonly label: string;
  readonly appId: string | null;
  readonly appLabel: string | null;
  /** Steps downstream from the source at field level. */
  readonly distance: number;
}

export interface ImpactResult {
  readonly source: ViewNode;
  /** Apps, sheets, charts and master items downstream of the source, nearest first. */
  readonly rows: readonly ImpactRow[];
  readonly graph: ViewGraph;
}

export interface PathResult {
  readonly found: boolean;
  /** The path's nodes in flow order, then its edges. */
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
}

export type LineageExportFormat = 'json' | 'graphml' | 'openlineage' | 'svg' | 'png';

export interface LineageExportFile {
  readonly fileName: string;
  readonly mimeType: string;
  /** text for json/graphml/openlineage/svg, base64 for png. */
  readonly encoding: 'text' | 'base64';
  readonly data: string;
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Picture size in pixels (svg and png). */
  readonly width: number | null;
  readonly height: number | null;
}

export interface ManualEdgeResult {
  readonly manualEdgeId: number;
  readonly from: string;
  readonly to: string;
  /** Set when the edge created a new external node. */
  readonly externalNodeId: string | null;
}

export function viewEdgeId(from: string, to: string, kind: string): string {
  return `${from}\u2192${to}\u2192${kind}`;
}
