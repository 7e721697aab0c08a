/**
 * The small typed surface of enigma.js 2.15.0 the crawler uses (enigma ships no usable types for
 * the generated QIX API). Method names are enigma's camelCase of the schema's PascalCase.
 */

export interface EnigmaEventSource {
  on(event: string, listener: (...args: unknown[]) => void): void;
}

export interface EnigmaSession extends EnigmaEventSource {
  open(): Promise<unknown>;
  close(code?: number, reason?: string): Promise<void>;
  /**
   * The API object for a handle, created from the schema if the session has none yet (enigma uses
   * it for every qReturn; marked private in its docs). The speculative OpenDoc needs the Doc before
   * the engine has answered.
   */
  getObjectApi?(args: { handle: number; id: string; type: string; genericType?: string }): unknown;
}

export interface EnigmaConfig {
  schema: object;
  url: string;
  createSocket: (url: string) => unknown;
  suspendOnClose?: boolean;
  protocol?: { delta?: boolean };
}

export interface EnigmaModule {
  create(config: EnigmaConfig): EnigmaSession;
}

export interface QixGlobal {
  openDoc(qDocName: string, qUserName?: string, qPassword?: string, qSerial?: string, qNoData?: boolean): Promise<QixDoc>;
}

/** Options of Doc.GetObjects (qlik-protocol.md §1.7). */
export interface QixObjectsOptions {
  qTypes: string[];
  qIncludeSessionObjects?: boolean;
  qData?: Record<string, string>;
}

export interface QixNxInfo {
  qId: string;
  qType: string;
}

export interface QixContainerEntry {
  qInfo: QixNxInfo;
  qMeta?: Record<string, unknown>;
  qData?: Record<string, unknown>;
}

export interface QixDoc {
  readonly id: string;
  readonly handle: number;
  getAppLayout(): Promise<Record<string, unknown>>;
  getScript(): Promise<string>;
  getLineage(): Promise<Array<{ qDiscriminator?: string; qStatement?: string }>>;
  getTablesAndKeys(
    qWindowSize: { qcx: number; qcy: number },
    qNullSize: { qcx: number; qcy: number },
    qCellHeight: number,
    qSyntheticMode: boolean,
    qIncludeSysVars: boolean,
  ): Promise<{ qtr?: unknown[]; qk?: unknown[] }>;
  getObjects(qOptions: QixObjectsOptions): Promise<QixContainerEntry[]>;
  getObject(qId: string): Promise<QixGenericObject>;
  createSessionObject(qProp: Record<string, unknown>): Promise<QixGenericObject>;
  getVariables(qListDef: Record<string, unknown>): Promise<unknown[]>;
  getBookmarks(qOptions: Record<string, unknown>): Promise<unknown[]>;
}

export interface QixGenericObject {
  readonly id: string;
  readonly genericType: string;
  getLayout(): Promise<Record<string, unknown>>;
  getProperties(): Promise<Record<string, unknown>>;
  getChildInfos(): Promise<QixNxInfo[]>;
  getChild(qId: string): Promise<QixGenericObject>;
}
