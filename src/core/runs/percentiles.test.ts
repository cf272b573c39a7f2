import { describe, expect, test } from 'vitest';
import { percentile, percentileSorted, tukeyFences } from './percentiles.ts';

describe('percentile (type 7, linear between the nearest ranks)', () => {
  test.each([
    [[1, 2, 3, 4], 50, 2.5],
    [[1, 2, 3, 4], 95, 3.85],
    [[4, 1, 3, 2], 0, 1],
    [[4, 1, 3, 2], 100, 4],
    [[10], 95, 10],
    [[5, 5, 5], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 9.55],
  ])('%j p%d = %d', (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 10);
  });

  test('an empty list has no percentile', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentileSorted(new Float64Array(0), 95)).toBeNaN();
  });
});

describe("Tukey's upper fence", () => {
  test('Q3 + 1.5 IQR of known values', () => {
    // sorted 1 2 3 4 100: Q1 = 2, Q3 = 4, IQR 2, upper fence 7
    expect(tukeyFences([100, 3, 1, 4, 2])).toEqual({ q1: 2, q3: 4, upper: 7 });
  });
  test('fewer than four values give no fence', () => {
    expect(tukeyFences([1, 2, 300])).toBeUndefined();
  });
});
