/**
 * The zoom and pan that fit a laid-out picture into the canvas, worked out from the layout itself.
 * `cy.fit()` gives the same picture but first measures every element's bounding box, labels and
 * edge routes included: about a second at 5,000 nodes, before anything is drawn.
 */
import type { LayoutResult } from '../../../src-main/lineage-view/lineage-layout';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  readonly zoom: number;
  readonly pan: { readonly x: number; readonly y: number };
}

/** Room above a group box for its title, drawn outside the box. */
const groupTitleHeight = 20;

export function fittedViewport(
  layout: Pick<LayoutResult, 'positions' | 'groups'>,
  sizeOf: (id: string) => Size | undefined,
  canvas: Size,
  options: { readonly padding: number; readonly minZoom: number; readonly maxZoom: number },
): Viewport | null {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const [id, at] of Object.entries(layout.positions)) {
    const size = sizeOf(id);
    if (!size) continue;
    x1 = Math.min(x1, at.x - size.width / 2);
    x2 = Math.max(x2, at.x + size.width / 2);
    y1 = Math.min(y1, at.y - size.height / 2);
    y2 = Math.max(y2, at.y + size.height / 2);
  }
  for (const box of Object.values(layout.groups)) {
    x1 = Math.min(x1, box.x);
    x2 = Math.max(x2, box.x + box.width);
    y1 = Math.min(y1, box.y - groupTitleHeight);
    y2 = Math.max(y2, box.y + box.height);
  }
  const width = canvas.width - 2 * options.padding;
  const height = canvas.height - 2 * options.padding;
  if (!Number.isFinite(x1) || width <= 0 || height <= 0) return null;
  const zoom = Math.min(options.maxZoom, Math.max(options.minZoom, Math.min(width / Math.max(1, x2 - x1), height / Math.max(1, y2 - y1))));
  return { zoom, pan: { x: (canvas.width - zoom * (x1 + x2)) / 2, y: (canvas.height - zoom * (y1 + y2)) / 2 } };
}
