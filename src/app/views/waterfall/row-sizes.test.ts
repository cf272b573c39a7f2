import { describe, expect, it } from 'vitest';
import { rowSizes } from './row-sizes.ts';

describe('rowSizes', () => {
  it('gives every row the row height when no row is taller', () => {
    const size = rowSizes(26, []);
    expect([0, 5, 99_999].map(size)).toEqual([26, 26, 26]);
  });

  it('adds the extra height to the tall rows only', () => {
    // Rows 2 and 5 are 10 and 20 px taller; rows not shown (-1) or without extra are ignored.
    const size = rowSizes(26, [[5, 20], [2, 10], [-1, 50], [3, 0]]);
    expect(Array.from({ length: 7 }, (_, row) => size(row))).toEqual([26, 26, 36, 26, 26, 46, 26]);
  });
});
