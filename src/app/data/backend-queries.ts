/**
 * TanStack Query definitions for the viewer server's API, one place for keys and policies:
 * the source list (fixed while the server runs), a trace per source + id (cached: the same
 * trace opened again, or found by an "All sources" lookup, is not fetched twice), search
 * results and service lists. Retries only what may pass (backend-api.ts `shouldRetry`).
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { SearchResponse, ServicesResponse, SourceInfo, SourcesResponse } from '../../core/backends/api-types.ts';
import { BackendRequestError, fetchApiJson, fetchBackendTrace, lookupBackendTrace, shouldRetry } from './backend-api.ts';
import { pageEndSeconds, runsPageSize, runsPageSlack, type RunsCursor } from './local-runs-page.ts';
import type { RunStatusFilter } from './run-status.ts';

export const sourcesQuery = queryOptions({
  queryKey: ['api', 'sources'],
  queryFn: async ({ signal }): Promise<readonly SourceInfo[]> => {
    try {
      const body = await fetchApiJson<SourcesResponse>('/api/sources', signal);
      return Array.isArray(body.sources) ? body.sources : [];
    } catch (error) {
      // Served without the viewer server (e.g. a static host): no backends, files still work.
      if (error instanceof BackendRequestError && error.failure === 'no-api') return [];
      throw error;
    }
  },
  retry: shouldRetry,
  staleTime: Infinity,
});

export const backendTraceQuery = (source: string, traceId: string) =>
  queryOptions({
    queryKey: ['api', 'trace', source, traceId],
    queryFn: ({ signal }) => fetchBackendTrace(source, traceId, signal),
    retry: shouldRetry,
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });

/** The same cached trace, fetched by a lookup that expects misses (see lookupBackendTrace). */
export const backendTraceLookupQuery = (source: string, traceId: string) =>
  queryOptions({ ...backendTraceQuery(source, traceId), queryFn: ({ signal }) => lookupBackendTrace(source, traceId, signal) });

export const servicesQuery = (source: string) =>
  queryOptions({
    queryKey: ['api', 'services', source],
    queryFn: ({ signal }) => fetchApiJson<ServicesResponse>(`/api/sources/${encodeURIComponent(source)}/services`, signal),
    retry: shouldRetry,
    staleTime: 5 * 60_000,
  });

/** Time ranges offered for recent runs, in seconds back from now. */
export const searchRanges = [
  { id: '15m', label: 'Last 15 minutes', seconds: 15 * 60 },
  { id: '1h', label: 'Last hour', seconds: 3600 },
  { id: '6h', label: 'Last 6 hours', seconds: 6 * 3600 },
  { id: '24h', label: 'Last 24 hours', seconds: 24 * 3600 },
  { id: '7d', label: 'Last 7 days', seconds: 7 * 24 * 3600 },
] as const;

export type SearchRangeId = (typeof searchRanges)[number]['id'];

export const searchQuery = (source: string, service: string, range: SearchRangeId) =>
  queryOptions({
    queryKey: ['api', 'search', source, service, range],
    queryFn: ({ signal }) => {
      const seconds = searchRanges.find((r) => r.id === range)?.seconds ?? 3600;
      const end = Math.ceil(Date.now() / 1000);
      const params = new URLSearchParams({ start: String(end - seconds), end: String(end), limit: '50' });
      if (service !== '') params.set('service', service);
      return fetchApiJson<SearchResponse>(`/api/sources/${encodeURIComponent(source)}/search?${params.toString()}`, signal);
    },
    retry: shouldRetry,
    staleTime: 30_000,
  });

/** What the local store's run list is narrowed to (its search API's service, workflow, status). */
export interface LocalRunFilters {
  readonly service: string;
  readonly workflow: string;
  readonly status: RunStatusFilter;
}

export const noRunFilters: LocalRunFilters = { service: '', workflow: '', status: '' };

/**
 * One page of the local store's runs, newest first (local-runs-page.ts). Never fresh for long:
 * live events and the polling fallback invalidate it (local-live.ts). The previous answer stays
 * on screen while a new one loads, so the list does not flash on every update.
 */
export const localRunsQuery = (source: string, filters: LocalRunFilters, cursor: RunsCursor | undefined) =>
  queryOptions({
    queryKey: ['api', 'search', source, 'local', filters.service, filters.workflow, filters.status, cursor?.startNs ?? 'newest', cursor?.shownIds.length ?? 0],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ start: '0', end: String(pageEndSeconds(cursor, Date.now())), limit: String(runsPageSize + runsPageSlack) });
      if (filters.service !== '') params.set('service', filters.service);
      if (filters.workflow !== '') params.set('workflow', filters.workflow);
      if (filters.status !== '') params.set('status', filters.status);
      return fetchApiJson<SearchResponse>(`/api/sources/${encodeURIComponent(source)}/search?${params.toString()}`, signal);
    },
    retry: shouldRetry,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
