/**
 * RunConcurrent groups (formats.md §4): one entry per RC span (a loop can run a group several times).
 * - `union`: [earliest child start, latest child end]: the time any child was running.
 * - `overlap`: [latest child start, earliest child end] when positive: the time all children ran at once
 *   (null when some child ended before another started, or with fewer than two children).
 * - `efficiency`: sum of child durations / wall time of the RC span; ~N for N fully parallel children,
 *   ~1 when they effectively ran one after another. Null for a zero-length RC span.
 * - `races`: state paths written by more than one child (equal, ancestor or descendant pointers), per
 *   store, from the replayed transitions whose span lies in a child's subtree. A possible race, not a proof.
 */
import type { Span } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';
import { pointersOverlap } from './json-value.ts';
import { spanTypesOf } from './junjo-attrs.ts';
import type { StoreTimeline } from './state-replay.ts';

export interface Interval {
  readonly start: number;
  readonly end: number;
}

export interface RaceWriter {
  readonly childSpanIndex: number;
  readonly steps: readonly number[];
  readonly actions: readonly string[];
  readonly paths: readonly string[];
}

export interface PossibleRace {
  readonly storeId: string;
  /** The shortest of the overlapping paths (the common ancestor when one contains the other). */
  readonly path: string;
  readonly writers: readonly RaceWriter[];
}

export interface ConcurrencyGroup {
  readonly spanIndex: number;
  readonly name: string;
  readonly children: readonly number[];
  readonly wall: Interval;
  readonly union: Interval | null;
  readonly overlap: Interval | null;
  readonly efficiency: number | null;
  readonly races: readonly PossibleRace[];
}

interface Write {
  readonly child: number;
  readonly step: number;
  readonly action: string;
  readonly path: string;
}

export function analyzeConcurrency(trace: Trace, junjoParent: readonly number[], timelines: readonly StoreTimeline[]): ConcurrencyGroup[] {
  // Children of every RC in one pass (ascending span index = pre-order), not a scan of all spans per RC.
  const childrenOf = new Map<number, number[]>();
  const types = spanTypesOf(trace.spans);
  for (let i = 0; i < types.length; i++) if (types[i] === 'run_concurrent') childrenOf.set(i, []);
  if (childrenOf.size === 0) return [];
  for (let i = 0; i < types.length; i++) {
    if (types[i] === undefined) continue;
    const list = childrenOf.get(junjoParent[i] ?? -1);
    if (list) list.push(i);
  }
  const writes = transitionsBySpan(timelines);
  const groups: ConcurrencyGroup[] = [];
  for (const [rcIndex, children] of childrenOf) {
    const rc = trace.spans[rcIndex] as Span;
    // Loops, not Math.min/max(...spread): an RC can have more children than the argument limit.
    let minStart = Infinity;
    let maxStart = -Infinity;
    let minEnd = Infinity;
    let maxEnd = -Infinity;
    let busy = 0;
    for (const i of children) {
      const s = trace.spans[i] as Span;
      if (s.start < minStart) minStart = s.start;
      if (s.start > maxStart) maxStart = s.start;
      if (s.end < minEnd) minEnd = s.end;
      if (s.end > maxEnd) maxEnd = s.end;
      busy += Math.max(0, s.end - s.start);
    }
    const union = children.length > 0 ? { start: minStart, end: maxEnd } : null;
    const overlap = children.length >= 2 && maxStart < minEnd ? { start: maxStart, end: minEnd } : null;
    const wall = rc.end - rc.start;
    groups.push({
      spanIndex: rc.index, name: rc.name, children, wall: { start: rc.start, end: rc.end }, union, overlap,
      efficiency: wall > 0 ? busy / wall : null,
      races: findRaces(trace, rc.index, children, writes, timelines),
    });
  }
  return groups;
}

interface TransitionRef {
  readonly spanIndex: number;
  readonly timeline: number;
  readonly transition: StoreTimeline['transitions'][number];
}

/** Every transition of every store, sorted by span index (then store, then step: the original order). */
function transitionsBySpan(timelines: readonly StoreTimeline[]): TransitionRef[] {
  const refs: TransitionRef[] = [];
  timelines.forEach((timeline, t) => {
    for (const transition of timeline.transitions) refs.push({ spanIndex: transition.spanIndex, timeline: t, transition });
  });
  return refs.sort((a, b) => a.spanIndex - b.spanIndex || a.timeline - b.timeline || a.transition.step - b.transition.step);
}

/** First position i in 0..length whose valueAt(i) is >= `value` (valueAt ascending). */
function lowerBound(length: number, valueAt: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (valueAt(mid) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function findRaces(
  trace: Trace,
  rcIndex: number,
  children: readonly number[],
  all: readonly TransitionRef[],
  timelines: readonly StoreTimeline[],
): PossibleRace[] {
  if (children.length < 2) return [];
  // Children are in pre-order, so each one's subtree is [c, c + descendants[c]]: binary search.
  const childOf = (spanIndex: number): number | undefined => {
    const k = lowerBound(children.length, (i) => children[i] as number, spanIndex + 1) - 1;
    const c = children[k];
    return c !== undefined && spanIndex <= c + (trace.descendants[c] ?? 0) ? c : undefined;
  };
  const last = rcIndex + (trace.descendants[rcIndex] ?? 0);
  const writesByTimeline = new Map<number, Write[]>();
  for (let k = lowerBound(all.length, (i) => (all[i] as TransitionRef).spanIndex, rcIndex + 1); k < all.length; k++) {
    const ref = all[k] as TransitionRef;
    if (ref.spanIndex > last) break;
    const child = childOf(ref.spanIndex);
    if (child === undefined) continue;
    let writes = writesByTimeline.get(ref.timeline);
    if (!writes) writesByTimeline.set(ref.timeline, (writes = []));
    const t = ref.transition;
    for (const path of t.paths) writes.push({ child, step: t.step, action: t.action ?? 'set_state', path });
  }
  const races: PossibleRace[] = [];
  for (const [timelineIndex, writes] of [...writesByTimeline].sort((a, b) => a[0] - b[0])) {
    writes.sort((a, b) => a.step - b.step);
    // Cluster distinct paths (a path joins the first cluster holding an overlapping one), then the writes.
    const clusterOfPath = new Map<string, number>();
    const clusterPaths: string[][] = [];
    for (const { path } of writes) {
      if (clusterOfPath.has(path)) continue;
      let found = clusterPaths.findIndex((paths) => paths.some((p) => pointersOverlap(p, path)));
      if (found < 0) found = clusterPaths.push([]) - 1;
      clusterPaths[found]?.push(path);
      clusterOfPath.set(path, found);
    }
    const clusters: Write[][] = clusterPaths.map(() => []);
    for (const write of writes) clusters[clusterOfPath.get(write.path) as number]?.push(write);
    for (const cluster of clusters) {
      const byChild = new Map<number, Write[]>();
      for (const w of cluster) {
        const list = byChild.get(w.child);
        if (list) list.push(w);
        else byChild.set(w.child, [w]);
      }
      if (byChild.size < 2) continue;
      const path = cluster.map((w) => w.path).sort((a, b) => a.length - b.length)[0] as string;
      const writers = [...byChild.entries()].map(([childSpanIndex, ws]): RaceWriter => ({
        childSpanIndex,
        steps: [...new Set(ws.map((w) => w.step))],
        actions: [...new Set(ws.map((w) => w.action))],
        paths: [...new Set(ws.map((w) => w.path))],
      }));
      races.push({ storeId: (timelines[timelineIndex] as StoreTimeline).storeId, path, writers });
    }
  }
  return races;
}
