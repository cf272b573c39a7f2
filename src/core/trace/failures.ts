/**
 * Failures of a trace, root cause first. When a node raises, its RunConcurrent group, subflow,
 * workflow and HTTP request often end in error too: one failure, reported four or five times.
 * A root cause is a failing span none of whose descendants failed (the deepest failing span on its
 * branch); the other failing spans are its echoes. Root causes are ordered by the time they ended
 * (the first to fail is the likeliest cause), then by start and position.
 */
import type { Trace } from '../model/trace.ts';

export interface TraceFailures {
  /** Spans with status error that have no failing descendant, earliest end first. */
  readonly rootCauses: readonly number[];
  /** Every span with status error, in row (pre-)order. */
  readonly failed: readonly number[];
  /** Per span: 1 when it failed only because a span below it failed. */
  readonly echoes: Uint8Array;
}

const cache = new WeakMap<Trace, TraceFailures>();

export function traceFailures(trace: Trace): TraceFailures {
  const cached = cache.get(trace);
  if (cached) return cached;
  const n = trace.spans.length;
  const failed: number[] = [];
  // failingBelow[i]: some descendant of i failed. Pre-order: children come after parents, so a
  // backward pass sees every child before its parent.
  const failingBelow = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const parent = trace.parent[i]!;
    if (parent >= 0 && (failingBelow[i] || trace.spans[i]!.status.code === 'error')) failingBelow[parent] = 1;
  }
  const echoes = new Uint8Array(n);
  const rootCauses: number[] = [];
  for (let i = 0; i < n; i++) {
    if (trace.spans[i]!.status.code !== 'error') continue;
    failed.push(i);
    if (failingBelow[i]) echoes[i] = 1;
    else rootCauses.push(i);
  }
  rootCauses.sort((a, b) => {
    const sa = trace.spans[a]!, sb = trace.spans[b]!;
    return sa.end - sb.end || sa.start - sb.start || a - b;
  });
  const result = { rootCauses, failed, echoes };
  cache.set(trace, result);
  return result;
}

/** The next root cause after `current` (a span index; -1 or a non-cause starts at the first), wrapping. */
export function nextFailure(failures: TraceFailures, current: number, step: 1 | -1 = 1): number {
  const list = failures.rootCauses;
  if (list.length === 0) return -1;
  const at = list.indexOf(current);
  if (at < 0) return step === 1 ? list[0]! : list[list.length - 1]!;
  return list[(at + step + list.length) % list.length]!;
}
