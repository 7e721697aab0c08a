/** `qme lineage`: the analysis of one load script, or upstream/downstream queries on a catalog. */
import { readFileSync, writeFileSync } from 'node:fs';
import { openCatalog } from '../../catalog';
import { analyzeScript } from '../../lineage/script-analyzer';
import type { ScriptAnalysis } from '../../lineage/script-analysis';
import { applyManualEdges } from '../../lineage/manual-edges';
import { fromStoredGraph } from '../../lineage/graph-export';
import { downstreamOf, upstreamOf, type Neighbourhood } from '../../lineage/graph-queries';
import { exportLineage } from '../../lineage-view/lineage-export';
import { SnapshotGraphs } from '../../lineage-view/snapshot-graphs';
import type { LineageExportFormat } from '../../lineage-view/view-model';
import { UsageError, type CliCommand, type CliIo, parseFlags } from '../command';
import { defaultUserDataDir } from '../../user-data';
import { join } from 'node:path';

const usage = `Usage: qme lineage --script FILE [--format json|text]
       qme lineage [--db FILE] --node ID --upstream|--downstream [--depth N] [--format json|text]
       qme lineage [--db FILE] [--node ID --depth N] --export png|svg|json|graphml|openlineage --out FILE

--db defaults to the app's catalog (catalog.sqlite in the user data folder); a snapshot file works too.

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
  --format FORMAT      json or text (default: text on a terminal, json otherwise)

--export writes the lineage of --node (to --depth, default 2; upstream and downstream unless one is
given) or, without --node, of the whole snapshot, as a picture (png, svg: same layout and colours
as the app) or data (json, graphml, openlineage = JSON lines of OpenLineage run events).
  --export FORMAT      png, svg, json, graphml or openlineage
  --out FILE           where to write it
  --scale N            png only: 1 = screen size, 2 = slides (default), up to 8
  --transparent        png/svg: no background
  --dark               png/svg: dark colours
  --fields             field level (default: tables, fields folded into them)
  --group-by-app       png/svg: draw a box around each app's nodes`;

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

const exportFormats: readonly LineageExportFormat[] = ['png', 'svg', 'json', 'graphml', 'openlineage'];

function parseExportFormat(value: string): LineageExportFormat {
  const format = exportFormats.find((f) => f === value);
  if (!format) throw new UsageError(`--export must be one of ${exportFormats.join(', ')}, not "${value}".`);
  return format;
}

function parseScale(value: string | undefined): number {
  if (value === undefined) return 2;
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale < 0.25 || scale > 8)
    throw new UsageError(`--scale must be a number from 0.25 to 8, not "${value}".`);
  return scale;
}

interface ExportOptions {
  readonly format: LineageExportFormat;
  readonly out: string;
  readonly node: string | undefined;
  readonly depth: number;
  readonly direction: 'up' | 'down' | 'both';
  readonly scale: number;
  readonly isTransparent: boolean;
  readonly isDark: boolean;
  readonly isFieldLevel: boolean;
  readonly groupByApp: boolean;
}

async function runExport(file: string, options: ExportOptions, io: CliIo): Promise<number> {
  const catalog = openCatalog(file, { readonly: true });
  try {
    const loaded = new SnapshotGraphs(() => catalog).get({});
    if (options.node !== undefined && !loaded.fieldLevel.nodes.has(options.node)) {
      io.stderr(`qme lineage: no node "${options.node}" in the latest snapshot of ${file}.\n`);
      return 1;
    }
    const result = await exportLineage(loaded, {
      format: options.format,
      scope:
        options.node !== undefined
          ? { kind: 'node', node: options.node, depth: options.depth, direction: options.direction }
          : { kind: 'snapshot' },
      level: options.isFieldLevel ? 'field' : 'table',
      groupByApp: options.groupByApp,
      scale: options.scale,
      transparent: options.isTransparent,
      colorScheme: options.isDark ? 'dark' : 'light',
      maxNodes: 20_000,
    });
    writeFileSync(options.out, result.encoding === 'base64' ? Buffer.from(result.data, 'base64') : result.data);
    const size = result.width !== null ? `, ${result.width}×${result.height} px` : '';
    io.stderr(`Wrote ${options.out}: ${result.nodeCount} nodes, ${result.edgeCount} edges${size}.\n`);
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
    const values = parseFlags(argv, {
      script: { type: 'string' },
      db: { type: 'string' },
      node: { type: 'string' },
      upstream: { type: 'boolean' },
      downstream: { type: 'boolean' },
      depth: { type: 'string' },
      format: { type: 'string' },
      export: { type: 'string' },
      out: { type: 'string' },
      scale: { type: 'string' },
      transparent: { type: 'boolean' },
      dark: { type: 'boolean' },
      fields: { type: 'boolean' },
      'group-by-app': { type: 'boolean' },
    });
    const format = parseFormat(values.format, io);
    if (values.script !== undefined && values.db !== undefined) throw new UsageError('give either --script or --db, not both.');
    if (values.script !== undefined) return runScript(values.script, format, io);
    if (values.db === undefined && values.export === undefined && values.node === undefined)
      throw new UsageError('--script FILE, --export FORMAT or --node ID is required.');
    // Like `qme export` and `qme diff`: the app's own catalog unless --db names another file.
    const db = values.db ?? join(defaultUserDataDir(io.env), 'catalog.sqlite');
    if (values.export !== undefined) {
      if (values.out === undefined) throw new UsageError('--export needs --out FILE.');
      if (values.upstream === true && values.downstream === true) throw new UsageError('give at most one of --upstream or --downstream.');
      return runExport(
        db,
        {
          format: parseExportFormat(values.export),
          out: values.out,
          node: values.node,
          depth: values.depth === undefined ? 2 : Math.min(parseDepth(values.depth), 50),
          direction: values.upstream === true ? 'up' : values.downstream === true ? 'down' : 'both',
          scale: parseScale(values.scale),
          isTransparent: values.transparent === true,
          isDark: values.dark === true,
          isFieldLevel: values.fields === true,
          groupByApp: values['group-by-app'] === true,
        },
        io,
      );
    }
    if (values.node === undefined) throw new UsageError('--db needs --node ID.');
    if (values.upstream === values.downstream) throw new UsageError('--node needs exactly one of --upstream or --downstream.');
    return runQuery(db, values.node, values.upstream === true ? 'upstream' : 'downstream', parseDepth(values.depth), format, io);
  },
};
