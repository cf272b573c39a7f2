/** Small statistics and text-table helpers for the benchmark's report. */

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Linear-interpolated percentile (p in 0–100) of unsorted numbers; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p / 100) * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? lowValue;
  return lowValue + (highValue - lowValue) * (at - low);
}

export function spread(values: readonly number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: percentile(finite, 50), min: Math.min(...finite), max: Math.max(...finite) };
}

export function fixed(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

/** "median [min–max]" */
export function formatSpread(s: Spread, digits = 0): string {
  return `${fixed(s.median, digits)} [${fixed(s.min, digits)}–${fixed(s.max, digits)}]`;
}

export const megabytes = (bytes: number): number => bytes / (1024 * 1024);

/** Left-aligned first column, right-aligned others, two spaces between columns. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
