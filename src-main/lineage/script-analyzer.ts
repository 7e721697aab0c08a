/**
 * analyzeScript: a static, tolerant reading of a Qlik load script. Statements are read in file
 * order, every branch and loop body included (a static view, as EXPECTED.md in the corpus
 * defines it). Variables are expanded where the script gave them a value we can know.
 */
import { expandVariables, letValue, setValue, unquote } from './variable-expander';
import { scanLoadExpression } from './expression-scanner';
import { ScriptLexer, type SectionMarker, type Token } from './script-lexer';
import { StatementSplitter, upper, isNameToken, labelText, type RawStatement } from './statement-splitter';
import { isLoadHead, parseLoadStatement, sliceTokens, skipParens, type LoadFieldItem, type ParsedLoad } from './load-statement-parser';
import { readSql } from './sql-tables';
import type {
  AnalyzeOptions,
  DiagnosticSeverity,
  FieldDerivation,
  ScriptAnalysis,
  ScriptCall,
  ScriptConnection,
  ScriptDiagnostic,
  ScriptSection,
  ScriptSource,
  ScriptStatement,
  ScriptStore,
  ScriptSub,
  ScriptTable,
  ScriptVariable,
  SourceKind,
  StatementKind,
  TableLoad,
  TableOperation,
  VariableOrigin,
} from './script-analysis';

const MAX_INCLUDE_DEPTH = 8;

interface MutableField {
  name: string;
  derivations: FieldDerivation[];
}

interface MutableTable {
  name: string;
  fields: Map<string, MutableField>;
  hasWildcard: boolean;
  loads: TableLoad[];
  isMapping: boolean;
  isSectionAccess: boolean;
  droppedAtLine: number | null;
  renamedFrom: string[];
  line: number;
}

interface Block {
  readonly kind: 'if' | 'for' | 'do' | 'sub' | 'switch';
  readonly line: number;
  /** SUB parameters shadow variables; their outer values come back at END SUB. */
  readonly shadowed?: Map<string, string | null | undefined>;
}

interface PendingLoad {
  readonly statement: RawStatement;
  readonly parsed: ParsedLoad;
}

/** One script or include file being read: its text and where diagnostics point. */
interface Unit {
  readonly text: string;
  readonly includedFrom: string | null;
  readonly sectionAt: (line: number) => string | null;
}

class ScriptReader {
  readonly values = new Map<string, string | null>();
  readonly variables = new Map<string, ScriptVariable>();
  readonly sources: ScriptSource[] = [];
  readonly stores: ScriptStore[] = [];
  readonly tables = new Map<string, MutableTable>();
  readonly connections: ScriptConnection[] = [];
  readonly statements: ScriptStatement[] = [];
  readonly subs: ScriptSub[] = [];
  readonly calls: ScriptCall[] = [];
  readonly includes: { path: string; isResolved: boolean; line: number }[] = [];
  readonly diagnostics: ScriptDiagnostic[] = [];
  readonly blocks: Block[] = [];
  sections: ScriptSection[] = [];
  connection: string | null = null;
  directory: string | null = null;
  isSectionAccess = false;
  lastTable: string | null = null;
  pending: PendingLoad[] = [];
  qualified: string[] = [];
  unqualified: string[] = [];
  steps = 0;
  includeDepth = 0;

  constructor(private readonly options: AnalyzeOptions) {
    for (const [name, value] of Object.entries(options.initialVariables ?? {})) {
      this.assign(name, value, 'initial', 0);
    }
  }

  diagnose(unit: Unit, line: number, message: string, severity: DiagnosticSeverity = 'warning'): void {
    this.diagnostics.push({ line, severity, message, includedFrom: unit.includedFrom });
  }

  assign(name: string, value: string | null, origin: VariableOrigin, line: number): void {
    this.values.set(name, value);
    this.variables.set(name, { name, value, origin, line });
  }

  expand(text: string): string {
    return expandVariables(text, this.values);
  }

