/** User notes and tags on any catalog entity; they belong to the connection, not a snapshot. */
import type Database from 'better-sqlite3';
import type { AnnotationRow } from './catalog-types';
import { json, parseJson } from './sql-values';

export interface NewAnnotation {
  readonly connectionId: string;
  /** What the note is on: 'app', 'sheet', 'object', 'field', 'master-measure'… */
  readonly entityType: string;
  readonly entityId: string;
  /** The app the entity belongs to, for app content (sheet ids are only unique per app). */
  readonly appId?: string | null;
  readonly note: string;
  readonly tags?: readonly string[];
}

export interface AnnotationFilter {
  readonly connectionId: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly appId?: string;
}

export class Annotations {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.s = {
      insert: db.prepare(
        'INSERT INTO annotation (connection_id, entity_type, entity_id, app_id, note, tags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      list: db.prepare<Record<string, string | null>, Record<string, unknown>>(`
        SELECT * FROM annotation WHERE connection_id = @connectionId
          AND (@entityType IS NULL OR entity_type = @entityType)
          AND (@entityId IS NULL OR entity_id = @entityId)
          AND (@appId IS NULL OR app_id = @appId)
        ORDER BY id`),
      remove: db.prepare('DELETE FROM annotation WHERE id = ?'),
    };
  }

  add(a: NewAnnotation): AnnotationRow {
    const createdAt = this.now().toISOString();
    const tags = a.tags ?? [];
    const info = this.s.insert.run(a.connectionId, a.entityType, a.entityId, a.appId ?? null, a.note, json(tags), createdAt);
    return {
      id: Number(info.lastInsertRowid),
      connectionId: a.connectionId,
      entityType: a.entityType,
      entityId: a.entityId,
      appId: a.appId ?? null,
      note: a.note,
      tags,
      createdAt,
    };
  }

  list(filter: AnnotationFilter): AnnotationRow[] {
    return this.s.list
      .all({
        connectionId: filter.connectionId,
        entityType: filter.entityType ?? null,
        entityId: filter.entityId ?? null,
        appId: filter.appId ?? null,
      })
      .map((r) => ({
        id: Number(r['id']),
        connectionId: String(r['connection_id']),
        entityType: String(r['entity_type']),
        entityId: String(r['entity_id']),
        appId: (r['app_id'] as string | null) ?? null,
        note: String(r['note']),
        tags: parseJson<string[]>(String(r['tags'])),
        createdAt: String(r['created_at']),
      }));
  }

  remove(id: number): boolean {
    return this.s.remove.run(id).changes > 0;
  }
}
