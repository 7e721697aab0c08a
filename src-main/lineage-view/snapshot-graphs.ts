/**
 * The parsed lineage graph of a snapshot, with manual edges laid over it, kept in memory: the
 * catalog stores rows, and rebuilding a 5,000-node graph on every click would cost more than the
 * answer. Keyed by snapshot id (a recrawl is a new snapshot) plus a signature of the connection's
 * manual lineage, so an edge drawn from `qme` or another window is seen on the next call.
 */
import type { Catalog, SnapshotRef } from '../catalog';
import { fromStoredGraph, type StoredLineageNode } from '../lineage/graph-export';
import { applyManualEdges } from '../lineage/manual-edges';
import { bridgeOver, indexGraph, type IndexedGraph } from './graph-selection';
import type { LineageLevel } from './view-model';

export interface LoadedGraph {
  readonly snapshotId: number;
  readonly connectionId: string;
  readonly tenantUrl: string;
  readonly finishedAt: string | null;
  /** Every node and edge, manual lineage included. */
  readonly fieldLevel: IndexedGraph;
  /** Fields folded into the tables that load them; computed on first use. */
  readonly tableLevel: () => IndexedGraph;
  readonly appLabels: ReadonlyMap<string, string>;
  /** External nodes people drew: their category and note. */
  readonly external: ReadonlyMap<string, { readonly kind: string; readonly note: string }>;
}

export function levelOf(loaded: LoadedGraph, level: LineageLevel): IndexedGraph {
  return level === 'table' ? loaded.tableLevel() : loaded.fieldLevel;
}

interface Entry {
  readonly signature: string;
  readonly loaded: LoadedGraph;
}

export class SnapshotGraphs {
  private readonly entries = new Map<number, Entry>();

  constructor(
    private readonly catalog: () => Catalog,
    private readonly maxCached = 3,
  ) {}

  get(ref: SnapshotRef): LoadedGraph {
    const catalog = this.catalog();
    const snapshotId = catalog.snapshotIdOf(ref);
    const snapshot = catalog.snapshot(snapshotId);
    const signature = manualSignature(catalog, snapshot.connectionId);
    const cached = this.entries.get(snapshotId);
    if (cached && cached.signature === signature) {
      // Most recently used last, so eviction drops the oldest.
      this.entries.delete(snapshotId);
      this.entries.set(snapshotId, cached);
      return cached.loaded;
    }
    const loaded = loadGraph(catalog, snapshotId, snapshot.connectionId, snapshot.tenantUrl, snapshot.finishedAt);
    this.entries.delete(snapshotId);
    this.entries.set(snapshotId, { signature, loaded });
    while (this.entries.size > this.maxCached) this.entries.delete(this.entries.keys().next().value as number);
    return loaded;
  }
}

function manualSignature(catalog: Catalog, connectionId: string): string {
  const edges = catalog.manualEdges(connectionId);
  const nodes = catalog.externalNodes(connectionId);
  return `${edges.length}:${edges.at(-1)?.id ?? 0}:${nodes.length}:${nodes.map((n) => n.id).join(',')}`;
}

function loadGraph(catalog: Catalog, snapshotId: number, connectionId: string, tenantUrl: string, finishedAt: string | null): LoadedGraph {
  const stored = catalog.lineage({ snapshotId });
  const graph = applyManualEdges(
    fromStoredGraph(stored.nodes as readonly StoredLineageNode[], stored.edges),
    stored.manualEdges.map((e) => ({ id: String(e.id), from: e.from, to: e.to, note: e.note, createdAt: e.createdAt, kind: e.kind })),
    stored.externalNodes.map((n) => ({ id: n.id, label: n.label, kind: 'external' as const, note: n.note })),
  );
  const fieldLevel = indexGraph(graph);
  let tableLevel: IndexedGraph | undefined;
  const appLabels = new Map<string, string>();
  for (const n of graph.nodes) if (n.kind === 'app' && n.appId !== null) appLabels.set(n.appId, n.label);
  const external = new Map(
    stored.externalNodes.map((n) => [n.id.startsWith('external:') ? n.id : `external:${n.id}`, { kind: n.kind, note: n.note }]),
  );
  return {
    snapshotId,
    connectionId,
    tenantUrl,
    finishedAt,
    fieldLevel,
    tableLevel: () => (tableLevel ??= bridgeOver(graph, (n) => n.kind !== 'field')),
    appLabels,
    external,
  };
}
