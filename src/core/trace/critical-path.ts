/**
 * The span-based critical path of a trace: the chain of work that determined when the trace ended.
 *
 * Walk back from the end: within a span, the last-finishing child is critical (clipped to the parent);
 * the parent's own time after it is a critical segment of the parent; the walk continues from that
 * child's start with the last child that had ended by then (happens-before: a sibling still running
 * when the chosen child started did not hold it up, so concurrent async siblings are not marked
 * critical for the time before the last one started, unlike jaeger-ui #2371). Rules:
 * - children are clipped to their parent (a child outside its parent only counts where it overlaps);
 * - back-to-back siblings (one ends exactly when the next starts) are both on the path: a child counts
 *   when it starts strictly before the current point, its end may equal it;
 * - a CONSUMER child of a PRODUCER span does not block its parent (the producer does not wait for it):
 *   it is walked as a top-level span instead, like the roots;
 * - several top-level spans (roots, orphans, FOLLOWS_FROM/link roots, detached consumers) are children of
 *   a virtual span covering the whole trace, so the path can hop from one to the next; at this level an
 *   overlapping earlier span is clipped at the later one's start instead of skipped, since a consumer
 *   or linked root usually starts while the span that triggered it is still running;
 * - ties on end time go to the child that started first (it covers more of the wait).
 * Linear after one sort of each walked span's children; no recursion (deep traces are fine).
 */
import type { Trace } from '../model/trace.ts';

export interface CriticalPath {
  /** Per span: 1 when the span is on the path (it, or work it waited for, is critical). */
  readonly onPath: Uint8Array;
  /** Per span: nanoseconds of its own time on the path (its critical segments' total). */
  readonly criticalTime: Float64Array;
  /** Critical segments grouped by span: span i owns `segStart/segEnd[segOffset[i] .. segOffset[i + 1])`, by start. */
  readonly segOffset: Int32Array;
  readonly segStart: Float64Array;
  readonly segEnd: Float64Array;
  /** Spans on the path by start (a parent before the children that start with it). */
  readonly spans: readonly number[];
  /** Total critical time: the trace duration minus the gaps where no span was running. */
  readonly total: number;
}

/** True when `child` runs detached from its parent: a CONSUMER under a PRODUCER. */
export function isNonBlockingChild(trace: Trace, child: number): boolean {
  const parent = trace.parent[child] ?? -1;
  return parent >= 0 && trace.spans[child]?.kind === 'consumer' && trace.spans[parent]?.kind === 'producer';
}

/**
 * The critical path of the whole trace, or (with `root`) of one span's subtree, walked from that
 * span's end: the LLM and tool calls that made a node take as long as it did.
 */
