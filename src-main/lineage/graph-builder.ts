/**
 * buildLineageGraph: one graph over every crawled app, from three kinds of evidence, merged so an
 * edge exists once: the load script (our parser, most detailed), Qlik's engine lineage, and the
 * data model (tables and fields the engine reports). Cross-app edges appear by themselves because
 * a QVD's node id is its normalised path: the app storing it and the app loading it share it.
 */
import type {
  AppContent,
  AppRecord,
  AutomationRecord,
  DataConnectionRecord,
  ObjectDimension,
  ObjectMeasure,
  SpaceRecord,
} from '../crawl/records';
import { classifyEngineLineage } from './engine-lineage';
import { scanExpression } from './expression-scanner';
import {
  edgeKey,
  nodeId,
  type LineageEdge,
  type LineageEdgeKind,
  type LineageEvidence,
  type LineageGraph,
  type LineageNode,
  type LineageOrigin,
} from './graph-model';
import { connectionOfPath, normalizeConnectionName, normalizeDataPath, normalizeTableName } from './path-normalizer';
import type { ScriptAnalysis, ScriptSource } from './script-analysis';
import { analyzeScript } from './script-analyzer';
import { unquote } from './variable-expander';

export interface LineageInput {
  readonly apps: readonly { readonly app: AppRecord; readonly content: AppContent }[];
  readonly dataConnections: readonly DataConnectionRecord[];
  readonly automations: readonly AutomationRecord[];
  readonly spaces: readonly SpaceRecord[];
}

const MAX_EVIDENCE_STATEMENT = 200;

/** Collects nodes and edges, keeping the first of each and recording confirmations. */
export class GraphAccumulator {
  private readonly nodes = new Map<string, LineageNode>();
  private readonly edges = new Map<string, LineageEdge>();
  private readonly outgoing = new Map<string, string[]>();
  private readonly incoming = new Map<string, string[]>();
  readonly warnings: string[] = [];

  constructor(graph?: LineageGraph) {
    if (!graph) return;
    for (const node of graph.nodes) this.nodes.set(node.id, node);
    for (const edge of graph.edges) this.put(edge);
    this.warnings.push(...graph.warnings);
  }

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  node(node: LineageNode): string {
    const existing = this.nodes.get(node.id);
    if (!existing) this.nodes.set(node.id, node);
    else if (existing.kind === 'app-table' && node.kind === 'app-table' && existing.isTemporary && !node.isTemporary) {
      // The data model saw the table, so it survives the reload whatever the script suggested.
      this.nodes.set(node.id, { ...existing, isTemporary: false });
    }
    return node.id;
  }

  hasEdge(from: string, to: string, kind: LineageEdgeKind): boolean {
    return this.edges.has(edgeKey({ from, to, kind }));
  }

  edge(
    from: string,
    to: string,
    kind: LineageEdgeKind,
    origin: LineageOrigin,
    evidence: LineageEvidence | null = null,
    extra: Partial<FragmentEdge> = {},
  ): void {
    if (from === to) return;
    const key = edgeKey({ from, to, kind });
    const existing = this.edges.get(key);
    if (!existing) {
      this.put({ from, to, kind, origin, confirmedBy: [], evidence, ...extra });
      return;
    }
    if (existing.origin !== origin && !existing.confirmedBy.includes(origin)) {
      this.edges.set(key, { ...existing, confirmedBy: [...existing.confirmedBy, origin], evidence: existing.evidence ?? evidence });
    }
  }

  /** Adds an edge built elsewhere (another app's fragment): its origin and confirmations, in order. */
  merge(edge: LineageEdge): void {
    if (!this.edges.has(edgeKey(edge))) {
      this.put(edge);
      return;
    }
    for (const origin of [edge.origin, ...edge.confirmedBy]) this.edge(edge.from, edge.to, edge.kind, origin, edge.evidence);
  }

  private put(edge: LineageEdge): void {
    const key = edgeKey(edge);
    this.edges.set(key, edge);
    const out = this.outgoing.get(edge.from);
    if (out) out.push(key);
    else this.outgoing.set(edge.from, [key]);
    const into = this.incoming.get(edge.to);
    if (into) into.push(key);
    else this.incoming.set(edge.to, [key]);
  }

