import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findInLines, segmentLine, tokenizeScript, tokensByLine } from '../../../src-renderer/screens/catalog/script-tokens';

/** Tokens without the whitespace between them: what the eye sees coloured. */
const kinds = (text: string) =>
  tokenizeScript(text)
    .map((t) => [t.kind, t.text.trim()])
    .filter(([, t]) => t);

describe('script tokenizer', () => {
  it('colours keywords, fields, strings, variables and functions of a LOAD statement', () => {
    expect(kinds("LOAD [Order ID], Sum(Amount) AS Total FROM 'lib://Data:Files/x.qvd' (qvd) WHERE Year = $(vYear);")).toEqual([
      ['keyword', 'LOAD'],
      ['field', '[Order ID]'],
      ['punctuation', ','],
      ['function', 'Sum'],
      ['punctuation', '('],
      ['text', 'Amount'],
      ['punctuation', ')'],
      ['keyword', 'AS'],
      ['text', 'Total'],
      ['keyword', 'FROM'],
      ['string', "'lib://Data:Files/x.qvd'"],
      ['punctuation', '('],
      ['keyword', 'qvd'],
      ['punctuation', ')'],
      ['keyword', 'WHERE'],
      ['text', 'Year'],
      ['punctuation', '='],
      ['variable', '$(vYear)'],
      ['punctuation', ';'],
    ]);
  });

  it('treats // after a colon as part of a URL, not a comment', () => {
    expect(kinds('FROM lib://Data/x.qvd // the source').at(-1)).toEqual(['comment', '// the source']);
  });

  it('reads REM as a comment only at the start of a statement', () => {
    expect(kinds('REM old code; LOAD 1')[0]).toEqual(['comment', 'REM old code;']);
  });

  it('keeps nested variable expansions whole', () => {
    expect(kinds('$(=Sum($(vField)))')).toEqual([['variable', '$(=Sum($(vField)))']]);
  });

  it('gives back exactly the text it was given, whatever it is', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        (text) =>
          tokenizeScript(text)
            .map((t) => t.text)
            .join('') === text,
      ),
    );
  });

  it('cuts a block comment spanning lines into one comment per line', () => {
    const lines = tokensByLine(tokenizeScript('/* a\nb */ LOAD'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual([{ kind: 'comment', text: '/* a' }]);
    expect(lines[1]?.[0]).toEqual({ kind: 'comment', text: 'b */' });
  });
});

describe('script find', () => {
  it('finds every case-insensitive occurrence with its line', () => {
    expect(findInLines(['LOAD a', 'x', 'load load'], 'load')).toEqual([
      { line: 1, start: 0, end: 4 },
      { line: 3, start: 0, end: 4 },
      { line: 3, start: 5, end: 9 },
    ]);
  });

  it('marks a match that starts inside a keyword and ends in the next token', () => {
    const segments = segmentLine(tokenizeScript('LOAD [Amount]'), [{ start: 2, end: 7, kind: 'current' }]);
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['AD', ' ', '[A']);
  });
});