  readUnit(text: string, includedFrom: string | null): void {
    // Tokens are read statement by statement (never a whole script's list at once).
    const lexer = new ScriptLexer(text);
    const splitter = new StatementSplitter(lexer);
    const markers = lexer.sections;
    const unit: Unit = {
      text,
      includedFrom,
      sectionAt: (line) => sectionAtLine(markers, line),
    };
    // The lexer's findings come first, as if the whole text had been lexed before reading.
    const diagnosticsBefore = this.diagnostics.length;
    try {
      for (let statement = splitter.next(); statement !== null; statement = splitter.next()) {
        this.steps += statement.tokens.length + 1;
        if (statement.isUnterminated)
          this.diagnose(unit, statement.lineEnd, 'Statement has no closing ";" before the next control clause.');
        // A `///$tab` marker later on the statement's first line still names its section.
        splitter.readPastLine(statement.lineStart);
        this.readStatement(unit, statement);
      }
      this.flushPending(unit);
    } finally {
      while (lexer.next() !== null) {
        // Drain: the sections, steps and diagnostics cover the whole text even if reading stopped.
      }
      this.steps += lexer.steps;
      if (includedFrom === null) this.sections = toSections(markers, lexer.line);
      if (lexer.diagnostics.length > 0) {
        const found = lexer.diagnostics.map((d): ScriptDiagnostic => ({
          line: d.line,
          severity: 'warning',
          message: d.message,
          includedFrom: unit.includedFrom,
        }));
        this.diagnostics.splice(diagnosticsBefore, 0, ...found);
      }
    }
  }

  record(unit: Unit, statement: RawStatement, kind: StatementKind, keyword: string): void {
    this.statements.push({
      kind,
      keyword,
      label: statement.label,
      lineStart: statement.lineStart,
      lineEnd: statement.lineEnd,
      section: unit.sectionAt(statement.lineStart),
      includedFrom: unit.includedFrom,
    });
  }

  readStatement(unit: Unit, statement: RawStatement): void {
    const tokens = statement.tokens;
    const head = tokens[0];
    if (head === undefined) {
      this.diagnose(unit, statement.lineStart, `Label "${statement.label ?? ''}" is not followed by a statement.`);
      return;
    }
    const word = upper(head);
    if (!isLoadHead(word)) this.flushPending(unit);
    if (head.kind === 'dollar') {
      this.readDollarStatement(unit, statement, head);
      return;
    }
    if (statement.isControl) {
      this.record(unit, statement, 'control', controlKeyword(tokens));
      this.readControl(unit, statement, word);
      return;
    }
    switch (word) {
      case 'SET':
      case 'LET':
        this.record(unit, statement, word === 'SET' ? 'set' : 'let', word);
        this.readAssignment(unit, statement, word);
        return;
      case 'LIB':
      case 'ODBC':
      case 'OLEDB':
      case 'CUSTOM':
      case 'CONNECT':
        this.record(unit, statement, 'connect', word);
        this.readConnect(unit, statement, word);
        return;
      case 'DISCONNECT':
        this.record(unit, statement, 'disconnect', word);
        this.connection = null;
        return;
      case 'DIRECTORY': {
        this.record(unit, statement, 'directory', word);
        const rest = sliceTokens(unit.text, tokens, 1, tokens.length - 1);
        this.directory = rest === '' ? null : unquote(this.expand(rest));
        return;
      }
      case 'STORE':
        this.record(unit, statement, 'store', word);
        this.readStore(unit, statement);
        return;
      case 'DROP':
        this.record(unit, statement, 'drop', word);
        this.readDrop(unit, statement);
        return;
      case 'RENAME':
        this.record(unit, statement, 'rename', word);
        this.readRename(unit, statement);
        return;
      case 'QUALIFY':
      case 'UNQUALIFY': {
        this.record(unit, statement, 'qualify', word);
        const names = tokens
          .slice(1)
          .filter((t) => t.text !== ',')
          .map((t) => (t.kind === 'word' ? t.text : t.value));
        if (word === 'QUALIFY') this.qualified.push(...names);
        else this.unqualified.push(...names);
        return;
      }
      case 'SECTION': {
        this.record(unit, statement, 'section', 'SECTION');
        const which = upper(tokens[1]);
        if (which === 'ACCESS') this.isSectionAccess = true;
        else if (which === 'APPLICATION') this.isSectionAccess = false;
        else this.diagnose(unit, statement.lineStart, 'SECTION is followed by neither ACCESS nor APPLICATION.');
        return;
      }
      case 'BINARY':
        this.record(unit, statement, 'load', word);
        this.addSource(unit, statement, {
          kind: 'file',
          written: sliceTokens(unit.text, tokens, 1, tokens.length - 1),
          format: 'binary',
          targetTable: '(binary load)',
        });
        return;
      case 'REM':
      case 'TRACE':
      case 'SLEEP':
      case 'EXECUTE':
      case 'FLUSHLOG':
      case 'FORCE':
      case 'ALIAS':
      case 'COMMENT':
      case 'TAG':
      case 'UNTAG':
      case 'MAP':
      case 'UNMAP':
      case 'STAR':
      case 'NULLASVALUE':
      case 'NULLASNULL':
      case 'SEARCH':
      case 'LOOSEN':
      case 'DECLARE':
      case 'DERIVE':
      case 'UNLESS':
      case 'WHEN':
      case 'DIRECT':
      case 'IMPORT':
      case 'SQLTABLES':
      case 'SQLCOLUMNS':
      case 'SQLTYPES':
        this.record(unit, statement, 'other', word);
        return;
      default:
        break;
    }
    if (isLoadHead(word)) {
      this.readLoad(unit, statement);
      return;
    }
    this.record(unit, statement, 'unknown', head.text);
    this.diagnose(unit, statement.lineStart, `Unrecognised statement starting with "${head.text.slice(0, 40)}".`);
  }

