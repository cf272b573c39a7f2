/**
 * One line per trace for a trace picker. The "root" is the first entry of `trace.roots`: the
 * earliest real root, or the earliest detached span when the trace has no real root.
 */
import type { EpochNs } from '../model/time.ts';
import type { Trace } from '../model/trace.ts';

export interface TraceSummary {
  readonly traceId: string;
  readonly rootName: string;
  readonly rootService: string;
  readonly startNs: EpochNs;
  /** Nanoseconds from the first start to the last end. */
  readonly duration: number;
  readonly spanCount: number;
  /** Spans whose status is error. */
  readonly errorCount: number;
  /** Structural problems (orphans, cycles, duplicate ids…) found while building. */
  readonly issueCount: number;
}

/** Failed-span counts given by whoever built the trace (rememberErrorCount). */
const errorCounts = new WeakMap<Trace, number>();

/**
 * Gives the summary the trace's failed-span count, for a trace whose builder counted them cheaply
 * (the page counts a posted trace's statuses in its columns, without reading 100,000 spans).
 */
export function rememberErrorCount(trace: Trace, count: number): void {
  errorCounts.set(trace, count);
}

/** Summaries by trace (traces are never changed): a 100,000-span trace's takes a few milliseconds, and the page asks again on each render of a new screen. */
const summaries = new WeakMap<Trace, TraceSummary>();

export function summarizeTrace(trace: Trace): TraceSummary {
  let summary = summaries.get(trace);
  if (!summary) {
    summary = summarize(trace);
    summaries.set(trace, summary);
  }
  return summary;
}

function summarize(trace: Trace): TraceSummary {
  const root = trace.spans[trace.roots[0] ?? 0];
  let errorCount = errorCounts.get(trace);
  if (errorCount === undefined) {
    errorCount = 0;
    for (const span of trace.spans) if (span.status.code === 'error') errorCount++;
  }
  return {
    traceId: trace.traceId,
    rootName: root?.name ?? '',
    rootService: root?.resource.serviceName ?? '',
    startNs: trace.startNs,
    duration: trace.duration,
    spanCount: trace.spans.length,
    errorCount,
    issueCount: trace.issues.length,
  };
}
