/**
 * What a crawl hands the catalog, and the check that it is what the demo tenant generated: the
 * crawler tests that compare a crawl with the generator's truth, app by app.
 */
import { expect } from 'vitest';
import { appContent, type TenantModel } from '../../src-main/demo-tenant';
import type { CatalogPort } from '../../src-main/crawl/catalog-port';
import type { AppContent, AppRecord } from '../../src-main/crawl/records';

/** Records what the crawler hands the catalog, per app: its record and its content. */
export function recording(port: CatalogPort): { port: CatalogPort; contents: Map<string, AppContent>; records: Map<string, AppRecord> } {
  const contents = new Map<string, AppContent>();
  const records = new Map<string, AppRecord>();
  return {
    contents,
    records,
    port: {
      ...port,
      beginSnapshot(options) {
        const writer = port.beginSnapshot(options);
        return Object.assign(Object.create(Object.getPrototypeOf(writer) as object) as typeof writer, writer, {
          putApp: (app: Parameters<typeof writer.putApp>[0], content: AppContent) => {
            contents.set(app.id, content);
            records.set(app.id, app);
            return writer.putApp(app, content);
          },
        });
      },
    },
  };
}

function sortById<T extends { id: string }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => a.id.localeCompare(b.id));
}

/** Content with its lists in id order: the engine answers in no particular order. */
export function normalized(c: AppContent) {
  return {
    ...c,
    sheets: sortById(c.sheets),
    objects: sortById(c.objects),
    masterMeasures: sortById(c.masterMeasures),
    masterDimensions: sortById(c.masterDimensions),
    masterVisualizations: sortById(c.masterVisualizations),
    variables: sortById(c.variables),
    bookmarks: sortById(c.bookmarks),
  };
}

/**
 * Every app of the tenant was crawled, and its content is the generator's truth; with `records`,
 * so is its record (owner names included, which come from the users API, not the item).
 */
export function expectCrawledAsGenerated(
  model: TenantModel,
  contents: ReadonlyMap<string, AppContent>,
  records?: ReadonlyMap<string, AppRecord>,
): void {
  for (const app of model.apps) {
    const crawled = contents.get(app.record.id);
    expect(crawled, app.record.name).toBeDefined();
    expect(normalized(crawled as AppContent), app.record.name).toEqual(normalized(appContent(model, app).truth));
    if (records) expect(records.get(app.record.id), app.record.name).toEqual(app.record);
  }
}
