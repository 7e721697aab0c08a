import { describe, expect, it } from 'vitest';
import { fittedViewport } from '../../../src-renderer/screens/lineage/fit-viewport';

const limits = { padding: 30, minZoom: 0.03, maxZoom: 4 };
const box = { width: 100, height: 40 };

/** Where a model point lands on screen. */
function rendered(viewport: { zoom: number; pan: { x: number; y: number } }, x: number, y: number) {
  return { x: x * viewport.zoom + viewport.pan.x, y: y * viewport.zoom + viewport.pan.y };
}

describe('fittedViewport', () => {
  it('fits the nodes’ outer edges into the canvas minus the padding, centred', () => {
    // Nodes span x -50…1050 and y -20…220: 1,100 × 240 model units.
    const layout = { positions: { a: { x: 0, y: 0 }, b: { x: 1000, y: 200 } }, groups: {} };
    const viewport = fittedViewport(layout, () => box, { width: 1160, height: 800 }, limits);
    expect(viewport).not.toBeNull();
    const v = viewport as NonNullable<typeof viewport>;
    expect(v.zoom).toBeCloseTo(1, 6); // width decides: (1160 − 60) / 1100
    const topLeft = rendered(v, -50, -20);
    const bottomRight = rendered(v, 1050, 220);
    expect(topLeft.x).toBeCloseTo(30, 6);
    expect(bottomRight.x).toBeCloseTo(1130, 6);
    // Vertically centred: equal room above and below.
    expect(topLeft.y).toBeCloseTo(800 - bottomRight.y, 6);
  });

  it('uses each node’s own size and leaves out nodes it knows no size for', () => {
    const layout = { positions: { small: { x: 0, y: 0 }, wide: { x: 0, y: 100 }, stray: { x: 9000, y: 9000 } }, groups: {} };
    const sizes: Record<string, { width: number; height: number }> = { small: { width: 10, height: 10 }, wide: { width: 400, height: 20 } };
    const v = fittedViewport(layout, (id) => sizes[id], { width: 460, height: 1000 }, limits) as NonNullable<
      ReturnType<typeof fittedViewport>
    >;
    expect(v.zoom).toBeCloseTo(1, 6); // (460 − 60) / 400: the wide node decides, the stray one is ignored
    expect(rendered(v, -200, 0).x).toBeCloseTo(30, 6);
  });

  it('takes group boxes and the title above them into account', () => {
    const layout = { positions: { a: { x: 50, y: 20 } }, groups: { g: { x: -100, y: -100, width: 400, height: 300 } } };
    const v = fittedViewport(layout, () => box, { width: 460, height: 2000 }, limits) as NonNullable<ReturnType<typeof fittedViewport>>;
    expect(v.zoom).toBeCloseTo(1, 6);
    // The group's title sits above its box, so the picture starts 20 units higher than the box.
    const top = rendered(v, 0, -120).y;
    const bottom = rendered(v, 0, 200).y;
    expect(top).toBeCloseTo(2000 - bottom, 6);
  });

  it('keeps the zoom within the canvas limits', () => {
    const one = { positions: { a: { x: 0, y: 0 } }, groups: {} };
    expect(fittedViewport(one, () => ({ width: 2, height: 2 }), { width: 800, height: 600 }, limits)?.zoom).toBe(4);
    const far = { positions: { a: { x: 0, y: 0 }, b: { x: 1e6, y: 0 } }, groups: {} };
    expect(fittedViewport(far, () => box, { width: 800, height: 600 }, limits)?.zoom).toBe(0.03);
  });

  it('gives nothing to fit for an empty picture or a canvas smaller than its padding', () => {
    expect(fittedViewport({ positions: {}, groups: {} }, () => box, { width: 800, height: 600 }, limits)).toBeNull();
    expect(fittedViewport({ positions: { a: { x: 0, y: 0 } }, groups: {} }, () => box, { width: 50, height: 600 }, limits)).toBeNull();
  });
});
