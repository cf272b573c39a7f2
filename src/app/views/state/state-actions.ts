/**
 * The state view's writes to the URL. Stepping through transitions replaces the history entry (a small
 * adjustment, and the span selection follows it); picking a store or a key path pushes one.
 */
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { spanSelection } from '../../routes/select-span.ts';
import { updateView } from '../../routes/use-view-state.ts';

/** Select transition `tx` (0-based; see state-selection.ts) and the span that made it. */
export function selectTx(trace: Trace, timeline: StoreTimeline, tx: number | undefined): void {
  const t = tx === undefined ? undefined : timeline.transitions[tx];
  updateView({ store: timeline.storeId, tx: t ? tx : undefined, ...(t ? spanSelection(trace, t.spanIndex) : {}) }, 'replace');
}

export function selectStore(storeId: string): void {
  updateView({ store: storeId, tx: undefined, path: undefined }, 'push');
}

export function selectPath(path: string | undefined): void {
  updateView({ path }, 'push');
}
