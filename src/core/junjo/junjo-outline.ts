/**
 * The outline of a Junjo analysis: everything the first screen shows (runs, graphs, links, path taken,
 * concurrency and races, every store's status and problems), without the heavy part of the state replay
 * (each transition's patch and the state checkpoints). The trace worker posts outlines and keeps the
 * full `StoreTimeline`s, which a view fetches per store when it needs transitions or states
 * (app/data/store-details.ts). Plain, structured-cloneable data, like `JunjoFound`.
 */
import type { JunjoFound } from './analyze-junjo.ts';
import type { StoreTimeline } from './state-replay.ts';

/** A store's timeline without its transitions and checkpoints. */
export interface StoreSummary extends Omit<StoreTimeline, 'transitions' | 'checkpoints'> {
  readonly transitionCount: number;
  /** The span of each transition, in replay order (`transitionSpans[tx]`, tx = step - 1). */
  readonly transitionSpans: Int32Array;
}

export interface JunjoOutline extends Omit<JunjoFound, 'stores'> {
  readonly stores: readonly StoreSummary[];
}

export type JunjoOutlineAnalysis = { readonly kind: 'none'; readonly reason: string } | JunjoOutline;

export function summarizeStore(timeline: StoreTimeline): StoreSummary {
  const { transitions, checkpoints: _checkpoints, ...rest } = timeline;
  const transitionSpans = new Int32Array(transitions.length);
  for (let i = 0; i < transitions.length; i++) transitionSpans[i] = transitions[i]!.spanIndex;
  return { ...rest, transitionCount: transitions.length, transitionSpans };
}

export function outlineOf(found: JunjoFound): JunjoOutline {
  return { ...found, stores: found.stores.map(summarizeStore) };
}

/** The outline's analysis with its full timelines put back (for code that reads states directly, e.g. compare). */
export function withTimelines(outline: JunjoOutline, timelines: readonly StoreTimeline[]): JunjoFound {
  const byId = new Map(timelines.map((timeline) => [timeline.storeId, timeline]));
  const stores = outline.stores.map((store) => {
    const timeline = byId.get(store.storeId);
    if (!timeline) throw new Error(`the timeline of store ${store.storeId} is missing`);
    return timeline;
  });
  return { ...outline, stores };
}

/** The first transition a span made: in `preferredStore` when it wrote there, else in any store. */
export function firstTransitionOf(outline: Pick<JunjoOutline, 'stores'>, spanIndex: number, preferredStore?: string): { storeId: string; tx: number } | undefined {
  let fallback: { storeId: string; tx: number } | undefined;
  for (const store of outline.stores) {
    const tx = store.transitionSpans.indexOf(spanIndex);
    if (tx < 0) continue;
    if (store.storeId === preferredStore) return { storeId: store.storeId, tx };
    fallback ??= { storeId: store.storeId, tx };
  }
  return fallback;
}

/** The stores a span wrote to (at least one transition), in store order. */
export function storesWrittenBy(outline: Pick<JunjoOutline, 'stores'>, spanIndex: number): string[] {
  return outline.stores.filter((store) => store.transitionSpans.includes(spanIndex)).map((store) => store.storeId);
}
