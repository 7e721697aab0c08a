/**
 * Broken references: unit cases of the pure check, then the demo tenant, whose revision 1 has none
 * and whose revision 2 drops the RegionOwners table while charts, a master dimension and nothing
 * else keep naming RegionOwner.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportSnapshot, openCatalog, type Catalog } from '../../../src-main/catalog';
import {
  brokenReferencesOfContent,
  findBrokenReferences,
  plainFieldName,
  type ReferenceSources,
} from '../../../src-main/catalog/broken-references';
import { appContent, defaultDemoSeed, generateTenant, setDemoRevision } from '../../../src-main/demo-tenant';
import { beginCrawl, openTempCatalog } from './catalog-test-kit';
import { validate } from './json-schema-lite';

const exportSchema = JSON.parse(readFileSync(join(__dirname, '../../../docs/export-schema.json'), 'utf8')) as Record<string, unknown>;

const open: Catalog[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

const chart = (id: string, dimensions: ReferenceSources['objects'][number]['dimensions'], extra = {}) => ({
  id,
  title: `Chart ${id}`,
  type: 'barchart',
  sheetId: 'sh-1',
  dimensions,
  measures: [],
  masterVisualizationId: null,
  ...extra,
});

const base: ReferenceSources = {
  objects: [],
  masterDimensions: [{ id: 'md-region', title: 'Region', fieldDefs: ['Region'] }],
  masterMeasures: [{ id: 'mm-sales', title: 'Sales' }],
  masterVisualizations: [],
  bookmarks: [],
  fields: ['Region', 'Amount', 'OrderDate', 'Order Date'],
  sheetTitles: new Map([['sh-1', 'Overview']]),
};

describe('plainFieldName', () => {
  it('unquotes bare names and refuses expressions and expansions', () => {
    expect(['Region', '[Order Date]', '"Order Date"', '`Order Date`', 'Sales.Amount'].map(plainFieldName)).toEqual([
      'Region',
      'Order Date',
      'Order Date',
      'Order Date',
      'Sales.Amount',
    ]);
    expect(['=Year(OrderDate)', '$(vDim)', 'Upper(Region)', "If(Region='N', 1)", 'A & B', ''].map(plainFieldName)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('findBrokenReferences', () => {
  it('finds nothing when every link and field resolves, calendar-derived fields included', () => {
    const sources: ReferenceSources = {
      ...base,
      objects: [
        chart('a', [{ libraryId: 'md-region', fieldDefs: [], label: '' }], {
          measures: [{ libraryId: 'mm-sales', expression: '', label: '' }],
        }),
        chart('b', [{ libraryId: null, fieldDefs: ['[Order Date]', 'OrderDate.autoCalendar.Year', '=Month(OrderDate)'], label: '' }]),
      ],
      bookmarks: [{ id: 'bm', title: 'North', sheetId: null, selectionFields: ['Region'] }],
    };
    expect(findBrokenReferences(sources)).toEqual([]);
  });

  it('names a missing master item, a missing field, and a chart that links a broken master dimension', () => {
    const sources: ReferenceSources = {
      ...base,
      masterDimensions: [...base.masterDimensions, { id: 'md-owner', title: 'Owner', fieldDefs: ['RegionOwner'] }],
      objects: [
        chart('a', [{ libraryId: 'md-gone', fieldDefs: [], label: '' }], {
          measures: [{ libraryId: 'mm-gone', expression: '', label: '' }],
        }),
        chart('b', [{ libraryId: null, fieldDefs: ['Channel'], label: '' }]),
        chart('c', [{ libraryId: 'md-owner', fieldDefs: [], label: '' }], { masterVisualizationId: 'mv-gone' }),
      ],
      bookmarks: [{ id: 'bm', title: 'By channel', sheetId: 'sh-1', selectionFields: ['Channel', 'Region'] }],
    };
    expect(findBrokenReferences(sources).map((r) => [r.user, r.id, r.problem, r.reference, r.sheetTitle])).toEqual([
      ['object', 'a', 'missing-master-item', 'md-gone', 'Overview'],
      ['object', 'a', 'missing-master-item', 'mm-gone', 'Overview'],
      ['object', 'b', 'missing-field', 'Channel', 'Overview'],
      ['object', 'c', 'broken-master-item', 'md-owner', 'Overview'],
      ['object', 'c', 'missing-master-item', 'mv-gone', 'Overview'],
      ['master-dimension', 'md-owner', 'missing-field', 'RegionOwner', null],
      ['bookmark', 'bm', 'missing-field', 'Channel', 'Overview'],
    ]);
  });

  it('does not judge fields when the data model was not read', () => {
    const sources: ReferenceSources = {
      ...base,
      fields: [],
      objects: [chart('b', [{ libraryId: null, fieldDefs: ['Channel'], label: '' }])],
    };
    expect(findBrokenReferences(sources)).toEqual([]);
  });
});

describe('the demo tenant', () => {
  it('has no broken reference as generated', () => {
    const model = generateTenant({ seed: defaultDemoSeed });
    for (const app of model.apps) expect(brokenReferencesOfContent(appContent(model, app).truth), app.record.name).toEqual([]);
  });

  it('revision 2 breaks exactly what named RegionOwner, and the catalog reports it for the stored app', () => {
    const model = generateTenant({ seed: defaultDemoSeed });
    setDemoRevision(model, 2);
    const broken = model.apps.flatMap((app) =>
      brokenReferencesOfContent(appContent(model, app).truth).map((r) => ({ app: app.record.name, ...r })),
    );
    expect(broken.length).toBeGreaterThan(0);
    expect(new Set(broken.map((r) => r.app))).toEqual(new Set(['Sales Overview']));
    expect(broken.every((r) => r.reference === 'RegionOwner' || r.problem === 'broken-master-item')).toBe(true);

    const overview = model.apps.find((a) => a.record.name === 'Sales Overview')!;
    const { catalog, file } = openTempCatalog();
    const writer = beginCrawl(catalog);
    writer.putApp(overview.record, appContent(model, overview).truth);
    writer.commit();
    const expected = broken.map(({ app: _app, ...r }) => r);
    expect(catalog.brokenReferences(overview.record.id)).toEqual(expected);
    catalog.close();

    // A version written before migration 006 has none stored: the same answer comes from its rows.
    const raw = new Database(file);
    expect(raw.prepare('SELECT COUNT(*) FROM app_version WHERE broken_references IS NOT NULL').pluck().get()).toBe(1);
    raw.exec('UPDATE app_version SET broken_references = NULL');
    raw.close();
    const reopened = openCatalog(file, { readonly: true });
    open.push(reopened);
    expect(reopened.brokenReferences(overview.record.id)).toEqual(expected);

    // The export carries them, meets its schema, and the XML names each one.
    const exported = JSON.parse(exportSnapshot(reopened, { format: 'json' })) as { apps: Array<{ brokenReferences: unknown[] }> };
    expect(validate(exportSchema, exported)).toEqual([]);
    expect(exported.apps[0]?.brokenReferences).toEqual(expected);
    expect(exportSnapshot(reopened, { format: 'xml' }).match(/<brokenReference>/g)).toHaveLength(expected.length);
  });
});
