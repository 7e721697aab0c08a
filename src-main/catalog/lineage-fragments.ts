/**
 * Lineage fragments as the catalog stores them (migration 002): one compact JSON text per app
 * version and one per snapshot for the tenant-level part. A snapshot's graph is composed from
 * them by src-main/lineage (composeLineageGraph) when it is read, so a delta crawl writes lineage
 * for the reopened apps only. Evidence statements are masked before they are stored.
 */
import {
  composeLineageGraph,
  type AppLineageFragment,
  type FragmentEdge,
  type LineageEdge as BuiltEdge,
  type LineageNode as BuiltNode,
  type TenantLineage,
} from '../lineage';
import type { LineageEdge, LineageNode } from './lineage-graph';
import { maskSecrets } from './secret-mask';

type StoredNode = [id: string, kind: string, label: string, appId: string | null];
type StoredEvidence = [appId: string, lineStart: number, lineEnd: number, statement?: string];
type StoredEdge = [
  from: string,
  to: string,
  kind: string,
  origin: string,
  confirmedBy: string[],
  evidence: StoredEvidence | null,
  ifNodeExists?: string,
];

interface StoredFragment {
  readonly n: StoredNode[];
  readonly e: StoredEdge[];
  readonly w: readonly string[];
}

interface StoredTenant {
  readonly head: StoredNode[];
  readonly tailNodes: StoredNode[];
  readonly tailEdges: StoredEdge[];
}

function encodeNode(n: BuiltNode): StoredNode {
  return [n.id, n.kind, n.label, n.appId ?? null];
}

function encodeEdge(e: FragmentEdge): StoredEdge {
  const ev = e.evidence;
  const evidence: StoredEvidence | null = ev
    ? ev.statement === undefined
      ? [ev.appId, ev.lineStart, ev.lineEnd]
      : [ev.appId, ev.lineStart, ev.lineEnd, maskSecrets(ev.statement)]
    : null;
  const stored: StoredEdge = [e.from, e.to, e.kind, e.origin, [...e.confirmedBy], evidence];
  if (e.ifNodeExists !== undefined) stored.push(e.ifNodeExists);
  return stored;
}

// Composition reads only id (and kind) of a node; the stored form keeps what the catalog shows.
function decodeNode([id, kind, label, appId]: StoredNode): BuiltNode {
  return { id, kind, label, appId } as BuiltNode;
}

function decodeEdge([from, to, kind, origin, confirmedBy, ev, ifNodeExists]: StoredEdge): FragmentEdge {
  const evidence = ev ? { appId: ev[0], lineStart: ev[1], lineEnd: ev[2], ...(ev[3] !== undefined ? { statement: ev[3] } : {}) } : null;
  const edge = { from, to, kind, origin, confirmedBy, evidence } as BuiltEdge;
  return ifNodeExists === undefined ? edge : { ...edge, ifNodeExists };
}

export function encodeFragment(fragment: AppLineageFragment): string {
  const stored: StoredFragment = { n: fragment.nodes.map(encodeNode), e: fragment.edges.map(encodeEdge), w: fragment.warnings };
  return JSON.stringify(stored);
}

export function decodeFragment(appId: string, text: string): AppLineageFragment {
  const stored = JSON.parse(text) as StoredFragment;
  return { appId, nodes: stored.n.map(decodeNode), edges: stored.e.map(decodeEdge), warnings: stored.w };
}

export function encodeTenant(tenant: TenantLineage): string {
  const stored: StoredTenant = {
    head: tenant.head.map(encodeNode),
    tailNodes: tenant.tail.nodes.map(encodeNode),
    tailEdges: tenant.tail.edges.map(encodeEdge),
  };
  return JSON.stringify(stored);
}

function decodeTenant(text: string): TenantLineage {
  const stored = JSON.parse(text) as StoredTenant;
  return {
    head: stored.head.map(decodeNode),
    tail: { nodes: stored.tailNodes.map(decodeNode), edges: stored.tailEdges.map(decodeEdge) },
  };
}

/** SQLite's BINARY order (UTF-8 bytes = code points), which `ORDER BY id` gave legacy snapshots. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after the rest of the BMP in code point order.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** The snapshot's graph in the catalog's form: nodes by id, edges in composition order. */
export function composeStoredGraph(
  tenantText: string,
  fragments: ReadonlyArray<{ readonly appId: string; readonly fragment: string }>,
): { nodes: LineageNode[]; edges: LineageEdge[] } {
  const graph = composeLineageGraph(
    decodeTenant(tenantText),
    fragments.map((f) => decodeFragment(f.appId, f.fragment)),
  );
  const nodes = graph.nodes
    .map((n): LineageNode => ({ id: n.id, kind: n.kind, label: n.label, appId: n.appId ?? null }))
    .sort((a, b) => compareCodePoints(a.id, b.id));
  const edges = graph.edges.map((e): LineageEdge => ({
    from: e.from,
    to: e.to,
    kind: e.kind,
    origin: e.origin,
    evidence: e.evidence
      ? {
          appId: e.evidence.appId,
          lineStart: e.evidence.lineStart,
          lineEnd: e.evidence.lineEnd,
          ...(e.evidence.statement !== undefined ? { statement: e.evidence.statement } : {}),
        }
      : null,
  }));
  return { nodes, edges };
}
