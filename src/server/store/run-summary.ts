/**
 * A trace's run summary, kept beside its spans so a list of runs never reads a span: extent,
 * counts, the root and the Junjo workflow span, the Junjo generation and the run status.
 * Spans of one trace arrive in any order and batches; `mergeSpan` folds one newly stored span
 * into the summary, so the result does not depend on arrival order.
 */
import { findAttr, numberAttr, stringAttr } from '../../core/model/attributes.ts';
import type { SummarySpan } from './store-span.ts';

/** The status kept in the store's summary row. */
export type StoredStatus = 'ok' | 'error' | 'in-progress';
/**
 * The status shown: a run stuck "in progress" (no root or workflow span) that has received no
 * new span for the quiet period is "incomplete": its root span never arrived.
 */
export type RunStatus = StoredStatus | 'incomplete';

/** Quiet period after which a run without its root span reads "incomplete" (5 minutes). */
export const defaultIncompleteAfterMs = 5 * 60 * 1000;

export interface RunSummary {
  readonly traceId: string;
  startNs: bigint;
  endNs: bigint;
  spanCount: number;
  errorCount: number;
  /** Bytes of the stored spans (OTLP/JSON text, or protobuf as received), for retention by size. */
  bytes: number;
  rootName: string | null;
  rootService: string | null;
  rootStartNs: bigint | null;
  /** The root's service, else the service of the first span received. */
  service: string | null;
  workflowName: string | null;
  workflowStartNs: bigint | null;
  /** G0–G3 (formats.md §1.1) of the workflow span, or null when there is none (yet). */
  generation: string | null;
  hasNodeGather: boolean;
  firstReceivedMs: number;
  lastReceivedMs: number;
}

export const emptySummary = (traceId: string, nowMs: number): RunSummary => ({
  traceId,
  startNs: 0n,
  endNs: 0n,
  spanCount: 0,
  errorCount: 0,
  bytes: 0,
  rootName: null,
  rootService: null,
  rootStartNs: null,
  service: null,
  workflowName: null,
  workflowStartNs: null,
  generation: null,
  hasNodeGather: false,
  firstReceivedMs: nowMs,
  lastReceivedMs: nowMs,
});

/**
 * A run is in progress while neither its root nor a Junjo workflow span has arrived: Junjo's
 * exporter sends node spans first (they end first) and the workflow span up to 5 s later.
 */
export const isInProgress = (summary: RunSummary): boolean => summary.rootName === null && summary.workflowName === null;

export function statusOf(summary: RunSummary): StoredStatus {
  if (isInProgress(summary)) return 'in-progress';
  return summary.errorCount > 0 ? 'error' : 'ok';
}

/** The status shown at `nowMs`: "incomplete" once an in-progress run has been quiet `quietMs`. */
export function statusAt(summary: RunSummary, nowMs: number, quietMs: number): RunStatus {
  const stored = statusOf(summary);
  return stored === 'in-progress' && nowMs - summary.lastReceivedMs >= quietMs ? 'incomplete' : stored;
}

/** The attributes the summary reads (a summary span needs no others). */
export const summaryAttributeKeys: ReadonlySet<string> = new Set([
  'junjo.span_type',
  'junjo.telemetry.contract_version',
  'junjo.executable_runtime_id',
  'junjo.id',
  'junjo.workflow.store.id',
]);

/** Junjo generation of a workflow span from its own attributes (detectGeneration's rules). */
function generationOf(span: SummarySpan, hasNodeGather: boolean): string | null {
  const attrs = span.attributes;
  if (numberAttr(attrs, 'junjo.telemetry.contract_version') === 2) return 'G3';
  if (stringAttr(attrs, 'junjo.executable_runtime_id') !== undefined) return 'G2';
  if (stringAttr(attrs, 'junjo.id') !== undefined)
    return hasNodeGather || stringAttr(attrs, 'junjo.workflow.store.id') === undefined ? 'G0' : 'G1';
  return null;
}

/** Folds one newly stored span (not a duplicate) of `bytes` JSON bytes into the summary. */
export function mergeSpan(summary: RunSummary, span: SummarySpan, bytes: number): void {
  if (summary.spanCount === 0 || span.startNs < summary.startNs) summary.startNs = span.startNs;
  if (summary.spanCount === 0 || span.endNs > summary.endNs) summary.endNs = span.endNs;
  summary.spanCount++;
  summary.bytes += bytes;
  if (span.status.code === 'error') summary.errorCount++;
  summary.service ??= span.resource.serviceName;
  if (span.parentSpanId === null && (summary.rootStartNs === null || span.startNs < summary.rootStartNs)) {
    summary.rootName = span.name;
    summary.rootService = span.resource.serviceName;
    summary.rootStartNs = span.startNs;
    summary.service = span.resource.serviceName;
  }
  const spanType = findAttr(span.attributes, 'junjo.span_type');
  if (spanType?.type !== 'string') return;
  if (spanType.value === 'node_gather' && !summary.hasNodeGather) {
    summary.hasNodeGather = true;
    if (summary.generation === 'G1') summary.generation = 'G0';
  }
  if (spanType.value === 'workflow' && (summary.workflowStartNs === null || span.startNs < summary.workflowStartNs)) {
    summary.workflowName = span.name;
    summary.workflowStartNs = span.startNs;
    summary.generation = generationOf(span, summary.hasNodeGather);
  }
}
