/**
 * The height of each waterfall row, as TanStack Virtual's `estimateSize`: every row is `rowHeight`
 * tall except the few with extra height (RunConcurrent rows with their lanes). Built from those few
 * rows, so building it costs the number of tall rows, and asking costs one lookup in a small map.
 */
export function rowSizes(rowHeight: number, extras: readonly (readonly [number, number])[]): (row: number) => number {
  const tall = new Map<number, number>();
  for (const [row, extra] of extras) if (row >= 0 && extra > 0) tall.set(row, rowHeight + extra);
  if (tall.size === 0) return () => rowHeight;
  return (row) => tall.get(row) ?? rowHeight;
}