  edgesFrom(from: string, kind: LineageEdgeKind): LineageEdge[] {
    return (this.outgoing.get(from) ?? []).map((k) => this.edges.get(k) as LineageEdge).filter((e) => e.kind === kind);
  }

  edgesTo(to: string, kind: LineageEdgeKind): LineageEdge[] {
    return (this.incoming.get(to) ?? []).map((k) => this.edges.get(k) as LineageEdge).filter((e) => e.kind === kind);
  }

  toGraph(): LineageGraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()], warnings: [...this.warnings] };
  }
}

export function buildLineageGraph(input: LineageInput): LineageGraph {
  const tenant = tenantLineage({ ...input, appIds: input.apps.map((a) => a.app.id) });
  return composeLineageGraph(
    tenant,
    input.apps.map(({ app, content }) => appLineageFragment(app, content)),
  );
}

// ---- fragments: one app's part of the graph, computed once per app version ---------------

/**
 * An edge of a fragment. `ifNodeExists`: the edge is kept only when the composed graph has that
 * node (a file path naming a data connection that another app or the tenant defines).
 */
export type FragmentEdge = LineageEdge & { readonly ifNodeExists?: string };

/** What one app contributes to a snapshot's graph, independent of every other app. */
export interface AppLineageFragment {
  readonly appId: string;
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly FragmentEdge[];
  readonly warnings: readonly string[];
}

/** The tenant-level part: data-connection nodes (composed first) and automations (composed last). */
export interface TenantLineage {
  readonly head: readonly LineageNode[];
  readonly tail: { readonly nodes: readonly LineageNode[]; readonly edges: readonly LineageEdge[] };
}

/** Bump when what a fragment holds changes, so stored fragments of the old layout are recomputed. */
export const LINEAGE_FRAGMENT_LAYOUT = 1;

/** The app's nodes and edges from its script, engine lineage, data model, master items and charts. */
export function appLineageFragment(app: AppRecord, content: AppContent): AppLineageFragment {
  const graph = new GraphAccumulator();
  addApp(graph, app, content);
  const { nodes, edges, warnings } = graph.toGraph();
  return { appId: app.id, nodes, edges, warnings };
}

export function tenantLineage(input: Omit<LineageInput, 'apps'> & { readonly appIds: readonly string[] }): TenantLineage {
  const head = new GraphAccumulator();
  const spaceNames = new Map(input.spaces.map((s) => [s.id, s.name]));
  for (const connection of input.dataConnections) {
    const name = normalizeConnectionName(connection.name);
    const space = connection.spaceId !== null ? spaceNames.get(connection.spaceId) : undefined;
    head.node({
      kind: 'data-connection',
      id: nodeId.connection(name),
      label: space !== undefined ? `${space}:${connection.name}` : connection.name,
      appId: null,
      connectionType: connection.type,
    });
  }
  const graph = new GraphAccumulator();
  const appIds = new Set(input.appIds);
  const automationIds = new Set(input.automations.map((a) => a.id));
  for (const automation of input.automations) addAutomation(graph, automation, appIds, automationIds);
  const tail = graph.toGraph();
  return { head: head.toGraph().nodes, tail: { nodes: tail.nodes, edges: tail.edges } };
}

/**
 * tenant head + app fragments in the given order + tenant tail, merged as if built in one pass:
 * the first node and the first edge win, later sources become confirmations. A fragment's
 * conditional edges are kept when any part of the snapshot has their node, so the graph does not
 * depend on the order the apps were crawled in.
 */
