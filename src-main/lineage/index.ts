/** The lineage engine's public surface: pure functions over script text and crawl records. */
export { analyzeScript } from './script-analyzer';
export type * from './script-analysis';
export { scanExpression, type ExpressionScan, type ExpressionScanOptions } from './expression-scanner';
export {
  buildLineageGraph,
  appLineageFragment,
  tenantLineage,
  composeLineageGraph,
  LINEAGE_FRAGMENT_LAYOUT,
  type LineageInput,
  type AppLineageFragment,
  type FragmentEdge,
  type TenantLineage,
} from './graph-builder';
export * from './graph-model';
export { applyManualEdges, type ManualEdge, type ExternalNode } from './manual-edges';
export { upstreamOf, downstreamOf, pathBetween, impactOf, unusedFields, type ImpactSet, type Neighbourhood } from './graph-queries';
export { toExportJson, type ExportedLineage, type ExportedLineageEdge, type ExportedLineageNode } from './graph-export';
export { normalizeDataPath, normalizeConnectionName, normalizeTableName } from './path-normalizer';
export { classifyEngineLineage, type EngineLineageEntry } from './engine-lineage';
