/**
 * Text matching of names in Qlik expressions, for where-used. Deliberately simple: the lineage
 * engine does the precise job; this finds the expressions a person would want to look at.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when the expression names the field: `[Field Name]`, or bare `Field` when the name is a
 * plain identifier. Field names are case-sensitive in Qlik, so the match is too.
 */
export function referencesField(expression: string, field: string): boolean {
  if (field.length === 0) return false;
  if (expression === field || expression === `=${field}`) return true;
  if (expression.includes(`[${field}]`) || expression.includes(`"${field}"`)) return true;
  if (!/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(field)) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}_.$\\[])${escapeRegExp(field)}(?![\\p{L}\\p{N}_\\]])`, 'u').test(expression);
}

/** True when the expression expands the variable (`$(vName)`, `$(vName(1))`) or names it bare. */
export function referencesVariable(expression: string, variable: string): boolean {
  if (variable.length === 0) return false;
  if (new RegExp(`\\$\\(\\s*=?\\s*${escapeRegExp(variable)}\\s*[)(]`).test(expression)) return true;
  return referencesField(expression, variable);
}
