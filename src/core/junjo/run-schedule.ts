/**
 * The Critical Path Method on the executed node instances of one Junjo run.
 *
 * A run's precedence graph is series-parallel, and Junjo's execution model gives it exactly:
 * - a workflow or subflow span runs its node instances one after another (a sequence: each taken
 *   edge is a precedence; loops are simply repeated instances, i.e. unrolled iterations);
 * - a RunConcurrent (or G0 NodeGather) span forks its children at its start and joins them at its end;
 * - a subflow instance is itself a sequence nested in its parent's level.
 * Weights are the observed durations. The gap between an instance's predecessor's end (or its
 * container's start, for the first instance or a forked branch) and its own start is its scheduling
 * overhead, kept as a fixed lag, so the forward pass reproduces the observed times.
 *
 * The backward pass gives each instance its slack: how much later it could have ended without the run
 * ending later. In a sequence an instance has the slack of its successor (the next one to start after it
 * ended) plus the time between its end and the latest end that successor waited for; the last ones have
 * their container's slack plus the time between their end and the level's last end; a concurrent branch has its group's slack plus the group's last end minus its own
 * end. Critical instances have no slack. Inside a node (LLM and tool calls) use the span-based path
 * (`core/trace/critical-path.ts`).
 */
import type { Trace } from '../model/trace.ts';
import { isGraphNodeSpan, spanTypeOf } from './junjo-attrs.ts';

export interface InstanceTiming {
  readonly spanIndex: number;
  /** The span it ran inside: the run span, a RunConcurrent span or a subflow span. */
  readonly container: number;
  readonly start: number;
  readonly end: number;
  /** Nanoseconds it could have taken longer without the run ending later (≥ 0). */
  readonly slack: number;
  /** Nanoseconds between its predecessor's end (or its container's start) and its start. */
  readonly overhead: number;
  readonly critical: boolean;
}

/** Two instances run one after the other in a sequence (a taken edge), with the span they ran in. */
export interface ScheduleStep {
  readonly from: number;
  readonly to: number;
  readonly container: number;
  /** Both critical and `to` is the instance that waited for `from`. */
  readonly critical: boolean;
}

export interface RunSchedule {
  readonly runSpanIndex: number;
  /** Instances in pre-order (span index order). */
  readonly instances: readonly InstanceTiming[];
  readonly steps: readonly ScheduleStep[];
  /** Critical instances in time order. */
  readonly criticalPath: readonly number[];
  /** Scheduling overhead summed over the critical instances. */
  readonly criticalOverhead: number;
}

const parallelTypes = new Set(['run_concurrent', 'node_gather']);

/**
 * The schedule of the run whose W or S span is `runSpanIndex` (slack relative to that span's end).
 * `junjoParent` is `JunjoSpanIndex.junjoParent`. `tolerance` (ns): slack at or below it counts as critical.
 */
export function runSchedule(trace: Trace, runSpanIndex: number, junjoParent: readonly number[], tolerance = 0): RunSchedule {
  const last = runSpanIndex + (trace.descendants[runSpanIndex] ?? 0);
  // Containers: the run span, and every RC / NodeGather / subflow instance inside it.
  const kidsOf = new Map<number, number[]>([[runSpanIndex, []]]);
  for (let i = runSpanIndex + 1; i <= last; i++) {
    const span = trace.spans[i]!;
    if (!isGraphNodeSpan(span)) continue;
    const list = kidsOf.get(junjoParent[i] ?? -1);
    if (!list) continue;
    list.push(i);
    const type = spanTypeOf(span);
    if (type !== 'node') kidsOf.set(i, []);
  }

  const slack = new Map<number, number>([[runSpanIndex, 0]]);
  const overhead = new Map<number, number>();
  const containerOf = new Map<number, number>();
  const steps: ScheduleStep[] = [];
  const stepSucc: [number, number, number][] = [];
  // Pre-order: a container's slack is known before its children's.
  for (const [container, kids] of [...kidsOf].sort((a, b) => a[0] - b[0])) {
    if (kids.length === 0) continue;
    const c = trace.spans[container]!;
    const slackC = slack.get(container) ?? 0;
    const spans = kids.map((k) => trace.spans[k]!);
    kids.sort((a, b) => trace.spans[a]!.start - trace.spans[b]!.start || a - b);
    let maxEnd = -Infinity;
    for (const s of spans) if (s.end > maxEnd) maxEnd = s.end;
    for (const k of kids) containerOf.set(k, container);
    if (parallelTypes.has(spanTypeOf(c) ?? '')) {
      for (const k of kids) {
        const s = trace.spans[k]!;
        slack.set(k, slackC + (maxEnd - s.end));
        overhead.set(k, Math.max(0, s.start - c.start));
      }
      continue;
    }
    const starts = kids.map((k) => trace.spans[k]!.start);
    // What each instance waited for: the latest end at or before its start (every instance ending by
    // then started before it), else its container's start.
    const ends = kids.map((k) => trace.spans[k]!.end).sort((a, b) => a - b);
    const waitEnd = kids.map((k) => {
      const at = upperBound(ends, trace.spans[k]!.start) - 1;
      return at >= 0 ? Math.max(ends[at]!, c.start) : c.start;
    });
    for (let j = kids.length - 1; j >= 0; j--) {
      const s = trace.spans[kids[j]!]!;
      overhead.set(kids[j]!, Math.max(0, s.start - waitEnd[j]!));
      // Its successor: the first instance to start after it ended; the successor could start late by
      // as much as it waited on something that ended after this one did.
      const succ = Math.max(j + 1, lowerBound(starts, s.end));
      slack.set(kids[j]!, succ < kids.length ? slack.get(kids[succ]!)! + (waitEnd[succ]! - s.end) : slackC + (maxEnd - s.end));
      if (j + 1 < kids.length) stepSucc.push([kids[j]!, kids[j + 1]!, succ === j + 1 ? 1 : 0]);
    }
    for (const [from, to, waited] of stepSucc.splice(0).reverse()) {
      const critical = waited === 1 && slack.get(from)! <= tolerance && slack.get(to)! <= tolerance;
      steps.push({ from, to, container, critical });
    }
  }

  const instances: InstanceTiming[] = [];
  for (const [spanIndex, container] of [...containerOf].sort((a, b) => a[0] - b[0])) {
    const s = trace.spans[spanIndex]!;
    const slackValue = Math.max(0, slack.get(spanIndex) ?? 0);
    instances.push({ spanIndex, container, start: s.start, end: s.end, slack: slackValue, overhead: overhead.get(spanIndex) ?? 0, critical: slackValue <= tolerance });
  }
  const criticalInstances = instances.filter((i) => i.critical).sort((a, b) => a.start - b.start || a.spanIndex - b.spanIndex);
  return {
    runSpanIndex,
    instances,
    steps,
    criticalPath: criticalInstances.map((i) => i.spanIndex),
    criticalOverhead: criticalInstances.reduce((sum, i) => sum + i.overhead, 0),
  };
}

/** First position whose value is > `value` in an ascending list. */
function upperBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position whose value is >= `value` in an ascending list. */
function lowerBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
