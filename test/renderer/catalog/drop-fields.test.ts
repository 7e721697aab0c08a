import { describe, expect, it } from 'vitest';
import { dropFieldsStatement } from '../../../src-renderer/screens/catalog/drop-fields';
import { tokenizeScript } from '../../../src-renderer/screens/catalog/script-tokens';

describe('dropFieldsStatement', () => {
  it('brackets names, and uses double quotes or backticks for a name with a bracket in it', () => {
    expect(dropFieldsStatement(['Quantity', 'Order Date', 'a]b', 'x[1]"', 'Sales.Amount'])).toEqual({
      statement: 'DROP FIELDS [Quantity], [Order Date], "a]b", `x[1]"`, [Sales.Amount];',
      skipped: [],
    });
  });

  it('leaves out a name no quote can hold, and says which', () => {
    expect(dropFieldsStatement(['ok', 'a]"`'])).toEqual({ statement: 'DROP FIELDS [ok];', skipped: ['a]"`'] });
    expect(dropFieldsStatement([])).toEqual({ statement: '', skipped: [] });
  });

  it('each name reads back as one quoted name, the statement ending at its one semicolon', () => {
    const names = ['Quantity', 'x;y', 'a]b', 'it`s [x]'];
    const tokens = tokenizeScript(dropFieldsStatement(names).statement).filter((t) => t.kind !== 'text');
    expect(tokens.map((t) => t.text)).toEqual(['DROP', 'FIELDS', '[Quantity]', ',', '[x;y]', ',', '"a]b"', ',', '"it`s [x]"', ';']);
  });
});
