/**
 * A line diff for load scripts: Myers' O(ND) algorithm in its linear-space form (the "middle
 * snake" divide and conquer, Myers 1986 §4b), so two 50,000-line scripts that share nothing still
 * diff in memory proportional to their length. Pure: text in, edit script out.
 */

export type LineOp =
  | { readonly kind: 'same'; readonly left: number; readonly right: number }
  | { readonly kind: 'removed'; readonly left: number }
  | { readonly kind: 'added'; readonly right: number };

/** Splits script text into lines the way Qlik's editor shows them (CRLF, LF or CR). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.split(/\r\n|\n|\r/);
}

/**
 * The shortest edit script turning `a` into `b`, as 0-based line indexes in order. Equal lines
 * are matched by exact text.
 */
export function diffLines(a: readonly string[], b: readonly string[]): LineOp[] {
  // Interning lines as numbers makes every comparison an integer compare.
  const ids = new Map<string, number>();
  const intern = (line: string): number => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  const left = Int32Array.from(a, intern);
  const distinctLeft = ids.size;
  const right = Int32Array.from(b, intern);
  const ops: LineOp[] = [];
  // Nothing in common (a rewritten script): the answer is known without the O(ND) search.
  if (right.every((id) => id >= distinctLeft)) {
    for (let i = 0; i < left.length; i++) ops.push({ kind: 'removed', left: i });
    for (let j = 0; j < right.length; j++) ops.push({ kind: 'added', right: j });
    return ops;
  }
  const max = left.length + right.length + 1;
  const forward = new Int32Array(2 * max + 2);
  const backward = new Int32Array(2 * max + 2);
  compare(left, 0, left.length, right, 0, right.length, forward, backward, ops);
  return ops;
}

function compare(
  a: Int32Array,
  aStart: number,
  aEnd: number,
  b: Int32Array,
  bStart: number,
  bEnd: number,
  forward: Int32Array,
  backward: Int32Array,
  ops: LineOp[],
): void {
  // Common prefix and suffix need no search.
  let prefixEnd = aStart;
  while (prefixEnd < aEnd && bStart + (prefixEnd - aStart) < bEnd && a[prefixEnd] === b[bStart + (prefixEnd - aStart)]) prefixEnd++;
  const prefix = prefixEnd - aStart;
  for (let i = 0; i < prefix; i++) ops.push({ kind: 'same', left: aStart + i, right: bStart + i });
  aStart += prefix;
  bStart += prefix;
  let suffix = 0;
  while (aEnd - suffix > aStart && bEnd - suffix > bStart && a[aEnd - suffix - 1] === b[bEnd - suffix - 1]) suffix++;
  const innerAEnd = aEnd - suffix;
  const innerBEnd = bEnd - suffix;

  if (aStart === innerAEnd) {
    for (let j = bStart; j < innerBEnd; j++) ops.push({ kind: 'added', right: j });
  } else if (bStart === innerBEnd) {
    for (let i = aStart; i < innerAEnd; i++) ops.push({ kind: 'removed', left: i });
  } else {
    const [x, y] = middleSnake(a, aStart, innerAEnd, b, bStart, innerBEnd, forward, backward);
    compare(a, aStart, x, b, bStart, y, forward, backward, ops);
    compare(a, x, innerAEnd, b, y, innerBEnd, forward, backward, ops);
  }
  for (let i = 0; i < suffix; i++) ops.push({ kind: 'same', left: innerAEnd + i, right: innerBEnd + i });
}

/**
 * A point (x, y) on an optimal edit path that splits the problem in two halves of roughly equal
 * edit distance; both halves are strictly smaller than the whole.
 */
