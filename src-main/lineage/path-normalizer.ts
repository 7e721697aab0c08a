/**
 * One spelling per data file, so that the app which STOREs a QVD and the app which LOADs it meet
 * on the same graph node. Qlik accepts many spellings of one file:
 *   lib://Finance:DataFiles/Sales.qvd   (Qlik Cloud, space-qualified connection)
 *   lib://DataFiles/sales.qvd           (same connection, unqualified, other case)
 *   [lib://DataFiles\sales.qvd];        (brackets, backslashes, a trailing ';' from GetLineage)
 * The space prefix is dropped: a connection name is unique enough inside one tenant for lineage,
 * and scripts in the connection's own space usually omit it (qlik-protocol.md §2.3, §4).
 */
import { unquote } from './variable-expander';

export interface NormalizeOptions {
  /** DIRECTORY in force, for relative paths. */
  readonly directory?: string | null;
}

/** Connection name without a `Space:` prefix, lower case. */
export function normalizeConnectionName(name: string): string {
  const bare = unquote(name.trim().replace(/;+\s*$/, ''));
  const colon = bare.indexOf(':');
  const withoutSpace = colon >= 0 && !bare.slice(colon).startsWith('://') ? bare.slice(colon + 1) : bare;
  return withoutSpace.trim().toLowerCase();
}

export function normalizeDataPath(path: string, options: NormalizeOptions = {}): string {
  let p = unquote(
    path
      .trim()
      .replace(/;+\s*$/, '')
      .trim(),
  );
  p = p.replace(/\\/g, '/');
  const directory = options.directory ? unquote(options.directory).replace(/\\/g, '/') : '';
  if (directory !== '' && isRelative(p)) p = `${directory.replace(/\/+$/, '')}/${p}`;

  let prefix = '';
  const lib = /^lib:\/\/([^/]*)\/?/i.exec(p);
  if (lib) {
    prefix = `lib://${normalizeConnectionName(lib[1] ?? '')}/`;
    p = p.slice(lib[0].length);
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) {
    const at = p.indexOf('://') + 3;
    prefix = p.slice(0, at).toLowerCase();
    p = p.slice(at);
  } else if (p.startsWith('//')) {
    prefix = '//';
    p = p.slice(2);
  } else if (/^[a-z]:\//i.test(p)) {
    prefix = p.slice(0, 3).toLowerCase();
    p = p.slice(3);
  } else if (p.startsWith('/')) {
    prefix = '/';
    p = p.slice(1);
  }
  return prefix + resolveSegments(p).toLowerCase();
}

function isRelative(p: string): boolean {
  return !/^(?:[a-z][a-z0-9+.-]*:\/\/|[a-z]:\/|\/|\$\()/i.test(p);
}

/** Collapses "//", "." and "a/.." segments. */
function resolveSegments(p: string): string {
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') {
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return out.join('/');
}

/** Connection part of a lib:// path (normalised), or null. */
export function connectionOfPath(path: string): string | null {
  const lib = /^lib:\/\/([^/\\]*)/i.exec(unquote(path.trim()));
  return lib ? normalizeConnectionName(lib[1] ?? '') : null;
}

/** `"SALES"."PUBLIC"."ORDERS"` → `sales.public.orders`. */
export function normalizeTableName(table: string): string {
  return table
    .split('.')
    .map((part) => unquote(part.trim()))
    .join('.')
    .toLowerCase();
}