export function composeLineageGraph(tenant: TenantLineage, fragments: readonly AppLineageFragment[]): LineageGraph {
  const graph = new GraphAccumulator();
  const present = new Set<string>(tenant.head.map((n) => n.id));
  for (const fragment of fragments) for (const node of fragment.nodes) present.add(node.id);
  for (const node of tenant.head) graph.node(node);
  for (const fragment of fragments) {
    for (const node of fragment.nodes) graph.node(node);
    for (const { ifNodeExists, ...edge } of fragment.edges) {
      if (ifNodeExists === undefined || present.has(ifNodeExists)) graph.merge(edge);
    }
    graph.warnings.push(...fragment.warnings);
  }
  for (const node of tenant.tail.nodes) graph.node(node);
  for (const edge of tenant.tail.edges) graph.merge(edge);
  return graph.toGraph();
}

// ---- one app -------------------------------------------------------------------------------

function addApp(graph: GraphAccumulator, app: AppRecord, content: AppContent): void {
  const appNode = graph.node({ kind: 'app', id: nodeId.app(app.id), label: app.name, appId: app.id });
  let analysis: ScriptAnalysis | null = null;
  if (content.script !== null) {
    analysis = analyzeScript(content.script);
    addScript(graph, app.id, analysis);
  } else {
    graph.warnings.push(
      `App ${app.name} (${app.id}): no script (${content.scriptError?.code ?? 'not readable'}); lineage comes from the engine only.`,
    );
  }
  addEngineLineage(graph, app.id, content);
  addDataModel(graph, app.id, content);

  const knownFields = new Set<string>(content.fields.map((f) => f.name));
  for (const table of analysis?.tables ?? []) for (const field of table.fields) knownFields.add(field.name);
  const masterByName = new Map<string, string>();
  for (const m of content.masterMeasures) {
    const id = graph.node({
      kind: 'master-measure',
      id: nodeId.masterMeasure(app.id, m.id),
      label: m.title || m.label,
      appId: app.id,
      itemId: m.id,
    });
    for (const name of [m.title, m.label]) if (name) masterByName.set(name, id);
  }
  for (const d of content.masterDimensions) {
    const id = graph.node({
      kind: 'master-dimension',
      id: nodeId.masterDimension(app.id, d.id),
      label: d.title,
      appId: app.id,
      itemId: d.id,
    });
    if (d.title) masterByName.set(d.title, id);
  }
  const reader = new ExpressionReader(graph, app.id, knownFields, masterByName);
  for (const m of content.masterMeasures) reader.expression(m.expression, nodeId.masterMeasure(app.id, m.id));
  for (const d of content.masterDimensions) reader.fieldDefs(d.fieldDefs, nodeId.masterDimension(app.id, d.id));
  for (const v of content.masterVisualizations) {
    const id = graph.node({
      kind: 'master-visualization',
      id: nodeId.masterVisualization(app.id, v.id),
      label: v.title,
      appId: app.id,
      itemId: v.id,
    });
    reader.dimensionsAndMeasures(v.dimensions, v.measures, id);
  }
  for (const sheet of content.sheets) {
    const id = graph.node({ kind: 'sheet', id: nodeId.sheet(app.id, sheet.id), label: sheet.title, appId: app.id, sheetId: sheet.id });
    graph.edge(id, appNode, 'contains', 'data-model');
  }
  for (const object of content.objects) {
    const id = graph.node({
      kind: 'chart',
      id: nodeId.chart(app.id, object.id),
      label: object.title || `${object.type} ${object.id}`,
      appId: app.id,
      objectId: object.id,
      chartType: object.type,
    });
    const container = object.parentId !== null ? nodeId.chart(app.id, object.parentId) : nodeId.sheet(app.id, object.sheetId);
    graph.edge(id, container, 'contains', 'data-model');
    if (object.masterVisualizationId !== null) {
      graph.edge(nodeId.masterVisualization(app.id, object.masterVisualizationId), id, 'uses', 'data-model');
    }
    reader.dimensionsAndMeasures(object.dimensions, object.measures, id);
  }
}

/** Adds the edges an expression implies: field → item, master item → item. */
class ExpressionReader {
  constructor(
    private readonly graph: GraphAccumulator,
    private readonly appId: string,
    private readonly knownFields: ReadonlySet<string>,
    private readonly masterByName: ReadonlyMap<string, string>,
  ) {}

