/**
 * Where each object sits on a sheet preview, in percent of the sheet. Qlik Sense stores either a
 * cell on the sheet's `columns × rows` grid (col/row/colspan/rowspan) or, on newer sheets, free
 * `bounds` in percent; bounds win when present because the grid is then only approximate.
 */
import type { CellPosition } from '../../../src-main/crawl/records';

export interface SheetGrid {
  readonly columns: number;
  readonly rows: number;
}

export interface PlacedCell {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

const clampPercent = (value: number): number => Math.min(100, Math.max(0, value));
/** Sheets can be extended below their grid, so vertical positions may pass 100 %. */
const nonNegative = (value: number): number => Math.max(0, value);

export function placeCell(grid: SheetGrid, position: CellPosition): PlacedCell {
  if (position.bounds) {
    const { x, y, width, height } = position.bounds;
    const left = clampPercent(x);
    return { left, top: nonNegative(y), width: clampPercent(Math.min(width, 100 - left)), height: nonNegative(height) };
  }
  const columns = Math.max(1, grid.columns);
  const rows = Math.max(1, grid.rows);
  const left = clampPercent((position.col / columns) * 100);
  return {
    left,
    top: nonNegative((position.row / rows) * 100),
    width: clampPercent(Math.min((Math.max(1, position.colspan) / columns) * 100, 100 - left)),
    height: (Math.max(1, position.rowspan) / rows) * 100,
  };
}

/** How much taller than the grid the preview must be so that objects placed below row `rows` still show. */
export function sheetHeightPercent(cells: readonly PlacedCell[]): number {
  return Math.max(100, ...cells.map((c) => c.top + c.height));
}
