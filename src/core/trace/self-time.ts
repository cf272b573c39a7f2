/**
 * Self time: the part of a span's duration not covered by any of its children.
 * Children are clipped to the parent (a child outside its parent only counts where it overlaps),
 * and overlapping children count once (their union), so concurrent children never make self
 * time negative. Relies on `trace.children[i]` being sorted by start, as buildTrace guarantees.
 */
import type { Trace } from '../model/trace.ts';

/** Self time of one span, in nanoseconds (0 ≤ self ≤ duration). */
export function selfTime(trace: Trace, spanIndex: number): number {
  const span = trace.spans[spanIndex];
  if (!span) return 0;
  let covered = 0;
  let runStart = 0;
  let runEnd = -Infinity; // the current union run of clipped child intervals
  for (const child of trace.children[spanIndex] ?? []) {
    const c = trace.spans[child]!;
    const from = Math.max(c.start, span.start);
    const to = Math.min(c.end, span.end);
    if (to <= from) continue;
    if (from > runEnd) {
      if (runEnd > runStart) covered += runEnd - runStart;
      runStart = from;
      runEnd = to;
    } else if (to > runEnd) runEnd = to;
  }
  if (runEnd > runStart) covered += runEnd - runStart;
  return span.end - span.start - covered;
}

/** Self time of every span, by span index. Linear in the number of spans overall. */
export function selfTimes(trace: Trace): Float64Array {
  const out = new Float64Array(trace.spans.length);
  for (let i = 0; i < out.length; i++) out[i] = selfTime(trace, i);
  return out;
}
