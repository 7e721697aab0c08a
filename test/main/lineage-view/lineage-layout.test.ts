/** The layered lineage layout: flow left to right, no overlaps, and tall layers folded to fit a frame. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { layoutLineage, type LayoutInput, type LayoutResult } from '../../../src-main/lineage-view/lineage-layout';

const size = { width: 150, height: 30 };

/** A tenant in miniature: `sources` tables feed one QVD each, each QVD feeds `chartsPerQvd` charts. */
function tenantShape(sources: number, chartsPerQvd: number, group: (i: number) => string | null = () => null): LayoutInput {
  const nodes: Array<LayoutInput['nodes'][number]> = [];
  const edges: Array<LayoutInput['edges'][number]> = [];
  for (let s = 0; s < sources; s++) {
    nodes.push({ id: `db${s}`, ...size, group: null }, { id: `qvd${s}`, ...size, group: null });
    edges.push({ id: `e-db${s}`, from: `db${s}`, to: `qvd${s}` });
    for (let c = 0; c < chartsPerQvd; c++) {
      nodes.push({ id: `chart${s}.${c}`, ...size, group: group(s) });
      edges.push({ id: `e-chart${s}.${c}`, from: `qvd${s}`, to: `chart${s}.${c}` });
    }
  }
  const groups = [...new Set(nodes.map((n) => n.group).filter((g): g is string => g !== null))];
  return { nodes, edges, groups };
}

function bounds(input: LayoutInput, layout: LayoutResult) {
  const xs = input.nodes.map((n) => layout.positions[n.id]!.x);
  const ys = input.nodes.map((n) => layout.positions[n.id]!.y);
  const width = Math.max(...xs) - Math.min(...xs) + size.width;
  const height = Math.max(...ys) - Math.min(...ys) + size.height;
  return { width, height, aspect: width / height };
}

function overlaps(input: LayoutInput, layout: LayoutResult): number {
  const boxes = input.nodes.map((n) => ({ ...layout.positions[n.id]!, w: n.width, h: n.height }));
  let count = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < (a.h + b.h) / 2) count++;
    }
  return count;
}

/** Every edge ends in a band to the right of the one it starts in (x of the whole band, not the node). */
function flowsLeftToRight(input: LayoutInput, layout: LayoutResult): boolean {
  const kindOf = (id: string) => id.replace(/[\d.]+$/, '');
  const band = new Map<string, { min: number; max: number }>();
  for (const n of input.nodes) {
    const x = layout.positions[n.id]!.x;
    const b = band.get(kindOf(n.id)) ?? { min: Infinity, max: -Infinity };
    band.set(kindOf(n.id), { min: Math.min(b.min, x), max: Math.max(b.max, x) });
  }
  return input.edges.every((e) => band.get(kindOf(e.from))!.max < band.get(kindOf(e.to))!.min);
}

describe('lineage layout', () => {
  it('lays a small graph out left to right with ELK, unfolded even when a frame is given', async () => {
    const input = { ...tenantShape(3, 4), aspectRatio: 16 / 9 };
    const layout = await layoutLineage(input, { elk: new ELK() });
    expect(layout.engine).toBe('elk');
    expect(flowsLeftToRight(input, layout)).toBe(true);
    expect(overlaps(input, layout)).toBe(0);
  });

  it('without a frame, a whole tenant is a sliver many times taller than wide', async () => {
    const input = tenantShape(40, 25);
    const layout = await layoutLineage(input, { elk: null });
    expect(layout.engine).toBe('layered-fast');
    expect(bounds(input, layout).aspect).toBeLessThan(0.05);
  });

  it('folds a whole tenant’s tall layers into bands that fill a 16:9 frame, still flowing left to right', async () => {
    const input = { ...tenantShape(40, 25), aspectRatio: 16 / 9 };
    const layout = await layoutLineage(input, { elk: new ELK() });
    expect(layout.engine).toBe('layered-wrapped');
    const { aspect } = bounds(input, layout);
    expect(aspect).toBeGreaterThan((16 / 9) * 0.7);
    expect(aspect).toBeLessThan((16 / 9) * 1.4);
    expect(flowsLeftToRight(input, layout)).toBe(true);
    expect(overlaps(input, layout)).toBe(0);
    expect(Object.keys(layout.positions)).toHaveLength(input.nodes.length);
  });

  it('keeps a layer’s order when folding: a QVD’s charts sit together, row by row', async () => {
    const input = { ...tenantShape(40, 25), aspectRatio: 1.2 };
    const layout = await layoutLineage(input, {});
    expect(layout.engine).toBe('layered-wrapped');
    // The 25 charts of one QVD are neighbours in the layer's order, so they take a few rows, not the whole band.
    const rowsOf = (s: number) => new Set(Array.from({ length: 25 }, (_, c) => layout.positions[`chart${s}.${c}`]!.y)).size;
    const allRows = new Set(input.nodes.filter((n) => n.id.startsWith('chart')).map((n) => layout.positions[n.id]!.y)).size;
    expect(rowsOf(0)).toBeLessThan(allRows / 4);
    expect(rowsOf(17)).toBeLessThan(allRows / 4);
  });

  it('does not fold a graph grouped by app: group boxes need their members together', async () => {
    const input = { ...tenantShape(40, 25, (s) => `group:app${s % 5}`), aspectRatio: 16 / 9 };
    const layout = await layoutLineage(input, { elk: null });
    expect(layout.engine).toBe('layered-fast');
    expect(Object.keys(layout.groups)).toHaveLength(5);
  });

  it('does not fold a graph that fits its frame well enough, only one far too tall for it', async () => {
    // 50 nodes, 30 in the tallest layer: about 0.45 wide for 1 tall.
    const input = tenantShape(10, 3);
    expect((await layoutLineage({ ...input, aspectRatio: 1.2 }, { elk: null })).engine).toBe('layered-fast');
    expect((await layoutLineage({ ...input, aspectRatio: 3 }, { elk: null })).engine).toBe('layered-wrapped');
  });
});
