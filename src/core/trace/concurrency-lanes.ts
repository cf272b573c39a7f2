/**
 * Lanes for concurrent siblings (e.g. the children of a RunConcurrent span): overlapping
 * intervals get different lanes, using as few lanes as the peak overlap requires.
 * Greedy interval partitioning: intervals in start order (ties: input order) each take the
 * lowest-numbered lane that is free at their start. Touching intervals (one ends exactly when
 * the next starts) share a lane. Input order is free; lanes come back in input order.
 */

export interface Interval {
  readonly start: number;
  readonly end: number;
}

export interface LaneAssignment {
  /** Lane of each input interval, by input position (0 = top lane). */
  readonly lanes: Int32Array;
  readonly laneCount: number;
}

export function assignLanes(intervals: readonly Interval[]): LaneAssignment {
  const n = intervals.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => intervals[a]!.start - intervals[b]!.start);
  const lanes = new Int32Array(n);
  const laneEnd: number[] = [];
  const busy = new MinHeap<number>((a, b) => laneEnd[a]! - laneEnd[b]! || a - b); // lanes by end
  const free = new MinHeap<number>((a, b) => a - b); // free lane numbers
  for (const i of order) {
    const { start, end } = intervals[i]!;
    while (busy.size > 0 && laneEnd[busy.peek()!]! <= start) free.push(busy.pop()!);
    const lane = free.size > 0 ? free.pop()! : laneEnd.length;
    laneEnd[lane] = Math.max(end, start);
    lanes[i] = lane;
    busy.push(lane);
  }
  return { lanes, laneCount: laneEnd.length };
}

/** A small binary min-heap; enough for lane bookkeeping. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.less(items[i]!, items[parent]!) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && this.less(items[l]!, items[m]!) < 0) m = l;
      if (r < items.length && this.less(items[r]!, items[m]!) < 0) m = r;
      if (m === i) break;
      [items[i], items[m]] = [items[m]!, items[i]!];
      i = m;
    }
    return top;
  }
}
