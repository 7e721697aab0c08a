/**
 * Groups tokens into statements. Regular statements end at ';'. Control statements (IF, FOR,
 * SUB, CALL, NEXT, END IF…) end at ';' or at the end of their line, as Qlik defines them
 * ("each clause of a control statement must be kept inside one script line").
 *
 * `StatementSplitter` reads the tokens from a lexer as it goes and forgets those of the
 * statements it has handed out, so the analyzer never holds a whole script's tokens at once.
 */
import type { ScriptLexer, Token } from './script-lexer';

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

/** Upper-case text of a word token ('' for other kinds), computed once per token. */
export function upper(token: Token | undefined): string {
  if (token === undefined || token.kind !== 'word') return '';
  let text = token.upperText;
  if (text === undefined) {
    text = token.text.toUpperCase();
    token.upperText = text;
  }
  return text;
}

export function isNameToken(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    (token.kind === 'word' || token.kind === 'bracket' || token.kind === 'dquote' || token.kind === 'backtick' || token.kind === 'dollar')
  );
}

/** Tokens by absolute index: an array, or a window over a lexer that is read on demand. */
interface TokenSource {
  at(index: number): Token | undefined;
}

class ArraySource implements TokenSource {
  constructor(private readonly tokens: readonly Token[]) {}
  at(index: number): Token | undefined {
    return this.tokens[index];
  }
}

class LexerSource implements TokenSource {
  private window: Token[] = [];
  /** Absolute index of window[0]. */
  private base = 0;
  constructor(private readonly lexer: ScriptLexer) {}

  at(index: number): Token | undefined {
    const k = index - this.base;
    const window = this.window;
    while (k >= window.length) {
      const token = this.lexer.next();
      if (token === null) return undefined;
      window.push(token);
    }
    return window[k];
  }

  /** Reads on until the lexer is past `line` (so every comment on that line has been seen). */
  readPastLine(line: number): void {
    while (this.lexer.line <= line) {
      const token = this.lexer.next();
      if (token === null) return;
      this.window.push(token);
    }
  }

  /** Tokens before `index` are no longer needed (amortised: compacts when half is consumed). */
  release(index: number): void {
    const k = index - this.base;
    const window = this.window;
    if (k <= 0 || k * 2 < window.length) return;
    window.copyWithin(0, k);
    window.length -= k;
    this.base = index;
  }
}

/**
 * Index of the ':' that ends a label starting at i (a name, or adjacent name pieces such as
 * `temp_$(Table)`), or -1 when no label starts there.
 */
export function labelColonAt(tokens: readonly Token[], i: number): number {
  return labelColonIn(new ArraySource(tokens), i);
}

function labelColonIn(source: TokenSource, i: number): number {
  let j = i;
  for (;;) {
    const token = source.at(j);
    if (!isNameToken(token) || (j !== i && (token as Token).start !== (source.at(j - 1) as Token).end)) break;
    j++;
  }
  if (j === i) return -1;
  const colon = source.at(j);
  if (colon === undefined || colon.text !== ':') return -1;
  const name = source.at(i) as Token;
  if (j === i + 1 && name.kind === 'word' && CONTROL_KEYWORDS.has(upper(name))) return -1;
  const after = source.at(j + 1);
  // "lib://" or a "::" are not labels.
  return after === undefined || (after.text !== '/' && after.text !== ':' && after.text !== '=') ? j : -1;
}

/** Label text: the unquoted name, or the raw text of adjacent pieces. */
export function labelText(tokens: readonly Token[], from: number, colon: number): string {
  return labelTextIn(new ArraySource(tokens), from, colon);
}

function labelTextIn(source: TokenSource, from: number, colon: number): string {
  const only = source.at(from) as Token;
  if (colon === from + 1) return only.kind === 'word' || only.kind === 'dollar' ? only.text : only.value;
  let text = '';
  for (let k = from; k < colon; k++) text += (source.at(k) as Token).text;
  return text;
}

function startsClosingClause(source: TokenSource, i: number): boolean {
  const token = source.at(i);
  if (token === undefined || !token.isLineStart) return false;
  const word = upper(token);
  if (word === '') return false;
  if (CLOSING_KEYWORDS.has(word)) return true;
  if (word === 'END') {
    const next = source.at(i + 1);
    if (next === undefined || next.isLineStart) return false;
    const what = upper(next);
    return what === 'IF' || what === 'SUB' || what === 'SWITCH';
  }
  if (word === 'NEXT') {
    const next = source.at(i + 1);
    return next === undefined || next.isLineStart || next.text === ';' || source.at(i + 2)?.isLineStart !== false;
  }
  return false;
}

/** Hands out the statements of a token source one at a time. */
export class StatementSplitter {
  private i = 0;
  private readonly source: TokenSource;

  constructor(source: ScriptLexer | readonly Token[]) {
    this.source = Array.isArray(source) ? new ArraySource(source as readonly Token[]) : new LexerSource(source as ScriptLexer);
  }

  /** For a lexer source: reads on past `line`, so every `///$tab` marker up to it is known. */
  readPastLine(line: number): void {
    if (this.source instanceof LexerSource) this.source.readPastLine(line);
  }

  next(): RawStatement | null {
    const source = this.source;
    let i = this.i;
    for (;;) {
      const first = source.at(i);
      if (first === undefined) {
        this.i = i;
        return null;
      }
      if (first.text === ';') {
        i++;
        continue;
      }
      let label: string | null = null;
      let labelToken: Token | null = null;
      const begin = first;
      for (let colon = labelColonIn(source, i); colon >= 0; colon = labelColonIn(source, i)) {
        labelToken = source.at(i) as Token;
        label = labelTextIn(source, i, colon);
        i = colon + 1;
      }
      const head = source.at(i);
      if (head === undefined || head.text === ';') {
        // A label with nothing after it: keep it so the analyzer can say so.
        if (head !== undefined) i++;
        return this.emit(i, makeStatement(label, labelToken, [], false, begin, labelToken ?? begin, false));
      }
      const isControl = CONTROL_KEYWORDS.has(upper(head));
      const body: Token[] = [];
      let depth = 0;
      let isUnterminated = false;
      let last = head;
      for (;;) {
        const token = source.at(i);
        if (token === undefined) break;
        if (token.kind === 'punct') {
          const text = token.text;
          if (text === ';') {
            i++;
            break;
          }
          if (body.length > 0 && isControl && token.isLineStart && depth <= 0) break;
          if (text === '(') depth++;
          else if (text === ')') depth--;
        } else if (body.length > 0) {
          if (isControl) {
            if (token.isLineStart && depth <= 0) break;
          } else if (token.isLineStart && token.kind === 'word' && startsClosingClause(source, i)) {
            isUnterminated = true;
            break;
          }
        }
        body.push(token);
        last = token;
        i++;
        // "IF cond THEN stmt" on one line: the clause ends after THEN.
        if (isControl && token.kind === 'word' && upper(token) === 'THEN') break;
      }
      return this.emit(i, makeStatement(label, labelToken, body, isControl, begin, last, isUnterminated));
    }
  }

  private emit(i: number, statement: RawStatement): RawStatement {
    this.i = i;
    if (this.source instanceof LexerSource) this.source.release(i);
    return statement;
  }
}

export function splitStatements(tokens: readonly Token[]): RawStatement[] {
  const splitter = new StatementSplitter(tokens);
  const statements: RawStatement[] = [];
  for (let statement = splitter.next(); statement !== null; statement = splitter.next()) statements.push(statement);
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
