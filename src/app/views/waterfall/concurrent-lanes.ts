/**
 * RunConcurrent groups as the waterfall draws them: the group's children packed into
 * parallel lanes (overlapping children never share a lane), the overlap window and the
 * parallel efficiency. One entry per RC span, keyed by span index.
 */
import type { ConcurrencyGroup } from '../../../core/junjo/concurrency.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { assignLanes } from '../../../core/trace/concurrency-lanes.ts';

export interface LaneBar {
  readonly spanIndex: number;
  readonly lane: number;
  readonly start: number;
  readonly end: number;
  readonly failed: boolean;
}

export interface ConcurrentLanes {
  readonly laneCount: number;
  readonly bars: readonly LaneBar[];
  readonly overlap: { readonly start: number; readonly end: number } | null;
  readonly efficiency: number | null;
  readonly raceCount: number;
  /** State keys (JSON pointers) written by more than one concurrent branch. */
  readonly racePaths: readonly string[];
}

export const laneHeight = 7;

export function buildConcurrentLanes(trace: Trace, groups: readonly ConcurrencyGroup[]): ReadonlyMap<number, ConcurrentLanes> {
  const steps = concurrentLanesInSteps(trace, groups);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Groups per step of `concurrentLanesInSteps` (well under a millisecond of work). */
const groupsPerStep = 64;

/**
 * `buildConcurrentLanes`, pausing (a `yield`) after every few dozen groups: a 100,000-span trace has
 * ~4,000 RunConcurrent groups, whose lanes took the page a long task in one go (use-concurrent-lanes.ts).
 */
export function* concurrentLanesInSteps(trace: Trace, groups: readonly ConcurrencyGroup[]): Generator<void, ReadonlyMap<number, ConcurrentLanes>> {
  const out = new Map<number, ConcurrentLanes>();
  let inStep = 0;
  for (const group of groups) {
    if (++inStep > groupsPerStep) {
      inStep = 1;
      yield;
    }
    const spans = group.children.map((index) => trace.spans[index]!).filter(Boolean);
    const { lanes, laneCount } = assignLanes(spans);
    out.set(group.spanIndex, {
      laneCount,
      bars: spans.map((span, i) => ({ spanIndex: span.index, lane: lanes[i]!, start: span.start, end: span.end, failed: span.status.code === 'error' })),
      overlap: group.overlap,
      efficiency: group.efficiency,
      raceCount: group.races.length,
      racePaths: group.races.map((race) => race.path),
    });
  }
  return out;
}

/** Extra row height the lanes need under the group's own bar. */
export const lanesHeight = (lanes: ConcurrentLanes | undefined): number => (lanes && lanes.laneCount > 0 ? lanes.laneCount * laneHeight + 6 : 0);
