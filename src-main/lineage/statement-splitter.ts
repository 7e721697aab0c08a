/**
 * Groups tokens into statements. Regular statements end at ';'. Control statements (IF, FOR,
 * SUB, CALL, NEXT, END IF…) end at ';' or at the end of their line, as Qlik defines them
 * ("each clause of a control statement must be kept inside one script line").
 */
import type { Token } from './script-lexer';

export interface RawStatement {
  /** `Name:` before the statement, unquoted. */
  readonly label: string | null;
  readonly labelToken: Token | null;
  /** Tokens of the statement without the label and the closing ';'. */
  readonly tokens: readonly Token[];
  readonly isControl: boolean;
  readonly lineStart: number;
  readonly lineEnd: number;
  readonly start: number;
  readonly end: number;
  /** The statement had no closing ';' before a line that clearly starts another statement. */
  readonly isUnterminated: boolean;
}

const CONTROL_KEYWORDS = new Set([
  'IF',
  'ELSEIF',
  'ELSE',
  'END',
  'ENDIF',
  'FOR',
  'NEXT',
  'SUB',
  'ENDSUB',
  'CALL',
  'DO',
  'LOOP',
  'SWITCH',
  'CASE',
  'DEFAULT',
  'ENDSWITCH',
  'EXIT',
]);

/** Keywords that only ever start a control clause, so a line starting with one ends a runaway statement. */
const CLOSING_KEYWORDS = new Set(['ENDIF', 'ELSEIF', 'LOOP', 'ENDSUB', 'ENDSWITCH']);

export function upper(token: Token | undefined): string {
  return token !== undefined && token.kind === 'word' ? token.text.toUpperCase() : '';
}

export function isNameToken(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    (token.kind === 'word' || token.kind === 'bracket' || token.kind === 'dquote' || token.kind === 'backtick' || token.kind === 'dollar')
  );
}

/**
 * Index of the ':' that ends a label starting at i (a name, or adjacent name pieces such as
 * `temp_$(Table)`), or -1 when no label starts there.
 */
export function labelColonAt(tokens: readonly Token[], i: number): number {
  let j = i;
  while (isNameToken(tokens[j]) && (j === i || (tokens[j] as Token).start === (tokens[j - 1] as Token).end)) j++;
  if (j === i) return -1;
  const colon = tokens[j];
  if (colon === undefined || colon.text !== ':') return -1;
  const name = tokens[i] as Token;
  if (j === i + 1 && name.kind === 'word' && CONTROL_KEYWORDS.has(name.text.toUpperCase())) return -1;
  const after = tokens[j + 1];
  // "lib://" or a "::" are not labels.
  return after === undefined || (after.text !== '/' && after.text !== ':' && after.text !== '=') ? j : -1;
}

/** Label text: the unquoted name, or the raw text of adjacent pieces. */
export function labelText(tokens: readonly Token[], from: number, colon: number): string {
  const only = tokens[from] as Token;
  if (colon === from + 1) return only.kind === 'word' || only.kind === 'dollar' ? only.text : only.value;
  return tokens
    .slice(from, colon)
    .map((t) => t.text)
    .join('');
}

function startsClosingClause(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || !token.isLineStart) return false;
  const word = upper(token);
  if (CLOSING_KEYWORDS.has(word)) return true;
  const next = tokens[i + 1];
  if (word === 'END' && next !== undefined && !next.isLineStart) {
    const what = upper(next);
    return what === 'IF' || what === 'SUB' || what === 'SWITCH';
  }
  if (word === 'NEXT') return next === undefined || next.isLineStart || next.text === ';' || tokens[i + 2]?.isLineStart !== false;
  return false;
}

export function splitStatements(tokens: readonly Token[]): RawStatement[] {
  const statements: RawStatement[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    if (first.text === ';') {
      i++;
      continue;
    }
    let label: string | null = null;
    let labelToken: Token | null = null;
    const begin = first;
    for (let colon = labelColonAt(tokens, i); colon >= 0; colon = labelColonAt(tokens, i)) {
      labelToken = tokens[i] as Token;
      label = labelText(tokens, i, colon);
      i = colon + 1;
    }
    const head = tokens[i];
    if (head === undefined || head.text === ';') {
      // A label with nothing after it: keep it so the analyzer can say so.
      statements.push(makeStatement(label, labelToken, [], false, begin, labelToken ?? begin, false));
      if (head !== undefined) i++;
      continue;
    }
    const isControl = CONTROL_KEYWORDS.has(upper(head));
    const body: Token[] = [];
    let depth = 0;
    let isUnterminated = false;
    let last = head;
    while (i < tokens.length) {
      const token = tokens[i] as Token;
      if (token.text === ';' && token.kind === 'punct') {
        i++;
        break;
      }
      if (body.length > 0 && isControl && token.isLineStart && depth <= 0) break;
      if (body.length > 0 && !isControl && startsClosingClause(tokens, i)) {
        isUnterminated = true;
        break;
      }
      if (token.kind === 'punct') {
        if (token.text === '(') depth++;
        else if (token.text === ')') depth--;
      }
      body.push(token);
      last = token;
      i++;
      // "IF cond THEN stmt" on one line: the clause ends after THEN.
      if (isControl && upper(token) === 'THEN') break;
    }
    statements.push(makeStatement(label, labelToken, body, isControl, begin, last, isUnterminated));
  }
  return statements;
}

function makeStatement(
  label: string | null,
  labelToken: Token | null,
  tokens: Token[],
  isControl: boolean,
  first: Token,
  last: Token,
  isUnterminated: boolean,
): RawStatement {
  return {
    label,
    labelToken,
    tokens,
    isControl,
    lineStart: first.line,
    lineEnd: last.lineEnd,
    start: first.start,
    end: last.end,
    isUnterminated,
  };
}
