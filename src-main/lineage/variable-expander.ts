/**
 * Dollar-sign expansion the way a static reader can do it: `$(name)` is replaced when the script
 * gave `name` a value we can know; otherwise it stays visible, so a path reads
 * `$(vSourcePath)orders.csv` rather than a guess.
 */
import { lexScript, type Token } from './script-lexer';

/** Known values; a name mapped to null was assigned something only a reload can compute. */
export type VariableValues = ReadonlyMap<string, string | null>;

export function expandVariables(text: string, values: VariableValues): string {
  if (!text.includes('$(')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('$(', i);
    if (at < 0) break;
    const end = matchingParen(text, at + 2);
    if (end < 0) break;
    out += text.slice(i, at);
    const inner = text.slice(at + 2, end).trim();
    const value = inner.startsWith('=') || inner.includes('$(') ? undefined : values.get(inner);
    out += typeof value === 'string' ? value : text.slice(at, end + 1);
    i = end + 1;
  }
  return out + text.slice(i);
}

function matchingParen(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Removes enclosing quotes, brackets and backticks, repeatedly: `'[lib://x/y.qvd]'` → `lib://x/y.qvd`. */
export function unquote(text: string): string {
  let s = text.trim();
  for (;;) {
    const first = s[0];
    const last = s[s.length - 1];
    if (s.length < 2) return s;
    const isPair =
      (first === '[' && last === ']') ||
      (first === "'" && last === "'") ||
      (first === '"' && last === '"') ||
      (first === '`' && last === '`');
    if (!isPair) return s;
    s = s.slice(1, -1).trim();
  }
}

/**
 * Value of a SET: the text after '=', expanded. Qlik strips one pair of enclosing single quotes
 * (corpus EXPECTED.md: "Qlik strips the enclosing quotes from SET v = '...'").
 */
export function setValue(rawValue: string, values: VariableValues): string {
  const expanded = expandVariables(rawValue.trim(), values);
  const tokens = lexScript(expanded).tokens;
  const only = tokens[0];
  if (tokens.length === 1 && only !== undefined && only.kind === 'string') return only.value;
  return expanded;
}

/**
 * Value of a LET when the expression is made of literals only ('a' & 'b', 42). Anything that
 * needs the engine (Peek, Today(), another variable's value) gives null.
 */
export function letValue(rawExpression: string, values: VariableValues): string | null {
  const expanded = expandVariables(rawExpression.trim(), values);
  const tokens = lexScript(expanded).tokens;
  if (tokens.length === 0) return null;
  let out = '';
  let expectLiteral = true;
  for (const token of tokens) {
    if (expectLiteral) {
      const literal = literalOf(token);
      if (literal === null) return null;
      out += literal;
    } else if (token.text !== '&') return null;
    expectLiteral = !expectLiteral;
  }
  return expectLiteral ? null : out;
}

function literalOf(token: Token): string | null {
  if (token.kind === 'string') return token.value;
  if (token.kind === 'word' && /^-?\d+(\.\d+)?$/.test(token.text)) return token.text;
  return null;
}
