/**
 * Loads the trace a backend URL (`/<source>/trace/<id>`) names: fetched through the viewer
 * server with TanStack Query (backend-queries.ts), then handed to the decoding worker through
 * the loader store, which stays the one place the screen reads a trace from. Fetch progress and
 * API errors (with the server's message and hint) go to the same store.
 *
 * Returns what the backend said about the trace (Tempo PARTIAL, Jaeger envelope errors, the
 * local store's "in progress") for a banner above it.
 *
 * A refetch of the trace on screen (the local store's live events, or polling while they are
 * down and the trace is in progress) reloads it in place: same screen, same URL selection. A
 * refetch that fails keeps the trace on screen.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { SourceRef } from '../routes/view-state.ts';
import { toImportError, type FetchedTrace, type TraceHead } from './backend-api.ts';
import { backendTraceQuery } from './backend-queries.ts';
import { sourceKey } from './open-input.ts';
import { livePollMs, useLiveState } from './local-live.ts';
import { failLoad, getLoadState, loadInput, markLoading, refreshInput } from './trace-loader.ts';

export function useBackendTrace(source: SourceRef): TraceHead | undefined {
  const backend = source.kind === 'backend' ? source : undefined;
  const name = backend?.source ?? '';
  const traceId = backend?.traceId ?? '';
  const streamDown = useLiveState((live) => live.connection !== 'live');
  const gone = useLiveState((live) => live.gone.has(traceId));
  const query = useQuery({
    ...backendTraceQuery(name, traceId),
    enabled: backend !== undefined,
    refetchInterval: (current) => (streamDown && !gone && current.state.data?.head.inProgress === true ? livePollMs : false),
  });
  const handed = useRef<FetchedTrace | undefined>(undefined);
  const { data, error, status, failureCount } = query;

  useEffect(() => {
    if (name === '') return;
    const key = sourceKey({ kind: 'backend', source: name, traceId });
    const label = `${name}: ${traceId}`;
    const current = getLoadState();
    const sameKey = current.status !== 'idle' && current.key === key;
    if (status === 'success') {
      if (sameKey && handed.current === data && current.status !== 'error') return;
      const onScreen = sameKey && current.status === 'loaded' && handed.current !== undefined;
      handed.current = data;
      if (onScreen) refreshInput(key, label, data.bodyText);
      else loadInput(key, label, data.bodyText);
    } else if (status === 'error') {
      if (data !== undefined && sameKey && current.status === 'loaded') return; // a failed refresh: keep what is shown
      if (!(sameKey && current.status === 'error')) failLoad(key, label, toImportError(error));
    } else if (!sameKey || current.status !== 'loaded') {
      // First fetch, a retry, or "Try again" after an error.
      markLoading(key, label, failureCount > 0 ? `Fetching from ${name} (attempt ${failureCount + 1})` : `Fetching from ${name}`);
    }
  }, [name, traceId, status, data, error, failureCount]);

  return backend !== undefined && data !== undefined ? data.head : undefined;
}
