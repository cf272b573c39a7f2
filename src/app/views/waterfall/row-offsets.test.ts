import { describe, expect, it } from 'vitest';
import { RowOffsets } from './row-offsets.ts';

describe('RowOffsets', () => {
  it('places equal rows one row height apart', () => {
    const offsets = new RowOffsets(100_000, 26, []);
    expect(offsets.total).toBe(2_600_000);
    expect(offsets.start(0)).toBe(0);
    expect(offsets.start(99_999)).toBe(99_999 * 26);
    expect(offsets.height(5)).toBe(26);
    expect(offsets.rowAt(0)).toBe(0);
    expect(offsets.rowAt(25.9)).toBe(0);
    expect(offsets.rowAt(26)).toBe(1);
    expect(offsets.rowAt(10_000_000)).toBe(99_999);
    expect(offsets.rowAt(-5)).toBe(0);
  });

  it('adds the extra height of tall rows to every row below them', () => {
    // Rows 2 and 5 are 10 and 20 px taller; rows out of range or without extra are ignored.
    const offsets = new RowOffsets(8, 26, [[5, 20], [2, 10], [9, 50], [3, 0]]);
    expect(Array.from({ length: 8 }, (_, r) => offsets.start(r))).toEqual([0, 26, 52, 88, 114, 140, 186, 212]);
    expect(Array.from({ length: 8 }, (_, r) => offsets.height(r))).toEqual([26, 26, 36, 26, 26, 46, 26, 26]);
    expect(offsets.total).toBe(8 * 26 + 30);
    // Every pixel belongs to the row that covers it.
    for (let y = 0; y < offsets.total; y++) {
      const row = offsets.rowAt(y);
      expect(offsets.start(row)).toBeLessThanOrEqual(y);
      expect(offsets.start(row) + offsets.height(row)).toBeGreaterThan(y);
    }
  });

  it('has no rows to find in an empty list', () => {
    const offsets = new RowOffsets(0, 26, []);
    expect(offsets.total).toBe(0);
    expect(offsets.rowAt(100)).toBe(0);
  });
});
