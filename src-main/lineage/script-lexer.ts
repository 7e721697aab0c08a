/**
 * Single-pass tokenizer for Qlik load scripts. Every character is looked at a bounded number of
 * times (unclosed delimiters are remembered, never rescanned), so a 10 MB script stays linear.
 * Comments are dropped from the token stream; `///$tab` markers are kept as section markers.
 *
 * The lexer works over character codes and hands out tokens one at a time (`ScriptLexer.next`),
 * so a reader that consumes them statement by statement never holds the whole token list: on a
 * 10 MB script that keeps a million short-lived objects out of the old generation.
 */

export type TokenKind =
  | 'word' // identifiers, keywords, numbers, dotted names (a.b), %key, #field
  | 'string' // '...'
  | 'dquote' // "..."
  | 'bracket' // [...]
  | 'backtick' // `...`
  | 'dollar' // $(...) dollar-sign expansion, nesting kept whole
  | 'raw' // text of a REM or TRACE statement, taken verbatim up to ';'
  | 'punct'; // any other single character (or <=, >=, <>)

export interface Token {
  readonly kind: TokenKind;
  /** The exact source text of the token. */
  readonly text: string;
  /** Unquoted content for quoted kinds; the text otherwise. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** 1-based line of the first character. */
  readonly line: number;
  /** 1-based line of the last character (differs for multi-line strings and INLINE data). */
  readonly lineEnd: number;
  /** A line break separates this token from the previous one (comments count as whitespace). */
  readonly isLineStart: boolean;
  /** Cache for `upper()` (statement-splitter): the upper-case text of a word, once computed. */
  upperText?: string | undefined;
}

export interface SectionMarker {
  readonly name: string;
  readonly line: number;
}

export interface LexDiagnostic {
  readonly line: number;
  readonly message: string;
}

export interface LexResult {
  readonly tokens: readonly Token[];
  readonly sections: readonly SectionMarker[];
  readonly diagnostics: readonly LexDiagnostic[];
  /** Characters visited, for the linearity tests (independent of the machine's speed). */
  readonly steps: number;
}

/** One shape for every token (V8 keeps property access monomorphic). */
class LexToken implements Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly lineEnd: number;
  readonly isLineStart: boolean;
  upperText: string | undefined;

  constructor(
    kind: TokenKind,
    text: string,
    value: string,
    start: number,
    end: number,
    line: number,
    lineEnd: number,
    isLineStart: boolean,
  ) {
    this.kind = kind;
    this.text = text;
    this.value = value;
    this.start = start;
    this.end = end;
    this.line = line;
    this.lineEnd = lineEnd;
    this.isLineStart = isLineStart;
    this.upperText = undefined;
  }
}

const NEWLINE = 10;
const SLASH = 47;
const STAR = 42;
const COLON = 58;
const DOLLAR = 36;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const SEMICOLON = 59;
const LESS = 60;
const EQUALS = 61;
const GREATER = 62;
const QUOTE = 39; // '
const DQUOTE = 34; // "
const OPEN_BRACKET = 91; // [
const CLOSE_BRACKET = 93; // ]
const BACKTICK = 96; // `

/** Character classes for codes below 256: 1 whitespace (not '\n'), 2 word character. */
const CLASS = new Uint8Array(256);
for (const c of [32, 9, 13, 0xa0, 12, 11]) CLASS[c] = 1;
for (let c = 48; c <= 57; c++) CLASS[c] = 2; // 0-9
for (let c = 65; c <= 90; c++) CLASS[c] = 2; // A-Z
for (let c = 97; c <= 122; c++) CLASS[c] = 2; // a-z
// _ . # % $ (system fields such as $Table; "$(" is handled before) @ (field numbers) §
for (const c of [95, 46, 35, 37, 36, 64, 167]) CLASS[c] = 2;
for (let c = 0xc0; c < 256; c++) CLASS[c] = 2; // letters outside ASCII

function isWordChar(code: number): boolean {
  return code < 256 ? CLASS[code] === 2 : true;
}

function isSpace(code: number): boolean {
  return code < 256 ? CLASS[code] === 1 : code === 0xfeff;
}

/** Single-character strings, so punctuation tokens share their text. */
const CHAR_STRINGS: string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

function charString(text: string, pos: number, code: number): string {
  return code < 128 ? (CHAR_STRINGS[code] as string) : (text[pos] as string);
}

/** Same answer as `word.toUpperCase() === keyword` for an upper-case ASCII keyword. */
function isWordKeyword(text: string, start: number, end: number, keyword: string): boolean {
  if (end - start !== keyword.length) {
    // Non-ASCII letters can change length when upper-cased (ß → SS); let toUpperCase decide.
    for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 128) return text.slice(start, end).toUpperCase() === keyword;
    return false;
  }
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return text.slice(start, end).toUpperCase() === keyword;
    if (c >= 97 && c <= 122) c -= 32;
    if (c !== keyword.charCodeAt(i - start)) return false;
  }
  return true;
}

