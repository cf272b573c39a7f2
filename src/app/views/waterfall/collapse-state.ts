/**
 * How collapse state sits in the URL: a `depth` baseline (everything deeper collapsed) and a list
 * of span keys whose state is flipped against it. Both directions live here, so reading and
 * writing the URL cannot drift apart.
 */
import type { Trace } from '../../../core/model/trace.ts';
import { collapsedForDepth } from '../../../core/trace/visible-rows.ts';
import { spanIndexOf, spanKey } from '../../data/span-keys.ts';

const baseline = (trace: Trace, depth: number | undefined): Set<number> => (depth === undefined ? new Set<number>() : collapsedForDepth(trace, depth));

/** The collapsed spans that a depth and a list of flipped keys describe. */
export function collapsedSpans(trace: Trace, depth: number | undefined, flipped: readonly string[]): Set<number> {
  const set = baseline(trace, depth);
  for (const key of flipped) {
    const index = spanIndexOf(trace, key);
    if (index >= 0 && !set.delete(index)) set.add(index);
  }
  return set;
}

/** The flipped keys after setting some spans collapsed (or expanded), keeping the rest. */
export function flippedAfter(trace: Trace, depth: number | undefined, flipped: readonly string[], spans: readonly number[], collapse: boolean): string[] {
  const base = baseline(trace, depth);
  const next = new Set(flipped);
  for (const span of spans) {
    const key = spanKey(trace, span);
    if (base.has(span) === collapse) next.delete(key);
    else next.add(key);
  }
  return [...next];
}
