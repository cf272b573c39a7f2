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
import { spanTypeOf } from './junjo-attrs.ts';
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
  const groups: ConcurrencyGroup[] = [];
  for (const rc of trace.spans) {
    if (spanTypeOf(rc) !== 'run_concurrent') continue;
    const children = trace.spans.filter((s) => junjoParent[s.index] === rc.index && spanTypeOf(s) !== undefined).map((s) => s.index);
    const spans = children.map((i) => trace.spans[i] as Span);
    const union = spans.length > 0 ? { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) } : null;
    const latestStart = Math.max(...spans.map((s) => s.start));
    const earliestEnd = Math.min(...spans.map((s) => s.end));
    const overlap = spans.length >= 2 && latestStart < earliestEnd ? { start: latestStart, end: earliestEnd } : null;
    const wall = rc.end - rc.start;
    const busy = spans.reduce((sum, s) => sum + Math.max(0, s.end - s.start), 0);
    groups.push({
      spanIndex: rc.index, name: rc.name, children, wall: { start: rc.start, end: rc.end }, union, overlap,
      efficiency: wall > 0 ? busy / wall : null,
      races: findRaces(trace, children, timelines),
    });
  }
  return groups;
}

function findRaces(trace: Trace, children: readonly number[], timelines: readonly StoreTimeline[]): PossibleRace[] {
  const childOf = (spanIndex: number): number | undefined =>
    children.find((c) => spanIndex >= c && spanIndex <= c + (trace.descendants[c] ?? 0));
  const races: PossibleRace[] = [];
  for (const timeline of timelines) {
    const writes: Write[] = [];
    for (const t of timeline.transitions) {
      const child = childOf(t.spanIndex);
      if (child === undefined) continue;
      for (const path of t.paths) writes.push({ child, step: t.step, action: t.action ?? 'set_state', path });
    }
    const clusters: Write[][] = [];
    for (const write of writes) {
      const cluster = clusters.find((c) => c.some((w) => pointersOverlap(w.path, write.path)));
      if (cluster) cluster.push(write);
      else clusters.push([write]);
    }
    for (const cluster of clusters) {
      const byChild = new Map<number, Write[]>();
      for (const w of cluster) byChild.set(w.child, [...(byChild.get(w.child) ?? []), w]);
      if (byChild.size < 2) continue;
      const path = cluster.map((w) => w.path).sort((a, b) => a.length - b.length)[0] as string;
      const writers = [...byChild.entries()].map(([childSpanIndex, ws]): RaceWriter => ({
        childSpanIndex,
        steps: [...new Set(ws.map((w) => w.step))],
        actions: [...new Set(ws.map((w) => w.action))],
        paths: [...new Set(ws.map((w) => w.path))],
      }));
      races.push({ storeId: timeline.storeId, path, writers });
    }
  }
  return races;
}