  readDollarStatement(unit: Unit, statement: RawStatement, head: Token): void {
    const include = /^\s*(must_include|include)\s*=\s*([\s\S]*)$/i.exec(head.value);
    if (!include) {
      this.record(unit, statement, 'other', head.text);
      this.diagnose(unit, statement.lineStart, `Statement ${head.text} is built at reload time; its content is not analysed.`, 'info');
      return;
    }
    this.record(unit, statement, 'include', include[1] === undefined ? 'INCLUDE' : include[1].toUpperCase());
    const path = unquote(this.expand((include[2] ?? '').trim()));
    const isMust = (include[1] ?? '').toLowerCase() === 'must_include';
    const resolver = this.options.includeResolver;
    const included = resolver !== undefined && this.includeDepth < MAX_INCLUDE_DEPTH ? resolver(path) : null;
    this.includes.push({ path, isResolved: included !== null, line: statement.lineStart });
    if (included === null) {
      this.diagnose(
        unit,
        statement.lineStart,
        `${isMust ? 'Must_Include' : 'Include'} of "${path}" was not resolved; variables and tables it defines stay unknown.`,
        'info',
      );
      return;
    }
    this.includeDepth++;
    this.readUnit(included, path);
    this.includeDepth--;
  }

  readControl(unit: Unit, statement: RawStatement, word: string): void {
    const tokens = statement.tokens;
    const line = statement.lineStart;
    switch (word) {
      case 'IF':
        this.blocks.push({ kind: 'if', line });
        return;
      case 'ELSEIF':
      case 'ELSE':
        if (this.blocks[this.blocks.length - 1]?.kind !== 'if') this.diagnose(unit, line, `${word} outside an IF block.`);
        return;
      case 'ENDIF':
        this.closeBlock(unit, 'if', line);
        return;
      case 'END': {
        const what = upper(tokens[1]);
        if (what === 'IF') this.closeBlock(unit, 'if', line);
        else if (what === 'SUB') this.closeBlock(unit, 'sub', line);
        else if (what === 'SWITCH') this.closeBlock(unit, 'switch', line);
        else this.diagnose(unit, line, 'END is followed by neither IF, SUB nor SWITCH.');
        return;
      }
      case 'ENDSUB':
        this.closeBlock(unit, 'sub', line);
        return;
      case 'ENDSWITCH':
        this.closeBlock(unit, 'switch', line);
        return;
      case 'FOR': {
        const isEach = upper(tokens[1]) === 'EACH';
        const variable = tokens[isEach ? 2 : 1];
        if (variable !== undefined) this.assign(variable.kind === 'word' ? variable.text : variable.value, null, 'loop', line);
        this.blocks.push({ kind: 'for', line });
        return;
      }
      case 'NEXT':
        this.closeBlock(unit, 'for', line);
        return;
      case 'DO':
        this.blocks.push({ kind: 'do', line });
        return;
      case 'LOOP':
        this.closeBlock(unit, 'do', line);
        return;
      case 'SWITCH':
        this.blocks.push({ kind: 'switch', line });
        return;
      case 'CASE':
      case 'DEFAULT':
        return;
      case 'SUB':
        this.openSub(unit, statement);
        return;
      case 'CALL': {
        const name = tokens[1];
        if (name !== undefined) this.calls.push({ name: name.kind === 'word' || name.kind === 'dollar' ? name.text : name.value, line });
        return;
      }
      case 'EXIT':
        if (upper(tokens[1]) === 'SCRIPT') {
          this.diagnose(unit, line, 'EXIT SCRIPT: a reload stops here; the statements below are still listed (static view).', 'info');
        }
        return;
      default:
        this.diagnose(unit, line, `Unexpected control clause "${word}".`);
    }
  }

  openSub(unit: Unit, statement: RawStatement): void {
    const tokens = statement.tokens;
    const nameToken = tokens[1];
    const name = nameToken === undefined ? '' : nameToken.kind === 'word' ? nameToken.text : nameToken.value;
    const parameters: string[] = [];
    if (tokens[2]?.text === '(') {
      const close = skipParens(tokens, 2) - 1;
      for (let i = 3; i < close; i++) {
        const t = tokens[i] as Token;
        if (isNameToken(t)) parameters.push(t.kind === 'word' ? t.text : t.value);
      }
    }
    const shadowed = new Map<string, string | null | undefined>();
    for (const parameter of parameters) {
      shadowed.set(parameter, this.values.get(parameter));
      this.values.set(parameter, null);
    }
    this.subs.push({ name, parameters, lineStart: statement.lineStart, lineEnd: statement.lineEnd });
    this.blocks.push({ kind: 'sub', line: statement.lineStart, shadowed });
    if (name === '') this.diagnose(unit, statement.lineStart, 'SUB without a name.');
  }

