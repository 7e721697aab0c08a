/**
 * Reads a Qlik chart or load expression for what it refers to: fields (plain, [bracketed],
 * "quoted"), set-analysis field names, $(variables), master items and functions. Tolerant: any
 * text gives an answer, never an exception.
 */
import { lexScript, type Token } from './script-lexer';

export interface ExpressionScanOptions {
  /** When given, a plain word counts as a field only if it is one of these. */
  readonly knownFields?: Iterable<string>;
  /** Variable names: a bare word with such a name is a variable, not a field. */
  readonly variables?: Iterable<string>;
  /** Master item names (labels) that an expression may cite as [Name]. */
  readonly masterItems?: Iterable<string>;
}

export interface ExpressionScan {
  /** Fields read, in order of first appearance (set-analysis fields included). */
  readonly fields: readonly string[];
  /** Fields named on the left of a set modifier (`{<Year={2024}>}` → Year). */
  readonly setAnalysisFields: readonly string[];
  readonly variables: readonly string[];
  readonly masterItems: readonly string[];
  /** Function names, upper case. */
  readonly functions: readonly string[];
  /** Aggregation functions among them, upper case. */
  readonly aggregations: readonly string[];
  /** First arguments of ApplyMap / MapSubstring when they are string literals. */
  readonly mappings: readonly string[];
}

const AGGREGATIONS = new Set([
  'SUM',
  'COUNT',
  'AVG',
  'MIN',
  'MAX',
  'ONLY',
  'MODE',
  'MEDIAN',
  'FRACTILE',
  'FRACTILEEXC',
  'STDEV',
  'STERR',
  'SKEW',
  'KURTOSIS',
  'CONCAT',
  'FIRSTSORTEDVALUE',
  'MINSTRING',
  'MAXSTRING',
  'AGGR',
  'NUMERICCOUNT',
  'TEXTCOUNT',
  'NULLCOUNT',
  'MISSINGCOUNT',
  'CORREL',
  'LINEST_M',
  'LINEST_B',
  'IRR',
  'NPV',
  'XIRR',
  'XNPV',
]);

const OPERATOR_WORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'XOR',
  'LIKE',
  'PRECEDES',
  'FOLLOWS',
  'BITAND',
  'BITOR',
  'BITXOR',
  'BITNOT',
  'TOTAL',
  'DISTINCT',
  'NODISTINCT',
  'ALL',
  'AS',
  'NULL',
]);

class OrderedSet {
  private readonly seen = new Set<string>();
  readonly items: string[] = [];
  add(value: string): void {
    if (value === '' || this.seen.has(value)) return;
    this.seen.add(value);
    this.items.push(value);
  }
}

export function scanExpression(expression: string, options: ExpressionScanOptions = {}): ExpressionScan {
  const known = options.knownFields === undefined ? null : new Set(options.knownFields);
  const variableNames = new Set(options.variables ?? []);
  const masterNames = new Set(options.masterItems ?? []);
  const result = {
    fields: new OrderedSet(),
    setAnalysisFields: new OrderedSet(),
    variables: new OrderedSet(),
    masterItems: new OrderedSet(),
    functions: new OrderedSet(),
    aggregations: new OrderedSet(),
    mappings: new OrderedSet(),
  };
  scanInto(expression.trim().replace(/^=/, ''), { known, variableNames, masterNames }, result, 0);
  return {
    fields: result.fields.items,
    setAnalysisFields: result.setAnalysisFields.items,
    variables: result.variables.items,
    masterItems: result.masterItems.items,
    functions: result.functions.items,
    aggregations: result.aggregations.items,
    mappings: result.mappings.items,
  };
}

interface ScanContext {
  readonly known: ReadonlySet<string> | null;
  readonly variableNames: ReadonlySet<string>;
  readonly masterNames: ReadonlySet<string>;
}

interface NameSink {
  add(value: string): void;
}

interface ScanResult {
  readonly fields: NameSink;
  readonly setAnalysisFields: NameSink;
  readonly variables: NameSink;
  readonly masterItems: NameSink;
  readonly functions: NameSink;
  readonly aggregations: NameSink;
  readonly mappings: NameSink;
}

const DISCARD: NameSink = {
  add(): void {
    // Not asked for.
  },
};

const NO_NAMES: ReadonlySet<string> = new Set();
const LOAD_CONTEXT: ScanContext = { known: null, variableNames: NO_NAMES, masterNames: NO_NAMES };

/**
 * What the analyzer keeps of a load expression: `scanExpression(expression)`'s fields and
 * mappings, without collecting the rest.
 */
