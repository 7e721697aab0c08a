/** The catalog's public surface: open a catalog, write snapshots, browse, search, export. */
export { openCatalog, Catalog, CATALOG_APPLICATION_ID, type OpenCatalogOptions } from './catalog';
export { SnapshotWriter, type BeginSnapshotOptions, type FailureOutcome } from './snapshot-writer';
export type { StoredVersion } from './app-version-store';
export type { RetentionPolicy, PruneResult } from './retention';
export { DEFAULT_RETENTION_DAYS } from './retention';
export type { NewManualEdge, NewExternalNode } from './lineage-store';
export type { NewAnnotation, AnnotationFilter } from './annotations';
export type * from './catalog-types';
export type * from './lineage-graph';
export type { UnusedFields, AppConnectionUse, AppDataConnections, ConnectionAccess } from './explorer-queries';
export { exportSnapshot, exportDocument, type ExportFormat, type ExportOptions } from './export/export-snapshot';
export { buildExportDocument } from './export/build-export';
export { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument } from './export/export-model';
export {
  writeSnapshotFile,
  probeSnapshotFile,
  SNAPSHOT_FILE_FORMAT,
  SNAPSHOT_FILE_VERSION,
  type SnapshotFileInfo,
  type SnapshotFileProbe,
} from './snapshot-file';
