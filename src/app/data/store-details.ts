/**
 * The full store timelines (transitions, checkpoints) behind a Junjo outline. The trace worker posts
 * outlines only (core/junjo/junjo-outline.ts) and keeps the timelines; whoever received an outline
 * registers how to fetch them (`provideTimelines`), and a view asks with `useStoreTimelines` for the
 * stores it shows. Each store is fetched once per outline and kept while the outline lives (WeakMap).
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { JunjoOutline } from '../../core/junjo/junjo-outline.ts';
import type { StoreTimeline } from '../../core/junjo/state-replay.ts';
import type { StoresResult } from './load-protocol.ts';

export type StoresLoad =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly timelines: readonly StoreTimeline[] }
  | { readonly status: 'error'; readonly message: string };

type Fetcher = (storeIds: readonly string[]) => Promise<StoresResult>;
type Entry = { readonly status: 'loading' } | { readonly status: 'ready'; readonly timeline: StoreTimeline } | { readonly status: 'error'; readonly message: string };

const fetchers = new WeakMap<JunjoOutline, Fetcher>();
const entries = new WeakMap<JunjoOutline, Map<string, Entry>>();
const listeners = new Set<() => void>();
/** Bumped on every change, so hooks re-read their stores. */
let version = 0;

function changed(): void {
  version++;
  for (const listener of listeners) listener();
}

/** Says how to fetch the timelines of `outline`'s stores (called by whoever received the outline). */
export function provideTimelines(outline: JunjoOutline, fetch: Fetcher): void {
  fetchers.set(outline, fetch);
}

function entriesOf(outline: JunjoOutline): Map<string, Entry> {
  let map = entries.get(outline);
  if (!map) entries.set(outline, (map = new Map()));
  return map;
}

/** Starts fetching the stores not asked for yet; they arrive in one answer. */
export function requestTimelines(outline: JunjoOutline, storeIds: readonly string[]): void {
  const map = entriesOf(outline);
  const missing = [...new Set(storeIds)].filter((id) => !map.has(id));
  if (missing.length === 0) return;
  const fetch = fetchers.get(outline);
  const fail = (message: string) => {
    for (const id of missing) map.set(id, { status: 'error', message });
    changed();
  };
  if (!fetch) {
    // Said at once to the caller (it reads after asking); others hear it after this render.
    for (const id of missing) map.set(id, { status: 'error', message: 'The states of this trace are not available here; open the trace again.' });
    queueMicrotask(changed);
    return;
  }
  // No change to announce yet: a store not here already reads as loading.
  for (const id of missing) map.set(id, { status: 'loading' });
  fetch(missing).then(
    (result) => {
      if (!result.ok) return fail(result.message);
      result.timelines.forEach((timeline, i) => map.set(missing[i]!, { status: 'ready', timeline }));
      changed();
    },
    (error: unknown) => fail(error instanceof Error ? error.message : String(error)),
  );
}

/** The timelines of `storeIds` as far as they are here (no fetch). */
export function readTimelines(outline: JunjoOutline, storeIds: readonly string[]): StoresLoad {
  const map = entriesOf(outline);
  const timelines: StoreTimeline[] = [];
  for (const id of storeIds) {
    const entry = map.get(id);
    if (entry?.status === 'error') return entry;
    if (entry?.status !== 'ready') return { status: 'loading' };
    timelines.push(entry.timeline);
  }
  return { status: 'ready', timelines };
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const subscribeToNothing = () => () => undefined;

/**
 * The full timelines of `storeIds` (in that order), fetched when not here yet. 'ready' at once when
 * they were fetched before.
 */
export function useStoreTimelines(outline: JunjoOutline, storeIds: readonly string[]): StoresLoad {
  const key = JSON.stringify(storeIds);
  // Asking for no store (e.g. no Studio replay to compare with) re-renders on nothing.
  const now = useSyncExternalStore(storeIds.length > 0 ? subscribe : subscribeToNothing, () => (storeIds.length > 0 ? version : 0));
  // `now` changes when any store arrives: re-read then (the timelines themselves keep their identity).
  // A store not here yet is asked for at once, while the page still lays out the view around it
  // (requestTimelines asks once per store, so a repeated render asks nothing more).
  return useMemo(() => {
    const ids = JSON.parse(key) as string[];
    if (now >= 0) requestTimelines(outline, ids);
    return readTimelines(outline, ids);
  }, [outline, key, now]);
}
