/**
 * Writes the waterfall's view state to the URL. Collapse state is the `depth` baseline
 * flipped by the span keys in `collapsed`, so any mix of actions stays a short URL.
 */
import type { Trace } from '../../../core/model/trace.ts';
import { flippedAfter } from './collapse-state.ts';
import { updateView } from '../../routes/use-view-state.ts';

/** Sets the collapsed state of some spans, keeping the rest. */
export function setCollapsed(trace: Trace, spans: readonly number[], collapse: boolean): void {
  updateView((state) => ({ collapsed: flippedAfter(trace, state.depth, state.collapsed, spans, collapse) }), 'replace');
}

export function collapseToDepth(depth: number | undefined): void {
  updateView({ depth, collapsed: [] }, 'replace');
}

export function setZoom(zoom: readonly [number, number] | undefined): void {
  if (zoom && (zoom[1] - zoom[0] < 1e-6 || zoom[0] < 0 || zoom[1] > 1)) return;
  updateView({ zoom: zoom && zoom[0] <= 0 && zoom[1] >= 1 ? undefined : zoom }, 'replace');
}
