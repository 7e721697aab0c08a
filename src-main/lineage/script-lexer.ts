/**
 * Single-pass tokenizer for Qlik load scripts. Every character is looked at a bounded number of
 * times (unclosed delimiters are remembered, never rescanned), so a 10 MB script stays linear.
 * Comments are dropped from the token stream; `///$tab` markers are kept as section markers.
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

const closerOf: Record<string, string> = { "'": "'", '"': '"', '[': ']', '`': '`' };
const kindOf: Record<string, TokenKind> = { "'": 'string', '"': 'dquote', '[': 'bracket', '`': 'backtick' };

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 95 || // _
    code === 46 || // .
    code === 35 || // #
    code === 37 || // %
    code === 36 || // $ (system fields such as $Table; "$(" is handled before)
    code === 64 || // @ (field numbers in headerless files)
    code === 167 || // §
    code >= 0xc0 // letters outside ASCII
  );
}

/** Words that start a REM or TRACE statement, whose text is free-form and may hold stray quotes. */
function isFreeTextKeyword(upper: string): boolean {
  return upper === 'REM' || upper === 'TRACE';
}

export function lexScript(text: string): LexResult {
  const tokens: Token[] = [];
  const sections: SectionMarker[] = [];
  const diagnostics: LexDiagnostic[] = [];
  const length = text.length;
  // Position from which no closing delimiter exists any more: avoids rescanning to EOF.
  const noCloserFrom: Record<string, number> = {};
  let pos = 0;
  let line = 1;
  let isLineStart = true;
  let steps = 0;

  const push = (kind: TokenKind, start: number, end: number, value: string, startLine: number): void => {
    tokens.push({ kind, text: text.slice(start, end), value, start, end, line: startLine, lineEnd: line, isLineStart });
    isLineStart = false;
  };

  /** Advances over [from, to) counting line breaks. */
  const countLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) line++;
  };

  const previousSignificant = (): Token | undefined => tokens[tokens.length - 1];

  while (pos < length) {
    steps++;
    const ch = text[pos] as string;
    const code = text.charCodeAt(pos);

    if (code === 10) {
      line++;
      pos++;
      isLineStart = true;
      continue;
    }
    if (code === 32 || code === 9 || code === 13 || code === 0xfeff || code === 0xa0 || code === 12 || code === 11) {
      pos++;
      continue;
    }

    // Line comment. "//" right after ":" is part of a URL or lib:// path, not a comment.
    if (ch === '/' && text[pos + 1] === '/' && text[pos - 1] !== ':') {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = length;
      steps += end - pos;
      const body = text.slice(pos + 2, end);
      const tab = /^\/\$tab\s+(.*?)\s*$/.exec(body.length > 400 ? body.slice(0, 400) : body);
      if (tab) sections.push({ name: tab[1] ?? '', line });
      pos = end;
      continue;
    }
    if (ch === '/' && text[pos + 1] === '*') {
      let end = text.indexOf('*/', pos + 2);
      if (end < 0) {
        diagnostics.push({ line, message: 'Block comment /* is never closed; the rest of the script is a comment.' });
        end = length;
      } else end += 2;
      steps += end - pos;
      const startLine = line;
      countLines(pos, end);
      if (line !== startLine) isLineStart = true;
      pos = end;
      continue;
    }

    if (ch === '$' && text[pos + 1] === '(') {
      const end = findDollarEnd(text, pos + 2);
      if (end > 0) {
        steps += end - pos;
        const startLine = line;
        countLines(pos, end);
        push('dollar', pos, end, text.slice(pos + 2, end - 1), startLine);
        pos = end;
        continue;
      }
    }

    const closer = closerOf[ch];
    if (closer !== undefined) {
      const from = noCloserFrom[ch];
      const end = from !== undefined && pos >= from ? -1 : findQuoteEnd(text, pos + 1, closer);
      if (end > 0) {
        steps += end - pos;
        const startLine = line;
        countLines(pos, end);
        const inner = text.slice(pos + 1, end - 1);
        push(kindOf[ch] as TokenKind, pos, end, inner.split(closer + closer).join(closer), startLine);
        pos = end;
        continue;
      }
      if (from === undefined) {
        noCloserFrom[ch] = pos;
        diagnostics.push({ line, message: `Unclosed ${ch} — read as a plain character.` });
      }
      push('punct', pos, pos + 1, ch, line);
      pos++;
      continue;
    }

    if (isWordChar(code)) {
      let end = pos + 1;
      while (end < length && isWordChar(text.charCodeAt(end)) && !(text[end] === '$' && text[end + 1] === '(')) end++;
      steps += end - pos;
      const word = text.slice(pos, end);
      const before = previousSignificant();
      const startsStatement = isLineStart || before === undefined || before.text === ';';
      if (startsStatement && isFreeTextKeyword(word.toUpperCase())) {
        const rawEnd = findFreeTextEnd(text, end, word.toUpperCase() === 'TRACE');
        steps += rawEnd - end;
        const startLine = line;
        push('word', pos, end, word, startLine);
        countLines(end, rawEnd);
        push('raw', end, rawEnd, text.slice(end, rawEnd).trim(), startLine);
        pos = rawEnd;
        continue;
      }
      push('word', pos, end, word, line);
      pos = end;
      continue;
    }

    const nextCode = text.charCodeAt(pos + 1);
    if ((code === 60 && (nextCode === 61 || nextCode === 62)) || (code === 62 && nextCode === 61)) {
      // <=, <>, >=
      push('punct', pos, pos + 2, text.slice(pos, pos + 2), line);
      pos += 2;
      continue;
    }
    push('punct', pos, pos + 1, ch, line);
    pos++;
  }
  return { tokens, sections, diagnostics, steps };
}

/** End (exclusive) of a quoted token whose body starts at `from`. */
function findQuoteEnd(text: string, from: number, closer: string): number {
  let i = from;
  for (;;) {
    const at = text.indexOf(closer, i);
    if (at < 0) return -1;
    // A doubled quote is an escape; brackets have no escape, the first ']' closes them.
    if (text[at + 1] === closer && closer !== ']') {
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
    const c = text[i];
    if (c === '\n') return -1;
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** REM runs to the next ';'; TRACE to the next ';' or the end of its line. */
function findFreeTextEnd(text: string, from: number, stopsAtLineEnd: boolean): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === ';') return i;
    if (stopsAtLineEnd && c === '\n') return i;
  }
  return text.length;
}
