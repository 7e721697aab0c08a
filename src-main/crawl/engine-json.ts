/**
 * Defensive readers for engine JSON: the engine omits defaults (qlik-protocol.md §1.7), clients
 * write strings or {qStringExpression} where a title goes, and older engines differ. Every reader
 * returns a safe default instead of throwing.
 */

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A property that may be an expression: {qStringExpression:{qExpr:"='Revenue ' & Year(Today())"}}.
  const expr = obj(obj(value).qStringExpression).qExpr;
  if (typeof expr === 'string') return expr;
  const valueExpr = obj(obj(value).qValueExpression).qExpr;
  return typeof valueExpr === 'string' ? valueExpr : fallback;
}

export function strOrNull(value: unknown): string | null {
  const s = str(value, '');
  return s === '' ? null : s;
}

export function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function numOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function bool(value: unknown): boolean {
  return value === true;
}

export function strings(value: unknown): string[] {
  return arr(value)
    .map((v) => (typeof v === 'string' ? v : str(obj(v).name, '') || str(obj(v).qName, '')))
    .filter((v) => v !== '');
}
