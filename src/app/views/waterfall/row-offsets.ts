/**
 * Where each waterfall row sits: every row is `rowHeight` tall, except the few with extra height
 * (RunConcurrent rows with their lanes). Kept as those few rows and a running sum of their extra
 * height, so building it costs the number of tall rows, not the number of rows (a list of 100,000
 * row positions cost tens of milliseconds and as many objects each time the rows changed).
 */
export class RowOffsets {
  /** Rows with extra height, ascending. */
  private readonly tallRows: Int32Array;
  /** Extra height of the tall rows before tall row k (k = 0 .. tallRows.length). */
  private readonly extraBefore: Float64Array;

  /** `extras`: [row, extra height] for rows taller than `rowHeight`, in any order. */
  constructor(
    readonly count: number,
    readonly rowHeight: number,
    extras: readonly (readonly [number, number])[],
  ) {
    const sorted = extras.filter(([row, extra]) => row >= 0 && row < count && extra > 0).sort((a, b) => a[0] - b[0]);
    this.tallRows = Int32Array.from(sorted, ([row]) => row);
    this.extraBefore = new Float64Array(sorted.length + 1);
    for (let k = 0; k < sorted.length; k++) this.extraBefore[k + 1] = this.extraBefore[k]! + sorted[k]![1];
  }

  /** Number of tall rows before `row`. */
  private tallBefore(row: number): number {
    let lo = 0;
    let hi = this.tallRows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tallRows[mid]! < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Top of `row`, in pixels from the top of the first row. */
  start(row: number): number {
    return row * this.rowHeight + this.extraBefore[this.tallBefore(row)]!;
  }

  height(row: number): number {
    const k = this.tallBefore(row);
    return this.tallRows[k] === row ? this.rowHeight + this.extraBefore[k + 1]! - this.extraBefore[k]! : this.rowHeight;
  }

  get total(): number {
    return this.count * this.rowHeight + this.extraBefore[this.tallRows.length]!;
  }

  /** The row at `y` pixels from the top (clamped to the rows there are; 0 when there are none). */
  rowAt(y: number): number {
    if (this.count === 0) return 0;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.start(mid) <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