  expression(text: string, target: string): void {
    if (text.trim() === '') return;
    const scan = scanExpression(text, {
      knownFields: this.knownFields.size > 0 ? this.knownFields : undefined,
      masterItems: this.masterByName.keys(),
    });
    for (const field of scan.fields) this.useField(field, target);
    for (const name of scan.masterItems) {
      const master = this.masterByName.get(name);
      if (master !== undefined) this.graph.edge(master, target, 'uses', 'data-model');
    }
  }

  fieldDefs(defs: readonly string[], target: string): void {
    for (const def of defs) {
      if (def.trim().startsWith('=')) this.expression(def, target);
      else if (def.trim() !== '') this.useField(unquote(def.trim()), target);
    }
  }

  dimensionsAndMeasures(dimensions: readonly ObjectDimension[], measures: readonly ObjectMeasure[], target: string): void {
    for (const d of dimensions) {
      if (d.libraryId !== null) this.graph.edge(nodeId.masterDimension(this.appId, d.libraryId), target, 'uses', 'data-model');
      this.fieldDefs(d.fieldDefs, target);
    }
    for (const m of measures) {
      if (m.libraryId !== null) this.graph.edge(nodeId.masterMeasure(this.appId, m.libraryId), target, 'uses', 'data-model');
      this.expression(m.expression, target);
    }
  }

  private useField(field: string, target: string): void {
    const id = this.graph.node({ kind: 'field', id: nodeId.field(this.appId, field), label: field, appId: this.appId, field });
    this.graph.edge(id, target, 'uses', 'data-model');
  }
}

// ---- script --------------------------------------------------------------------------------

function evidenceOf(appId: string, lineStart: number, lineEnd: number, statement?: string): LineageEvidence {
  const short =
    statement === undefined
      ? undefined
      : statement.length > MAX_EVIDENCE_STATEMENT
        ? `${statement.slice(0, MAX_EVIDENCE_STATEMENT)}…`
        : statement;
  return short === undefined ? { appId, lineStart, lineEnd } : { appId, lineStart, lineEnd, statement: short };
}

/** Node ids a script source reads from (a SQL statement may read several tables). */
function sourceNodes(graph: GraphAccumulator, appId: string, source: ScriptSource): string[] {
  switch (source.kind) {
    case 'qvd':
    case 'file': {
      const path = normalizeDataPath(source.path ?? source.written, { directory: source.directory });
      const id = source.kind === 'qvd' ? nodeId.qvd(path) : nodeId.file(path);
      graph.node({ kind: source.kind, id, label: source.path ?? source.written, appId: null, path });
      linkConnection(graph, source.path ?? '', id);
      return [id];
    }
    case 'rest': {
      const endpoint = source.connection ?? source.path ?? source.written;
      const id = nodeId.rest(normalizeConnectionName(endpoint));
      graph.node({ kind: 'rest-endpoint', id, label: endpoint, appId: null, endpoint });
      return [id];
    }
    case 'db': {
      const connection = source.connection === null ? null : normalizeConnectionName(source.connection);
      return source.tables.map((table) => {
        const id = nodeId.dbTable(connection, normalizeTableName(table));
        graph.node({ kind: 'db-table', id, label: unquoteParts(table), appId: null, connection, table: normalizeTableName(table) });
        if (connection !== null) {
          graph.node({
            kind: 'data-connection',
            id: nodeId.connection(connection),
            label: source.connection ?? connection,
            appId: null,
            connectionType: null,
          });
          graph.edge(nodeId.connection(connection), id, 'connects', 'script');
        }
        return id;
      });
    }
    case 'inline': {
      const id = nodeId.inline(appId, source.line);
      graph.node({ kind: 'inline', id, label: `INLINE (line ${source.line})`, appId });
      return [id];
    }
    case 'resident':
      return source.table === null ? [] : [nodeId.table(appId, source.table)];
    case 'autogenerate':
      return [];
  }
}

function unquoteParts(table: string): string {
  return table
    .split('.')
    .map((p) => unquote(p))
    .join('.');
}

