/**
 * The stores of subflows that ran inside a store's run (at any depth) and recorded transitions: a
 * parent store that did not change may still have a child store that did.
 */
import type { JunjoFound } from '../../../core/junjo/analyze-junjo.ts';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';

export interface ChildStore {
  readonly storeId: string;
  readonly storeName: string;
  readonly subflowName: string;
  readonly transitions: number;
}

export function changedChildStores(analysis: Pick<JunjoFound, 'runs' | 'stores'>, timeline: Pick<StoreTimeline, 'ownerRunIndex' | 'storeId'>): ChildStore[] {
  const owner = timeline.ownerRunIndex;
  if (owner === null) return [];
  const inside = (runIndex: number): boolean => {
    const seen = new Set<number>();
    for (let run = analysis.runs[runIndex]?.parentRun ?? -1; run >= 0 && !seen.has(run); run = analysis.runs[run]?.parentRun ?? -1) {
      if (run === owner) return true;
      seen.add(run);
    }
    return false;
  };
  return analysis.stores
    .filter((store) => store.storeId !== timeline.storeId && store.transitions.length > 0 && store.ownerRunIndex !== null && inside(store.ownerRunIndex))
    .map((store) => ({
      storeId: store.storeId,
      storeName: store.storeName ?? store.storeId,
      subflowName: analysis.runs[store.ownerRunIndex!]?.name ?? 'a subflow',
      transitions: store.transitions.length,
    }));
}
