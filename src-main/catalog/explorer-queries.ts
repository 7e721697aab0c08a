/**
 * Queries the explorer's screens asked for, each answering in one call what a screen used to
 * piece together from many: the fields no expression of an app uses, the data connections an app
 * reads or writes according to lineage, owner names for search facets and the personal space's
 * app count.
 */
import type Database from 'better-sqlite3';
import { nodeId, normalizeConnectionName } from '../lineage';
import type { DataConnectionRow, FacetCount, SearchResult, SpaceRow } from './catalog-types';
import { referencesField } from './expression-references';
import { composeStoredGraph } from './lineage-fragments';
import type { LineageGraph } from './lineage-graph';

/** Fields of an app that no chart, master item or variable expression names. */
export interface UnusedFields {
  /** Fields that were checked: neither keys (linking tables) nor Qlik's own system fields. */
  readonly checkedCount: number;
  /** Names of the checked fields nothing uses, in data model order. */
  readonly unused: readonly string[];
}

export type ConnectionAccess = 'reads' | 'stores' | 'reads-and-stores';

/** One data connection an app's tables read from or store into, as lineage knows it. */
export interface AppConnectionUse {
  /** The lineage node (`connection:<name>`), for a link to the lineage view. */
  readonly nodeId: string;
  readonly label: string;
  /** The catalog's data connection of that name; null when the snapshot does not hold it. */
  readonly connection: DataConnectionRow | null;
  readonly access: ConnectionAccess;
  /** 1-based script lines of the LOAD/SELECT/STORE statements involved (engine-only edges have none). */
  readonly lines: readonly number[];
}

export interface AppDataConnections {
  /** False when the snapshot holds no lineage for the app (written without it): use the script instead. */
  readonly hasLineage: boolean;
  readonly uses: readonly AppConnectionUse[];
}

/** The route and the crawl scope call apps outside any shared space "personal"; so does this row. */
export const personalSpaceId = 'personal';

/**
 * Every expression text of an app version, paired with each candidate field whose name it
 * contains. `instr` keeps the pairs few; referencesField then decides on word boundaries.
 */
const unusedFieldCandidatesSql = `
  WITH expr(text) AS MATERIALIZED (
    SELECT j.value FROM visual_object o, json_each(o.dimensions) d, json_each(d.value, '$.fieldDefs') j
      WHERE o.app_version_id = @versionId
    UNION ALL
    SELECT json_extract(m.value, '$.expression') FROM visual_object o, json_each(o.measures) m
      WHERE o.app_version_id = @versionId
    UNION ALL
    SELECT mi.expression FROM master_item mi WHERE mi.app_version_id = @versionId
    UNION ALL
    SELECT j.value FROM master_item mi, json_each(mi.field_defs) j
      WHERE mi.app_version_id = @versionId AND mi.field_defs IS NOT NULL
    UNION ALL
    SELECT j.value FROM master_item mi, json_each(mi.dimensions) d, json_each(d.value, '$.fieldDefs') j
      WHERE mi.app_version_id = @versionId AND mi.dimensions IS NOT NULL
    UNION ALL
    SELECT json_extract(m.value, '$.expression') FROM master_item mi, json_each(mi.measures) m
      WHERE mi.app_version_id = @versionId AND mi.measures IS NOT NULL
    UNION ALL
    SELECT v.definition FROM variable v WHERE v.app_version_id = @versionId
    UNION ALL
    -- a bookmark's selection names the field itself (referencesField matches the bare name)
    SELECT j.value FROM bookmark b, json_each(b.selection_fields) j WHERE b.app_version_id = @versionId
  ),
  candidate AS (
    SELECT f.position, f.name FROM field f
    WHERE f.app_version_id = @versionId AND f.is_key = 0 AND f.is_system = 0 AND substr(f.name, 1, 1) <> '$'
      -- Qlik links tables through same-named fields; the engine's key flag can lag on synthetic keys.
      AND (SELECT COUNT(*) FROM table_field tf WHERE tf.app_version_id = @versionId AND tf.field_name = f.name) <= 1
  )
  SELECT c.name, e.text FROM candidate c
  LEFT JOIN expr e ON e.text IS NOT NULL AND instr(e.text, c.name) > 0
  ORDER BY c.position`;

