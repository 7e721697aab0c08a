/**
 * The lineage graph: typed nodes and edges in data-flow direction
 * (db table / file → QVD → app table → field → master item → chart → sheet → app;
 * automation → app). Node ids are stable, readable strings (see docs/lineage.md).
 */

export type LineageOrigin = 'script' | 'engine' | 'data-model' | 'manual';

export interface LineageEvidence {
  readonly appId: string;
  readonly lineStart: number;
  readonly lineEnd: number;
  readonly statement?: string;
}

interface NodeBase {
  readonly id: string;
  readonly label: string;
  /** The app the node lives in; null for nodes outside apps (files, databases, automations). */
  readonly appId: string | null;
}

export type LineageNode =
  | (NodeBase & { readonly kind: 'data-connection'; readonly connectionType: string | null })
  | (NodeBase & { readonly kind: 'db-table'; readonly connection: string | null; readonly table: string })
  | (NodeBase & { readonly kind: 'file' | 'qvd'; readonly path: string })
  | (NodeBase & { readonly kind: 'rest-endpoint'; readonly endpoint: string })
  | (NodeBase & { readonly kind: 'inline' })
  | (NodeBase & { readonly kind: 'app-table'; readonly table: string; readonly isTemporary: boolean })
  | (NodeBase & { readonly kind: 'field'; readonly field: string })
  | (NodeBase & { readonly kind: 'master-measure' | 'master-dimension' | 'master-visualization'; readonly itemId: string })
  | (NodeBase & { readonly kind: 'chart'; readonly objectId: string; readonly chartType: string })
  | (NodeBase & { readonly kind: 'sheet'; readonly sheetId: string })
  | (NodeBase & { readonly kind: 'app' })
  | (NodeBase & { readonly kind: 'automation'; readonly automationId: string })
  | (NodeBase & { readonly kind: 'external'; readonly note: string | null });

export type LineageNodeKind = LineageNode['kind'];

export const lineageNodeKinds: readonly LineageNodeKind[] = [
  'data-connection',
  'db-table',
  'file',
  'qvd',
  'rest-endpoint',
  'inline',
  'app-table',
  'field',
  'master-measure',
  'master-dimension',
  'master-visualization',
  'chart',
  'sheet',
  'app',
  'automation',
  'external',
];

/**
 * reads: a data source feeds an app table · stores: an app table is written to a file/QVD ·
 * derives: a table built from another (RESIDENT) or a field computed from another ·
 * loads: an app table holds a field · uses: an expression (master item, chart) reads a field or
 * master item · contains: chart → sheet → app, table → app · connects: connection → db table/file ·
 * reloads: automation → app · triggers: automation → automation it starts · manual: drawn by a person.
 */
export type LineageEdgeKind =
  'reads' | 'stores' | 'derives' | 'loads' | 'uses' | 'contains' | 'connects' | 'reloads' | 'triggers' | 'manual';

export const lineageEdgeKinds: readonly LineageEdgeKind[] = [
  'reads',
  'stores',
  'derives',
  'loads',
  'uses',
  'contains',
  'connects',
  'reloads',
  'triggers',
  'manual',
];

export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: LineageEdgeKind;
  /** Who said so first; later confirmations go to confirmedBy instead of a duplicate edge. */
  readonly origin: LineageOrigin;
  readonly confirmedBy: readonly LineageOrigin[];
  readonly evidence: LineageEvidence | null;
  /** Manual edges: the catalog's id and the person's note. */
  readonly manualEdgeId?: string;
  readonly note?: string;
}

export interface LineageGraph {
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  /** What the builder could not place (unknown endpoints of manual edges, unreadable scripts). */
  readonly warnings: readonly string[];
}

/** Identity of an edge for de-duplication: one edge per (from, to, kind). */
export function edgeKey(edge: Pick<LineageEdge, 'from' | 'to' | 'kind'>): string {
  return `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
}

// ---- node ids ------------------------------------------------------------------------------

export const nodeId = {
  app: (appId: string) => `app:${appId}`,
  table: (appId: string, name: string) => `table:${appId}:${name}`,
  field: (appId: string, name: string) => `field:${appId}:${name}`,
  sheet: (appId: string, sheetId: string) => `sheet:${appId}:${sheetId}`,
  chart: (appId: string, objectId: string) => `chart:${appId}:${objectId}`,
  masterMeasure: (appId: string, id: string) => `measure:${appId}:${id}`,
  masterDimension: (appId: string, id: string) => `dimension:${appId}:${id}`,
  masterVisualization: (appId: string, id: string) => `visualization:${appId}:${id}`,
  inline: (appId: string, line: number) => `inline:${appId}:${line}`,
  qvd: (normalizedPath: string) => `qvd:${normalizedPath}`,
  file: (normalizedPath: string) => `file:${normalizedPath}`,
  rest: (endpoint: string) => `rest:${endpoint}`,
  dbTable: (connection: string | null, normalizedTable: string) => `db:${connection ?? 'unknown'}:${normalizedTable}`,
  connection: (normalizedName: string) => `connection:${normalizedName}`,
  automation: (id: string) => `automation:${id}`,
  external: (id: string) => (id.startsWith('external:') ? id : `external:${id}`),
} as const;