const TAB_MARKER = /^\/\$tab\s+(.*?)\s*$/;

/** Tokenizer state over one text; `next()` returns the tokens in order, then null. */
export class ScriptLexer {
  readonly sections: SectionMarker[] = [];
  readonly diagnostics: LexDiagnostic[] = [];
  /** Characters visited, for the linearity tests (independent of the machine's speed). */
  steps = 0;
  /** Current 1-based line; after the last token, the number of lines of the text. */
  line = 1;
  private readonly text: string;
  private readonly length: number;
  private pos = 0;
  private isLineStart = true;
  /** The previous token is a ';' (or there is none): a REM / TRACE word starts a statement. */
  private afterSemicolon = true;
  /** The raw token that follows a REM / TRACE word, handed out by the next call. */
  private queued: Token | null = null;
  // Positions from which no closing delimiter exists any more: avoids rescanning to EOF.
  private noQuoteCloser = false;
  private noDquoteCloser = false;
  private noBracketCloser = false;
  private noBacktickCloser = false;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  private make(kind: TokenKind, start: number, end: number, value: string, startLine: number): Token {
    const text = this.text;
    const tokenText = end - start === 1 ? charString(text, start, text.charCodeAt(start)) : text.slice(start, end);
    const token = new LexToken(kind, tokenText, value, start, end, startLine, this.line, this.isLineStart);
    this.isLineStart = false;
    this.afterSemicolon = false;
    return token;
  }

  /** Advances over [from, to) counting line breaks. */
  private countLines(from: number, to: number): void {
    const text = this.text;
    let line = this.line;
    for (let i = from; i < to; i++) if (text.charCodeAt(i) === NEWLINE) line++;
    this.line = line;
  }

  next(): Token | null {
    const queued = this.queued;
    if (queued !== null) {
      this.queued = null;
      return queued;
    }
    const text = this.text;
    const length = this.length;
    let pos = this.pos;
    while (pos < length) {
      this.steps++;
      const code = text.charCodeAt(pos);

      if (code === NEWLINE) {
        this.line++;
        pos++;
        this.isLineStart = true;
        continue;
      }
      if (isSpace(code)) {
        pos++;
        continue;
      }

      if (code === SLASH) {
        const nextCode = text.charCodeAt(pos + 1);
        // Line comment. "//" right after ":" is part of a URL or lib:// path, not a comment.
        if (nextCode === SLASH && (pos === 0 || text.charCodeAt(pos - 1) !== COLON)) {
          let end = text.indexOf('\n', pos);
          if (end < 0) end = length;
          this.steps += end - pos;
          // Only "///$tab …" can be a section marker: test the cheap prefix before the regex.
          if (text.charCodeAt(pos + 2) === SLASH && text.startsWith('$tab', pos + 3)) {
            const body = text.slice(pos + 2, Math.min(end, pos + 2 + 400));
            const tab = TAB_MARKER.exec(body);
            if (tab) this.sections.push({ name: tab[1] ?? '', line: this.line });
          }
          pos = end;
          continue;
        }
        if (nextCode === STAR) {
          let end = text.indexOf('*/', pos + 2);
          if (end < 0) {
            this.diagnostics.push({ line: this.line, message: 'Block comment /* is never closed; the rest of the script is a comment.' });
            end = length;
          } else end += 2;
          this.steps += end - pos;
          const startLine = this.line;
          this.countLines(pos, end);
          if (this.line !== startLine) this.isLineStart = true;
          pos = end;
          continue;
        }
      }

      if (code === DOLLAR && text.charCodeAt(pos + 1) === OPEN_PAREN) {
        const end = findDollarEnd(text, pos + 2);
        if (end > 0) {
          this.steps += end - pos;
          const startLine = this.line;
          this.countLines(pos, end);
          this.pos = end;
          return this.make('dollar', pos, end, text.slice(pos + 2, end - 1), startLine);
        }
      }

      if (code === QUOTE || code === DQUOTE || code === OPEN_BRACKET || code === BACKTICK) {
        const token = this.readQuoted(pos, code);
        this.pos = token.end;
        return token;
      }

      if (isWordChar(code)) {
        let end = pos + 1;
        for (;;) {
          if (end >= length) break;
          const c = text.charCodeAt(end);
          if (!isWordChar(c) || (c === DOLLAR && text.charCodeAt(end + 1) === OPEN_PAREN)) break;
          end++;
        }
        this.steps += end - pos;
        const word = text.slice(pos, end);
        const startsStatement = this.isLineStart || this.afterSemicolon;
        // Cheap filter first: an ASCII first letter must be R or T for REM / TRACE.
        const first = code < 128 ? code | 32 : 0;
        if (startsStatement && (first === 0 || first === 114 || first === 116)) {
          const isTrace = isWordKeyword(text, pos, end, 'TRACE');
          if (isTrace || isWordKeyword(text, pos, end, 'REM')) {
            const rawEnd = findFreeTextEnd(text, end, isTrace);
            this.steps += rawEnd - end;
            const startLine = this.line;
            const wordToken = this.make('word', pos, end, word, startLine);
            this.countLines(end, rawEnd);
            this.queued = this.make('raw', end, rawEnd, text.slice(end, rawEnd).trim(), startLine);
            this.pos = rawEnd;
            return wordToken;
          }
        }
        this.pos = end;
        return new LexToken('word', word, word, pos, end, this.line, this.line, this.takeLineStart());
      }

      this.pos = pos;
      const nextCode = text.charCodeAt(pos + 1);
      if ((code === LESS && (nextCode === EQUALS || nextCode === GREATER)) || (code === GREATER && nextCode === EQUALS)) {
        // <=, <>, >=
        this.pos = pos + 2;
        const pair = text.slice(pos, pos + 2);
        return this.make('punct', pos, pos + 2, pair, this.line);
      }
      this.pos = pos + 1;
      const token = this.make('punct', pos, pos + 1, charString(text, pos, code), this.line);
      if (code === SEMICOLON) this.afterSemicolon = true;
      return token;
    }
    this.pos = pos;
    return null;
  }

