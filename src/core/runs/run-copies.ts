/**
 * Copies of recorded runs as new traces, for tests and the benchmark: each copy gets its own trace id,
 * starts `gapMs` after the previous one, and has every span's offset from the trace start scaled by
 * its factor (so durations differ from copy to copy). Span ids, attributes and the tree are kept.
 */
import type { SpanRecord } from '../model/span.ts';
import { epochNs } from '../model/time.ts';
import { fnv1a } from './graph-keys.ts';

export interface CopyPlan {
  /** Scale factor of each copy's span offsets and durations (1 = as recorded). */
  readonly factors: readonly number[];
  /** Start of the first copy, epoch ms. */
  readonly startMs: number;
  readonly gapMs: number;
  /** Distinguishes the trace ids of several plans. */
  readonly idPrefix?: string;
}

export function copyRuns(spans: readonly SpanRecord[], plan: CopyPlan): SpanRecord[][] {
  let first = spans[0]?.startNs ?? 0n;
  for (const span of spans) if (span.startNs < first) first = span.startNs;
  const prefix = plan.idPrefix ?? 'c0';
  return plan.factors.map((factor, n) => {
    // Four hashes of the copy's name: ids that look random and differ in their first digits.
    const traceId = [1, 2, 3, 4].map((k) => fnv1a(`${prefix}:${n}:${k}`)).join('');
    const base = BigInt(plan.startMs + n * plan.gapMs) * 1_000_000n;
    const at = (t: bigint) => epochNs(base + BigInt(Math.round(Number(t - first) * factor)));
    return spans.map((span) => ({
      ...span,
      traceId,
      startNs: at(span.startNs),
      endNs: at(span.endNs),
      events: span.events.map((event) => ({ ...event, timeNs: at(event.timeNs) })),
    }));
  });
}
