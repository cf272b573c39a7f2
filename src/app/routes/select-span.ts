/**
 * The one way to select a span, from any view. The span wins over a graph node/iteration chosen
 * earlier (graph-selection.ts), so selecting a span clears them: a stale node left in the URL
 * would come back into effect when the span is deselected.
 */
import type { Trace } from '../../core/model/trace.ts';
import { spanKey } from '../data/span-keys.ts';
import type { ViewState } from './view-state.ts';
import { updateView, type HistoryMode } from './use-view-state.ts';

/** The URL patch that selects a span (or clears the selection for a negative index). */
export function spanSelection(trace: Trace, spanIndex: number): Pick<ViewState, 'span' | 'node' | 'iter'> {
  return { span: spanIndex < 0 ? undefined : spanKey(trace, spanIndex), node: undefined, iter: undefined };
}

/**
 * Selects a span. A click is navigation (a history entry, so Back returns to the previous span);
 * moving with the keyboard replaces the entry.
 */
export function selectSpan(trace: Trace, spanIndex: number, mode: HistoryMode = 'replace'): void {
  updateView(spanSelection(trace, spanIndex), mode);
}
