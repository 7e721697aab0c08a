/**
 * A second line of defence: the crawler masks passwords in connect statements and scripts, but
 * the catalog (and every export made from it) must never hold one even if a path is missed.
 * Masks the value after password-like keys in connection strings and Qlik CONNECT syntax
 * (`Password=…;`, `PWD=…`, `XPassword is …`), keeping the line structure so script line
 * numbers used as lineage evidence stay true.
 */
const SECRET_ASSIGNMENT =
  /\b(password|pwd|passwd|xpassword|secret|client_secret|apikey|api_key|access_token|token)(\s*(?:=|\bis\b)\s*)("[^"\n]*"|'[^'\n]*'|[^;,)\s'"]+)/gi;

export const MASK = '***';

export function maskSecrets(text: string): string {
  return text.replace(SECRET_ASSIGNMENT, (_m, key: string, sep: string, value: string) => {
    if (value === MASK || value === `"${MASK}"` || value === `'${MASK}'`) return `${key}${sep}${value}`;
    const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
    return `${key}${sep}${quote}${MASK}${quote}`;
  });
}
