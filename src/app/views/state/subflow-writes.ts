/**
 * Writes that cross a store boundary: a subflow's post-run actions land on the subflow span but
 * update the parent's store (formats.md §2 "Where events land", §4). A transition is such a write when
 * the run its span belongs to (the span's own run for a W/S span, else its owning run) is a subflow
 * whose own store differs from the store being updated.
 */
import type { JunjoFound } from '../../../core/junjo/analyze-junjo.ts';
import type { StateTransition } from '../../../core/junjo/state-replay.ts';

export interface CrossStoreWrite {
  readonly runIndex: number;
  readonly subflowName: string;
  readonly subflowStoreId: string | null;
  /** True when the written store is the subflow's declared parent store. */
  readonly toParent: boolean;
}

type RunsView = Pick<JunjoFound, 'runs' | 'spanIndex'>;

const runBySpanCache = new WeakMap<RunsView['runs'], Map<number, number>>();

function runOfSpan(analysis: RunsView, spanIndex: number): number {
  let bySpan = runBySpanCache.get(analysis.runs);
  if (!bySpan) {
    bySpan = new Map(analysis.runs.map((run) => [run.spanIndex, run.index]));
    runBySpanCache.set(analysis.runs, bySpan);
  }
  return bySpan.get(spanIndex) ?? analysis.spanIndex.ownerRun[spanIndex] ?? -1;
}

export function crossStoreWrite(analysis: RunsView, transition: Pick<StateTransition, 'spanIndex' | 'storeId'>): CrossStoreWrite | null {
  const run = analysis.runs[runOfSpan(analysis, transition.spanIndex)];
  if (!run || run.kind !== 'subflow' || run.storeId === transition.storeId) return null;
  return {
    runIndex: run.index,
    subflowName: run.name,
    subflowStoreId: run.storeId,
    toParent: run.parentStoreId === transition.storeId,
  };
}
