/**
 * The store picker's outline: one group per workflow run in start order, each with the stores it owns,
 * subflow runs nested under the run that encloses them. Stores no W/S span declares are listed last.
 */
import type { JunjoFound } from '../../../core/junjo/analyze-junjo.ts';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';

export interface RunGroup {
  readonly runIndex: number;
  readonly name: string;
  readonly kind: 'workflow' | 'subflow';
  readonly stores: readonly StoreTimeline[];
  readonly children: readonly RunGroup[];
}

export interface StoreOutline {
  readonly groups: readonly RunGroup[];
  readonly orphans: readonly StoreTimeline[];
}

export function buildStoreOutline(analysis: Pick<JunjoFound, 'runs' | 'topLevelRuns' | 'stores'>): StoreOutline {
  const byRun = new Map<number, StoreTimeline[]>();
  const orphans: StoreTimeline[] = [];
  for (const store of analysis.stores) {
    if (store.ownerRunIndex === null || !analysis.runs[store.ownerRunIndex]) orphans.push(store);
    else byRun.set(store.ownerRunIndex, [...(byRun.get(store.ownerRunIndex) ?? []), store]);
  }
  const group = (runIndex: number, seen: Set<number>): RunGroup | null => {
    const run = analysis.runs[runIndex];
    if (!run || seen.has(runIndex)) return null;
    seen.add(runIndex);
    const children = run.childRuns.map((child) => group(child, seen)).filter((g): g is RunGroup => g !== null);
    return { runIndex, name: run.name, kind: run.kind, stores: byRun.get(runIndex) ?? [], children };
  };
  const seen = new Set<number>();
  const groups = analysis.topLevelRuns.map((runIndex) => group(runIndex, seen)).filter((g): g is RunGroup => g !== null);
  // Runs reachable from no top-level run (should not happen) still get listed.
  for (const run of analysis.runs) if (!seen.has(run.index) && byRun.has(run.index)) {
    const g = group(run.index, seen);
    if (g) groups.push(g);
  }
  return { groups, orphans };
}

export function storeStatusLabel(store: Pick<StoreTimeline, 'status' | 'verified' | 'appliedCount' | 'transitions'>): string {
  if (store.status === 'not-replayed') return 'not replayed';
  if (store.status === 'stopped') return `stopped at ${store.appliedCount}/${store.transitions.length}`;
  if (store.verified === 'mismatch') return 'differs from end';
  if (store.verified === 'match') return 'verified';
  return 'replayed';
}
