/**
 * Contract entries of the lineage view (`lineage/*`): neighbourhoods, node details, search,
 * paths, impact analysis, manual edges and diagram exports. Implemented in
 * handlers/lineage-handlers.ts over src-main/lineage-view; drawn by src-renderer/screens/lineage.
 */
import { z } from 'zod';
import { lineageNodeKinds, type LineageNodeKind } from '../lineage/graph-model';
import type {
  ImpactResult,
  LineageExportFile,
  ManualEdgeResult,
  NodeDetails,
  NodeSearchHit,
  PathResult,
  ViewGraph,
} from '../lineage-view/view-model';
import { snapshotRefShape } from './catalog-contract';

function returns<T>(): T {
  return undefined as unknown as T;
}

const nodeIdSchema = z.string().min(1).max(2048);
const kindSchema = z.enum(lineageNodeKinds as unknown as [LineageNodeKind, ...LineageNodeKind[]]);
const directionSchema = z.enum(['up', 'down', 'both']);
const levelSchema = z.enum(['table', 'field']);
/** The view stays interactive to about 5,000 nodes; more is refused rather than frozen. */
export const maxViewNodes = 20_000;

const manualEndpointSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('node'), id: nodeIdSchema }).strict(),
  z
    .object({
      type: z.literal('external'),
      label: z.string().trim().min(1, 'is required').max(200),
      /** A category for the outside system: database, report, spreadsheet… */
      kind: z.string().trim().min(1).max(50).default('system'),
    })
    .strict(),
]);

export const lineageExportScopeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('node'),
      node: nodeIdSchema,
      depth: z.number().int().min(1).max(50).default(2),
      direction: directionSchema.default('both'),
    })
    .strict(),
  z.object({ kind: z.literal('snapshot') }).strict(),
]);

export const lineageContract = {
  'lineage/neighbourhood': {
    args: z
      .object({
        ...snapshotRefShape,
        /** Absent: the whole snapshot (up to maxNodes). */
        node: nodeIdSchema.optional(),
        direction: directionSchema.default('both'),
        depth: z.number().int().min(1).max(50).default(2),
        level: levelSchema.default('table'),
        kinds: z.array(kindSchema).max(lineageNodeKinds.length).optional(),
        maxNodes: z.number().int().min(1).max(maxViewNodes).default(1500),
      })
      .strict(),
    result: returns<ViewGraph>(),
    doc: 'Nodes and edges around a node (upstream, downstream or both, to a depth), bounded in size.',
  },
  'lineage/node': {
    args: z.object({ ...snapshotRefShape, node: nodeIdSchema }).strict(),
    result: returns<NodeDetails>(),
    doc: 'One lineage node: kind, app, catalog page, and the edges in and out with their script lines.',
  },
  'lineage/search': {
    args: z
      .object({
        ...snapshotRefShape,
        text: z.string().max(500),
        kinds: z.array(kindSchema).max(lineageNodeKinds.length).optional(),
        limit: z.number().int().min(1).max(200).default(20),
      })
      .strict(),
    result: returns<NodeSearchHit[]>(),
    doc: 'Lineage nodes whose label (or id) contains the text, best matches first.',
  },
  'lineage/path': {
    args: z.object({ ...snapshotRefShape, from: nodeIdSchema, to: nodeIdSchema, level: levelSchema.default('table') }).strict(),
    result: returns<PathResult>(),
    doc: 'The shortest path between two nodes along the data flow (either way round).',
  },
  'lineage/impact': {
    args: z.object({ ...snapshotRefShape, node: nodeIdSchema, maxNodes: z.number().int().min(1).max(maxViewNodes).default(1500) }).strict(),
    result: returns<ImpactResult>(),
    doc: 'Every app, sheet, chart and master item downstream of a source, as rows and as a graph.',
  },
  'lineage/manual-edge-add': {
    args: z
      .object({
        ...snapshotRefShape,
        from: manualEndpointSchema,
        to: manualEndpointSchema,
        note: z.string().max(2000).default(''),
      })
      .strict()
      .refine((a) => a.from.type === 'node' || a.to.type === 'node', 'one end must be a node of the graph'),
    result: returns<ManualEdgeResult>(),
    doc: 'Draws a lineage edge by hand (to a new external node if asked); it survives recrawls.',
  },
  'lineage/manual-edge-remove': {
    args: z.object({ ...snapshotRefShape, id: z.number().int().positive() }).strict(),
    result: returns<{ removed: boolean; removedExternalNodeId: string | null }>(),
    doc: 'Removes a hand-drawn edge, and the external node it created when nothing else uses it.',
  },
  'lineage/export': {
    args: z
      .object({
        ...snapshotRefShape,
        format: z.enum(['json', 'graphml', 'openlineage', 'svg', 'png']),
        scope: lineageExportScopeSchema,
        level: levelSchema.default('table'),
        groupByApp: z.boolean().default(false),
        scale: z.number().min(0.25).max(8).default(2),
        transparent: z.boolean().default(false),
        colorScheme: z.enum(['light', 'dark']).default('light'),
        maxNodes: z.number().int().min(1).max(maxViewNodes).default(5000),
      })
      .strict(),
    result: returns<LineageExportFile>(),
    doc: 'The lineage (of a node or the whole snapshot) as JSON, GraphML, OpenLineage events, SVG or PNG.',
  },
} as const;
