import { describe, expect, it } from 'vitest';
import { analyzeScript } from '../../../src-main/lineage/script-analyzer';
import { lexScript } from '../../../src-main/lineage/script-lexer';
import { splitStatements } from '../../../src-main/lineage/statement-splitter';

/**
 * The analyzer reads tokens statement by statement instead of lexing the whole text first.
 * These cases pin down what must not change with that: sections, diagnostic order, free text.
 */
describe('load-script analyzer: streamed reading gives the whole-text answers', () => {
  it('names the section of a statement by a ///$tab marker later on its first line', () => {
    const a = analyzeScript('DROP TABLE x; ///$tab Later\nT: LOAD 1 AS a AUTOGENERATE 1;\n');
    expect(a.statements.map((s) => [s.keyword, s.section])).toEqual([
      ['DROP', 'Later'],
      ['LOAD', 'Later'],
    ]);
    expect(a.sections).toEqual([{ name: 'Later', lineStart: 1, lineEnd: 3 }]);
  });

  it('lists lexer diagnostics of a text before the diagnostics of its statements, includes too', () => {
    const a = analyzeScript("$(Include=inc.qvs);\nLOAD a;\nX: LOAD 'open\n", { includeResolver: () => 'Y:\n"unclosed\nLOAD b;' });
    expect(a.diagnostics.map((d) => [d.line, d.includedFrom, d.message.slice(0, 24)])).toEqual([
      [3, null, "Unclosed ' — read as a p"],
      [2, 'inc.qvs', 'Unclosed " — read as a p'],
      [1, 'inc.qvs', 'Unrecognised statement s'],
      [2, null, 'LOAD without FROM, RESID'],
      [3, null, 'LOAD without FROM, RESID'],
    ]);
  });

  it('reads REM and TRACE in any letter case as free text (quotes inside do not open strings)', () => {
    const a = analyzeScript("rem it's a note;\nTrAcE don't stop;\nT: LOAD 'x' AS a AUTOGENERATE 1;");
    expect(a.statements.map((s) => s.keyword)).toEqual(['REM', 'TRACE', 'LOAD']);
    expect(a.diagnostics).toEqual([]);
    expect(a.sources).toHaveLength(1);
  });

  it('splits a token array the same way as the streamed reader', () => {
    const text = 'L1: LOAD a FROM [x.qvd] (qvd);\nIF 1 THEN\nT: LOAD b\nEND IF\n[a b]: SQL SELECT 1 FROM t;';
    const statements = splitStatements(lexScript(text).tokens);
    expect(statements.map((s) => [s.label, s.lineStart, s.lineEnd, s.isControl, s.isUnterminated])).toEqual([
      ['L1', 1, 1, false, false],
      [null, 2, 2, true, false],
      ['T', 3, 3, false, true],
      [null, 4, 4, true, false],
      ['a b', 5, 5, false, false],
    ]);
    const a = analyzeScript(text);
    expect(a.statements.map((s) => [s.label, s.lineStart, s.lineEnd])).toEqual(statements.map((s) => [s.label, s.lineStart, s.lineEnd]));
  });
});
