/**
 * The state view's writes to the URL. Stepping through transitions replaces the history entry (a small
 * adjustment, and the span selection follows it); picking a store or a key path pushes one.
 */
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { spanSelection } from '../../routes/select-span.ts';
import { updateView } from '../../routes/use-view-state.ts';

/**
 * Select transition `tx` (0-based; see state-selection.ts) and the span that made it. At the start
 * state (no transition) the span that owns the store (its workflow or subflow) is selected instead,
 * so the selection never points at a transition that is no longer shown.
 */
export function selectTx(trace: Trace, timeline: StoreTimeline, tx: number | undefined): void {
  const t = tx === undefined ? undefined : timeline.transitions[tx];
  const spanIndex = t ? t.spanIndex : timeline.ownerSpanIndex;
  updateView({ store: timeline.storeId, tx: t ? tx : undefined, ...(spanIndex !== null ? spanSelection(trace, spanIndex) : {}) }, 'replace');
}

export function selectStore(storeId: string): void {
  updateView({ store: storeId, tx: undefined, path: undefined }, 'push');
}

export function selectPath(path: string | undefined): void {
  updateView({ path }, 'push');
}
