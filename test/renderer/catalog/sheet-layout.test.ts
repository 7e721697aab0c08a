import { describe, expect, it } from 'vitest';
import { placeCell, sheetHeightPercent } from '../../../src-renderer/screens/catalog/sheet-layout';

const grid = { columns: 24, rows: 12 };

describe('sheet layout', () => {
  it('places a grid cell in percent of the sheet', () => {
    expect(placeCell(grid, { col: 6, row: 6, colspan: 6, rowspan: 6, bounds: null })).toEqual({ left: 25, top: 50, width: 25, height: 50 });
  });

  it('prefers the newer free bounds when present', () => {
    expect(placeCell(grid, { col: 0, row: 0, colspan: 1, rowspan: 1, bounds: { x: 10, y: 20, width: 30, height: 40 } })).toEqual({
      left: 10,
      top: 20,
      width: 30,
      height: 40,
    });
  });

  it('keeps cells inside the sheet horizontally', () => {
    expect(placeCell(grid, { col: 20, row: 0, colspan: 10, rowspan: 1, bounds: null }).width).toBeCloseTo(100 / 6);
  });

  it('grows the preview for sheets extended below their grid', () => {
    const cell = placeCell(grid, { col: 0, row: 12, colspan: 24, rowspan: 6, bounds: null });
    expect(sheetHeightPercent([cell])).toBe(150);
  });
});
