/**
 * Parses one LOAD / SELECT statement (with its prefixes) into a plain description: which table it
 * feeds, its field list and the clause that names where the rows come from. Knows nothing of the
 * script's state; the analyzer expands variables and keeps the table model.
 */
import type { Token } from './script-lexer';
import { isNameToken, labelColonAt, labelText, upper } from './statement-splitter';

export interface LoadFieldItem {
  /** Output field name (alias, plain name, or the expression text when unnamed). */
  readonly name: string;
  readonly expression: string;
}

export type LoadClause =
  | { readonly kind: 'from'; readonly written: string; readonly format: string | null; readonly withConnection: string | null }
  | { readonly kind: 'resident'; readonly written: string; readonly table: string }
  | { readonly kind: 'inline'; readonly headerFields: readonly string[] }
  | { readonly kind: 'autogenerate'; readonly written: string }
  | { readonly kind: 'from-field'; readonly table: string; readonly written: string }
  | { readonly kind: 'extension'; readonly written: string }
  | { readonly kind: 'sql'; readonly sqlTokens: readonly Token[] }
  | { readonly kind: 'none' };

export type JoinOperation = 'concatenate' | 'join' | 'keep' | null;

export interface ParsedLoad {
  readonly prefixes: readonly string[];
  readonly operation: JoinOperation;
  readonly joinType: string | null;
  /** Table named in JOIN (T) / CONCATENATE (T) / KEEP (T). */
  readonly operationTarget: string | null;
  readonly isMapping: boolean;
  readonly isNoConcatenate: boolean;
  /** CROSSTABLE(attribute, data [, n]) arguments. */
  readonly crossTable: { readonly attribute: string; readonly data: string; readonly qualifierCount: number } | null;
  /** INTERVALMATCH(field) match field. */
  readonly intervalMatchField: string | null;
  /** A label written after the prefixes (`LEFT JOIN (A) B: LOAD …`). */
  readonly innerLabel: string | null;
  readonly fields: readonly LoadFieldItem[];
  readonly hasWildcard: boolean;
  readonly clause: LoadClause;
  /** Tokens the parser did not understand, for a diagnostic. */
  readonly problem: string | null;
}

const FORMAT_WORDS = new Set([
  'QVD',
  'QVX',
  'TXT',
  'CSV',
  'OOXML',
  'BIFF',
  'XML',
  'XMLSIMPLE',
  'XMLSAX',
  'JSON',
  'PARQUET',
  'HTML',
  'FIX',
  'DIF',
  'KML',
  'EMBEDDED',
  'EXPLICIT',
  'NO',
  'CODEPAGE',
  'UTF8',
  'UNICODE',
  'ANSI',
  'OEM',
  'MAC',
  'DELIMITER',
  'TABLE',
  'HEADER',
  'RECORD',
  'MSQ',
  'FILTERS',
  'COMMENT',
  'IMPLICIT',
  'PATTERN',
  'URL',
]);

const LOAD_CLAUSE_WORDS = new Set(['FROM', 'RESIDENT', 'INLINE', 'AUTOGENERATE', 'EXTENSION', 'FROM_FIELD', 'WHERE', 'WHILE']);
const TAIL_WORDS = new Set(['WHERE', 'WHILE', 'GROUP', 'ORDER', 'WITH']);

/** Index just past the parenthesised group opening at `open` (or `open` when it is no '('). */
export function skipParens(tokens: readonly Token[], open: number): number {
  if (tokens[open]?.text !== '(') return open;
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return i + 1;
  }
  return tokens.length;
}

/** Top-level comma-separated arguments of the group at `open`, as source text. */
function parenArguments(text: string, tokens: readonly Token[], open: number): string[] {
  const close = skipParens(tokens, open) - 1;
  const args: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open + 1; i <= close && i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    if ((t.text === ',' && depth === 0) || i === close) {
      if (i > from) args.push(sliceTokens(text, tokens, from, i - 1));
      from = i + 1;
    }
  }
  return args;
}

export function sliceTokens(text: string, tokens: readonly Token[], first: number, last: number): string {
  const a = tokens[first];
  const b = tokens[last];
  if (a === undefined || b === undefined || last < first) return '';
  return text.slice(a.start, b.end);
}

export function isLoadHead(word: string): boolean {
  return PREFIX_WORDS.has(word) || word === 'LOAD' || word === 'SELECT' || word === 'SQL';
}

const PREFIX_WORDS = new Set([
  'MAPPING',
  'NOCONCATENATE',
  'CONCATENATE',
  'JOIN',
  'KEEP',
  'LEFT',
  'RIGHT',
  'INNER',
  'OUTER',
  'CROSSTABLE',
  'INTERVALMATCH',
  'GENERIC',
  'HIERARCHY',
  'HIERARCHYBELONGSTO',
  'FIRST',
  'SAMPLE',
  'BUFFER',
  'ADD',
  'REPLACE',
  'MERGE',
  'ONLY',
  'SEMANTIC',
  'DISTINCT',
]);

