/**
 * Hostile and oversized input: no crash, no hang; bad values are tolerated or refused as
 * malformed-response. The 10 MB script and mutated corpus scripts are in
 * test/main/lineage/script-robustness.test.ts; these add nesting depth, broken text, huge titles,
 * a 100k-field data model and unexpected JSON types in every engine payload the crawler maps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/api/errors';
import { openCatalog, type Catalog } from '../../../src-main/catalog';
import type { RawAppPayloads } from '../../../src-main/crawl/app-content-mapping';
import { mapOrRefuse } from '../../../src-main/crawl/app-walker';
import type { AppContent } from '../../../src-main/crawl/records';
import { appContent, generateTenant } from '../../../src-main/demo-tenant';
import { analyzeScript } from '../../../src-main/lineage/script-analyzer';

const fuzzRuns = Number(process.env['QME_SOAK_FUZZ_RUNS'] ?? 300);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qme-bad-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('load scripts', () => {
  for (const [kind, open, close] of [
    ['IF', 'IF 1=1 THEN', 'END IF'],
    ['FOR', 'FOR i = 1 TO 2', 'NEXT i'],
    ['SUB', 'SUB s', 'END SUB'],
  ] as const) {
    it(`${kind} blocks nested 10,000 deep are analysed to the end`, () => {
      const depth = 10_000;
      const script = `${`${open}\n`.repeat(depth)}T: LOAD a FROM [lib://x/deep.qvd] (qvd);\n${`${close}\n`.repeat(depth)}`;
      const analysis = analyzeScript(script);
      expect(JSON.stringify(analysis)).toContain('deep.qvd');
    });
  }

  it('lone surrogates, NULs, replacement characters and control bytes do not stop the analysis', () => {
    const broken = Buffer.from([0x54, 0x3a, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x00, 0x3b, 0x0a]).toString('utf8');
    const script = `${broken}\uD800\uDFFF\uFFFD\u0000;\nX: LOAD a FROM [lib://x/after.qvd] (qvd);\n`;
    expect(JSON.stringify(analyzeScript(script))).toContain('after.qvd');
  });
});

describe('the catalog stores hostile text and huge models', () => {
  let catalog: Catalog;
  const model = generateTenant({ seed: 3, apps: 1 });
  const demoApp = model.apps[0]!;
  beforeAll(() => {
    catalog = openCatalog(join(dir, 'hostile.sqlite'));
  });
  afterAll(() => catalog.close());

  function store(name: string, content: AppContent): void {
    const writer = catalog.beginSnapshot({
      connectionId: name,
      connectionName: name,
      tenant: { ...model.tenant, kind: 'demo' },
      kind: 'full',
    });
    writer.putApp({ ...demoApp.record, name: content.sheets[0]?.title ?? demoApp.record.name }, content);
    writer.commit();
  }

  it('invalid UTF-8, lone surrogates and a 1 MB title are stored, searched and read back without corrupting the file', () => {
    const truth = appContent(model, demoApp).truth;
    const invalid = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]).toString('latin1');
    const huge = `Huge ${'é'.repeat(500_000)}`;
    const content: AppContent = {
      ...truth,
      script: `${invalid}\uD800 LOAD 1;`,
      sheets: truth.sheets.map((s, i) => ({ ...s, title: i === 0 ? huge : `bad \uDC00 ${invalid} \u0000 end`, description: invalid })),
    };
    store('hostile', content);
    const stored = catalog.snapshotContent({ connectionId: 'hostile' }).apps[0]!;
    expect(stored.sheets.find((s) => s.title.startsWith('Huge'))?.title.length).toBe(huge.length);
    expect(stored.script).toContain('LOAD 1;');
    expect(catalog.searchCatalog('end', { connectionId: 'hostile' }).hits.length).toBeGreaterThanOrEqual(0);
    expect(catalog.integrityCheck()).toBe('ok');
  });

  it('a data model of 100,000 fields is stored and read back whole', () => {
    const truth = appContent(model, demoApp).truth;
    const fields = Array.from({ length: 100_000 }, (_, i) => ({ ...truth.fields[0]!, name: `F${i}`, tables: ['Wide'] }));
    store('wide', { ...truth, fields, tables: [{ ...truth.tables[0]!, name: 'Wide', fieldCount: fields.length }] });
    expect(catalog.snapshotContent({ connectionId: 'wide' }).apps[0]!.fields).toHaveLength(100_000);
    expect(catalog.integrityCheck()).toBe('ok');
  });
});

describe('unexpected JSON types in every engine payload the crawler maps', () => {
  const anyJson = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.boolean(),
    fc.array(fc.anything(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
  );
  const knownType = fc.constantFrom(
    'sheet',
    'barchart',
    'kpi',
    'filterpane',
    'listbox',
    'container',
    'measure',
    'dimension',
    'masterobject',
    'bookmark',
  );
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anyJson);
  const entry = fc.record(
    {
      qInfo: fc.record({ qId: maybe(fc.string()), qType: maybe(knownType) }),
      qMeta: maybe(fc.dictionary(fc.constantFrom('title', 'description', 'createdDate', 'published', 'approved', 'owner'), fc.anything())),
      qData: maybe(
        fc.dictionary(
          fc.constantFrom(
            'title',
            'visualization',
            'qHyperCubeDef',
            'cells',
            'rank',
            'children',
            'qChildList',
            'qExtendsId',
            'measure',
            'dim',
            'metaDef',
          ),
          fc.anything(),
        ),
      ),
      qParent: maybe(fc.string()),
    },
    { requiredKeys: [] },
  );
  const payloads = fc.record({
    script: maybe(fc.string()),
    scriptError: fc.constant(null),
    lineage: maybe(fc.array(maybe(fc.record({ qDiscriminator: maybe(fc.string()), qStatement: maybe(fc.string()) })), { maxLength: 4 })),
    tablesAndKeys: maybe(fc.record({ qtr: maybe(fc.array(anyJson, { maxLength: 3 })), qk: maybe(fc.array(anyJson, { maxLength: 3 })) })),
    objects: maybe(fc.array(maybe(entry), { maxLength: 6 })),
    variables: maybe(fc.array(anyJson, { maxLength: 4 })),
    dataMetadata: maybe(
      fc.record({ tables: maybe(fc.array(anyJson, { maxLength: 3 })), fields: maybe(fc.array(anyJson, { maxLength: 3 })) }),
    ),
  });

  it("the walker's mapping tolerates them or refuses with malformed-response, never any other throw", () => {
    const surprises: string[] = [];
    fc.assert(
      fc.property(payloads, (raw) => {
        try {
          mapOrRefuse(raw as unknown as RawAppPayloads, 'fuzzed-app');
        } catch (error) {
          if (error instanceof AppError && error.code === 'malformed-response') return;
          surprises.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        }
      }),
      { numRuns: fuzzRuns, seed: 20250601 },
    );
    expect([...new Set(surprises)]).toEqual([]);
  });
});
