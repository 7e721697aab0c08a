import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeScript } from '../../../src-main/lineage/script-analyzer';
import type { ScriptSource, ScriptStore } from '../../../src-main/lineage/script-analysis';
import { readExpected, requireCorpus, type ExpectedSource, type ExpectedStore } from './corpus-expectations';

const corpus = requireCorpus();
const scriptFiles = readdirSync(corpus).filter((f) => f.endsWith('.qvs'));

/** Strips enclosing quotes/brackets the way EXPECTED.md describes "the path is …". */
function stripEnclosing(text: string): string {
  let s = text;
  while (s.length >= 2 && ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith('[') && s.endsWith(']')))) s = s.slice(1, -1);
  return s;
}

function actualSource(s: ScriptSource): ExpectedSource {
  const unexpanded = s.kind === 'resident' ? s.table : s.kind === 'qvd' || s.kind === 'file' ? s.path : null;
  return {
    index: 0,
    kind: s.kind,
    written: s.written,
    expanded: unexpanded,
  };
}

function expectedSource(e: ExpectedSource): ExpectedSource {
  const hasPath = e.kind === 'resident' || e.kind === 'qvd' || e.kind === 'file';
  return { index: 0, kind: e.kind, written: e.written, expanded: hasPath ? (e.expanded ?? stripEnclosing(e.written)) : null };
}

function actualStore(s: ScriptStore): ExpectedStore {
  return { table: s.table, written: s.written, expanded: s.path };
}

function expectedStore(e: ExpectedStore): ExpectedStore {
  return { table: stripEnclosing(e.table), written: e.written, expanded: e.expanded ?? stripEnclosing(e.written) };
}

describe('real-script corpus', () => {
  it('holds the scripts the manifest lists', () => {
    const manifest = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
    expect(scriptFiles.length).toBe(manifest.length);
  });

  it.each(scriptFiles)('%s analyses without an exception or a stopped analysis', (file) => {
    const analysis = analyzeScript(readFileSync(join(corpus, file), 'utf8'));
    expect(analysis.diagnostics.filter((d) => d.message.startsWith('Analysis stopped'))).toEqual([]);
  });

  const expectations = readExpected();
  it('EXPECTED.md yields expectations for every file it describes', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(8);
    for (const e of expectations) expect(e.sources.length, e.file).toBeGreaterThan(0);
  });

  it.each(expectations.map((e) => [e.file, e] as const))('%s reproduces the hand-checked sources and stores', (file, expected) => {
    const analysis = analyzeScript(readFileSync(join(corpus, file), 'utf8'));
    expect(analysis.sources.map(actualSource)).toEqual(expected.sources.map(expectedSource));
    expect(analysis.stores.map(actualStore)).toEqual(expected.stores.map(expectedStore));
  });
});
