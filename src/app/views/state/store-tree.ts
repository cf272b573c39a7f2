/**
 * The store picker's outline: one group per workflow run in start order, each with the stores it owns,
 * subflow runs nested under the run that encloses them. Stores no W/S span declares are listed last.
 */
import type { JunjoOutline, StoreSummary } from '../../../core/junjo/junjo-outline.ts';
import type { StateTransition, StoreTimeline } from '../../../core/junjo/state-replay.ts';
import type { Span } from '../../../core/model/span.ts';
import { runOrdinal, runTitle } from './run-outcome.ts';

export interface RunGroup {
  readonly runIndex: number;
  readonly name: string;
  readonly kind: 'workflow' | 'subflow';
  /** Top-level runs: "Run 2 · name · +1.2s" (numbered when there are several); subflows: the name. */
  readonly title: string;
  readonly stores: readonly StoreSummary[];
  readonly children: readonly RunGroup[];
}

export interface StoreOutline {
  readonly groups: readonly RunGroup[];
  readonly orphans: readonly StoreSummary[];
}

export function buildStoreOutline(analysis: Pick<JunjoOutline, 'runs' | 'topLevelRuns' | 'stores'>, spans: readonly Pick<Span, 'start'>[]): StoreOutline {
  const byRun = new Map<number, StoreSummary[]>();
  const orphans: StoreSummary[] = [];
  for (const store of analysis.stores) {
    if (store.ownerRunIndex === null || !analysis.runs[store.ownerRunIndex]) orphans.push(store);
    else byRun.set(store.ownerRunIndex, [...(byRun.get(store.ownerRunIndex) ?? []), store]);
  }
  const group = (runIndex: number, seen: Set<number>): RunGroup | null => {
    const run = analysis.runs[runIndex];
    if (!run || seen.has(runIndex)) return null;
    seen.add(runIndex);
    const children = run.childRuns.map((child) => group(child, seen)).filter((g): g is RunGroup => g !== null);
    const start = spans[run.spanIndex]?.start;
    const title = run.parentRun < 0 && start !== undefined ? runTitle(runOrdinal(analysis, runIndex), run.name, start) : run.name;
    return { runIndex, name: run.name, kind: run.kind, title, stores: byRun.get(runIndex) ?? [], children };
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

export function storeStatusLabel(store: Pick<StoreSummary, 'status' | 'verified' | 'appliedCount' | 'transitionCount'>): string {
  if (store.status === 'not-replayed') return 'not replayed';
  if (store.status === 'stopped') return `stopped at ${store.appliedCount}/${store.transitionCount}`;
  if (store.verified === 'mismatch') return 'differs from end';
  if (store.verified === 'match') return 'verified';
  return 'replayed';
}

/** How the transitions list names the store a transition wrote to. */
export const storeLabel = (t: Pick<StateTransition, 'storeName' | 'storeId'>, timeline: Pick<StoreTimeline, 'storeName'>): string =>
  t.storeName ?? timeline.storeName ?? t.storeId;

/** The list's Store column only says something when a transition names the store differently from the view's header. */
export function storeColumnNeeded(timeline: Pick<StoreTimeline, 'storeName' | 'transitions'>): boolean {
  const header = timeline.storeName ?? 'Store';
  return timeline.transitions.some((t) => storeLabel(t, timeline) !== header);
}