  private takeLineStart(): boolean {
    const isLineStart = this.isLineStart;
    this.isLineStart = false;
    this.afterSemicolon = false;
    return isLineStart;
  }

  /** A quoted token starting at pos, or the quote character as punctuation when it never closes. */
  private readQuoted(pos: number, code: number): Token {
    const text = this.text;
    const isClosedForGood =
      code === QUOTE
        ? this.noQuoteCloser
        : code === DQUOTE
          ? this.noDquoteCloser
          : code === OPEN_BRACKET
            ? this.noBracketCloser
            : this.noBacktickCloser;
    const closer = code === OPEN_BRACKET ? CLOSE_BRACKET : code;
    const end = isClosedForGood ? -1 : findQuoteEnd(text, pos + 1, closer);
    if (end > 0) {
      this.steps += end - pos;
      const startLine = this.line;
      this.countLines(pos, end);
      const inner = text.slice(pos + 1, end - 1);
      let value = inner;
      if (closer !== CLOSE_BRACKET) {
        const closerText = CHAR_STRINGS[closer] as string;
        const doubled = closerText + closerText;
        if (inner.includes(doubled)) value = inner.split(doubled).join(closerText);
      }
      const kind: TokenKind = code === QUOTE ? 'string' : code === DQUOTE ? 'dquote' : code === OPEN_BRACKET ? 'bracket' : 'backtick';
      return this.make(kind, pos, end, value, startLine);
    }
    const ch = CHAR_STRINGS[code] as string;
    if (!isClosedForGood) {
      if (code === QUOTE) this.noQuoteCloser = true;
      else if (code === DQUOTE) this.noDquoteCloser = true;
      else if (code === OPEN_BRACKET) this.noBracketCloser = true;
      else this.noBacktickCloser = true;
      this.diagnostics.push({ line: this.line, message: `Unclosed ${ch} — read as a plain character.` });
    }
    return this.make('punct', pos, pos + 1, ch, this.line);
  }
}

export function lexScript(text: string): LexResult {
  const lexer = new ScriptLexer(text);
  const tokens: Token[] = [];
  for (let token = lexer.next(); token !== null; token = lexer.next()) tokens.push(token);
  return { tokens, sections: lexer.sections, diagnostics: lexer.diagnostics, steps: lexer.steps };
}

/** End (exclusive) of a quoted token whose body starts at `from`. */
function findQuoteEnd(text: string, from: number, closer: number): number {
  const closerText = CHAR_STRINGS[closer] as string;
  let i = from;
  for (;;) {
    const at = text.indexOf(closerText, i);
    if (at < 0) return -1;
    // A doubled quote is an escape; brackets have no escape, the first ']' closes them.
    if (closer !== CLOSE_BRACKET && text.charCodeAt(at + 1) === closer) {
      i = at + 2;
      continue;
    }
    return at + 1;
  }
}

/** $( ... ) with nested parentheses, on one line; -1 when it never closes there. */
function findDollarEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) return -1;
    if (c === OPEN_PAREN) depth++;
    else if (c === CLOSE_PAREN) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** REM runs to the next ';'; TRACE to the next ';' or the end of its line. */
function findFreeTextEnd(text: string, from: number, stopsAtLineEnd: boolean): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SEMICOLON) return i;
    if (stopsAtLineEnd && c === NEWLINE) return i;
  }
  return text.length;
}