function unquoteToken(token: Token | undefined): string {
  if (token === undefined) return '';
  return token.kind === 'word' || token.kind === 'dollar' ? token.text : token.value;
}

export function parseLoadStatement(text: string, tokens: readonly Token[]): ParsedLoad {
  const prefixes: string[] = [];
  let operation: JoinOperation = null;
  let joinType: string | null = null;
  let operationTarget: string | null = null;
  let isMapping = false;
  let isNoConcatenate = false;
  let crossTable: ParsedLoad['crossTable'] = null;
  let intervalMatchField: string | null = null;
  let innerLabel: string | null = null;
  let i = 0;

  const readTarget = (): void => {
    if (tokens[i]?.text === '(' && isNameToken(tokens[i + 1]) && tokens[i + 2]?.text === ')') {
      operationTarget = unquoteToken(tokens[i + 1]);
      i += 3;
    }
  };

  for (;;) {
    // A label may also follow the prefixes: LEFT JOIN (A) [B]: LOAD … (corpus 005).
    const colon = PREFIX_WORDS.has(upper(tokens[i])) ? -1 : labelColonAt(tokens, i);
    if (colon >= 0) {
      innerLabel = labelText(tokens, i, colon);
      i = colon + 1;
      continue;
    }
    const word = upper(tokens[i]);
    if (!PREFIX_WORDS.has(word)) break;
    i++;
    switch (word) {
      case 'MAPPING':
        isMapping = true;
        prefixes.push(word);
        break;
      case 'NOCONCATENATE':
        isNoConcatenate = true;
        break;
      case 'CONCATENATE':
        operation = 'concatenate';
        readTarget();
        break;
      case 'LEFT':
      case 'RIGHT':
      case 'INNER':
      case 'OUTER':
        joinType = word;
        break;
      case 'JOIN':
      case 'KEEP':
        operation = word === 'JOIN' ? 'join' : 'keep';
        readTarget();
        break;
      case 'CROSSTABLE': {
        const args = parenArguments(text, tokens, i);
        crossTable = {
          attribute: stripName(args[0] ?? 'Attribute'),
          data: stripName(args[1] ?? 'Data'),
          qualifierCount: Number.parseInt(args[2] ?? '1', 10) || 1,
        };
        prefixes.push(word);
        i = skipParens(tokens, i);
        break;
      }
      case 'INTERVALMATCH': {
        const args = parenArguments(text, tokens, i);
        intervalMatchField = args[0] !== undefined ? stripName(args[0]) : null;
        prefixes.push(word);
        i = skipParens(tokens, i);
        break;
      }
      case 'HIERARCHY':
      case 'HIERARCHYBELONGSTO':
      case 'BUFFER':
      case 'MERGE':
        prefixes.push(word);
        i = skipParens(tokens, i);
        break;
      case 'FIRST':
      case 'SAMPLE':
        prefixes.push(word);
        i++;
        break;
      default:
        prefixes.push(word);
    }
  }

  const head = upper(tokens[i]);
  // One literal per result (spreading a base object costs more than the whole parse).
  const result = (fields: readonly LoadFieldItem[], hasWildcard: boolean, clause: LoadClause, problem: string | null): ParsedLoad => ({
    prefixes,
    operation,
    joinType,
    operationTarget,
    isMapping,
    isNoConcatenate,
    crossTable,
    intervalMatchField,
    innerLabel,
    fields,
    hasWildcard,
    clause,
    problem,
  });
  if (head === 'SQL' || head === 'SELECT' || head === 'WITH') {
    const sqlTokens = tokens.slice(head === 'SQL' ? i + 1 : i);
    return result([], false, { kind: 'sql', sqlTokens }, null);
  }
  if (head !== 'LOAD') {
    return result([], false, { kind: 'none' }, `expected LOAD or SELECT, found "${tokens[i]?.text ?? 'end of statement'}"`);
  }
  i++;
  if (upper(tokens[i]) === 'DISTINCT') {
    prefixes.push('DISTINCT');
    i++;
  }
  const fieldsEnd = findTopLevel(tokens, i, (t, at) => LOAD_CLAUSE_WORDS.has(upper(t)) || isGroupOrOrder(tokens, at));
  const { fields, hasWildcard } = readFieldList(text, tokens, i, fieldsEnd);
  const clause = readClause(text, tokens, fieldsEnd);
  return result(fields, hasWildcard, clause, null);
}

function isGroupOrOrder(tokens: readonly Token[], at: number): boolean {
  const word = upper(tokens[at]);
  return (word === 'GROUP' || word === 'ORDER') && upper(tokens[at + 1]) === 'BY';
}