  closeBlock(unit: Unit, kind: Block['kind'], line: number): void {
    const index = findLastIndex(this.blocks, (b) => b.kind === kind);
    if (index < 0) {
      this.diagnose(unit, line, `Closing ${kind.toUpperCase()} without an opening one.`);
      return;
    }
    if (index !== this.blocks.length - 1) this.diagnose(unit, line, `Closing ${kind.toUpperCase()} while an inner block is still open.`);
    const [block] = this.blocks.splice(index);
    if (block?.kind === 'sub') {
      const sub = this.subs[this.subs.length - 1];
      if (sub !== undefined) this.subs[this.subs.length - 1] = { ...sub, lineEnd: line };
      for (const [name, value] of block.shadowed ?? []) {
        if (value === undefined) this.values.delete(name);
        else this.values.set(name, value);
      }
    }
  }

  readAssignment(unit: Unit, statement: RawStatement, word: 'SET' | 'LET'): void {
    const tokens = statement.tokens;
    const equalsAt = tokens.findIndex((t) => t.text === '=');
    const equals = tokens[equalsAt];
    if (equalsAt < 2 || equals === undefined) {
      this.diagnose(unit, statement.lineStart, `${word} without "name = value".`);
      return;
    }
    // The name may be built from pieces: LET $(V)_E = … (corpus 003).
    const name = this.expand(labelText(tokens, 1, equalsAt));
    const last = tokens[tokens.length - 1] as Token;
    const raw = last === equals ? '' : unit.text.slice(equals.end, last.end);
    const value = word === 'SET' ? setValue(raw, this.values) : letValue(raw, this.values);
    this.assign(name, value, word === 'SET' ? 'set' : 'let', statement.lineStart);
  }

  readConnect(unit: Unit, statement: RawStatement, word: string): void {
    const tokens = statement.tokens;
    const toIndex = tokens.findIndex((t) => upper(t) === 'TO');
    if (toIndex < 0) {
      this.diagnose(unit, statement.lineStart, `${word} CONNECT without TO.`);
      return;
    }
    const target = this.expand(sliceTokens(unit.text, tokens, toIndex + 1, tokens.length - 1));
    const kind: ScriptConnection['kind'] =
      word === 'LIB' ? 'lib' : word === 'ODBC' ? 'odbc' : word === 'OLEDB' ? 'oledb' : word === 'CUSTOM' ? 'custom' : 'connect';
    const name = kind === 'lib' ? unquote(target) : maskSecrets(target);
    this.connection = name;
    this.connections.push({ kind, name, line: statement.lineStart });
  }

  readStore(unit: Unit, statement: RawStatement): void {
    const tokens = statement.tokens;
    const into = tokens.findIndex((t) => upper(t) === 'INTO');
    if (into < 0) {
      this.diagnose(unit, statement.lineStart, 'STORE without INTO.');
      return;
    }
    const fromIndex = tokens.findIndex((t, i) => i < into && upper(t) === 'FROM');
    const tableWritten = sliceTokens(unit.text, tokens, fromIndex >= 0 ? fromIndex + 1 : 1, into - 1);
    let pathEnd = tokens.length - 1;
    let format: string | null = null;
    for (let i = into + 2; i < tokens.length; i++) {
      if ((tokens[i] as Token).text === '(') {
        pathEnd = i - 1;
        format = sliceTokens(unit.text, tokens, i + 1, skipParens(tokens, i) - 2).trim();
        break;
      }
    }
    const written = sliceTokens(unit.text, tokens, into + 1, pathEnd);
    const path = unquote(this.expand(written));
    const formatWord = (format ?? '').split(/[\s,]/)[0]?.toLowerCase() ?? '';
    const kind = formatWord === 'qvd' || (formatWord === '' && /\.qvd$/i.test(path)) ? 'qvd' : 'file';
    this.stores.push({
      kind,
      written,
      path,
      table: unquote(this.expand(tableWritten)),
      format,
      directory: isRelativePath(path) ? this.directory : null,
      line: statement.lineStart,
      lineEnd: statement.lineEnd,
      includedFrom: unit.includedFrom,
    });
  }

