/**
 * Lineage in the catalog: the graph the lineage engine built for each snapshot, and the manual
 * edges and external nodes people add, which belong to the connection so recrawls keep them.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../api/errors';
import type { ExternalNodeRow, ManualEdgeRow, SnapshotLineage } from './catalog-types';
import { composeStoredGraph } from './lineage-fragments';
import type { LineageEdge, LineageNode, LineageOrigin } from './lineage-graph';

export interface NewManualEdge {
  readonly connectionId: string;
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly note?: string;
}

export interface NewExternalNode {
  readonly connectionId: string;
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly note?: string;
}

interface RawEdge {
  from_id: string;
  to_id: string;
  kind: string;
  origin: LineageOrigin;
  evidence_app_id: string | null;
  evidence_line_start: number | null;
  evidence_line_end: number | null;
  evidence_statement: string | null;
}

function toEdge(r: RawEdge): LineageEdge {
  const hasEvidence = r.evidence_app_id !== null && r.evidence_line_start !== null && r.evidence_line_end !== null;
  return {
    from: r.from_id,
    to: r.to_id,
    kind: r.kind,
    origin: r.origin,
    evidence: hasEvidence
      ? {
          appId: r.evidence_app_id as string,
          lineStart: r.evidence_line_start as number,
          lineEnd: r.evidence_line_end as number,
          ...(r.evidence_statement !== null ? { statement: r.evidence_statement } : {}),
        }
      : null,
  };
}

function unknownConnection(connectionId: string): AppError {
  return new AppError({
    code: 'not-found',
    message: 'That connection is not in the catalog.',
    remedy: 'Crawl the connection once before adding lineage by hand.',
    detail: `connection ${connectionId}`,
  });
}

export class LineageStore {
  private readonly s;
  /** The last composed snapshot graph: committed snapshots never change, so it stays true. */
  private composed: { runId: number; tenant: string; nodes: LineageNode[]; edges: LineageEdge[] } | null = null;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.s = {
      connectionOfRun: db.prepare<[number], { connection_id: string }>('SELECT connection_id FROM crawl_run WHERE id = ?'),
      hasConnection: db.prepare<[string], { id: string }>('SELECT id FROM connection WHERE id = ?'),
      nodes: db.prepare<[number], { id: string; kind: string; label: string; app_id: string | null }>(
        'SELECT id, kind, label, app_id FROM lineage_node WHERE run_id = ? ORDER BY id',
      ),
      edges: db.prepare<[number], RawEdge>('SELECT * FROM lineage_edge WHERE run_id = ? ORDER BY position'),
      runLineage: db.prepare<[number], { layout: number; tenant: string }>('SELECT layout, tenant FROM run_lineage WHERE run_id = ?'),
      memberFragments: db.prepare<[number, number], { app_id: string; fragment: string }>(`
        SELECT sa.app_id, l.fragment FROM snapshot_app sa
        JOIN app_version_lineage l ON l.app_version_id = sa.app_version_id AND l.layout = ?
        WHERE sa.run_id = ? ORDER BY sa.app_id`),
      upstream: db.prepare<[number, string], RawEdge>('SELECT * FROM lineage_edge WHERE run_id = ? AND to_id = ? ORDER BY position'),
      downstream: db.prepare<[number, string], RawEdge>('SELECT * FROM lineage_edge WHERE run_id = ? AND from_id = ? ORDER BY position'),
      manualEdges: db.prepare<[string], Record<string, unknown>>('SELECT * FROM manual_lineage_edge WHERE connection_id = ? ORDER BY id'),
      insertManualEdge: db.prepare(
        'INSERT INTO manual_lineage_edge (connection_id, from_id, to_id, kind, note, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      deleteManualEdge: db.prepare('DELETE FROM manual_lineage_edge WHERE id = ?'),
      externalNodes: db.prepare<[string], Record<string, unknown>>('SELECT * FROM external_node WHERE connection_id = ? ORDER BY id'),
      upsertExternalNode: db.prepare(`
        INSERT INTO external_node (connection_id, id, kind, label, note, created_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (connection_id, id) DO UPDATE SET kind = excluded.kind, label = excluded.label, note = excluded.note`),
      deleteExternalNode: db.prepare('DELETE FROM external_node WHERE connection_id = ? AND id = ?'),
    };
  }

  snapshotLineage(runId: number): SnapshotLineage {
    const connectionId = this.s.connectionOfRun.get(runId)?.connection_id ?? '';
    const graph = this.composedGraph(runId);
    return {
      snapshotId: runId,
      nodes: graph
        ? graph.nodes
        : this.s.nodes.all(runId).map((n): LineageNode => ({ id: n.id, kind: n.kind, label: n.label, appId: n.app_id })),
      edges: graph ? graph.edges : this.s.edges.all(runId).map(toEdge),
      manualEdges: this.manualEdges(connectionId),
      externalNodes: this.externalNodes(connectionId),
    };
  }

  /**
   * Snapshots written since migration 002 hold their graph as fragments of the app versions they
   * show plus a tenant part; older ones as lineage_node/lineage_edge rows (null here).
   */
  private composedGraph(runId: number): { nodes: LineageNode[]; edges: LineageEdge[] } | null {
    const run = this.s.runLineage.get(runId);
    if (!run) return null;
    if (this.composed?.runId === runId && this.composed.tenant === run.tenant) return this.composed;
    const graph = composeStoredGraph(
      run.tenant,
      this.s.memberFragments.all(run.layout, runId).map((r) => ({ appId: r.app_id, fragment: r.fragment })),
    );
    this.composed = { runId, tenant: run.tenant, ...graph };
    return this.composed;
  }

  /** Edges into a node (what it is made from) in one snapshot, manual edges included. */
  upstreamEdges(runId: number, nodeId: string): LineageEdge[] {
    const connectionId = this.s.connectionOfRun.get(runId)?.connection_id ?? '';
    const graph = this.composedGraph(runId);
    const edges = graph ? graph.edges.filter((e) => e.to === nodeId) : this.s.upstream.all(runId, nodeId).map(toEdge);
    return [...edges, ...this.manualEdges(connectionId).filter((e) => e.to === nodeId)];
  }

  /** Edges out of a node (what is made from it) in one snapshot, manual edges included. */
  downstreamEdges(runId: number, nodeId: string): LineageEdge[] {
    const connectionId = this.s.connectionOfRun.get(runId)?.connection_id ?? '';
    const graph = this.composedGraph(runId);
    const edges = graph ? graph.edges.filter((e) => e.from === nodeId) : this.s.downstream.all(runId, nodeId).map(toEdge);
    return [...edges, ...this.manualEdges(connectionId).filter((e) => e.from === nodeId)];
  }

  manualEdges(connectionId: string): ManualEdgeRow[] {
    return this.s.manualEdges.all(connectionId).map((r) => ({
      id: Number(r['id']),
      connectionId: String(r['connection_id']),
      from: String(r['from_id']),
      to: String(r['to_id']),
      kind: String(r['kind']),
      origin: 'manual',
      evidence: null,
      note: String(r['note']),
      createdAt: String(r['created_at']),
    }));
  }

  addManualEdge(edge: NewManualEdge): ManualEdgeRow {
    if (!this.s.hasConnection.get(edge.connectionId)) throw unknownConnection(edge.connectionId);
    const createdAt = this.now().toISOString();
    const info = this.s.insertManualEdge.run(edge.connectionId, edge.from, edge.to, edge.kind, edge.note ?? '', createdAt);
    return {
      id: Number(info.lastInsertRowid),
      connectionId: edge.connectionId,
      from: edge.from,
      to: edge.to,
      kind: edge.kind,
      origin: 'manual',
      evidence: null,
      note: edge.note ?? '',
      createdAt,
    };
  }

  /** Returns false when there was no such edge. */
  removeManualEdge(id: number): boolean {
    return this.s.deleteManualEdge.run(id).changes > 0;
  }

  externalNodes(connectionId: string): ExternalNodeRow[] {
    return this.s.externalNodes.all(connectionId).map((r) => ({
      connectionId: String(r['connection_id']),
      id: String(r['id']),
      kind: String(r['kind']),
      label: String(r['label']),
      appId: null,
      note: String(r['note']),
      createdAt: String(r['created_at']),
    }));
  }

  /** Adds or updates a node outside Qlik (a source system, a report) to hang manual edges on. */
  putExternalNode(node: NewExternalNode): ExternalNodeRow {
    if (!this.s.hasConnection.get(node.connectionId)) throw unknownConnection(node.connectionId);
    const createdAt = this.now().toISOString();
    this.s.upsertExternalNode.run(node.connectionId, node.id, node.kind, node.label, node.note ?? '', createdAt);
    return this.externalNodes(node.connectionId).find((n) => n.id === node.id) as ExternalNodeRow;
  }

  removeExternalNode(connectionId: string, id: string): boolean {
    return this.s.deleteExternalNode.run(connectionId, id).changes > 0;
  }
}
