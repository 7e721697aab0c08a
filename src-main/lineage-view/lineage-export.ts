/**
 * `lineage/export` and `qme lineage --export`: the lineage of a node (to a depth) or of a whole
 * snapshot as JSON, GraphML, OpenLineage run events, SVG or PNG. Pictures use the same layout and
 * style table as the screen.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutLineage, type ElkLayouter } from './lineage-layout';
import { type ColorScheme } from './lineage-style';
import { writeGraphml } from './graphml-writer';
import { openLineageEvents, writeOpenLineage } from './openlineage-writer';
import { rasterizeSvg } from './png-writer';
import type { LoadedGraph } from './snapshot-graphs';
import { writeSvg } from './svg-writer';
import { indexedOfView, neighbourhood } from './view-queries';
import { layoutInputOf, pictureOf } from './view-layout';
import type { LineageDirection, LineageExportFile, LineageExportFormat, LineageLevel, ViewGraph } from './view-model';

export type ExportScope =
  | { readonly kind: 'node'; readonly node: string; readonly depth: number; readonly direction: LineageDirection }
  | { readonly kind: 'snapshot' };

export interface ExportRequest {
  readonly format: LineageExportFormat;
  readonly scope: ExportScope;
  readonly level: LineageLevel;
  readonly groupByApp: boolean;
  readonly scale: number;
  readonly transparent: boolean;
  readonly colorScheme: ColorScheme;
  readonly maxNodes: number;
}

export const exportFileTypes: Readonly<Record<LineageExportFormat, { extension: string; mimeType: string }>> = {
  json: { extension: 'json', mimeType: 'application/json' },
  graphml: { extension: 'graphml', mimeType: 'application/graphml+xml' },
  openlineage: { extension: 'jsonl', mimeType: 'application/x-ndjson' },
  svg: { extension: 'svg', mimeType: 'image/svg+xml' },
  png: { extension: 'png', mimeType: 'image/png' },
};

let elk: ElkLayouter | undefined;

export async function exportLineage(loaded: LoadedGraph, request: ExportRequest): Promise<LineageExportFile> {
  const view = neighbourhood(loaded, {
    ...(request.scope.kind === 'node' ? { node: request.scope.node } : {}),
    direction: request.scope.kind === 'node' ? request.scope.direction : 'both',
    depth: request.scope.kind === 'node' ? request.scope.depth : 1,
    level: request.level,
    maxNodes: request.maxNodes,
  });
  const type = exportFileTypes[request.format];
  const base = {
    fileName: `${exportFileStem(loaded, request.scope)}.${type.extension}`,
    mimeType: type.mimeType,
    nodeCount: view.nodes.length,
    edgeCount: view.edges.length,
  };
  switch (request.format) {
    case 'json':
      return { ...base, encoding: 'text', data: JSON.stringify(jsonDocument(loaded, view), null, 2) + '\n', width: null, height: null };
    case 'graphml':
      return { ...base, encoding: 'text', data: writeGraphml(view), width: null, height: null };
    case 'openlineage': {
      const apps = new Set(view.nodes.flatMap((n) => (n.appId !== null ? [n.appId] : [])));
      const scoped = request.scope.kind === 'snapshot' ? undefined : apps;
      const events = openLineageEvents(loaded.fieldLevel, openLineageContext(loaded), scoped);
      return { ...base, encoding: 'text', data: writeOpenLineage(events), width: null, height: null };
    }
    case 'svg': {
      const svg = await svgOf(view, request, 1);
      return { ...base, encoding: 'text', data: svg.svg, width: svg.width, height: svg.height };
    }
    case 'png': {
      const svg = await svgOf(view, request, 1);
      const image = rasterizeSvg(svg.svg, request.scale);
      return { ...base, encoding: 'base64', data: image.png.toString('base64'), width: image.width, height: image.height };
    }
  }
}

function openLineageContext(loaded: LoadedGraph) {
  return {
    tenantUrl: loaded.tenantUrl,
    snapshotId: loaded.snapshotId,
    eventTime: loaded.finishedAt ?? new Date().toISOString(),
    appLabels: loaded.appLabels,
  };
}

async function svgOf(view: ViewGraph, request: ExportRequest, scale: number) {
  elk ??= new ELK();
  // A picture for a slide: a graph far taller than 16:9 is folded to fill one.
  const layout = await layoutLineage({ ...layoutInputOf(view, request.groupByApp), aspectRatio: 16 / 9 }, { elk });
  return writeSvg(pictureOf(view, layout, request.groupByApp), {
    scheme: request.colorScheme,
    isTransparent: request.transparent,
    scale,
    title: view.focus !== null ? `Lineage of ${view.nodes.find((n) => n.id === view.focus)?.label ?? view.focus}` : 'Lineage',
  });
}

function jsonDocument(loaded: LoadedGraph, view: ViewGraph) {
  const graph = indexedOfView(view, loaded);
  return {
    format: 'qme-lineage',
    version: 1,
    snapshotId: loaded.snapshotId,
    connectionId: loaded.connectionId,
    tenantUrl: loaded.tenantUrl,
    focus: view.focus,
    truncated: view.truncated,
    nodes: view.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label, appId: n.appId, app: n.appLabel })),
    edges: graph.graph.edges.map((e) => ({
      from: e.from,
      to: e.to,
      kind: e.kind,
      origin: e.origin,
      evidence: e.evidence,
      ...(e.note !== undefined ? { note: e.note } : {}),
      ...(e.manualEdgeId !== undefined ? { manualEdgeId: Number(e.manualEdgeId) } : {}),
    })),
  };
}

/** "lineage-<node label>" or "lineage-snapshot-<id>", safe as a file name everywhere. */
function exportFileStem(loaded: LoadedGraph, scope: ExportScope): string {
  if (scope.kind === 'snapshot') return `lineage-snapshot-${loaded.snapshotId}`;
  const label = loaded.fieldLevel.nodes.get(scope.node)?.label ?? scope.node;
  const safe = label
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `lineage-${safe || 'node'}`;
}
