import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportDocument, exportSnapshot, type Catalog } from '../../../src-main/catalog';
import { singularOf } from '../../../src-main/catalog/export/xml-writer';
import * as sample from './fixtures/sample-tenant';
import { beginCrawl, CONNECTION_ID, openTempCatalog, writeFullCrawl } from './catalog-test-kit';
import { validate } from './json-schema-lite';
import { parseXml, type XmlElement } from './xml-lite';

const schema = JSON.parse(readFileSync(join(__dirname, '../../../docs/export-schema.json'), 'utf8')) as Record<string, unknown>;
const open: Catalog[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

function exportedCatalog() {
  const t = openTempCatalog();
  open.push(t.catalog);
  writeFullCrawl(t.catalog);
  t.catalog.addManualEdge({ connectionId: CONNECTION_ID, from: 'ext:crm', to: 'file:orders.qvd', kind: 'feeds', note: 'nightly ETL' });
  t.catalog.putExternalNode({ connectionId: CONNECTION_ID, id: 'ext:crm', kind: 'system', label: 'CRM' });
  const now = () => new Date('2025-02-01T00:00:00Z');
  return { catalog: t.catalog, now };
}

/** Rebuilds a JSON value from the XML using the JSON value as the shape guide. */
function xmlAsJson(el: XmlElement, like: unknown, name: string): unknown {
  if (el.attributes['nil'] === 'true') return null;
  if (el.attributes['format'] === 'json') return JSON.parse(el.text);
  if (Array.isArray(like)) {
    expect(el.children.every((c) => c.name === singularOf(name))).toBe(true);
    return el.children.map((c, i) => xmlAsJson(c, like[i], c.name));
  }
  if (like !== null && typeof like === 'object') {
    return Object.fromEntries(el.children.map((c) => [c.name, xmlAsJson(c, (like as Record<string, unknown>)[c.name], c.name)]));
  }
  if (typeof like === 'number') return Number(el.text);
  if (typeof like === 'boolean') return el.text === 'true';
  return el.text;
}

describe('export', () => {
  it('the JSON export validates against the documented JSON Schema and round-trips', () => {
    const { catalog, now } = exportedCatalog();
    const text = exportSnapshot(catalog, { format: 'json', now });
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(validate(schema, parsed)).toEqual([]);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(exportDocument(catalog, { now }))));
    expect(JSON.stringify(parsed, null, 2) + '\n').toBe(text);

    const doc = exportDocument(catalog, { now });
    expect(doc.format).toBe('qlik-metadata-explorer/catalog');
    expect(doc.tenant.url).toBe('https://acme.eu.qlikcloud.com');
    const a = doc.apps.find((x) => x.id === 'app-a');
    expect(a?.sheets[0]?.objects.map((o) => o.id)).toEqual(['obj-kpi', 'obj-bar']);
    expect(a?.sheets[0]?.objects[0]?.measures[0]?.libraryId).toBe('mm-rev');
    expect(a?.tables.find((t) => t.name === 'Customers')?.fields.map((f) => [f.name, f.isKey])).toEqual([
      ['CustomerID', true],
      ['CustomerName', false],
    ]);
    expect(a?.dataConnections).toEqual([{ id: 'dc-1', name: 'Warehouse' }]);
    expect(doc.lineage.edges.map((e) => e.origin)).toEqual(['script', 'manual']);
    expect(doc.lineage.nodes.find((n) => n.id === 'ext:crm')?.external).toBe(true);
  });

  it('a deliberately broken export fails schema validation', () => {
    const { catalog, now } = exportedCatalog();
    const doc = JSON.parse(exportSnapshot(catalog, { format: 'json', now })) as { apps: Record<string, unknown>[]; format: string };
    delete doc.apps[0]!['sheets'];
    doc.apps[0]!['apiKey'] = 'x';
    doc.format = 'something-else';
    const errors = validate(schema, doc);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/missing sheets/),
        expect.stringMatching(/unexpected property apiKey/),
        expect.stringMatching(/\$\.format: expected const/),
      ]),
    );
  });

  it('the XML export is well-formed, escapes markup and strips invalid characters, and carries the JSON content', () => {
    const t = openTempCatalog();
    open.push(t.catalog);
    const w = beginCrawl(t.catalog);
    w.putSpaces(sample.spaces);
    w.putAutomations(sample.automations);
    const nasty = `a < b && c > "d" 'e' ]]> \u0001\u0008\u000b\u000c\uFFFE bell\u0007 cr\r\n tab\t ok \uD800 lone`;
    w.putApp(sample.app('app-x', { name: nasty, description: '<script>alert(1)</script>' }), sample.content({ script: nasty }));
    w.commit();
    const now = () => new Date('2025-02-01T00:00:00Z');
    const xml = exportSnapshot(t.catalog, { format: 'xml', now });
    const root = parseXml(xml);
    expect(root.name).toBe('catalog');
    const json = JSON.parse(exportSnapshot(t.catalog, { format: 'json', now })) as Record<string, unknown>;
    const fromXml = xmlAsJson(root, json, 'catalog') as { apps: { name: string }[] };
    // SQLite stores the lone surrogate as U+FFFD (valid XML); the C0 controls and U+FFFE must go.
    const removed = new Set(['\u0001', '\u0008', '\u000b', '\u000c', '\u0007', '\uFFFE']);
    const strip = (s: string) => [...s].filter((c) => !removed.has(c)).join('');
    const stored = (json['apps'] as { name: string }[])[0]?.name ?? '';
    expect(stored).toContain('\uFFFE');
    expect(fromXml.apps[0]?.name).toBe(strip(stored));
    expect(fromXml.apps[0]?.name).toContain('a < b && c > "d" \'e\' ]]>');
    expect(fromXml.apps[0]?.name).toContain('cr\r\n tab\t ok');
    const expected = JSON.parse(JSON.stringify(json, (_k, v: unknown) => (typeof v === 'string' ? strip(v) : v))) as unknown;
    expect(fromXml).toEqual(expected);
    expect(xml).not.toContain('<script>alert');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('neither export contains the canary secret', () => {
    const { catalog, now } = exportedCatalog();
    for (const format of ['json', 'xml'] as const) {
      const text = exportSnapshot(catalog, { format, now });
      expect(text).not.toContain(sample.CANARY_PASSWORD);
      expect(text).not.toContain('hunter2');
    }
  });
});