export class ExplorerQueries {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      unusedFieldCandidates: db.prepare<{ versionId: number }, { name: string; text: string | null }>(unusedFieldCandidatesSql),
      ownerNames: db.prepare<[number], { owner_id: string; owner_name: string }>(`
        SELECT av.owner_id, MAX(av.owner_name) AS owner_name FROM snapshot_app sa
        JOIN app_version av ON av.id = sa.app_version_id
        WHERE sa.run_id = ? AND av.owner_id IS NOT NULL AND av.owner_name IS NOT NULL AND av.owner_name <> ''
        GROUP BY av.owner_id`),
      personalAppCount: db.prepare<[number], number>(`
        SELECT COUNT(*) FROM snapshot_app sa JOIN app_version av ON av.id = sa.app_version_id
        WHERE sa.run_id = ? AND av.space_id IS NULL`),
      runLineage: db.prepare<[number], { layout: number; tenant: string }>('SELECT layout, tenant FROM run_lineage WHERE run_id = ?'),
      appFragment: db.prepare<[number, number], string>('SELECT fragment FROM app_version_lineage WHERE app_version_id = ? AND layout = ?'),
      hasLegacyAppLineage: db.prepare<[number, string], number>(
        'SELECT EXISTS (SELECT 1 FROM lineage_node WHERE run_id = ? AND app_id = ?)',
      ),
    };
    this.s.personalAppCount.pluck();
    this.s.appFragment.pluck();
    this.s.hasLegacyAppLineage.pluck();
  }

  unusedFields(versionId: number): UnusedFields {
    const usedBy = new Map<string, boolean>();
    for (const { name, text } of this.s.unusedFieldCandidates.all({ versionId })) {
      const isUsed = usedBy.get(name) ?? false;
      usedBy.set(name, isUsed || (text !== null && referencesField(text, name)));
    }
    return { checkedCount: usedBy.size, unused: [...usedBy].filter(([, isUsed]) => !isUsed).map(([name]) => name) };
  }

  /** Owner id → display name, from the app records of the snapshot (Qlik user ids mean nothing to people). */
  ownerNames(runId: number): Map<string, string> {
    return new Map(this.s.ownerNames.all(runId).map((r) => [r.owner_id, r.owner_name]));
  }

  personalAppCount(runId: number): number {
    return Number(this.s.personalAppCount.get(runId) ?? 0);
  }

  /**
   * The app's own lineage: the snapshot's tenant part (data connections) composed with the app's
   * fragment only, which is cheap next to the whole snapshot's graph. Null when the snapshot
   * keeps lineage the pre-fragment way (read it with Catalog.lineage) or has none for this app.
   */
  appLineageGraph(runId: number, appId: string, versionId: number): LineageGraph | null {
    const run = this.s.runLineage.get(runId);
    if (!run) return null;
    const fragment = this.s.appFragment.get(versionId, run.layout);
    if (fragment === undefined) return null;
    return composeStoredGraph(run.tenant, [{ appId, fragment }]);
  }

  /** Whether the snapshot keeps lineage as node/edge rows (before migration 002) for the app. */
  hasLegacyAppLineage(runId: number, appId: string): boolean {
    return Number(this.s.hasLegacyAppLineage.get(runId, appId)) === 1;
  }
}

/** Owner facet labels become names where the snapshot knows them. */
export function withOwnerNames(result: SearchResult, names: ReadonlyMap<string, string>): SearchResult {
  if (result.facets.owner.length === 0) return result;
  const owner = result.facets.owner
    .map((f): FacetCount => ({ ...f, label: names.get(f.value) ?? f.label }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return { ...result, facets: { ...result.facets, owner } };
}

/** The pseudo-space of apps outside any shared space, or null when there are none. */
export function personalSpaceRow(appCount: number): SpaceRow | null {
  if (appCount === 0) return null;
  return {
    id: personalSpaceId,
    name: 'Personal',
    type: 'personal',
    description: 'Apps in their owners’ personal spaces.',
    ownerId: null,
    createdAt: null,
    updatedAt: null,
    appCount,
  };
}

/**
 * Data connections an app uses, from lineage: the sources its tables (or the app, for engine
 * lineage that names no table) read, and the files they store, each traced to the connection
 * that `connects` to it — or the connection itself when the engine names only that.
 */
export function connectionsUsedByApp(
  appId: string,
  graph: LineageGraph,
  dataConnections: readonly DataConnectionRow[],
): AppConnectionUse[] {
  const appNode = nodeId.app(appId);
  const tablePrefix = nodeId.table(appId, '');
  const isOfApp = (id: string): boolean => id === appNode || id.startsWith(tablePrefix);
  const connectionKind = new Set(graph.nodes.filter((n) => n.kind === 'data-connection').map((n) => n.id));

  // Data nodes the app touches, with how and on which script lines.
  const touched = new Map<string, { reads: boolean; stores: boolean; lines: Set<number> }>();
  const touch = (node: string, how: 'reads' | 'stores', line: number | undefined): void => {
    const entry = touched.get(node) ?? { reads: false, stores: false, lines: new Set<number>() };
    entry[how] = true;
    if (line !== undefined && line > 0) entry.lines.add(line);
    touched.set(node, entry);
  };
  for (const e of graph.edges) {
    if (e.kind === 'reads' && isOfApp(e.to)) touch(e.from, 'reads', e.evidence?.lineStart);
    else if (e.kind === 'stores' && isOfApp(e.from)) touch(e.to, 'stores', e.evidence?.lineStart);
  }

  const viaConnection = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.kind !== 'connects' || !touched.has(e.to)) continue;
    viaConnection.set(e.to, [...(viaConnection.get(e.to) ?? []), e.from]);
  }

  const uses = new Map<string, { reads: boolean; stores: boolean; lines: Set<number> }>();
  for (const [node, how] of touched) {
    const connections = connectionKind.has(node) ? [node] : (viaConnection.get(node) ?? []);
    for (const connection of connections) {
      const use = uses.get(connection) ?? { reads: false, stores: false, lines: new Set<number>() };
      use.reads ||= how.reads;
      use.stores ||= how.stores;
      for (const line of how.lines) use.lines.add(line);
      uses.set(connection, use);
    }
  }

  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const byNode = new Map<string, DataConnectionRow>();
  for (const c of dataConnections) {
    const id = nodeId.connection(normalizeConnectionName(c.name));
    if (!byNode.has(id)) byNode.set(id, c);
  }
  return [...uses]
    .map(([id, use]): AppConnectionUse => ({
      nodeId: id,
      label: labels.get(id) ?? id.slice(nodeId.connection('').length),
      connection: byNode.get(id) ?? null,
      access: use.reads && use.stores ? 'reads-and-stores' : use.stores ? 'stores' : 'reads',
      lines: [...use.lines].sort((a, b) => a - b),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
