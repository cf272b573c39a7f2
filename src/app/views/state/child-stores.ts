/**
 * The stores of subflows that ran inside a store's run (at any depth) and recorded transitions: a
 * parent store that did not change may still have a child store that did.
 */
import type { JunjoOutline, StoreSummary } from '../../../core/junjo/junjo-outline.ts';

export interface ChildStore {
  readonly storeId: string;
  readonly storeName: string;
  readonly subflowName: string;
  readonly transitions: number;
}

export function changedChildStores(analysis: Pick<JunjoOutline, 'runs' | 'stores'>, timeline: Pick<StoreSummary, 'ownerRunIndex' | 'storeId'>): ChildStore[] {
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
    .filter((store) => store.storeId !== timeline.storeId && store.transitionCount > 0 && store.ownerRunIndex !== null && inside(store.ownerRunIndex))
    .map((store) => ({
      storeId: store.storeId,
      storeName: store.storeName ?? store.storeId,
      subflowName: analysis.runs[store.ownerRunIndex!]?.name ?? 'a subflow',
      transitions: store.transitionCount,
    }));
}
