/**
 * The state view's reading of the URL selection (view-state.ts owns the URL layout):
 * - `store`: the store id (`junjo.store.id`) whose history is shown; absent = the first store of the
 *   first top-level run.
 * - `tx`: 0-based index into that store's `transitions`, so `tx = step - 1`. The selected transition
 *   turns the state `stateAt(step - 1)` (before) into `stateAt(step)` (after). Absent = no transition
 *   selected (the start → end overview).
 * - `path`: JSON pointer of the key whose history is listed.
 */
import type { JunjoOutline, StoreSummary } from '../../../core/junjo/junjo-outline.ts';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';

export const stepOfTx = (tx: number): number => tx + 1;
export const txOfStep = (step: number): number => step - 1;

/** A usable transition index for a store with `count` transitions, or undefined. */
export function clampTx(tx: number | undefined, count: number): number | undefined {
  if (tx === undefined || count === 0) return undefined;
  return Math.max(0, Math.min(Math.floor(tx), count - 1));
}

/** The next transition index after moving by `delta` (from "nothing selected", forward starts at 0). */
export function moveTx(tx: number | undefined, delta: number, count: number): number | undefined {
  if (count === 0) return undefined;
  if (tx === undefined) return delta >= 0 ? 0 : count - 1;
  return Math.max(0, Math.min(tx + delta, count - 1));
}

export type StoreChoice =
  | { readonly kind: 'found'; readonly timeline: StoreSummary; readonly requested: boolean }
  | { readonly kind: 'unknown'; readonly requested: string; readonly fallback: StoreSummary | null }
  | { readonly kind: 'empty' };

/** The store the URL names, else the default (first store of the first top-level run, else the first). */
export function chooseStore(analysis: Pick<JunjoOutline, 'stores' | 'topLevelRuns'>, storeId: string | undefined): StoreChoice {
  if (analysis.stores.length === 0) return { kind: 'empty' };
  if (storeId !== undefined) {
    const found = analysis.stores.find((store) => store.storeId === storeId);
    if (found) return { kind: 'found', timeline: found, requested: true };
  }
  const firstRun = analysis.topLevelRuns[0];
  const fallback = analysis.stores.find((store) => store.ownerRunIndex === firstRun) ?? analysis.stores[0] ?? null;
  if (storeId !== undefined) return { kind: 'unknown', requested: storeId, fallback };
  return fallback ? { kind: 'found', timeline: fallback, requested: false } : { kind: 'empty' };
}

/** Steps whose recorded time equals a neighbour's while ordered by time (the order between them is a guess). */
export function tiedSteps(timeline: Pick<StoreTimeline, 'orderedBy' | 'transitions'>): ReadonlySet<number> {
  const tied = new Set<number>();
  if (timeline.orderedBy !== 'time') return tied;
  const list = timeline.transitions;
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1];
    const b = list[i];
    if (a && b && a.time === b.time) {
      tied.add(a.step);
      tied.add(b.step);
    }
  }
  return tied;
}
