/**
 * Classifies one GetLineage / data/lineage entry (qlik-protocol.md §4). No verbatim sample
 * exists, so every documented variant is tolerated: a trailing ';', "STORE - path" or
 * "STORE path", RESIDENT only in the statement, a connection name or a full connect string.
 */
import { lexScript } from './script-lexer';
import { readSql } from './sql-tables';
import { unquote } from './variable-expander';

export type EngineLineageEntry =
  | { readonly kind: 'store'; readonly path: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'inline' }
  | { readonly kind: 'autogenerate' }
  | { readonly kind: 'resident'; readonly table: string }
  | { readonly kind: 'db'; readonly connection: string; readonly tables: readonly string[] }
  | { readonly kind: 'unknown' };

export function classifyEngineLineage(discriminator: string, statement: string): EngineLineageEntry {
  const d = discriminator
    .trim()
    .replace(/;+\s*$/, '')
    .trim();
  const s = statement.trim();
  if (d === '') {
    const resident = /^RESIDENT\s+(.+?)\s*;?\s*$/i.exec(s);
    return resident ? { kind: 'resident', table: unquote(resident[1] ?? '') } : { kind: 'unknown' };
  }
  const store = /^STORE\b[\s\-:]*(.+)$/i.exec(d);
  if (store) return { kind: 'store', path: unquote(store[1] ?? '') };
  const bare = unquote(d);
  if (/^(lib:\/\/|\\\\|[A-Za-z]:\\|[A-Za-z]:\/|https?:\/\/)/i.test(bare)) return { kind: 'file', path: bare };
  if (/^INLINE\b/i.test(d)) return { kind: 'inline' };
  if (/^AUTOGENERATE\b/i.test(d)) return { kind: 'autogenerate' };
  const resident = /^RESIDENT\s+(.+)$/i.exec(d);
  if (resident) return { kind: 'resident', table: unquote(resident[1] ?? '') };
  const sql = s.replace(/^SQL\s+/i, '');
  const tables = sql === '' ? [] : readSql(lexScript(sql).tokens).tablesWritten;
  return { kind: 'db', connection: connectionNameOf(d), tables };
}

/** A connect string names its connection poorly; keep the LIB name, else the text itself. */
function connectionNameOf(discriminator: string): string {
  const lib = /^LIB\s+CONNECT\s+TO\s+(.+)$/i.exec(discriminator);
  if (lib) return unquote(lib[1] ?? '');
  return unquote(discriminator);
}
