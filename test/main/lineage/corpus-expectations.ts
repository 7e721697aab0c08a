/**
 * Reads ../shared/corpus/EXPECTED.md (hand-written prose with a regular core) into per-file
 * expectations. Only the parts the document states in a fixed form are taken; the one caveat
 * written as a sentence (corpus 027's expanded store paths) is read from that sentence.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ExpectedSource {
  readonly index: number;
  readonly kind: string;
  /** Path / table / count as written; for db the tables after FROM/JOIN, joined with ", ". */
  readonly written: string;
  /** Expanded path when EXPECTED.md gives one. */
  readonly expanded: string | null;
}

export interface ExpectedStore {
  readonly table: string;
  readonly written: string;
  readonly expanded: string | null;
}

export interface ExpectedFile {
  readonly file: string;
  readonly sources: readonly ExpectedSource[];
  readonly stores: readonly ExpectedStore[];
}

const here = dirname(fileURLToPath(import.meta.url));
/** test/main/lineage → repository root → ../shared/corpus */
export const corpusDir = resolve(here, '../../..', '../shared/corpus');

export function requireCorpus(): string {
  if (!existsSync(join(corpusDir, 'EXPECTED.md'))) {
    throw new Error(`The real-script corpus is missing: expected ${corpusDir}/EXPECTED.md (see docs/lineage.md).`);
  }
  return corpusDir;
}

const SOURCE_LINE = /^(\d+)\. (qvd|file|db|rest|inline|resident|autogenerate)\b:?\s*(.*)$/;

function firstBacktick(text: string): string | null {
  return /`([^`]+)`/.exec(text)?.[1] ?? null;
}

function expandedIn(text: string): string | null {
  return /[Ee]xpanded[^`]*`([^`]+)`/.exec(text)?.[1] ?? /expanded path is `([^`]+)`/.exec(text)?.[1] ?? null;
}

function dbTables(snippet: string): string {
  const tables = [...snippet.matchAll(/\b(?:FROM|JOIN)\s+(\S+)/g)].map((m) => m[1] ?? '');
  return [...new Set(tables)].join(', ');
}

export function parseExpected(markdown: string): ExpectedFile[] {
  const files: ExpectedFile[] = [];
  const chunks = markdown.split(/^## /m).slice(1);
  for (const chunk of chunks) {
    const lines = chunk.split('\n');
    const file = (lines[0] ?? '').trim();
    const body = lines.slice(1);
    const sourcesAt = body.findIndex((l) => l.trim() === 'sources');
    const storesAt = body.findIndex((l) => /^stores\b/.test(l.trim()));
    const sourceLines = body.slice(sourcesAt + 1, storesAt < 0 ? undefined : storesAt);
    const storeLines = storesAt < 0 ? [] : body.slice(storesAt);
    files.push({ file, sources: parseSources(sourceLines), stores: parseStores(storeLines, chunk) });
  }
  return files;
}

function parseSources(lines: readonly string[]): ExpectedSource[] {
  const sources: ExpectedSource[] = [];
  for (const line of lines) {
    const match = SOURCE_LINE.exec(line.trim());
    if (!match) continue;
    const [, index, kind = '', rest = ''] = match;
    let written: string;
    if (kind === 'inline') written = '';
    else if (kind === 'db') written = dbTables(firstBacktick(rest) ?? '');
    else if (/^same path\b/.test(rest)) written = [...sources].reverse().find((s) => s.kind === kind)?.written ?? '';
    else written = firstBacktick(rest) ?? '';
    sources.push({ index: Number(index), kind, written, expanded: expandedIn(rest) });
  }
  return sources;
}

function parseStores(lines: readonly string[], chunk: string): ExpectedStore[] {
  if (/^stores(?: \([^)]*\))?: none/m.test(lines[0]?.trim() ?? '')) return [];
  const stores: ExpectedStore[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (!/^\d+\. /.test(trimmed)) continue;
    const arrow = /^\d+\. `([^`]+)` → (?:`([^`]+)`|same)(.*)$/.exec(trimmed);
    if (arrow) {
      const [, table = '', path, rest = ''] = arrow;
      const previous = stores[stores.length - 1];
      stores.push({
        table,
        written: path ?? previous?.written ?? '',
        expanded: expandedIn(rest) ?? (path === undefined ? (previous?.expanded ?? null) : null),
      });
      continue;
    }
    // The long form: "Table: `x`. Path as written: `y`. ... the expanded path is `z`".
    const table = /Table: `([^`]+)`/.exec(trimmed)?.[1] ?? '';
    const written = /Path as written: `([^`]+)`/.exec(trimmed)?.[1] ?? '';
    stores.push({ table, written, expanded: expandedIn(trimmed.slice(trimmed.indexOf('Path as written'))) });
  }
  // Corpus 027 states its expanded paths in a caveat paragraph: "(resp. `item_...`)".
  const caveat = /The expected path after expansion is `([^`]+)` \(resp\. `([^`.]+)\.\.\.`\)/.exec(chunk);
  if (caveat) {
    const [, first = '', otherPrefix = ''] = caveat;
    const firstPrefix = /[^/]*_$/.exec(first.slice(0, first.indexOf('_') + 1))?.[0] ?? '';
    return stores.map((s, i) => ({ ...s, expanded: i === 0 ? first : first.replace(firstPrefix, otherPrefix) }));
  }
  return stores;
}

export function readExpected(): ExpectedFile[] {
  return parseExpected(readFileSync(join(requireCorpus(), 'EXPECTED.md'), 'utf8'));
}