  readDrop(unit: Unit, statement: RawStatement): void {
    const tokens = statement.tokens;
    const what = upper(tokens[1]);
    const fromIndex = tokens.findIndex((t, i) => i > 1 && upper(t) === 'FROM');
    const names = namesIn(tokens.slice(2, fromIndex < 0 ? undefined : fromIndex)).map((n) => this.expand(n));
    if (what === 'TABLE' || what === 'TABLES') {
      for (const name of names) {
        const table = this.tables.get(name);
        if (table) table.droppedAtLine = statement.lineStart;
      }
      return;
    }
    if (what === 'FIELD' || what === 'FIELDS') {
      const only = fromIndex < 0 ? null : new Set(namesIn(tokens.slice(fromIndex + 1)));
      for (const table of this.tables.values()) {
        if (only !== null && !only.has(table.name)) continue;
        for (const name of names) table.fields.delete(name);
      }
      return;
    }
    this.diagnose(unit, statement.lineStart, 'DROP is followed by neither TABLE(S) nor FIELD(S).');
  }

  readRename(unit: Unit, statement: RawStatement): void {
    const tokens = statement.tokens;
    const what = upper(tokens[1]);
    if (upper(tokens[3]) === 'USING' || upper(tokens[2]) === 'USING') return;
    const pairs: [string, string][] = [];
    for (let i = 2; i < tokens.length; i++) {
      if (upper(tokens[i + 1]) === 'TO' && tokens[i + 2] !== undefined) {
        pairs.push([nameOf(tokens[i] as Token), nameOf(tokens[i + 2] as Token)]);
        i += 3;
      }
    }
    if (what === 'TABLE' || what === 'TABLES') {
      for (const [from, to] of pairs) {
        const table = this.tables.get(from);
        if (!table) continue;
        this.tables.delete(from);
        table.renamedFrom.push(from);
        table.name = to;
        this.tables.set(to, table);
        if (this.lastTable === from) this.lastTable = to;
      }
      return;
    }
    if (what === 'FIELD' || what === 'FIELDS') {
      for (const [from, to] of pairs) {
        for (const table of this.tables.values()) {
          const field = table.fields.get(from);
          if (!field) continue;
          table.fields.delete(from);
          field.name = to;
          table.fields.set(to, field);
        }
      }
      return;
    }
    this.diagnose(unit, statement.lineStart, 'RENAME is followed by neither TABLE(S) nor FIELD(S).');
  }

  // ---- LOAD / SELECT ------------------------------------------------------------------------

  readLoad(unit: Unit, statement: RawStatement): void {
    const parsed = parseLoadStatement(unit.text, statement.tokens);
    const keyword = parsed.clause.kind === 'sql' ? 'SQL' : 'LOAD';
    this.record(unit, statement, parsed.clause.kind === 'sql' ? 'select' : 'load', keyword);
    if (parsed.problem !== null) {
      this.diagnose(unit, statement.lineStart, `Load statement not understood: ${parsed.problem}.`);
      return;
    }
    if (parsed.clause.kind === 'none') {
      // A preceding load: its rows come from the statement below.
      this.pending.push({ statement, parsed });
      return;
    }
    const chain = [...this.pending, { statement, parsed }];
    this.pending = [];
    this.readLoadChain(unit, chain);
  }

  flushPending(unit: Unit): void {
    for (const p of this.pending) {
      this.diagnose(unit, p.statement.lineStart, 'LOAD without FROM, RESIDENT, INLINE or AUTOGENERATE, and no LOAD or SELECT below it.');
    }
    this.pending = [];
  }

