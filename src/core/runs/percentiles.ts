/**
 * Percentiles and outlier fences over plain numbers. Percentiles interpolate linearly between the
 * two nearest ranks (Hyndman & Fan type 7, the default of NumPy and R): p of [a0 ≤ … ≤ a(n-1)] is
 * a(h) with h = (n − 1)·p/100, interpolated between floor(h) and ceil(h). Outliers are Tukey's: a
 * value above Q3 + 1.5·IQR (IQR = Q3 − Q1, both type-7 quartiles).
 */

/** The p-th percentile (0–100) of values already sorted ascending; NaN for an empty list. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = ((n - 1) * Math.min(100, Math.max(0, p))) / 100;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  return lo === hi ? a : a + (sorted[hi]! - a) * (h - lo);
}

/** The p-th percentile of values in any order (sorts a copy). */
export function percentile(values: readonly number[], p: number): number {
  return percentileSorted(Float64Array.from(values).sort(), p);
}

export interface Fences {
  readonly q1: number;
  readonly q3: number;
  /** Q3 + 1.5·IQR: a value above it is an outlier. */
  readonly upper: number;
}

/** Tukey's upper fence; undefined with fewer than 4 values (quartiles of 3 values say little). */
export function tukeyFences(values: readonly number[]): Fences | undefined {
  if (values.length < 4) return undefined;
  const sorted = Float64Array.from(values).sort();
  const q1 = percentileSorted(sorted, 25);
  const q3 = percentileSorted(sorted, 75);
  return { q1, q3, upper: q3 + 1.5 * (q3 - q1) };
}