function findTopLevel(tokens: readonly Token[], from: number, isStop: (t: Token, at: number) => boolean): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      continue;
    }
    if (depth === 0 && t.kind === 'word' && isStop(t, i)) return i;
  }
  return tokens.length;
}

function stripName(text: string): string {
  const s = text.trim();
  if (s.length >= 2 && ((s[0] === '[' && s.endsWith(']')) || (s[0] === '"' && s.endsWith('"')) || (s[0] === '`' && s.endsWith('`')))) {
    return s.slice(1, -1);
  }
  return s;
}

function readFieldList(
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
): { fields: LoadFieldItem[]; hasWildcard: boolean } {
  const fields: LoadFieldItem[] = [];
  let hasWildcard = false;
  let depth = 0;
  let itemStart = from;
  let lastAs = -1;
  const finish = (end: number): void => {
    if (end <= itemStart) return;
    const first = tokens[itemStart] as Token;
    if (end - itemStart === 1 && first.text === '*') {
      hasWildcard = true;
    } else if (lastAs > itemStart && lastAs < end - 1) {
      fields.push({ name: unquoteToken(tokens[lastAs + 1]), expression: sliceTokens(text, tokens, itemStart, lastAs - 1) });
    } else if (end - itemStart === 1 && isNameToken(first)) {
      fields.push({ name: unquoteToken(first), expression: first.text });
    } else {
      const expression = sliceTokens(text, tokens, itemStart, end - 1);
      fields.push({ name: expression, expression });
    }
  };
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (t.text === ',' && depth === 0) {
        finish(i);
        itemStart = i + 1;
        lastAs = -1;
      }
      continue;
    }
    if (depth === 0 && upper(t) === 'AS') lastAs = i;
  }
  finish(to);
  return { fields, hasWildcard };
}

function readClause(text: string, tokens: readonly Token[], at: number): LoadClause {
  const word = upper(tokens[at]);
  const next = tokens[at + 1];
  switch (word) {
    case 'RESIDENT':
      return next === undefined ? { kind: 'none' } : { kind: 'resident', written: next.text, table: unquoteToken(next) };
    case 'INLINE':
      return { kind: 'inline', headerFields: inlineHeader(next, sliceTokens(text, tokens, at + 2, skipParens(tokens, at + 2) - 1)) };
    case 'AUTOGENERATE': {
      const end = findTopLevel(tokens, at + 1, (t) => TAIL_WORDS.has(upper(t)));
      return { kind: 'autogenerate', written: sliceTokens(text, tokens, at + 1, end - 1) };
    }
    case 'FROM_FIELD': {
      const args = parenArguments(text, tokens, at + 1);
      return {
        kind: 'from-field',
        table: stripName(args[0] ?? ''),
        written: sliceTokens(text, tokens, at + 1, skipParens(tokens, at + 1) - 1),
      };
    }
    case 'EXTENSION':
      return { kind: 'extension', written: sliceTokens(text, tokens, at + 1, tokens.length - 1) };
    case 'FROM':
      return readFromClause(text, tokens, at + 1);
    default:
      return { kind: 'none' };
  }
}

function readFromClause(text: string, tokens: readonly Token[], from: number): LoadClause {
  let end = from;
  let format: string | null = null;
  let afterPath = tokens.length;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'word' && i > from && TAIL_WORDS.has(upper(t))) {
      afterPath = i;
      break;
    }
    if (t.text === '(' && t.kind === 'punct' && i > from && FORMAT_WORDS.has(upper(tokens[i + 1]))) {
      const close = skipParens(tokens, i);
      format = sliceTokens(text, tokens, i + 1, close - 2).trim();
      afterPath = close;
      break;
    }
    end = i;
  }
  const written = sliceTokens(text, tokens, from, end);
  let withConnection: string | null = null;
  for (let i = afterPath; i < tokens.length; i++) {
    if (upper(tokens[i]) === 'WITH' && upper(tokens[i + 1]) === 'CONNECTION') {
      withConnection = sliceTokens(text, tokens, i + 2, skipParens(tokens, i + 2) - 1);
      break;
    }
  }
  return { kind: 'from', written, format, withConnection };
}

/** Field names from the first line of INLINE data. */
function inlineHeader(data: Token | undefined, formatText: string): string[] {
  if (data === undefined || data.kind === 'word' || data.kind === 'punct') return [];
  const delimiterMatch = /delimiter\s+is\s+'([^']*)'/i.exec(formatText);
  const delimiter = delimiterMatch?.[1] === undefined || delimiterMatch[1] === '' ? ',' : delimiterMatch[1];
  const firstLine = data.value.split('\n').find((l) => l.trim() !== '') ?? '';
  return firstLine
    .split(delimiter)
    .map((f) => stripName(f.trim().replace(/^'(.*)'$/, '$1')))
    .filter((f) => f !== '');
}
