/**
 * The result of analysing one load script: what `qme lineage --script` prints as JSON and what
 * the graph builder consumes. Plain data, JSON-serialisable.
 */

export type SourceKind = 'qvd' | 'file' | 'db' | 'rest' | 'inline' | 'resident' | 'autogenerate';

export interface ScriptSource {
  readonly kind: SourceKind;
  /**
   * The path, table or count as it stands in the script, quotes included: a file or QVD path,
   * a RESIDENT table, an AUTOGENERATE count, the database tables read (joined with ", "), or ""
   * for INLINE data.
   */
  readonly written: string;
  /** qvd / file / rest: the path after `$(var)` expansion, quotes and brackets removed. */
  readonly path: string | null;
  /** resident: the table read; db: the first table read (expanded). */
  readonly table: string | null;
  /** db: every table the SQL reads (FROM / JOIN, CTE names excluded), as written. */
  readonly tablesWritten: readonly string[];
  /** db: the same tables after `$(var)` expansion. */
  readonly tables: readonly string[];
  /** Active LIB CONNECT / ODBC / OLEDB / CUSTOM CONNECT, or WITH CONNECTION; null when none. */
  readonly connection: string | null;
  /** Format spec without its parentheses, e.g. "qvd" or "txt, codepage is 1252, embedded labels". */
  readonly format: string | null;
  /** DIRECTORY in force when the path is relative. */
  readonly directory: string | null;
  /** The table the rows go to (label, JOIN/CONCATENATE target, or Qlik's default name). */
  readonly targetTable: string;
  /** Line of the statement that reads (the bottom one of a preceding-load chain). */
  readonly line: number;
  readonly lineEnd: number;
  /** Path of the include file this source came from; null for the script itself. */
  readonly includedFrom: string | null;
}

export type StoreKind = 'qvd' | 'file';

export interface ScriptStore {
  readonly kind: StoreKind;
  /** Target path as written, quotes included. */
  readonly written: string;
  /** Target path after expansion, unquoted. */
  readonly path: string;
  /** The table stored, after expansion, unquoted. */
  readonly table: string;
  readonly format: string | null;
  readonly directory: string | null;
  readonly line: number;
  readonly lineEnd: number;
  readonly includedFrom: string | null;
}

export type TableOperation = 'create' | 'concatenate' | 'join' | 'keep';

export interface TableLoad {
  readonly operation: TableOperation;
  /** LEFT / RIGHT / INNER / OUTER for joins and keeps. */
  readonly joinType: string | null;
  /** Index into `sources`. */
  readonly sourceIndex: number;
  /** Prefixes such as MAPPING, CROSSTABLE, INTERVALMATCH, GENERIC, DISTINCT. */
  readonly prefixes: readonly string[];
  readonly line: number;
  readonly lineEnd: number;
}

export interface FieldDerivation {
  /** The load expression, e.g. "Sum(Amount)"; the field name itself for a plain column. */
  readonly expression: string;
  /** Fields of the underlying source the expression reads. */
  readonly fromFields: readonly string[];
  /** Mapping tables used through ApplyMap / MapSubstring. */
  readonly mappings: readonly string[];
  readonly line: number;
}

export interface ScriptField {
  readonly name: string;
  readonly derivations: readonly FieldDerivation[];
}

export interface ScriptTable {
  readonly name: string;
  readonly fields: readonly ScriptField[];
  /** A load takes every field of its source (`LOAD *`), so the field list is incomplete. */
  readonly hasWildcard: boolean;
  readonly loads: readonly TableLoad[];
  readonly isMapping: boolean;
  readonly isSectionAccess: boolean;
  readonly droppedAtLine: number | null;
  /** Earlier names, when RENAME TABLE gave it this one. */
  readonly renamedFrom: readonly string[];
  readonly line: number;
}

export type ConnectionStatementKind = 'lib' | 'odbc' | 'oledb' | 'custom' | 'connect';

export interface ScriptConnection {
  readonly kind: ConnectionStatementKind;
  /** Connection name (LIB CONNECT) or connect string with secrets masked. */
  readonly name: string;
  readonly line: number;
}

export type VariableOrigin = 'set' | 'let' | 'loop' | 'parameter' | 'initial';

export interface ScriptVariable {
  readonly name: string;
  /** Value as the static analysis knows it, or null when only a reload can tell. */
  readonly value: string | null;
  readonly origin: VariableOrigin;
  readonly line: number;
}

export interface ScriptSection {
  readonly name: string;
  readonly lineStart: number;
  readonly lineEnd: number;
}

export type StatementKind =
  | 'load'
  | 'select'
  | 'store'
  | 'drop'
  | 'rename'
  | 'set'
  | 'let'
  | 'connect'
  | 'disconnect'
  | 'control'
  | 'include'
  | 'qualify'
  | 'section'
  | 'directory'
  | 'other'
  | 'unknown';

export interface ScriptStatement {
  readonly kind: StatementKind;
  /** First keyword(s), e.g. "LOAD", "SQL SELECT", "END IF". */
  readonly keyword: string;
  readonly label: string | null;
  readonly lineStart: number;
  readonly lineEnd: number;
  readonly section: string | null;
  readonly includedFrom: string | null;
}

export interface ScriptCall {
  readonly name: string;
  readonly line: number;
}

export interface ScriptSub {
  readonly name: string;
  readonly parameters: readonly string[];
  readonly lineStart: number;
  readonly lineEnd: number;
}

export type DiagnosticSeverity = 'info' | 'warning';

export interface ScriptDiagnostic {
  readonly line: number;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly includedFrom: string | null;
}

export interface ScriptAnalysis {
  readonly sources: readonly ScriptSource[];
  readonly stores: readonly ScriptStore[];
  readonly tables: readonly ScriptTable[];
  readonly connections: readonly ScriptConnection[];
  readonly variables: readonly ScriptVariable[];
  readonly sections: readonly ScriptSection[];
  readonly statements: readonly ScriptStatement[];
  readonly subs: readonly ScriptSub[];
  readonly calls: readonly ScriptCall[];
  readonly includes: readonly { readonly path: string; readonly isResolved: boolean; readonly line: number }[];
  readonly diagnostics: readonly ScriptDiagnostic[];
  /** Lexer and parser steps; grows linearly with the script (checked by the tests). */
  readonly steps: number;
}

export interface AnalyzeOptions {
  /**
   * Text of an included file, or null when it cannot be read. The analysis stays pure: the
   * caller decides where include files come from.
   */
  readonly includeResolver?: (path: string) => string | null;
  /** Variables known before the script runs (app variables, an environment include). */
  readonly initialVariables?: Readonly<Record<string, string>>;
}
