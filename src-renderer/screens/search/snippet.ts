/**
 * Search snippets arrive with [brackets] around the matched words (FTS5 snippet()). Qlik text has
 * brackets of its own (`Sum([Amount])`), so a bracketed part counts as a match only when it
 * starts with one of the query's words; the rest stays literal text.
 */

export interface SnippetPart {
  readonly text: string;
  readonly isMatch: boolean;
}

export function queryTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((term) => term.length > 0);
}

export function snippetParts(snippet: string, query: string): SnippetPart[] {
  const terms = queryTerms(query);
  const parts: SnippetPart[] = [];
  const push = (text: string, isMatch: boolean): void => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.isMatch === isMatch) parts[parts.length - 1] = { text: last.text + text, isMatch };
    else parts.push({ text, isMatch });
  };
  const pattern = /\[([^[\]]*)\]/g;
  let cursor = 0;
  for (let m = pattern.exec(snippet); m; m = pattern.exec(snippet)) {
    const inner = m[1] ?? '';
    const lower = inner.toLowerCase();
    const isMatch = inner.length > 0 && terms.some((t) => lower.startsWith(t));
    push(snippet.slice(cursor, m.index), false);
    if (isMatch) push(inner, true);
    else push(m[0], false);
    cursor = m.index + m[0].length;
  }
  push(snippet.slice(cursor), false);
  return parts;
}
