/**
 * The URL is the single source of truth for the view (design.md "One selection, in the URL").
 * Components read slices of it with `useViewState(selector)` — a selector keeps a row from
 * re-rendering unless its own slice changes — and write with `updateView(patch, mode)`:
 * 'push' for navigation (a new history entry), 'replace' for small adjustments.
 */
import { useSyncExternalStore } from 'react';
import { parseViewState, serializeViewState, type ViewState } from './view-state.ts';

type Listener = () => void;
const listeners = new Set<Listener>();
let cachedKey = '';
let cachedState: ViewState | undefined;

/**
 * Set while the URL was read in this microtask: a render reads the state once per row and hook,
 * and reading `window.location` each time cost scrolling a 50,000-row waterfall about a
 * millisecond per frame. Only this module changes the URL within a task (and resets this);
 * Back/Forward arrive as a new task.
 */
let readThisTick = false;

function currentState(): ViewState {
  if (readThisTick && cachedState !== undefined) return cachedState;
  readThisTick = true;
  queueMicrotask(() => {
    readThisTick = false;
  });
  const key = window.location.pathname + window.location.search;
  if (key !== cachedKey || cachedState === undefined) {
    cachedKey = key;
    const next = parseViewState(window.location.pathname, window.location.search);
    // Keep object identities that did not change, so selectors of `source` or `collapsed`
    // do not re-render their components on every unrelated URL change.
    const previous = cachedState;
    cachedState =
      previous === undefined
        ? next
        : {
            ...next,
            source: sameJson(previous.source, next.source) ? previous.source : next.source,
            collapsed: sameJson(previous.collapsed, next.collapsed) ? previous.collapsed : next.collapsed,
            zoom: sameJson(previous.zoom, next.zoom) ? previous.zoom : next.zoom,
          };
  }
  return cachedState;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

export function getViewState(): ViewState {
  return currentState();
}

export function useViewState<T>(selector: (state: ViewState) => T): T {
  return useSyncExternalStore(subscribe, () => selector(currentState()));
}

export type HistoryMode = 'push' | 'replace';

export function updateView(patch: Partial<ViewState> | ((state: ViewState) => Partial<ViewState>), mode: HistoryMode = 'replace'): void {
  const state = currentState();
  const change = typeof patch === 'function' ? patch(state) : patch;
  // A view picked on screen is named in the URL, even the waterfall (else the trace's default shows).
  const next = { ...state, ...change, ...(change.view !== undefined ? { viewGiven: change.view === 'waterfall' ? true : undefined } : {}) };
  const url = serializeViewState(next);
  if (url === window.location.pathname + window.location.search) return;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
  readThisTick = false;
  notify();
}

/** Replace the whole view state (opening a new source). */
export function navigateTo(state: ViewState, mode: HistoryMode = 'push'): void {
  const url = serializeViewState(state);
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
  readThisTick = false;
  notify();
}
