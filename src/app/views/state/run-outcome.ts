/**
 * Which workflow run a store belongs to, numbered like the graph's run picker ("Run 2 · name · +1.2s"),
 * and how that run ended (ok, failed with its error type and message, or cancelled).
 */
import type { JunjoFound } from '../../../core/junjo/analyze-junjo.ts';
import { K, spanOutcome, type RunStatus } from '../../../core/junjo/junjo-attrs.ts';
import { stringAttr } from '../../../core/model/attributes.ts';
import type { Span } from '../../../core/model/span.ts';
import { formatDuration } from '../../../core/model/time.ts';

export interface RunOutcome {
  readonly status: RunStatus;
  /** `error.type`, else the first exception event's `exception.type`. */
  readonly errorType?: string;
  /** The span status message, else the first exception event's `exception.message`. */
  readonly message?: string;
}

export function outcomeOfSpan(span: Pick<Span, 'status' | 'attributes' | 'events'>): RunOutcome {
  const status = spanOutcome(span as Span);
  if (status !== 'error') return { status };
  const exception = span.events.find((event) => event.name === 'exception');
  const errorType = stringAttr(span.attributes, K.errorType) ?? (exception ? stringAttr(exception.attributes, 'exception.type') : undefined);
  const message = span.status.message.trim() || (exception ? stringAttr(exception.attributes, 'exception.message')?.trim() : undefined) || undefined;
  return { status, ...(errorType ? { errorType } : {}), ...(message ? { message } : {}) };
}

/**
 * The error in one line: the type, then the message without a repeated "ShortType: " prefix
 * ("pkg.CounterUnderflowError: cannot decrement" rather than "pkg.CounterUnderflowError — CounterUnderflowError: cannot decrement").
 */
export function errorSummary(outcome: RunOutcome): string {
  const { errorType, message } = outcome;
  if (!errorType) return message ?? 'no error message recorded';
  if (!message) return errorType;
  const short = errorType.slice(errorType.lastIndexOf('.') + 1);
  for (const prefix of [`${errorType}: `, `${short}: `]) if (message.startsWith(prefix)) return `${errorType}: ${message.slice(prefix.length)}`;
  return message === errorType || message === short ? errorType : `${errorType}: ${message}`;
}

/** "Run 2 · demo_base_workflow · +1.2s"; without an ordinal (a single run) just "demo_base_workflow · +1.2s". */
export function runTitle(ordinal: number | null, name: string, start: number): string {
  return `${ordinal !== null ? `Run ${ordinal} · ` : ''}${name} · +${formatDuration(start)}`;
}

/** 1-based position among the top-level runs, or null when the trace has only one (no number needed). */
export function runOrdinal(analysis: Pick<JunjoFound, 'topLevelRuns'>, topRunIndex: number): number | null {
  if (analysis.topLevelRuns.length < 2) return null;
  const n = analysis.topLevelRuns.indexOf(topRunIndex);
  return n < 0 ? null : n + 1;
}

export interface StoreRun {
  readonly runIndex: number;
  readonly spanIndex: number;
  readonly kind: 'workflow' | 'subflow';
  readonly name: string;
  /** Position of its top-level run among several, null when the trace has one. */
  readonly ordinal: number | null;
  /** Title of the top-level run it belongs to (itself for a workflow run). */
  readonly topTitle: string;
  readonly outcome: RunOutcome;
}

/** The run owning a store, with its top-level run's title and its own outcome; null for a store no run declares. */
export function storeRun(
  spans: readonly Pick<Span, 'start' | 'status' | 'attributes' | 'events'>[],
  analysis: Pick<JunjoFound, 'runs' | 'topLevelRuns'>,
  ownerRunIndex: number | null,
): StoreRun | null {
  const run = ownerRunIndex === null ? undefined : analysis.runs[ownerRunIndex];
  const span = run ? spans[run.spanIndex] : undefined;
  if (!run || !span) return null;
  let top = run;
  const seen = new Set<number>([top.index]);
  while (top.parentRun >= 0) {
    const parent = analysis.runs[top.parentRun];
    if (!parent || seen.has(parent.index)) break;
    seen.add(parent.index);
    top = parent;
  }
  const topSpan = spans[top.spanIndex] ?? span;
  const ordinal = runOrdinal(analysis, top.index);
  return {
    runIndex: run.index,
    spanIndex: run.spanIndex,
    kind: run.kind,
    name: run.name,
    ordinal,
    topTitle: runTitle(ordinal, top.name, topSpan.start),
    outcome: outcomeOfSpan(span),
  };
}