function middleSnake(
  a: Int32Array,
  aStart: number,
  aEnd: number,
  b: Int32Array,
  bStart: number,
  bEnd: number,
  forward: Int32Array,
  backward: Int32Array,
): [number, number] {
  const n = aEnd - aStart;
  const m = bEnd - bStart;
  const delta = n - m;
  const isOdd = (delta & 1) !== 0;
  const offset = n + m + 1;
  const maxD = Math.ceil((n + m) / 2);
  forward[offset + 1] = 0;
  backward[offset + 1] = 0;
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && forward[offset + k - 1]! < forward[offset + k + 1]!)
          ? forward[offset + k + 1]!
          : forward[offset + k - 1]! + 1;
      let y = x - k;
      const startX = x;
      const startY = y;
      while (x < n && y < m && a[aStart + x] === b[bStart + y]) {
        x++;
        y++;
      }
      forward[offset + k] = x;
      const reverseK = delta - k;
      if (isOdd && reverseK >= -(d - 1) && reverseK <= d - 1 && x + backward[offset + reverseK]! >= n) {
        return splitPoint(aStart, bStart, startX, startY, x, y);
      }
    }
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && backward[offset + k - 1]! < backward[offset + k + 1]!)
          ? backward[offset + k + 1]!
          : backward[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aEnd - x - 1] === b[bEnd - y - 1]) {
        x++;
        y++;
      }
      backward[offset + k] = x;
      const forwardK = delta - k;
      if (!isOdd && forwardK >= -d && forwardK <= d && x + forward[offset + forwardK]! >= n) {
        return [aStart + n - x, bStart + m - y];
      }
    }
  }
  // Unreachable: an edit path of length n + m always exists.
  return [aStart + n, bStart + m];
}

/** Splits at the snake's start when that still makes progress, else at its end. */
function splitPoint(aStart: number, bStart: number, startX: number, startY: number, x: number, y: number): [number, number] {
  const hasProgress = startX + startY > 0;
  return hasProgress ? [aStart + startX, bStart + startY] : [aStart + x, bStart + y];
}

// ---- side by side ---------------------------------------------------------------------------

export type SideBySideRow =
  | {
      readonly kind: 'same' | 'changed' | 'removed' | 'added';
      /** 1-based line numbers as the editor shows them; null on the side without the line. */
      readonly leftLine: number | null;
      readonly left: string | null;
      readonly rightLine: number | null;
      readonly right: string | null;
    }
  | { readonly kind: 'skipped'; readonly count: number };

export interface ScriptDiff {
  readonly addedLines: number;
  readonly removedLines: number;
  /** Rows for a two-column view, unchanged stretches folded down to `context` lines around changes. */
  readonly rows: readonly SideBySideRow[];
}

/**
 * Pairs removals with the additions that follow them as 'changed' rows (an edited line reads
 * across), and folds unchanged runs longer than 2 × context.
 */
export function sideBySide(before: string, after: string, context = 3): ScriptDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const rows: Exclude<SideBySideRow, { kind: 'skipped' }>[] = [];
  let addedLines = 0;
  let removedLines = 0;
  for (let i = 0; i < ops.length;) {
    const op = ops[i]!;
    if (op.kind === 'same') {
      rows.push({ kind: 'same', leftLine: op.left + 1, left: a[op.left]!, rightLine: op.right + 1, right: b[op.right]! });
      i++;
      continue;
    }
    const removed: number[] = [];
    const added: number[] = [];
    while (i < ops.length && ops[i]!.kind !== 'same') {
      const change = ops[i]!;
      if (change.kind === 'removed') removed.push(change.left);
      else if (change.kind === 'added') added.push(change.right);
      i++;
    }
    removedLines += removed.length;
    addedLines += added.length;
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const l = removed[k];
      const r = added[k];
      rows.push({
        kind: l !== undefined && r !== undefined ? 'changed' : l !== undefined ? 'removed' : 'added',
        leftLine: l !== undefined ? l + 1 : null,
        left: l !== undefined ? a[l]! : null,
        rightLine: r !== undefined ? r + 1 : null,
        right: r !== undefined ? b[r]! : null,
      });
    }
  }
  return { addedLines, removedLines, rows: foldUnchanged(rows, context) };
}

function foldUnchanged(rows: readonly Exclude<SideBySideRow, { kind: 'skipped' }>[], context: number): SideBySideRow[] {
  const isChange = rows.map((r) => r.kind !== 'same');
  const keep = new Uint8Array(rows.length);
  rows.forEach((_, index) => {
    if (!isChange[index]) return;
    for (let j = Math.max(0, index - context); j <= Math.min(rows.length - 1, index + context); j++) keep[j] = 1;
  });
  const folded: SideBySideRow[] = [];
  let skipped = 0;
  rows.forEach((row, index) => {
    if (keep[index]) {
      if (skipped) folded.push({ kind: 'skipped', count: skipped });
      skipped = 0;
      folded.push(row);
    } else skipped++;
  });
  if (skipped) folded.push({ kind: 'skipped', count: skipped });
  return folded;
}
