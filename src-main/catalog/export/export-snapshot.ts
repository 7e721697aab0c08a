/** Export of a whole snapshot as JSON or XML (see docs/export-format.md). */
import type { Catalog } from '../catalog';
import { buildExportDocument } from './build-export';
import type { ExportDocument } from './export-model';
import { toXml } from './xml-writer';

export type ExportFormat = 'json' | 'xml';

export interface ExportOptions {
  readonly format: ExportFormat;
  /** Default: the latest complete snapshot (of connectionId when given). */
  readonly snapshotId?: number;
  readonly connectionId?: string;
  readonly now?: () => Date;
}

export function exportDocument(catalog: Catalog, options: Omit<ExportOptions, 'format'> = {}): ExportDocument {
  const ref = {
    ...(options.snapshotId !== undefined ? { snapshotId: options.snapshotId } : {}),
    ...(options.connectionId !== undefined ? { connectionId: options.connectionId } : {}),
  };
  return buildExportDocument(catalog.snapshotContent(ref), (options.now ?? (() => new Date()))());
}

/** The snapshot as export text in the chosen format. */
export function exportSnapshot(catalog: Catalog, options: ExportOptions): string {
  const document = exportDocument(catalog, options);
  switch (options.format) {
    case 'json':
      return JSON.stringify(document, null, 2) + '\n';
    case 'xml':
      return toXml('catalog', document as unknown as Record<string, unknown>);
  }
}
