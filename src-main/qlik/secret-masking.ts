/**
 * Secrets never become records: connect statements, SQL in lineage statements and automation
 * definitions are masked here before the crawler hands them to the catalog. Pure functions.
 */

export const MASK = '***';

/** Keys whose value is a credential, in connect strings (key=value;) and JSON definitions. */
const SECRET_KEY =
  /^(?:password|passwd|pwd|pass|secret|client[_-]?secret|token|access[_-]?token|refresh[_-]?token|api[_-]?key|apikey|auth[_-]?token|bearer|private[_-]?key|sas[_-]?token|sig|signature|credentials?|connection[_-]?secret|x-api-key|authorization)$/i;

const KEY_NAMES =
  'password|passwd|pwd|pass|secret|client_secret|clientsecret|token|access_token|refresh_token|api_key|apikey|auth_token|private_key|sas_token|sig|signature|x-api-key';

// key=value up to ; " ' ] ) whitespace or end — covers ODBC/OLEDB strings and URL query parameters.
const KEY_VALUE = new RegExp(`\\b(${KEY_NAMES})(\\s*=\\s*)(?:"[^"]*"|'[^']*'|\\{[^}]*\\}|[^;"'\\]\\)\\s&]+)`, 'gi');
// "key": "value" inside JSON-ish text.
const JSON_PAIR = new RegExp(`("(?:${KEY_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
// user:password@host in URLs.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]+):([^@/\s]+)@/gi;
// SQL-ish "IDENTIFIED BY xyz" and "Authorization: Bearer xyz".
const IDENTIFIED_BY = /\b(IDENTIFIED\s+BY\s+)("[^"]*"|'[^']*'|\S+)/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;
// Qlik's XPassword obfuscation in QSEoW connect strings: "XPassword is ABCDEF".
const XPASSWORD = /\b(XPassword\s+is\s+)(\S+?)(?=[;"'\]\s]|$)/gi;

/** Masks password=…, pwd=…, secret/token params, URL credentials and bearer tokens in text. */
export function maskSecrets(text: string): string {
  if (!text) return text;
  return text
    .replace(KEY_VALUE, (_m, key: string, eq: string) => `${key}${eq}${MASK}`)
    .replace(JSON_PAIR, (_m, prefix: string) => `${prefix}"${MASK}"`)
    .replace(URL_CREDENTIALS, (_m, head: string) => `${head}:${MASK}@`)
    .replace(IDENTIFIED_BY, (_m, head: string) => `${head}${MASK}`)
    .replace(XPASSWORD, (_m, head: string) => `${head}${MASK}`)
    .replace(BEARER, (_m, head: string) => `${head}${MASK}`);
}

export interface StrippedDefinition {
  readonly value: unknown;
  /** JSON-pointer-like paths ("/blocks/3/inputs/token") of the values removed. */
  readonly strippedPaths: string[];
}

/**
 * Removes credential values from an automation definition (connector tokens, secrets, passwords):
 * any property whose key looks like a secret is replaced by "***", strings anywhere are masked.
 */
export function stripSecretsFromDefinition(definition: unknown): StrippedDefinition {
  const strippedPaths: string[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      const masked = maskSecrets(value);
      if (masked !== value) strippedPaths.push(path || '/');
      return masked;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}/${i}`));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      const entries = Object.entries(value as Record<string, unknown>);
      // A {name: "password", value: "…"} pair, as automation block inputs are often shaped.
      const nameField = entries.find(([k]) => k === 'name' || k === 'key' || k === 'id')?.[1];
      const isSecretPair = typeof nameField === 'string' && SECRET_KEY.test(nameField);
      for (const [key, child] of entries) {
        const childPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const isSecretValue = SECRET_KEY.test(key) || (isSecretPair && key === 'value');
        if (isSecretValue && child !== null && child !== '' && typeof child !== 'object') {
          out[key] = MASK;
          strippedPaths.push(childPath);
        } else if (isSecretValue && child && typeof child === 'object') {
          out[key] = MASK;
          strippedPaths.push(childPath);
        } else {
          out[key] = walk(child, childPath);
        }
      }
      return out;
    }
    return value;
  };
  return { value: walk(definition, ''), strippedPaths };
}

/** True when `text` still contains `secret` verbatim (for canary checks in tests and exports). */
export function containsSecret(text: string, secret: string): boolean {
  return secret.length > 0 && text.includes(secret);
}
