/**
 * Text for backend search results, in the same form as every other screen: times as ISO 8601
 * UTC with microseconds (core/model/time.ts `formatEpochNs`), never the browser's local format.
 */
import type { TraceSummary } from '../../core/backends/api-types.ts';
import { formatEpochNs, parseEpochNs } from '../../core/model/time.ts';

/** A run's start (decimal epoch nanoseconds from the API) as ISO UTC; "—" when unknown. */
export function runStartText(startNs: string): string {
  const ns = parseEpochNs(startNs);
  return ns === undefined || ns <= 0n ? '—' : formatEpochNs(ns);
}

/** A run's start as milliseconds since the epoch (for "3 min ago"); NaN when unknown. */
export function runStartMs(startNs: string): number {
  const ns = parseEpochNs(startNs);
  return ns === undefined || ns <= 0n ? Number.NaN : Number(ns / 1_000_000n);
}

/** A run's start to the second, shorter than the ISO form: "2026-12-02 17:29:39 UTC"; "—" when unknown. */
export function runStartShort(startNs: string): string {
  const ms = runStartMs(startNs);
  if (Number.isNaN(ms)) return '—';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The first 8 hex digits that tell trace ids apart (leading zeros of 64-bit ids dropped). */
export function shortTraceId(traceId: string): string {
  return (traceId.replace(/^0+(?=.)/, '') || traceId).slice(0, 8);
}

/** What a run is called in a list: its workflow, else its root span, else its short id. */
export function runTitle(run: Pick<TraceSummary, 'workflowName' | 'rootName' | 'traceId'>): string {
  return run.workflowName ?? run.rootName ?? `Trace ${shortTraceId(run.traceId)}…`;
}
