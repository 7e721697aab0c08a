import { describe, expect, it } from 'vitest';
import { snippetParts } from '../../../src-renderer/screens/search/snippet';

describe('search snippets', () => {
  it('marks the bracketed query words and keeps Qlik brackets as text', () => {
    expect(snippetParts('[Revenue] = Sum([Amount])', 'revenue')).toEqual([
      { text: 'Revenue', isMatch: true },
      { text: ' = Sum([Amount])', isMatch: false },
    ]);
  });

  it('matches a word by its start, as the search does', () => {
    expect(snippetParts('Total [Revenue] by year', 'rev').filter((p) => p.isMatch)).toEqual([{ text: 'Revenue', isMatch: true }]);
  });

  it('leaves markup-looking text as plain text parts', () => {
    expect(
      snippetParts('<[img] src=x onerror=alert(1)>', 'img')
        .map((p) => p.text)
        .join(''),
    ).toBe('<img src=x onerror=alert(1)>');
  });
});