  readLoadChain(unit: Unit, chain: PendingLoad[]): void {
    const bottom = chain[chain.length - 1] as PendingLoad;
    const top = chain[0] as PendingLoad;
    // The first label, operation, CROSSTABLE and INTERVALMATCH of the chain count; flags of any.
    let written: string | null = null;
    let operationHolder: ParsedLoad | null = null;
    let crossTable: ParsedLoad['crossTable'] = null;
    let intervalField: string | null = null;
    const prefixes: string[] = [];
    let isMapping = false;
    let isNoConcatenate = false;
    for (const c of chain) {
      const parsed = c.parsed;
      if (written === null) written = c.statement.label ?? parsed.innerLabel;
      if (operationHolder === null && parsed.operation !== null) operationHolder = parsed;
      if (crossTable === null) crossTable = parsed.crossTable;
      if (intervalField === null) intervalField = parsed.intervalMatchField;
      for (const prefix of parsed.prefixes) if (!prefixes.includes(prefix)) prefixes.push(prefix);
      isMapping = isMapping || parsed.isMapping;
      isNoConcatenate = isNoConcatenate || parsed.isNoConcatenate;
    }
    if (operationHolder === null) operationHolder = top.parsed;
    const label = written === null ? null : this.expand(written);
    const statement = bottom.statement;
    const clause = bottom.parsed.clause;

    // Fields of the bottom statement, then each preceding load on top of it.
    let fields: LoadFieldItem[];
    let hasWildcard = false;
    let sourceFields: string[] = [];
    const source = this.sourceOf(unit, statement, clause);
    if (source === null) return;
    if (clause.kind === 'sql') {
      const reading = readSql(clause.sqlTokens);
      sourceFields = [...reading.columns];
      hasWildcard = reading.hasWildcard;
    } else if (clause.kind === 'inline') {
      sourceFields = [...clause.headerFields];
    } else if (clause.kind === 'resident') {
      sourceFields = [...(this.tables.get(this.expand(clause.table))?.fields.keys() ?? [])];
    }
    if (clause.kind === 'sql') {
      fields = sourceFields.map((name) => ({ name, expression: name }));
    } else {
      fields = expandWildcard(bottom.parsed.fields, bottom.parsed.hasWildcard, sourceFields);
      hasWildcard = bottom.parsed.hasWildcard && clause.kind !== 'inline' && clause.kind !== 'resident';
    }
    for (let i = chain.length - 2; i >= 0; i--) {
      const above = (chain[i] as PendingLoad).parsed;
      fields = expandWildcard(
        above.fields,
        above.hasWildcard,
        fields.map((f) => f.name),
      );
    }
    if (crossTable) {
      fields = [
        ...fields.slice(0, crossTable.qualifierCount),
        { name: crossTable.attribute, expression: 'CrossTable attribute' },
        { name: crossTable.data, expression: 'CrossTable data' },
      ];
    }
    if (intervalField !== null) fields = [{ name: intervalField, expression: intervalField }, ...fields];

    const target = this.targetOf(label, operationHolder, isNoConcatenate, source);
    const operation: TableOperation = operationHolder.operation ?? (target.isExisting ? 'concatenate' : 'create');
    const sourceIndex = this.sources.length;
    this.sources.push(withTarget(source, target.name));
    const table = this.tableFor(target.name, statement.lineStart);
    if (operation === 'create' || !target.isExisting) table.droppedAtLine = null;
    table.isMapping = table.isMapping || isMapping;
    table.isSectionAccess = table.isSectionAccess || this.isSectionAccess;
    table.hasWildcard = table.hasWildcard || hasWildcard || prefixes.includes('GENERIC');
    table.loads.push({
      operation,
      joinType: operationHolder.joinType,
      sourceIndex,
      prefixes,
      line: statement.lineStart,
      lineEnd: statement.lineEnd,
    });
    for (const field of fields) this.addField(table, field, statement.lineStart);
    if (!isMapping) this.lastTable = target.name;
  }

  addField(table: MutableTable, item: LoadFieldItem, line: number): void {
    const name = this.qualify(table.name, item.name);
    const expression = item.expression;
    const existing = table.fields.get(name);
    // A derivation already known for this field (the same load again) is kept once: no rescan.
    if (existing && existing.derivations.some((d) => d.expression === expression)) return;
    // Most fields are plain columns; scanning them as expressions would only cost time.
    const isPlain = PLAIN_FIELD.test(expression) || (expression.startsWith('[') && expression.indexOf(']') === expression.length - 1);
    const scan = isPlain ? { fields: [unquote(expression)], mappings: [] } : scanLoadExpression(expression);
    const derivation: FieldDerivation = { expression, fromFields: scan.fields, mappings: scan.mappings, line };
    if (existing) {
      existing.derivations.push(derivation);
      return;
    }
    table.fields.set(name, { name, derivations: [derivation] });
  }

  qualify(tableName: string, field: string): string {
    if (this.qualified.length === 0) return field;
    const isQualified = this.qualified.some((p) => matchesPattern(p, field)) && !this.unqualified.some((p) => matchesPattern(p, field));
    return isQualified ? `${tableName}.${field}` : field;
  }

  tableFor(name: string, line: number): MutableTable {
    let table = this.tables.get(name);
    if (!table) {
      table = {
        name,
        fields: new Map(),
        hasWildcard: false,
        loads: [],
        isMapping: false,
        isSectionAccess: false,
        droppedAtLine: null,
        renamedFrom: [],
        line,
      };
      this.tables.set(name, table);
    }
    return table;
  }

