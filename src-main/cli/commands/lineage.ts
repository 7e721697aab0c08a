/** `qme lineage`: the analysis of one load script, or upstream/downstream queries on a catalog. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openCatalog } from '../../catalog';
import { analyzeScript } from '../../lineage/script-analyzer';
import type { ScriptAnalysis } from '../../lineage/script-analysis';
import { applyManualEdges } from '../../lineage/manual-edges';
import { fromStoredGraph } from '../../lineage/graph-export';
import { downstreamOf, upstreamOf, type Neighbourhood } from '../../lineage/graph-queries';
import { UsageError, type CliCommand, type CliIo } from '../command';

const usage = `Usage: qme lineage --script FILE [--format json|text]
       qme lineage --db FILE --node ID --upstream|--downstream [--depth N] [--format json|text]

--script prints what a load script reads and writes: sources (qvd, file, db, rest, inline,
resident, autogenerate), stores, tables with their fields, connections, variables, sections and
diagnostics. Nothing is executed; include files are not followed from the command line.

--db answers a graph query on a catalog (latest complete snapshot, manual lineage included).
Node ids look like qvd:lib://datafiles/orders.qvd or table:<appId>:Orders (docs/lineage.md).

Options:
  --script FILE        the load script to analyse (.qvs or any text file)
  --db FILE            catalog file
  --node ID            node id to start from
  --upstream           what feeds the node
  --downstream         what the node feeds
  --depth N            steps to follow (default: all)
  --format FORMAT      json or text (default: text on a terminal, json otherwise)`;

type Format = 'json' | 'text';

function parseFormat(value: string | undefined, io: CliIo): Format {
  if (value === undefined) return io.isTty ? 'text' : 'json';
  if (value === 'json' || value === 'text') return value;
  throw new UsageError(`--format must be json or text, not "${value}".`);
}

function parseDepth(value: string | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--depth must be a whole number of at least 1, not "${value}".`);
  return Number(value);
}

export function scriptAnalysisText(file: string, analysis: ScriptAnalysis): string {
  const lines: string[] = [`Script ${file}`];
  const section = (title: string, items: string[]): void => {
    lines.push('', `${title} (${items.length})`);
    for (const item of items) lines.push(`  ${item}`);
  };
  section(
    'Sources',
    analysis.sources.map((s) => {
      const what = s.kind === 'db' || s.kind === 'rest' ? s.tables.join(', ') || s.written : (s.path ?? s.table ?? s.written);
      const via = s.connection !== null ? ` via ${s.connection}` : '';
      return `line ${s.line}: ${s.kind} ${what}${via} → ${s.targetTable}`;
    }),
  );
  section(
    'Stores',
    analysis.stores.map((s) => `line ${s.line}: ${s.table} → ${s.path} (${s.kind})`),
  );
  section(
    'Tables',
    analysis.tables.map((t) => {
      const flags = [
        t.isMapping ? 'mapping' : '',
        t.droppedAtLine !== null ? `dropped at line ${t.droppedAtLine}` : '',
        t.isSectionAccess ? 'section access' : '',
      ]
        .filter((f) => f !== '')
        .join(', ');
      const fields = t.fields.map((f) => f.name).join(', ') + (t.hasWildcard ? (t.fields.length > 0 ? ', *' : '*') : '');
      return `${t.name}${flags ? ` [${flags}]` : ''}: ${fields}`;
    }),
  );
  section(
    'Connections',
    analysis.connections.map((c) => `line ${c.line}: ${c.kind} ${c.name}`),
  );
  section(
    'Diagnostics',
    analysis.diagnostics.map((d) => `line ${d.line}: ${d.severity}: ${d.message}`),
  );
  return lines.join('\n') + '\n';
}

function neighbourhoodText(nodeIdText: string, direction: string, result: Neighbourhood): string {
  const lines = [`${direction} of ${nodeIdText}: ${result.nodes.length} node(s)`];
  for (const node of result.nodes) lines.push(`  ${node.kind.padEnd(20)} ${node.id}  (${node.label})`);
  return lines.join('\n') + '\n';
}

function runScript(file: string, format: Format, io: CliIo): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --script ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const analysis = analyzeScript(text);
  if (format === 'json') {
    const { sources, stores, tables, connections, variables, sections, diagnostics } = analysis;
    io.stdout(JSON.stringify({ sources, stores, tables, connections, variables, sections, diagnostics }, null, 2) + '\n');
  } else io.stdout(scriptAnalysisText(file, analysis));
  return 0;
}

function runQuery(file: string, node: string, direction: 'upstream' | 'downstream', depth: number, format: Format, io: CliIo): number {
  const catalog = openCatalog(file, { readonly: true });
  try {
    const stored = catalog.lineage();
    const graph = applyManualEdges(
      fromStoredGraph(stored.nodes, stored.edges),
      stored.manualEdges.map((e) => ({ id: String(e.id), from: e.from, to: e.to, note: e.note, createdAt: e.createdAt, kind: e.kind })),
      stored.externalNodes.map((n) => ({ id: n.id, label: n.label, kind: 'external' as const, note: n.note })),
    );
    if (!graph.nodes.some((n) => n.id === node)) {
      io.stderr(`qme lineage: no node "${node}" in the latest snapshot of ${file}.\n`);
      return 1;
    }
    const result = direction === 'upstream' ? upstreamOf(graph, node, depth) : downstreamOf(graph, node, depth);
    if (format === 'json') {
      const nodes = result.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label, ...(n.appId !== null ? { appId: n.appId } : {}) }));
      const edges = result.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, origin: e.origin, evidence: e.evidence }));
      io.stdout(JSON.stringify({ node, direction, nodes, edges }, null, 2) + '\n');
    } else io.stdout(neighbourhoodText(node, direction, result));
    return 0;
  } finally {
    catalog.close();
  }
}

export const lineageCommand: CliCommand = {
  name: 'lineage',
  summary: 'Analyse a load script, or follow lineage in a catalog',
  usage,
  async run(argv, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          script: { type: 'string' },
          db: { type: 'string' },
          node: { type: 'string' },
          upstream: { type: 'boolean' },
          downstream: { type: 'boolean' },
          depth: { type: 'string' },
          format: { type: 'string' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const format = parseFormat(values.format, io);
    if (values.script !== undefined && values.db !== undefined) throw new UsageError('give either --script or --db, not both.');
    if (values.script !== undefined) return runScript(values.script, format, io);
    if (values.db === undefined) throw new UsageError('--script FILE or --db FILE is required.');
    if (values.node === undefined) throw new UsageError('--db needs --node ID.');
    if (values.upstream === values.downstream) throw new UsageError('--db needs exactly one of --upstream or --downstream.');
    return runQuery(values.db, values.node, values.upstream === true ? 'upstream' : 'downstream', parseDepth(values.depth), format, io);
  },
};
