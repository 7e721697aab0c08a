/**
 * Binds a src-main/catalog Catalog to the crawler's CatalogPort: snapshot writes, the previous
 * snapshot's app states, and which apps failed last time (so a delta crawl retries them).
 */
import type { Catalog } from '../catalog';
import type { CatalogPort } from './catalog-port';

export function catalogPort(catalog: Catalog): CatalogPort {
  return {
    beginSnapshot: (options) => catalog.beginSnapshot(options),
    previousAppStates: (connectionId) => catalog.previousAppStates(connectionId),
    previouslyFailedAppIds(connectionId) {
      const snapshotId = catalog.latestCompleteSnapshotId(connectionId);
      if (snapshotId === null) return new Set<string>();
      return new Set(catalog.crawlErrors(snapshotId).map((e) => e.appId));
    },
    appVersionContent(versionId) {
      const stored = catalog.appVersionContent(versionId);
      return stored ? { app: stored.record, content: stored.content } : null;
    },
    previousAppContents(connectionId, appIds) {
      if (appIds.size === 0 || catalog.latestCompleteSnapshotId(connectionId) === null) return [];
      return catalog
        .snapshotContent({ connectionId })
        .apps.filter((a) => appIds.has(a.record.id))
        .map(({ record, ...content }) => ({ app: record, content }));
    },
  };
}
