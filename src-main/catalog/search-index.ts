/**
 * Full-text search (FTS5) over names, titles, descriptions, expressions and script text of one
 * snapshot. Documents of app content belong to app versions, so a carried-over app is found
 * without being indexed twice; documents of spaces, collections, connections and automations
 * belong to their run.
 */
import type Database from 'better-sqlite3';
import type { FacetCount, SearchEntityType, SearchHit, SearchOptions, SearchResult } from './catalog-types';

/** Documents in the snapshot: its own run's documents plus those of the app versions it shows. */
const IN_SNAPSHOT = `(d.run_id = @runId OR d.app_version_id IN (SELECT app_version_id FROM snapshot_app WHERE run_id = @runId))`;

/** App, space and owner of each document, whichever kind of document it is. */
const DOC_CONTEXT = `
  LEFT JOIN app_version av ON av.id = d.app_version_id
  LEFT JOIN automation au ON d.entity_type = 'automation' AND au.run_id = d.run_id AND au.id = d.entity_id
  LEFT JOIN data_connection dc ON d.entity_type = 'data-connection' AND dc.run_id = d.run_id AND dc.id = d.entity_id
  LEFT JOIN space ds ON d.entity_type = 'space' AND ds.run_id = d.run_id AND ds.id = d.entity_id`;

const CONTEXT_COLUMNS = `
  av.app_id AS app_id, av.name AS app_name,
  COALESCE(av.space_id, au.space_id, dc.space_id, ds.id) AS space_id,
  COALESCE(av.owner_id, au.owner_id, ds.owner_id) AS owner_id`;

interface RawHit {
  entity_type: SearchEntityType;
  entity_id: string;
  title: string;
  sheet_id: string | null;
  app_id: string | null;
  app_name: string | null;
  space_id: string | null;
  space_name: string | null;
  owner_id: string | null;
  snippet: string;
}

interface RawFacetRow {
  entity_type: string;
  app_id: string | null;
  app_name: string | null;
  space_id: string | null;
  space_name: string | null;
  owner_id: string | null;
  n: number;
}

/**
 * Turns what a person types into an FTS5 query: every word must occur, the last one as a prefix
 * (search as you type). Quotes keep FTS5 operators and punctuation in Qlik names literal.
 */
export function toFtsQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/"/g, ''))
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ');
}

export class SearchIndex {
  private readonly hits;
  private readonly facets;

  constructor(db: Database.Database) {
    this.hits = db.prepare<Record<string, unknown>, RawHit>(`
      SELECT d.entity_type, d.entity_id, d.title, d.sheet_id, ${CONTEXT_COLUMNS},
        sp.name AS space_name,
        snippet(search_fts, -1, '[', ']', '…', 12) AS snippet
      FROM search_fts
      JOIN search_doc d ON d.id = search_fts.rowid
      ${DOC_CONTEXT}
      LEFT JOIN space sp ON sp.run_id = @runId AND sp.id = COALESCE(av.space_id, au.space_id, dc.space_id, ds.id)
      WHERE search_fts MATCH @query AND ${IN_SNAPSHOT}
        AND (@types IS NULL OR d.entity_type IN (SELECT value FROM json_each(@types)))
        AND (@appId IS NULL OR av.app_id = @appId)
        AND (@spaceId IS NULL OR COALESCE(av.space_id, au.space_id, dc.space_id, ds.id) = @spaceId)
        AND (@ownerId IS NULL OR COALESCE(av.owner_id, au.owner_id, ds.owner_id) = @ownerId)
      ORDER BY bm25(search_fts, 10.0, 1.0), d.id
      LIMIT @limit`);
    this.facets = db.prepare<Record<string, unknown>, RawFacetRow>(`
      SELECT d.entity_type, ${CONTEXT_COLUMNS}, sp.name AS space_name, COUNT(*) AS n
      FROM search_fts
      JOIN search_doc d ON d.id = search_fts.rowid
      ${DOC_CONTEXT}
      LEFT JOIN space sp ON sp.run_id = @runId AND sp.id = COALESCE(av.space_id, au.space_id, dc.space_id, ds.id)
      WHERE search_fts MATCH @query AND ${IN_SNAPSHOT}
      GROUP BY 1, 2, 3, 4, 5, 6`);
  }

  search(runId: number, text: string, options: SearchOptions = {}): SearchResult {
    const empty: SearchResult = { snapshotId: runId, hits: [], total: 0, facets: { type: [], space: [], app: [], owner: [] } };
    const query = toFtsQuery(text);
    if (query === null) return empty;
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 500);
    const hits = this.hits
      .all({
        runId,
        query,
        types: options.types && options.types.length > 0 ? JSON.stringify(options.types) : null,
        appId: options.appId ?? null,
        spaceId: options.spaceId ?? null,
        ownerId: options.ownerId ?? null,
        limit,
      })
      .map((r): SearchHit => ({
        type: r.entity_type,
        id: r.entity_id,
        title: r.title,
        appId: r.app_id,
        appName: r.app_name,
        sheetId: r.sheet_id,
        spaceId: r.space_id,
        spaceName: r.space_name,
        ownerId: r.owner_id,
        snippet: r.snippet,
      }));
    const rows = this.facets.all({ runId, query });
    return {
      snapshotId: runId,
      hits,
      total: rows.reduce((sum, r) => sum + r.n, 0),
      facets: {
        type: countBy(rows, (r) => [r.entity_type, r.entity_type]),
        space: countBy(rows, (r) => (r.space_id ? [r.space_id, r.space_name ?? r.space_id] : null)),
        app: countBy(rows, (r) => (r.app_id ? [r.app_id, r.app_name ?? r.app_id] : null)),
        owner: countBy(rows, (r) => (r.owner_id ? [r.owner_id, r.owner_id] : null)),
      },
    };
  }
}

function countBy(rows: readonly RawFacetRow[], key: (r: RawFacetRow) => readonly [string, string] | null): FacetCount[] {
  const counts = new Map<string, FacetCount>();
  for (const r of rows) {
    const k = key(r);
    if (!k) continue;
    const previous = counts.get(k[0]);
    counts.set(k[0], { value: k[0], label: k[1], count: (previous?.count ?? 0) + r.n });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
