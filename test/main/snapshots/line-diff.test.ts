import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, sideBySide, type LineOp } from '../../../src-main/snapshots/line-diff';

function apply(a: readonly string[], b: readonly string[], ops: readonly LineOp[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const op of ops) {
    if (op.kind === 'same') {
      expect(op.left).toBe(i);
      expect(a[op.left]).toBe(b[op.right]);
      out.push(a[op.left]!);
      i++;
    } else if (op.kind === 'removed') {
      expect(op.left).toBe(i);
      i++;
    } else out.push(b[op.right]!);
  }
  expect(i).toBe(a.length);
  return out;
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = up;
    }
  }
  return row[b.length]!;
}

const lines = fc.array(fc.constantFrom('LOAD', 'FROM x', 'STORE', '', 'DROP', 'SET a=1;'), { maxLength: 40 });

describe('line diff (Myers, linear space)', () => {
  it('turns the old lines into the new ones, keeping a longest common subsequence', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const ops = diffLines(a, b);
        expect(apply(a, b, ops)).toEqual(b);
        expect(ops.filter((o) => o.kind === 'same')).toHaveLength(lcsLength(a, b));
      }),
      { numRuns: 400 },
    );
  });

  // No clock here (timings belong in npm run bench): an O(N×M) table would need 400 million
  // cells and fail on memory or the test time-out, which is what this guards against.
  it('diffs two 20,000-line scripts that share nothing without running out of memory', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 20_000 }, (_, i) => `b${i}`);
    const ops = diffLines(a, b);
    expect(ops).toHaveLength(40_000);
    expect(ops.filter((o) => o.kind === 'same')).toHaveLength(0);
  });

  it('shows an edited line as one changed row, with unchanged stretches folded', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\r\n');
    const after = before.replace('line 15', 'line fifteen');
    const diff = sideBySide(before, after);
    expect(diff).toMatchObject({ addedLines: 1, removedLines: 1 });
    expect(diff.rows.filter((r) => r.kind === 'changed')).toEqual([
      { kind: 'changed', leftLine: 16, left: 'line 15', rightLine: 16, right: 'line fifteen' },
    ]);
    expect(diff.rows[0]).toEqual({ kind: 'skipped', count: 12 });
    expect(diff.rows.at(-1)).toEqual({ kind: 'skipped', count: 11 });
  });
});
