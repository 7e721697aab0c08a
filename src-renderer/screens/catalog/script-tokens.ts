/**
 * A small Qlik load-script tokenizer for display only: it colours text, it does not parse.
 * Tolerant by design: any input yields tokens whose texts concatenate back to the input.
 */

export type ScriptTokenKind = 'keyword' | 'function' | 'string' | 'comment' | 'variable' | 'field' | 'number' | 'punctuation' | 'text';

export interface ScriptToken {
  readonly kind: ScriptTokenKind;
  readonly text: string;
}

/** Script keywords (statement words and prefixes), lower case. */
const keywords = new Set(
  [
    'load select from resident store into let set where group order by as and or not join left right inner outer',
    'keep concatenate noconcatenate mapping applymap drop table tables field fields rename to inline autogenerate',
    'while distinct qualify unqualify sub end call if then else elseif for each next in do loop exit script trace',
    'connect disconnect lib binary directory crosstable generic hierarchy intervalmatch preceding first sleep',
    'switch case default when unless with add buffer replace only section access application sql qvd txt csv',
    'embedded labels delimiter is null on union all limit top the step include must_include comment tag untag map',
    'using semantic direct query dimension measure detail having',
  ]
    .join(' ')
    .split(' '),
);

function isWordStart(ch: string): boolean {
  return /[A-Za-z_#@%£$]/.test(ch) || ch.charCodeAt(0) > 127;
}

function isWordPart(ch: string): boolean {
  return /[A-Za-z0-9_#@%£$.]/.test(ch) || ch.charCodeAt(0) > 127;
}

/** Index just past the closing `close`, or the end of the text when it never closes. */
function scanTo(text: string, from: number, close: string): number {
  const at = text.indexOf(close, from);
  return at === -1 ? text.length : at + close.length;
}

/** A quoted string where a doubled quote is an escaped quote (Qlik's rule for '…' and "…"). */
function scanQuoted(text: string, from: number, quote: string): number {
  let i = from + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

/** $(…) with nesting: $(=Sum($(vField))) is one variable expansion. */
function scanDollarExpansion(text: string, from: number): number {
  let depth = 0;
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (text[i] === '\n') return i;
  }
  return text.length;
}

/** True when `//` at `at` starts a comment, not the `//` of a URL such as lib://… or https://. */
function isLineComment(text: string, at: number): boolean {
  return text[at] === '/' && text[at + 1] === '/' && text[at - 1] !== ':';
}

/** REM starts a comment only as the first word of a statement. */
function isRemStatement(text: string, at: number, word: string): boolean {
  if (word.toLowerCase() !== 'rem') return false;
  const before = text.slice(0, at).replace(/[ \t]+$/, '');
  return before === '' || before.endsWith(';') || before.endsWith('\n');
}

export function tokenizeScript(text: string): ScriptToken[] {
  const tokens: ScriptToken[] = [];
  const push = (kind: ScriptTokenKind, from: number, to: number): void => {
    const last = tokens[tokens.length - 1];
    const piece = text.slice(from, to);
    if (last && last.kind === kind && (kind === 'text' || kind === 'punctuation'))
      tokens[tokens.length - 1] = { kind, text: last.text + piece };
    else tokens.push({ kind, text: piece });
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    let end: number;
    if (isLineComment(text, i)) {
      end = scanTo(text, i, '\n');
      if (text[end - 1] === '\n') end--;
      push('comment', i, end);
    } else if (ch === '/' && text[i + 1] === '*') {
      end = scanTo(text, i + 2, '*/');
      push('comment', i, end);
    } else if (ch === "'" || ch === '"') {
      end = scanQuoted(text, i, ch);
      push('string', i, end);
    } else if (ch === '$' && text[i + 1] === '(') {
      end = scanDollarExpansion(text, i);
      push('variable', i, end);
    } else if (ch === '[') {
      end = scanTo(text, i + 1, ']');
      push('field', i, end);
    } else if (/[0-9]/.test(ch)) {
      end = i + 1;
      while (end < text.length && /[0-9.]/.test(text[end] as string)) end++;
      push('number', i, end);
    } else if (isWordStart(ch)) {
      end = i + 1;
      while (end < text.length && isWordPart(text[end] as string)) end++;
      const word = text.slice(i, end);
      if (isRemStatement(text, i, word)) {
        end = scanTo(text, end, ';');
        push('comment', i, end);
      } else if (keywords.has(word.toLowerCase())) push('keyword', i, end);
      else if (text[end] === '(') push('function', i, end);
      else push('text', i, end);
    } else if (/[;,()=<>+\-*/&:]/.test(ch)) {
      end = i + 1;
      push('punctuation', i, end);
    } else {
      end = i + 1;
      push('text', i, end);
    }
    i = end;
  }
  return tokens;
}

/** The tokens of each line (1-based line n is index n-1); a token spanning lines is cut at each newline. */
export function tokensByLine(tokens: readonly ScriptToken[]): ScriptToken[][] {
  const lines: ScriptToken[][] = [[]];
  for (const token of tokens) {
    const parts = token.text.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part) (lines[lines.length - 1] as ScriptToken[]).push({ kind: token.kind, text: part });
    });
  }
  return lines;
}

export type MarkKind = 'match' | 'current';

export interface TextMark {
  readonly start: number;
  readonly end: number;
  readonly kind: MarkKind;
}

export interface LineSegment extends ScriptToken {
  readonly mark: MarkKind | null;
}

/** Cuts a line's tokens where find marks begin and end, so a match inside a keyword still shows. */
export function segmentLine(tokens: readonly ScriptToken[], marks: readonly TextMark[]): LineSegment[] {
  if (marks.length === 0) return tokens.map((t) => ({ ...t, mark: null }));
  const segments: LineSegment[] = [];
  let offset = 0;
  for (const token of tokens) {
    const tokenEnd = offset + token.text.length;
    const cuts = new Set<number>([offset, tokenEnd]);
    for (const m of marks) {
      if (m.start > offset && m.start < tokenEnd) cuts.add(m.start);
      if (m.end > offset && m.end < tokenEnd) cuts.add(m.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let p = 0; p < points.length - 1; p++) {
      const from = points[p] as number;
      const to = points[p + 1] as number;
      const mark = marks.find((m) => m.start <= from && m.end >= to)?.kind ?? null;
      segments.push({ kind: token.kind, text: token.text.slice(from - offset, to - offset), mark });
    }
    offset = tokenEnd;
  }
  return segments;
}

export interface FindMatch {
  /** 1-based line. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** Case-insensitive plain-text occurrences of `needle`, line by line. */
export function findInLines(lines: readonly string[], needle: string): FindMatch[] {
  if (!needle) return [];
  const wanted = needle.toLowerCase();
  const matches: FindMatch[] = [];
  lines.forEach((text, index) => {
    const haystack = text.toLowerCase();
    let at = haystack.indexOf(wanted);
    while (at !== -1) {
      matches.push({ line: index + 1, start: at, end: at + wanted.length });
      at = haystack.indexOf(wanted, at + wanted.length);
    }
  });
  return matches;
}
