import type { Span } from './span.ts';
import type { EpochNs } from './time.ts';

/** Structural problems found while building a trace, shown to the user, never thrown. */
export type TraceIssue =
  | { readonly kind: 'orphan'; readonly spanIndex: number; readonly missingParentId: string }
  | { readonly kind: 'duplicate-span-id'; readonly spanId: string; readonly count: number }
  | { readonly kind: 'parent-cycle'; readonly spanIndexes: readonly number[] }
  | { readonly kind: 'outside-parent'; readonly spanIndex: number }
  | { readonly kind: 'ends-before-start'; readonly spanIndex: number };

/**
 * One trace with its tree. `spans` are in depth-first pre-order with children sorted by start,
 * so a waterfall renders them in array order. Index arrays refer to positions in `spans`.
 */
export interface Trace {
  readonly traceId: string;
  /** Epoch time of the earliest span start: the zero of every span's `start`/`end`. */
  readonly startNs: EpochNs;
  /** Nanoseconds from the first start to the last end. */
  readonly duration: number;
  readonly spans: readonly Span[];
  /** Parent index per span, -1 for a root or an orphan. */
  readonly parent: Int32Array;
  /** Depth per span (roots 0; orphans sit at depth 1 under their "parent not in trace" marker). */
  readonly depth: Int32Array;
  /** Number of descendants per span (the subtree below it, excluding itself). */
  readonly descendants: Int32Array;
  /** Child indexes per span, sorted by start. */
  readonly children: readonly (readonly number[])[];
  /**
   * Indexes of roots (spans with no parent id) in start order, then detached spans: orphans, and
   * the span where a parent cycle was cut. Detached spans are grouped by the parent id they point
   * at (one "parent not in trace" marker per group); groups by earliest start, each in start order.
   */
  readonly roots: readonly number[];
  readonly issues: readonly TraceIssue[];
  readonly services: readonly string[];
}