export function criticalPath(trace: Trace, root?: number): CriticalPath {
  const n = trace.spans.length;
  const onPath = new Uint8Array(n);
  const rawSpan: number[] = [];
  const rawStart: number[] = [];
  const rawEnd: number[] = [];
  const addSegment = (span: number, from: number, to: number) => {
    if (span < 0 || to <= from) return;
    rawSpan.push(span);
    rawStart.push(from);
    rawEnd.push(to);
  };

  // One pass over the spans: starts, ends and the detached flag in typed arrays, so the walk and its
  // sorts read numbers instead of span objects.
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const nonBlocking = new Uint8Array(n);
  const detached: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = trace.spans[i]!;
    starts[i] = s.start;
    ends[i] = s.end;
    if (isNonBlockingChild(trace, i)) {
      nonBlocking[i] = 1;
      if (root === undefined) detached.push(i);
    }
  }
  // The children being walked, reused from task to task (a task's children are all read before the next task).
  const scratch: number[] = [];
  const blockingChildren = (span: number): number[] => {
    scratch.length = 0;
    if (span < 0) {
      for (const r of trace.roots) scratch.push(r);
      for (const d of detached) scratch.push(d);
      return scratch;
    }
    for (const c of trace.children[span] ?? []) if (!nonBlocking[c]) scratch.push(c);
    return scratch;
  };
  const byEndThenStart = (a: number, b: number) => ends[b]! - ends[a]! || starts[a]! - starts[b]!;

  // Tasks: (span, lo, hi): walk `span` back from hi to lo. Span -1 is the virtual trace span.
  const taskSpan: number[] = [];
  const taskLo: number[] = [];
  const taskHi: number[] = [];
  if (root !== undefined) {
    const s = trace.spans[root];
    if (s) {
      onPath[root] = 1;
      taskSpan.push(root);
      taskLo.push(s.start);
      taskHi.push(Math.max(s.start, s.end));
    }
  } else if (n > 0) {
    taskSpan.push(-1);
    taskLo.push(0);
    taskHi.push(trace.duration);
  }
  while (taskSpan.length > 0) {
    const span = taskSpan.pop()!;
    const lo = taskLo.pop()!;
    const hi = taskHi.pop()!;
    if (span >= 0 && (trace.children[span]?.length ?? 0) === 0) {
      addSegment(span, lo, hi);
      continue;
    }
    const kids = blockingChildren(span);
    // By end, latest first; ties: earlier start first (stable on the start-ordered child list).
    if (kids.length > 1) kids.sort(byEndThenStart);
    let t = hi;
    let picked = false;
    for (const c of kids) {
      if (t <= lo) break;
      const childStart = starts[c]!;
      const childEnd = ends[c]!;
      if (childStart >= t || childEnd <= lo) continue;
      // Inside a span, a sibling still running when the chosen one started did not hold it up.
      if (picked && span >= 0 && childEnd > t) continue;
      picked = true;
      const from = Math.max(childStart, lo);
      const to = Math.min(childEnd, t);
      addSegment(span, to, t);
      onPath[c] = 1;
      taskSpan.push(c);
      taskLo.push(from);
      taskHi.push(to);
      t = from;
    }
    if (t > lo) addSegment(span, lo, t);
  }

  // Group segments by span, each span's segments by start.
  const segOffset = new Int32Array(n + 1);
  for (const s of rawSpan) segOffset[s + 1]!++;
  for (let i = 0; i < n; i++) segOffset[i + 1]! += segOffset[i]!;
  const fill = segOffset.slice(0, n);
  const count = rawSpan.length;
  const segStart = new Float64Array(count);
  const segEnd = new Float64Array(count);
  const criticalTime = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < count; k++) {
    const s = rawSpan[k]!;
    const at = fill[s]!++;
    segStart[at] = rawStart[k]!;
    segEnd[at] = rawEnd[k]!;
    criticalTime[s]! += rawEnd[k]! - rawStart[k]!;
    total += rawEnd[k]! - rawStart[k]!;
  }
  const spans: number[] = [];
  for (let i = 0; i < n; i++) {
    if (segOffset[i + 1]! - segOffset[i]! > 1) sortPairs(segStart, segEnd, segOffset[i]!, segOffset[i + 1]!);
    if (onPath[i]) spans.push(i);
  }
  spans.sort((a, b) => starts[a]! - starts[b]! || a - b);
  return { onPath, criticalTime, segOffset, segStart, segEnd, spans, total };
}

/** The critical segments of one span as [start, end] pairs (ns from the trace start). */
export function segmentsOf(path: CriticalPath, span: number): [number, number][] {
  const out: [number, number][] = [];
  for (let k = path.segOffset[span] ?? 0; k < (path.segOffset[span + 1] ?? 0); k++) out.push([path.segStart[k]!, path.segEnd[k]!]);
  return out;
}

/** Insertion sort of paired slices by start (a span has few segments). */
function sortPairs(starts: Float64Array, ends: Float64Array, from: number, to: number): void {
  for (let j = from + 1; j < to; j++) {
    const s = starts[j]!;
    const e = ends[j]!;
    let k = j - 1;
    while (k >= from && starts[k]! > s) {
      starts[k + 1] = starts[k]!;
      ends[k + 1] = ends[k]!;
      k--;
    }
    starts[k + 1] = s;
    ends[k + 1] = e;
  }
}

/**
 * Keep-mask for a "critical path only" filter: spans on the path and their ancestors (a detached
 * consumer's producer stays, so the tree stays connected, as `computeVisibleRows` requires).
 */
export function criticalKeepMask(trace: Trace, path: CriticalPath): Uint8Array {
  const keep = path.onPath.slice();
  for (const s of path.spans) for (let p = trace.parent[s] ?? -1; p >= 0 && !keep[p]; p = trace.parent[p] ?? -1) keep[p] = 1;
  return keep;
}