export function scanLoadExpression(expression: string): { fields: string[]; mappings: string[] } {
  const fields = new OrderedSet();
  const mappings = new OrderedSet();
  const result: ScanResult = {
    fields,
    setAnalysisFields: DISCARD,
    variables: DISCARD,
    masterItems: DISCARD,
    functions: DISCARD,
    aggregations: DISCARD,
    mappings,
  };
  scanInto(expression.trim().replace(/^=/, ''), LOAD_CONTEXT, result, 0);
  return { fields: fields.items, mappings: mappings.items };
}

const MAX_NESTING = 8;

function scanInto(text: string, context: ScanContext, result: ScanResult, nesting: number): void {
  const tokens = lexScript(text).tokens;
  let braceDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    if (token.kind === 'punct') {
      if (token.text === '{') braceDepth++;
      else if (token.text === '}') braceDepth = Math.max(0, braceDepth - 1);
      continue;
    }
    if (token.kind === 'dollar') {
      scanDollar(token.value, context, result, nesting);
      continue;
    }
    if (token.kind === 'raw' || token.kind === 'string') continue;
    if (braceDepth > 0) {
      scanInsideSet(tokens, i, braceDepth, context, result);
      continue;
    }
    if (token.kind === 'word' && next?.text === '(') {
      recordFunction(token, tokens, i, result);
      continue;
    }
    recordName(token, context, result);
  }
}

function recordFunction(token: Token, tokens: readonly Token[], i: number, result: ScanResult): void {
  const name = token.text.toUpperCase();
  result.functions.add(name);
  if (AGGREGATIONS.has(name)) result.aggregations.add(name);
  if (name === 'APPLYMAP' || name === 'MAPSUBSTRING') {
    const first = tokens[i + 2];
    if (first !== undefined && first.kind === 'string') result.mappings.add(first.value);
  }
}

function recordName(token: Token, context: ScanContext, result: ScanResult): void {
  if (token.kind === 'word') {
    const upperText = token.text.toUpperCase();
    if (OPERATOR_WORDS.has(upperText) || /^[-+]?\d/.test(token.text) || token.text === '.') return;
    if (context.variableNames.has(token.text)) {
      result.variables.add(token.text);
      return;
    }
    if (context.masterNames.has(token.text) && !context.known?.has(token.text)) {
      result.masterItems.add(token.text);
      return;
    }
    if (context.known === null || context.known.has(token.text)) result.fields.add(token.text);
    return;
  }
  if (token.kind === 'bracket' || token.kind === 'dquote' || token.kind === 'backtick') {
    const name = token.value;
    if (context.masterNames.has(name) && !context.known?.has(name)) {
      result.masterItems.add(name);
      return;
    }
    result.fields.add(name);
  }
}

/**
 * Inside { ... }: a name right after '<' or ',' at the modifier level and followed by an
 * assignment operator (=, +=, -=, *=, /=) is a field; P()/E() arguments are fields; element
 * values and search strings are not.
 */
function scanInsideSet(tokens: readonly Token[], i: number, braceDepth: number, context: ScanContext, result: ScanResult): void {
  const token = tokens[i] as Token;
  const previous = tokens[i - 1];
  const next = tokens[i + 1];
  const isName = token.kind === 'word' || token.kind === 'bracket' || token.kind === 'dquote';
  if (!isName) return;
  if (token.kind === 'word' && next?.text === '(') {
    recordFunction(token, tokens, i, result);
    const upperName = token.text.toUpperCase();
    const argument = tokens[i + 2];
    if ((upperName === 'P' || upperName === 'E') && argument !== undefined && argument.kind !== 'string') {
      result.fields.add(argument.value);
    }
    return;
  }
  if (braceDepth !== 1) return;
  const isModifierStart = previous !== undefined && (previous.text === '<' || previous.text === ',');
  const isAssignment =
    next !== undefined && (next.text === '=' || (['+', '-', '*', '/'].includes(next.text) && tokens[i + 2]?.text === '='));
  if (!isModifierStart || !isAssignment) return;
  const name = token.kind === 'word' ? token.text : token.value;
  result.setAnalysisFields.add(name);
  if (!context.variableNames.has(name)) result.fields.add(name);
}

function scanDollar(inner: string, context: ScanContext, result: ScanResult, nesting: number): void {
  const trimmed = inner.trim();
  if (trimmed.startsWith('=')) {
    if (nesting < MAX_NESTING) scanInto(trimmed.slice(1), context, result, nesting + 1);
    return;
  }
  const name = trimmed.replace(/\(.*$/s, '').trim();
  if (name !== '') result.variables.add(name);
}
