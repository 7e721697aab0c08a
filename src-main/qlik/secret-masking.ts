/**
 * Secrets never become records: connect statements, SQL in lineage statements and automation
 * definitions are masked here before the crawler hands them to the catalog. Pure functions.
 */

export const MASK = '***';

/** Keys whose value is a credential in JSON definitions (apiKey, accessToken, client_secret…). */
const SECRET_KEY =
  /(?:password|passwd|^pwd$|^pass$|secret|token|api[_-]?key|credential|private[_-]?key|^sig$|signature|^authorization$|^bearer$)/i;

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
  /** JSON pointers ("/blocks/3/inputs/1/value") of the values removed. */
  readonly strippedPaths: string[];
}

/**
 * Removes credential values from an automation definition (connector tokens, secrets, passwords):
 * a property whose key names a secret, or the `value` of an input whose id/name names one or whose
 * type is "password", becomes null; other strings have inline secrets masked.
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
      const record = value as Record<string, unknown>;
      const label = [record.id, record.name, record.key].find((v): v is string => typeof v === 'string');
      const isSecretInput = record.type === 'password' || (label !== undefined && SECRET_KEY.test(label));
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(record)) {
        const childPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const isSecret = SECRET_KEY.test(key) || (isSecretInput && key === 'value');
        if (isSecret && child !== null && child !== undefined && child !== '') {
          out[key] = null;
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
