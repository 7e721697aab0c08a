import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeScript } from '../../../src-main/lineage/script-analyzer';
import { requireCorpus } from './corpus-expectations';

const corpus = requireCorpus();
const scripts = readdirSync(corpus)
  .filter((f) => f.endsWith('.qvs'))
  .map((f) => readFileSync(join(corpus, f), 'utf8'));
const allText = scripts.join('\n');

const SNIPPETS = [
  'LOAD',
  'FROM',
  ';',
  "'",
  '"',
  '[',
  ']',
  '(',
  ')',
  '$(',
  '/*',
  '*/',
  '//',
  'IF',
  'END IF',
  'SQL SELECT',
  'RESIDENT',
  'INLINE [',
  ':',
  '\n',
  'REM',
  'TRACE',
  '`',
  'STORE x INTO',
  'LET a =',
  'SUB',
  'NEXT',
];

describe('analyzer robustness', () => {
  it('never throws on random text made of script fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8 })), { maxLength: 80 }), (parts) => {
        const analysis = analyzeScript(parts.join(' '));
        expect(analysis.diagnostics.some((d) => d.message.startsWith('Analysis stopped'))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on corpus scripts with random deletions, insertions and truncations', () => {
    const mutation = fc.record({
      script: fc.integer({ min: 0, max: scripts.length - 1 }),
      edits: fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.constantFrom('', ...SNIPPETS) }), {
        maxLength: 12,
      }),
      truncateAt: fc.option(fc.nat()),
    });
    fc.assert(
      fc.property(mutation, ({ script, edits, truncateAt }) => {
        let text = scripts[script] ?? '';
        for (const e of edits) {
          const at = text.length === 0 ? 0 : e.at % text.length;
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        if (truncateAt !== null && text.length > 0) text = text.slice(0, truncateAt % text.length);
        const analysis = analyzeScript(text);
        expect(analysis.diagnostics.some((d) => d.message.startsWith('Analysis stopped'))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('does work proportional to the script length (doubling roughly doubles the steps)', () => {
    const once = analyzeScript(allText).steps;
    const twice = analyzeScript(`${allText}\n${allText}`).steps;
    const eight = analyzeScript(Array.from({ length: 8 }, () => allText).join('\n')).steps;
    expect(twice / once).toBeGreaterThan(1.8);
    expect(twice / once).toBeLessThan(2.2);
    expect(eight / once).toBeLessThan(8.8);
  });

  it('stays linear on mutated scripts too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: scripts.length - 1 }), fc.constantFrom(...SNIPPETS), fc.nat(), (index, insert, at) => {
        const base = scripts[index] ?? '';
        const text = base.slice(0, at % (base.length + 1)) + insert + base.slice(at % (base.length + 1));
        // Compare 2 and 8 copies, not 1 and 4: a stray quote swallows a lone copy to its end but
        // pairs with the next copy's quote once repeated, so one copy is not a fair baseline.
        const copies = (n: number) => Array.from({ length: n }, () => text).join('\n');
        const two = analyzeScript(copies(2)).steps;
        const eight = analyzeScript(copies(8)).steps;
        expect(eight / Math.max(two, 1)).toBeLessThan(4.6);
      }),
      { numRuns: 60 },
    );
  });

  it('analyses a 10 MB script to the end (its speed is measured by npm run bench, not here)', () => {
    const copies = Math.ceil((10 * 1024 * 1024) / allText.length);
    const big = Array.from({ length: copies }, () => allText).join('\n');
    const single = analyzeScript(allText);
    const analysis = analyzeScript(big);
    // Every copy is analysed: nothing is dropped or cut short on a huge input.
    expect(analysis.sources.length).toBe(single.sources.length * copies);
  });
});
