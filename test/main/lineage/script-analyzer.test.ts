import { describe, expect, it } from 'vitest';
import { analyzeScript } from '../../../src-main/lineage/script-analyzer';

describe('load-script analyzer: hard cases', () => {
  it('reads SQL joins and CTEs as the tables read, not the CTE names', () => {
    const a = analyzeScript(`LIB CONNECT TO 'Space:PG';
Sales: SQL WITH recent AS (SELECT * FROM "sales"."orders" WHERE d > now() - 7)
SELECT r.id, c.name AS customer, EXTRACT(YEAR FROM r.d) AS y
FROM recent r, ref.regions g LEFT JOIN crm.customers c ON c.id = r.cid;`);
    expect(a.sources).toHaveLength(1);
    expect(a.sources[0]).toMatchObject({
      kind: 'db',
      connection: 'Space:PG',
      tablesWritten: ['"sales"."orders"', 'ref.regions', 'crm.customers'],
    });
    expect(a.tables[0]?.fields.map((f) => f.name)).toEqual(['id', 'customer', 'y']);
  });

  it('expands SET/LET variables in paths and leaves unknown ones visible', () => {
    const a = analyzeScript(
      `SET vRoot = 'lib://Data/';\nLET vFile = '$(vRoot)' & 'a.qvd';\nT: LOAD * FROM [$(vFile)] (qvd);\nU: LOAD * FROM [$(vOther)b.qvd] (qvd);`,
    );
    expect(a.sources.map((s) => s.path)).toEqual(['lib://Data/a.qvd', '$(vOther)b.qvd']);
  });

  it('follows includes through the callback, with their variables', () => {
    const a = analyzeScript(`$(Must_Include=lib://cfg/env.qvs);\nT: LOAD * FROM [$(vPath)x.qvd] (qvd);`, {
      includeResolver: (path) => (path === 'lib://cfg/env.qvs' ? `SET vPath = 'lib://Data/';` : null),
    });
    expect(a.sources[0]?.path).toBe('lib://Data/x.qvd');
    expect(a.includes).toEqual([{ path: 'lib://cfg/env.qvs', isResolved: true, line: 1 }]);
  });

  it('keeps statements inside SUB, FOR, DO, IF and SWITCH blocks', () => {
    const a = analyzeScript(`SUB LoadIt(p)
  FOR EACH f IN 'a', 'b'
    DO WHILE x < 2
      SWITCH y
      CASE 1
        IF z THEN
          T: LOAD * FROM [lib://D/$(f).qvd] (qvd);
        END IF
      END SWITCH
    LOOP
  NEXT f
END SUB
CALL LoadIt('q');`);
    expect(a.sources.map((s) => s.written)).toEqual(['[lib://D/$(f).qvd]']);
    expect(a.calls).toEqual([{ name: 'LoadIt', line: 13 }]);
    expect(a.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
  });

  it('models mapping loads, joins, concatenation, renames and drops', () => {
    const a = analyzeScript(`Map: MAPPING LOAD * INLINE [k, v
1, a];
Facts: LOAD id, ApplyMap('Map', k) AS label FROM [f.csv] (txt, embedded labels, delimiter is ',');
LEFT JOIN (Facts) LOAD id, amount RESIDENT Other;
CONCATENATE (Facts) LOAD id FROM [g.qvd] (qvd);
RENAME TABLE Facts TO Sales;
DROP FIELD amount FROM Sales;`);
    const sales = a.tables.find((t) => t.name === 'Sales');
    expect(sales?.loads.map((l) => [l.operation, l.joinType])).toEqual([
      ['create', null],
      ['join', 'LEFT'],
      ['concatenate', null],
    ]);
    expect(sales?.fields.map((f) => f.name)).toEqual(['id', 'label']);
    expect(sales?.fields[1]?.derivations[0]?.mappings).toEqual(['Map']);
    expect(a.tables.find((t) => t.name === 'Map')?.isMapping).toBe(true);
  });

  it('reads format specs of every file kind', () => {
    const a = analyzeScript(`A: LOAD * FROM [x.xlsx] (ooxml, embedded labels, table is Sheet1);
B: LOAD * FROM [x.xml] (XmlSimple, table is [root/row]);
C: LOAD * FROM [x.json] (json);
D: LOAD * FROM [x.parquet] (parquet);
E: LOAD * FROM [https://example.com/t.html] (html, codepage is 1252, embedded labels, table is @1);
F: LOAD * FROM [x.qvx] (qvx);
G: LOAD * FROM lib://REST_api (json) WITH CONNECTION (URL "https://api.example.com/v1");`);
    expect(a.sources.map((s) => [s.kind, s.format?.split(',')[0]])).toEqual([
      ['file', 'ooxml'],
      ['file', 'XmlSimple'],
      ['file', 'json'],
      ['file', 'parquet'],
      ['file', 'html'],
      ['file', 'qvx'],
      ['rest', 'json'],
    ]);
  });

  it('handles QUALIFY, CROSSTABLE, GENERIC, SECTION ACCESS and backticked names', () => {
    const a = analyzeScript(`QUALIFY *;
UNQUALIFY Key;
T: LOAD Key, \`Odd Name\` FROM [t.qvd] (qvd);
UNQUALIFY *;
C: CROSSTABLE(Month, Sales, 1) LOAD Region, Jan, Feb FROM [c.csv] (txt);
G: GENERIC LOAD Id, Attr, Val RESIDENT C;
SECTION ACCESS;
Access: LOAD * INLINE [ACCESS, USERID
ADMIN, A];
SECTION APPLICATION;`);
    expect(a.tables.find((t) => t.name === 'T')?.fields.map((f) => f.name)).toEqual(['Key', 'T.Odd Name']);
    expect(a.tables.find((t) => t.name === 'C')?.fields.map((f) => f.name)).toEqual(['Region', 'Month', 'Sales']);
    expect(a.tables.find((t) => t.name === 'Access')?.isSectionAccess).toBe(true);
  });

  it('turns unknown syntax into diagnostics with line numbers', () => {
    const a = analyzeScript(`LOAD a FROM [x.qvd] (qvd);\nFROBNICATE everything;\nEND IF`);
    expect(a.diagnostics.map((d) => d.line)).toEqual([2, 3]);
  });

  it('keeps line ranges of multi-line statements and sections', () => {
    const a = analyzeScript(`///$tab One\nX:\nLOAD a\nFROM [x.qvd]\n(qvd);\n///$tab Two\nSTORE X INTO [y.qvd];`);
    expect(a.sources[0]).toMatchObject({ line: 2, lineEnd: 5 });
    expect(a.sections.map((s) => [s.name, s.lineStart, s.lineEnd])).toEqual([
      ['One', 1, 5],
      ['Two', 6, 7],
    ]);
    expect(a.statements.map((s) => s.section)).toEqual(['One', 'Two']);
  });
});
