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

/**
 * A slice of a large outline's lists. A single message holding thousands of runs costs the receiving
 * page one long deserialization (over a second for 1,000 subflows); slices of a few hundred entries
 * cost a few dozen milliseconds each, in separate tasks.
 */
export interface OutlinePart {
  readonly runs: JunjoOutline['runs'];
  readonly links: JunjoOutline['links'];
  readonly paths: JunjoOutline['paths'];
  readonly stores: JunjoOutline['stores'];
  readonly concurrency: JunjoOutline['concurrency'];
}

const listKeys = ['runs', 'links', 'paths', 'stores', 'concurrency'] as const;

/**
 * Cuts an outline into a shell (its lists empty) and parts of at most `perPart` entries of each list,
 * in order; `joinOutline` puts them back. An outline with short lists is one shell and no part.
 */
export function splitOutline(outline: JunjoOutline, perPart: number): { shell: JunjoOutline; parts: OutlinePart[] } {
  const longest = Math.max(...listKeys.map((key) => outline[key].length));
  if (longest <= perPart) return { shell: outline, parts: [] };
  const parts: OutlinePart[] = [];
  for (let from = 0; from < longest; from += perPart) {
    const to = from + perPart;
    parts.push({
      runs: outline.runs.slice(from, to),
      links: outline.links.slice(from, to),
      paths: outline.paths.slice(from, to),
      stores: outline.stores.slice(from, to),
      concurrency: outline.concurrency.slice(from, to),
    });
  }
  return { shell: { ...outline, runs: [], links: [], paths: [], stores: [], concurrency: [] }, parts };
}

/** The outline `splitOutline` cut into `shell` and `parts` (parts in the order they were made). */
export function joinOutline(shell: JunjoOutline, parts: readonly OutlinePart[]): JunjoOutline {
  if (parts.length === 0) return shell;
  return {
    ...shell,
    runs: [...shell.runs, ...parts.flatMap((part) => part.runs)],
    links: [...shell.links, ...parts.flatMap((part) => part.links)],
    paths: [...shell.paths, ...parts.flatMap((part) => part.paths)],
    stores: [...shell.stores, ...parts.flatMap((part) => part.stores)],
    concurrency: [...shell.concurrency, ...parts.flatMap((part) => part.concurrency)],
  };
}