function linkConnection(graph: GraphAccumulator, path: string, target: string): void {
  const connection = connectionOfPath(path);
  if (connection === null) return;
  const id = nodeId.connection(connection);
  // Whether the connection exists can depend on other apps: decided when fragments are composed.
  graph.edge(id, target, 'connects', 'script', null, { ifNodeExists: id });
}

function addScript(graph: GraphAccumulator, appId: string, analysis: ScriptAnalysis): void {
  const appNode = nodeId.app(appId);
  for (const table of analysis.tables) {
    const id = graph.node({
      kind: 'app-table',
      id: nodeId.table(appId, table.name),
      label: table.name,
      appId,
      table: table.name,
      isTemporary: table.isMapping || table.droppedAtLine !== null,
    });
    // Temporary tables too: the app's reload depends on them, so a change upstream affects the app.
    graph.edge(id, appNode, 'contains', 'script');
    for (const field of table.fields) {
      const fieldId = graph.node({ kind: 'field', id: nodeId.field(appId, field.name), label: field.name, appId, field: field.name });
      const first = field.derivations[0];
      graph.edge(id, fieldId, 'loads', 'script', first ? evidenceOf(appId, first.line, first.line, first.expression) : null);
      for (const derivation of field.derivations) {
        for (const from of derivation.fromFields) {
          if (from === field.name) continue;
          const fromId = graph.node({ kind: 'field', id: nodeId.field(appId, from), label: from, appId, field: from });
          graph.edge(fromId, fieldId, 'derives', 'script', evidenceOf(appId, derivation.line, derivation.line, derivation.expression));
        }
      }
    }
  }
  analysis.sources.forEach((source) => {
    const target = nodeId.table(appId, source.targetTable);
    const evidence = evidenceOf(appId, source.line, source.lineEnd, `${source.kind} ${source.written}`.trim());
    for (const from of sourceNodes(graph, appId, source)) {
      graph.edge(from, target, source.kind === 'resident' ? 'derives' : 'reads', 'script', evidence);
    }
  });
  for (const store of analysis.stores) {
    const path = normalizeDataPath(store.path, { directory: store.directory });
    const id = store.kind === 'qvd' ? nodeId.qvd(path) : nodeId.file(path);
    graph.node({ kind: store.kind, id, label: store.path, appId: null, path });
    linkConnection(graph, store.path, id);
    graph.edge(
      nodeId.table(appId, store.table),
      id,
      'stores',
      'script',
      evidenceOf(appId, store.line, store.lineEnd, `STORE ${store.table} INTO ${store.written}`),
    );
  }
}

// ---- engine lineage and data model ---------------------------------------------------------

function addEngineLineage(graph: GraphAccumulator, appId: string, content: AppContent): void {
  for (const record of content.engineLineage) {
    const entry = classifyEngineLineage(record.discriminator, record.statement);
    const evidence = record.statement
      ? { appId, lineStart: 0, lineEnd: 0, statement: record.statement.slice(0, MAX_EVIDENCE_STATEMENT) }
      : null;
    switch (entry.kind) {
      case 'store':
      case 'file': {
        const path = normalizeDataPath(entry.path);
        const isQvd = /\.qvd$/i.test(path);
        const id = isQvd ? nodeId.qvd(path) : nodeId.file(path);
        graph.node({ kind: isQvd ? 'qvd' : 'file', id, label: entry.path, appId: null, path });
        linkConnection(graph, entry.path, id);
        if (entry.kind === 'store') confirmOrAdd(graph, appId, id, 'stores', 'from-app', evidence);
        else confirmOrAdd(graph, appId, id, 'reads', 'to-app', evidence);
        break;
      }
      case 'db': {
        const connection = normalizeConnectionName(entry.connection);
        graph.node({
          kind: 'data-connection',
          id: nodeId.connection(connection),
          label: entry.connection,
          appId: null,
          connectionType: null,
        });
        if (entry.tables.length === 0) {
          confirmOrAdd(graph, appId, nodeId.connection(connection), 'reads', 'to-app', evidence);
          break;
        }
        for (const table of entry.tables) {
          const id = nodeId.dbTable(connection, normalizeTableName(table));
          graph.node({ kind: 'db-table', id, label: unquoteParts(table), appId: null, connection, table: normalizeTableName(table) });
          graph.edge(nodeId.connection(connection), id, 'connects', 'engine');
          confirmOrAdd(graph, appId, id, 'reads', 'to-app', evidence);
        }
        break;
      }
      case 'resident':
      case 'inline':
      case 'autogenerate':
      case 'unknown':
        // Internal to the app: the script (or data model) already tells more.
        break;
    }
  }
}

