/**
 * Tables an SQL statement reads: names after FROM and JOIN (and comma lists after FROM), inside
 * subqueries too, minus the names a WITH clause defines. Function syntax such as
 * EXTRACT(YEAR FROM d) is skipped by only honouring FROM at top level or inside a subquery.
 */
import type { Token } from './script-lexer';
import { isNameToken, upper } from './statement-splitter';

export interface SqlReading {
  /** Table references as written (`$(dbSchema)."T_Receipts"`), in order, without duplicates. */
  readonly tablesWritten: readonly string[];
  /** Column names the outermost SELECT returns (aliases where given). */
  readonly columns: readonly string[];
  /** True when a SELECT * is among the returned columns. */
  readonly hasWildcard: boolean;
  /** A REST connector source (`FROM JSON (wrap on) "root"`). */
  readonly isRestShape: boolean;
}

const STOP_WORDS = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'ON',
  'USING',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'OUTER',
  'CROSS',
  'JOIN',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'LIMIT',
  'WITH',
  'AS',
  'NATURAL',
  'WINDOW',
  'QUALIFY',
  'FETCH',
  'OFFSET',
  'FOR',
  'PIVOT',
  'UNPIVOT',
  'LATERAL',
  'SELECT',
]);

/** Reads a dotted table reference made of adjacent tokens; returns [text, next index]. */
function readTableReference(tokens: readonly Token[], from: number): [string, number] | null {
  const first = tokens[from];
  if (!isNameToken(first) || first === undefined || STOP_WORDS.has(upper(first))) return null;
  let text = first.text;
  let i = from + 1;
  for (;;) {
    const prev = tokens[i - 1] as Token;
    const next = tokens[i];
    if (next === undefined || next.start !== prev.end) break;
    if (!(isNameToken(next) || next.text === '.')) break;
    text += next.text;
    i++;
  }
  return [text, i];
}

const readings = new WeakMap<readonly Token[], SqlReading>();

/** The analyzer asks twice per statement (source and fields); the answer is kept per token list. */
export function readSql(tokens: readonly Token[]): SqlReading {
  const cached = readings.get(tokens);
  if (cached) return cached;
  const reading = readSqlUncached(tokens);
  readings.set(tokens, reading);
  return reading;
}

function readSqlUncached(tokens: readonly Token[]): SqlReading {
  const tables: string[] = [];
  const cteNames = new Set<string>();
  // Paren stack: true when the parenthesis opens a subquery (its first token is SELECT / WITH).
  const parens: boolean[] = [];
  let isRestShape = false;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.text === '(' && token.kind === 'punct') {
      const inner = upper(tokens[i + 1]);
      parens.push(inner === 'SELECT' || inner === 'WITH');
      continue;
    }
    if (token.text === ')' && token.kind === 'punct') {
      parens.pop();
      continue;
    }
    const word = upper(token);
    // WITH name AS ( ... ): remember CTE names so they are not reported as tables.
    if ((word === 'WITH' || (token.text === ',' && cteNames.size > 0)) && upper(tokens[i + 2]) === 'AS') {
      const name = tokens[i + 1];
      if (isNameToken(name) && name !== undefined) cteNames.add(name.value.toUpperCase());
      continue;
    }
    if (word === 'WITH' && upper(tokens[i + 1]) === 'RECURSIVE' && upper(tokens[i + 3]) === 'AS') {
      const name = tokens[i + 2];
      if (name !== undefined) cteNames.add(name.value.toUpperCase());
      continue;
    }
    if (word !== 'FROM' && word !== 'JOIN') continue;
    const isQueryLevel = parens.length === 0 || parens[parens.length - 1] === true;
    if (!isQueryLevel) continue;
    if (word === 'FROM' && (upper(tokens[i + 1]) === 'JSON' || upper(tokens[i + 1]) === 'XML') && tokens[i + 2]?.text === '(') {
      isRestShape = true;
      continue;
    }
    let j = i + 1;
    for (;;) {
      const reference = readTableReference(tokens, j);
      if (reference === null) break;
      const [text, after] = reference;
      if (!cteNames.has(unquoteSimple(text).toUpperCase()) && !tables.includes(text)) tables.push(text);
      j = after;
      if (word === 'JOIN') break;
      // optional alias: AS x | x
      if (upper(tokens[j]) === 'AS') j += 2;
      else if (isNameToken(tokens[j]) && !STOP_WORDS.has(upper(tokens[j])) && tokens[j]?.text !== ',') j += 1;
      if (tokens[j]?.text !== ',') break;
      j += 1;
    }
  }
  const { columns, hasWildcard } = readColumns(tokens);
  return { tablesWritten: tables, columns, hasWildcard, isRestShape };
}

function unquoteSimple(text: string): string {
  return text.replace(/["[\]`]/g, '');
}

/** Column names of the first top-level SELECT list. */
function readColumns(tokens: readonly Token[]): { columns: string[]; hasWildcard: boolean } {
  // The outer SELECT: the first one outside parentheses (a CTE body comes earlier, inside them).
  let i = -1;
  for (let j = 0, level = 0; j < tokens.length && i < 0; j++) {
    const t = tokens[j] as Token;
    if (t.text === '(') level++;
    else if (t.text === ')') level--;
    else if (level === 0 && upper(t) === 'SELECT') i = j;
  }
  if (i < 0) return { columns: [], hasWildcard: false };
  i++;
  while (['DISTINCT', 'ALL', 'TOP'].includes(upper(tokens[i]))) i += upper(tokens[i]) === 'TOP' ? 2 : 1;
  const columns: string[] = [];
  let hasWildcard = false;
  let item: Token[] = [];
  let depth = 0;
  const finish = (): void => {
    if (item.length === 0) return;
    const last = item[item.length - 1] as Token;
    if (last.text === '*') hasWildcard = true;
    else if (isNameToken(last)) {
      const name = last.value;
      columns.push(last.kind === 'word' ? (name.split('.').pop() ?? name) : name);
    }
    item = [];
  };
  for (; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.text === '(') depth++;
    else if (token.text === ')') depth--;
    if (depth === 0 && upper(token) === 'FROM') break;
    if (depth === 0 && token.text === ',') {
      finish();
      continue;
    }
    item.push(token);
  }
  finish();
  return { columns, hasWildcard };
}
