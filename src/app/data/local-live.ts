/**
 * Live updates from the local store. One EventSource per page (opened by `useLocalLive`, which
 * the app frame mounts when the server has a local source) turns the store's events into
 * TanStack Query invalidations:
 *
 *   trace    → the run lists refetch (throttled to one per second); the open trace, when it is
 *              that one, refetches and reloads in place (trace-loader.ts refreshInput)
 *   deleted  → the run lists refetch; the open trace, when it was that one, is marked gone
 *
 * While the stream is down (server restarting, a proxy that drops it) the connection reads
 * 'down' and the lists and an open in-progress trace poll instead (`livePollMs`); when the
 * stream is back, everything refetches once to catch up on what was missed.
 *
 * This module's store holds only the connection and the traces known to be gone; the
 * component tree reads it with `useLiveState(selector)`.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { getViewState } from '../routes/use-view-state.ts';
import { parseLocalEvent, throttle, type LocalEvent } from './local-events.ts';

export type LiveConnection = 'off' | 'connecting' | 'live' | 'down';

export interface LiveState {
  readonly connection: LiveConnection;
  /** Local trace ids deleted while this page was open (here or elsewhere). */
  readonly gone: ReadonlySet<string>;
  /** A short message for the run list, e.g. after a delete from the trace screen. */
  readonly notice: string;
}

/** How often lists and an in-progress trace poll while the event stream is down. */
export const livePollMs = 2000;
const reconnectMs = 5000;
const listRefreshMs = 1000;
const traceRefreshMs = 1000;

let state: LiveState = { connection: 'off', gone: new Set(), notice: '' };
const listeners = new Set<() => void>();

function setState(patch: Partial<LiveState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function useLiveState<T>(selector: (state: LiveState) => T): T {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => selector(state),
  );
}

export function markGone(traceId: string, notice = ''): void {
  setState({ gone: new Set([...state.gone, traceId]), notice });
}

export function setLiveNotice(notice: string): void {
  setState({ notice });
}

/** The local trace on screen, if any. */
function openTraceId(source: string): string | undefined {
  const open = getViewState().source;
  return open.kind === 'backend' && open.source === source ? open.traceId : undefined;
}

export const runListKey = (source: string) => ['api', 'search', source] as const;
export const traceKey = (source: string, traceId: string) => ['api', 'trace', source, traceId] as const;

function applyEvent(event: LocalEvent, source: string, client: QueryClient, refreshLists: () => void, refreshOpen: () => void): void {
  refreshLists();
  const open = openTraceId(source);
  if (event.kind === 'trace') {
    if (state.gone.has(event.traceId)) setState({ gone: new Set([...state.gone].filter((id) => id !== event.traceId)) });
    if (event.traceId === open) refreshOpen();
  } else if (event.kind === 'deleted') {
    if (!state.gone.has(event.traceId)) markGone(event.traceId, state.notice);
    if (event.traceId !== open) client.removeQueries({ queryKey: traceKey(source, event.traceId), exact: true });
  } else if (open !== undefined) {
    markGone(open, state.notice);
  }
}

/** Opens the event stream of the local source named `source` (none when undefined). */
export function useLocalLive(source: string | undefined): void {
  const client = useQueryClient();
  useEffect(() => {
    if (source === undefined || typeof EventSource === 'undefined') return;
    let events: EventSource | undefined;
    let retry: number | undefined;
    let stopped = false;
    const refreshLists = throttle(() => {
      void client.invalidateQueries({ queryKey: runListKey(source) });
      void client.invalidateQueries({ queryKey: ['api', 'services', source] });
    }, listRefreshMs);
    const refreshOpen = throttle(() => {
      const open = openTraceId(source);
      if (open !== undefined && !state.gone.has(open)) void client.refetchQueries({ queryKey: traceKey(source, open), exact: true });
    }, traceRefreshMs);

    const connect = () => {
      setState({ connection: 'connecting' });
      const stream = new EventSource(`/api/sources/${encodeURIComponent(source)}/events`);
      events = stream;
      stream.onopen = () => {
        const wasDown = state.connection === 'down';
        setState({ connection: 'live' });
        if (wasDown) {
          refreshLists();
          refreshOpen();
        }
      };
      stream.onerror = () => {
        setState({ connection: 'down' });
        // CONNECTING: the browser retries by itself. CLOSED (an answer that is not a stream): retry here.
        if (stream.readyState === EventSource.CLOSED && !stopped) {
          stream.close();
          retry = window.setTimeout(connect, reconnectMs);
        }
      };
      const handle = (type: string) => (message: MessageEvent<string>) => {
        const event = parseLocalEvent(type, message.data);
        if (event !== undefined) applyEvent(event, source, client, refreshLists, refreshOpen);
      };
      stream.addEventListener('trace', handle('trace'));
      stream.addEventListener('deleted', handle('deleted'));
    };
    connect();
    return () => {
      stopped = true;
      events?.close();
      window.clearTimeout(retry);
      setState({ connection: 'off' });
    };
  }, [source, client]);
}