/**
 * The engine names the file but not the app table. When the script already links the file to a
 * table of this app, that edge is confirmed; otherwise the engine's word links file and app.
 */
function confirmOrAdd(
  graph: GraphAccumulator,
  appId: string,
  dataNode: string,
  kind: 'reads' | 'stores',
  direction: 'to-app' | 'from-app',
  evidence: LineageEvidence | null,
): void {
  const tablePrefix = `table:${appId}:`;
  if (direction === 'to-app') {
    const scriptEdges = graph.edgesFrom(dataNode, kind).filter((e) => e.to.startsWith(tablePrefix));
    if (scriptEdges.length > 0) {
      for (const e of scriptEdges) graph.edge(e.from, e.to, e.kind, 'engine', evidence);
      return;
    }
    graph.edge(dataNode, nodeId.app(appId), kind, 'engine', evidence);
    return;
  }
  const storing = scriptStoresInto(graph, appId, dataNode);
  if (storing.length > 0) {
    for (const from of storing) graph.edge(from, dataNode, kind, 'engine', evidence);
    return;
  }
  graph.edge(nodeId.app(appId), dataNode, kind, 'engine', evidence);
}

function scriptStoresInto(graph: GraphAccumulator, appId: string, dataNode: string): string[] {
  return graph
    .edgesTo(dataNode, 'stores')
    .filter((e) => e.from.startsWith(`table:${appId}:`))
    .map((e) => e.from);
}

function addDataModel(graph: GraphAccumulator, appId: string, content: AppContent): void {
  const appNode = nodeId.app(appId);
  for (const table of content.tables) {
    const id = graph.node({
      kind: 'app-table',
      id: nodeId.table(appId, table.name),
      label: table.name,
      appId,
      table: table.name,
      isTemporary: false,
    });
    graph.edge(id, appNode, 'contains', 'data-model');
  }
  for (const field of content.fields) {
    if (field.isSystem) continue;
    const fieldId = graph.node({ kind: 'field', id: nodeId.field(appId, field.name), label: field.name, appId, field: field.name });
    for (const table of field.tables) graph.edge(nodeId.table(appId, table), fieldId, 'loads', 'data-model');
  }
}

// ---- automations ---------------------------------------------------------------------------

const MAX_DEFINITION_DEPTH = 40;

function addAutomation(
  graph: GraphAccumulator,
  automation: AutomationRecord,
  appIds: ReadonlySet<string>,
  automationIds: ReadonlySet<string>,
): void {
  const id = graph.node({
    kind: 'automation',
    id: nodeId.automation(automation.id),
    label: automation.name,
    appId: null,
    automationId: automation.id,
  });
  const found = new Set<string>();
  collectIds(automation.definition, appIds, found, 0);
  for (const appId of found) graph.edge(id, nodeId.app(appId), 'reloads', 'data-model');
  // A block naming another automation (Run Automation / Call Automation) chains them.
  const called = new Set<string>();
  collectIds(automation.definition, automationIds, called, 0);
  called.delete(automation.id);
  for (const other of called) graph.edge(id, nodeId.automation(other), 'triggers', 'data-model');
}

/** Any string in the definition that is one of `ids` (crawled apps, or automations): the automation acts on it. */
function collectIds(value: unknown, appIds: ReadonlySet<string>, found: Set<string>, depth: number): void {
  if (depth > MAX_DEFINITION_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (appIds.has(value)) found.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, appIds, found, depth + 1);
    return;
  }
  if (typeof value === 'object') for (const item of Object.values(value)) collectIds(item, appIds, found, depth + 1);
}
