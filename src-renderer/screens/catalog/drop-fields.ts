/**
 * The load-script statement that drops unused fields: `DROP FIELDS [A], [B];`. Qlik quotes field
 * names with brackets, double quotes or backticks and documents no escape inside them, so each
 * name gets the first of those it does not contain; a name containing all three cannot be written
 * and is returned in `skipped` instead.
 */
const QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['[', ']'],
  ['"', '"'],
  ['`', '`'],
];

export function quoteFieldName(name: string): string | null {
  const quote = QUOTES.find(([open, close]) => !name.includes(close) && !(open === '[' && name.includes('[')));
  return quote ? `${quote[0]}${name}${quote[1]}` : null;
}

export function dropFieldsStatement(fields: readonly string[]): { statement: string; skipped: string[] } {
  const quoted: string[] = [];
  const skipped: string[] = [];
  for (const field of fields) {
    const q = quoteFieldName(field);
    if (q === null) skipped.push(field);
    else quoted.push(q);
  }
  return { statement: quoted.length > 0 ? `DROP FIELDS ${quoted.join(', ')};` : '', skipped };
}