  targetOf(
    label: string | null,
    operationHolder: ParsedLoad,
    isNoConcatenate: boolean,
    source: Omit<ScriptSource, 'targetTable'>,
  ): { name: string; isExisting: boolean } {
    const explicit = operationHolder.operationTarget;
    if (operationHolder.operation !== null) {
      const name = explicit !== null ? this.expand(explicit) : (this.lastTable ?? label ?? '(no previous table)');
      return { name, isExisting: true };
    }
    const name = label !== null ? this.expand(label) : defaultTableName(source);
    const existing = this.tables.get(name);
    const isLive = existing !== undefined && existing.droppedAtLine === null;
    if (isLive && isNoConcatenate) {
      let n = 1;
      while (this.tables.get(`${name}-${n}`)?.droppedAtLine === null) n++;
      return { name: `${name}-${n}`, isExisting: false };
    }
    // Qlik concatenates automatically into a live table of the same name.
    return { name, isExisting: isLive };
  }

  sourceOf(unit: Unit, statement: RawStatement, clause: ParsedLoad['clause']): Omit<ScriptSource, 'targetTable'> | null {
    switch (clause.kind) {
      case 'from': {
        const path = unquote(this.expand(clause.written));
        const formatWord = formatWordOf(clause.format);
        const isQvd = formatWord === 'qvd' || (formatWord === '' && QVD_SUFFIX.test(path));
        const kind: SourceKind = clause.withConnection !== null ? 'rest' : isQvd ? 'qvd' : 'file';
        const directory = isRelativePath(path) ? this.directory : null;
        return draftSource(unit, statement, kind, clause.written, path, null, [], [], clause.withConnection, clause.format, directory);
      }
      case 'resident':
      case 'from-field':
        return draftSource(unit, statement, 'resident', clause.written, null, this.expand(clause.table), [], [], null, null, null);
      case 'inline':
        return draftSource(unit, statement, 'inline', '', null, null, [], [], null, null, null);
      case 'autogenerate':
        return draftSource(unit, statement, 'autogenerate', clause.written, null, null, [], [], null, null, null);
      case 'sql': {
        const reading = readSql(clause.sqlTokens);
        const tables = reading.tablesWritten.map((t) => this.expand(t));
        const isRest = reading.isRestShape || (this.connection !== null && REST_WORD.test(this.connection));
        if (reading.tablesWritten.length === 0 && !isRest) {
          this.diagnose(unit, statement.lineStart, 'SQL statement without a table after FROM; the tables read are unknown.', 'info');
        }
        const written = reading.tablesWritten.join(', ');
        return draftSource(
          unit,
          statement,
          isRest ? 'rest' : 'db',
          written,
          null,
          tables[0] ?? null,
          reading.tablesWritten,
          tables,
          this.connection,
          null,
          null,
        );
      }
      case 'extension':
        this.diagnose(unit, statement.lineStart, 'LOAD … EXTENSION (server-side extension) is not followed for lineage.', 'info');
        return null;
      case 'none':
        return null;
    }
  }

  addSource(
    unit: Unit,
    statement: RawStatement,
    partial: { kind: SourceKind; written: string; format: string; targetTable: string },
  ): void {
    this.sources.push({
      ...partial,
      path: unquote(this.expand(partial.written)),
      table: null,
      tablesWritten: [],
      tables: [],
      connection: null,
      directory: null,
      line: statement.lineStart,
      lineEnd: statement.lineEnd,
      includedFrom: unit.includedFrom,
    });
  }

  finish(): ScriptAnalysis {
    const top = { text: '', includedFrom: null, sectionAt: () => null };
    for (const block of this.blocks) {
      this.diagnose(top, block.line, `${block.kind.toUpperCase()} block is never closed.`);
    }
    const tables: ScriptTable[] = [...this.tables.values()]
      .sort((a, b) => a.line - b.line)
      .map((t) => ({
        name: t.name,
        fields: [...t.fields.values()].map((f) => ({ name: f.name, derivations: f.derivations })),
        hasWildcard: t.hasWildcard,
        loads: t.loads,
        isMapping: t.isMapping,
        isSectionAccess: t.isSectionAccess,
        droppedAtLine: t.droppedAtLine,
        renamedFrom: t.renamedFrom,
        line: t.line,
      }));
    return {
      sources: this.sources,
      stores: this.stores,
      tables,
      connections: this.connections,
      variables: [...this.variables.values()],
      sections: this.sections,
      statements: this.statements,
      subs: this.subs,
      calls: this.calls,
      includes: this.includes,
      diagnostics: this.diagnostics,
      steps: this.steps,
    };
  }
}

function expandWildcard(items: readonly LoadFieldItem[], hasWildcard: boolean, below: readonly string[]): LoadFieldItem[] {
  if (!hasWildcard) return [...items];
  const named = new Set(items.map((i) => i.name));
  return [...below.filter((name) => !named.has(name)).map((name) => ({ name, expression: name })), ...items];
}

const QVD_SUFFIX = /\.qvd$/i;
const PLAIN_FIELD = /^[\w.%#$@§]+$/;
const REST_WORD = /\brest\b/i;
const FORMAT_WORD_END = /[\s,]/;

/** First word of a format spec, lower case ("txt, codepage is 1252" → "txt"); '' for none. */
function formatWordOf(format: string | null): string {
  if (format === null || format === '') return '';
  const end = FORMAT_WORD_END.exec(format);
  return (end === null ? format : format.slice(0, end.index)).toLowerCase();
}

/**
 * A source before its target table is known. Explicit literals (not spreads) keep one object
 * shape; the key order is the one the JSON output has always had.
 */
function draftSource(
  unit: Unit,
  statement: RawStatement,
  kind: SourceKind,
  written: string,
  path: string | null,
  table: string | null,
  tablesWritten: readonly string[],
  tables: readonly string[],
  connection: string | null,
  format: string | null,
  directory: string | null,
): Omit<ScriptSource, 'targetTable'> {
  return {
    path,
    table,
    tablesWritten,
    tables,
    connection,
    format,
    directory,
    line: statement.lineStart,
    lineEnd: statement.lineEnd,
    includedFrom: unit.includedFrom,
    kind,
    written,
  };
}

function withTarget(source: Omit<ScriptSource, 'targetTable'>, targetTable: string): ScriptSource {
  return {
    path: source.path,
    table: source.table,
    tablesWritten: source.tablesWritten,
    tables: source.tables,
    connection: source.connection,
    format: source.format,
    directory: source.directory,
    line: source.line,
    lineEnd: source.lineEnd,
    includedFrom: source.includedFrom,
    kind: source.kind,
    written: source.written,
    targetTable,
  };
}

function defaultTableName(source: Omit<ScriptSource, 'targetTable'>): string {
  if ((source.kind === 'qvd' || source.kind === 'file') && source.path !== null) {
    const base = source.path.split(/[\\/]/).pop() ?? source.path;
    return base.replace(/\.[^.]*$/, '') || source.path;
  }
  if (source.kind === 'db' && source.table !== null) return unquote(source.table.split('.').pop() ?? source.table);
  return `(unlabelled, line ${source.line})`;
}

function isRelativePath(path: string): boolean {
  return !/^(lib:\/\/|[a-z]+:\/\/|[A-Za-z]:[\\/]|\\\\|\/|\$\()/i.test(path);
}

/** Masks password-like values in connect strings; Qlik stores them masked too, but not always. */
export function maskSecrets(connect: string): string {
  return connect.replace(/\b(x?password|pwd|secret|token|api[_-]?key)\s*(is\s+|=\s*)("[^"]*"|'[^']*'|[^;\])"'\s]*)/gi, '$1$2***');
}

function namesIn(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => isNameToken(t)).map(nameOf);
}

function nameOf(token: Token): string {
  return token.kind === 'word' || token.kind === 'dollar' ? token.text : token.value;
}

function matchesPattern(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === name;
  const [prefix, suffix] = [pattern.slice(0, pattern.indexOf('*')), pattern.slice(pattern.lastIndexOf('*') + 1)];
  return name.startsWith(prefix) && name.endsWith(suffix);
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i] as T)) return i;
  return -1;
}

function controlKeyword(tokens: readonly Token[]): string {
  const first = upper(tokens[0]);
  const second = upper(tokens[1]);
  if (first === 'END' || (first === 'FOR' && second === 'EACH') || (first === 'EXIT' && second !== '')) return `${first} ${second}`;
  return first;
}

/** Binary search: scripts with thousands of tabs must not make every statement scan them all. */
function sectionAtLine(markers: readonly SectionMarker[], line: number): string | null {
  let low = 0;
  let high = markers.length - 1;
  let found: string | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const marker = markers[mid] as SectionMarker;
    if (marker.line <= line) {
      found = marker.name;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** Sections from the `///$tab` markers; `lastLine` is the text's number of lines. */
function toSections(markers: readonly SectionMarker[], lastLine: number): ScriptSection[] {
  return markers.map((m, i) => ({
    name: m.name,
    lineStart: m.line,
    lineEnd: (markers[i + 1]?.line ?? lastLine + 1) - 1,
  }));
}

/** Reads a load script statically. Never throws: what it cannot read becomes a diagnostic. */
export function analyzeScript(text: string, options: AnalyzeOptions = {}): ScriptAnalysis {
  const reader = new ScriptReader(options);
  try {
    reader.readUnit(text, null);
  } catch (error) {
    // A parser bug must not cost the caller the whole analysis; report it like any other finding.
    reader.diagnostics.push({
      line: 0,
      severity: 'warning',
      message: `Analysis stopped early: ${error instanceof Error ? error.message : String(error)}`,
      includedFrom: null,
    });
  }
  return reader.finish();
}
