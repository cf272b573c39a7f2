/**
 * The last N runs of one workflow from a source with history (GET …/workflow-runs,
 * core/backends/workflow-runs-api.ts), as a TanStack query: the server reads and digests the traces,
 * the page only receives the digests (a few hundred bytes a run) and adds them up.
 */
import { queryOptions } from '@tanstack/react-query';
import type { WorkflowRunsResponse } from '../../core/backends/workflow-runs-api.ts';
import { fetchApiJson, shouldRetry } from './backend-api.ts';

export const workflowRunsQuery = (source: string, workflow: string, service: string | undefined, limit: number) =>
  queryOptions({
    queryKey: ['api', 'workflow-runs', source, workflow, service ?? '', limit],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ workflow, limit: String(limit) });
      if (service) params.set('service', service);
      return fetchApiJson<WorkflowRunsResponse>(`/api/sources/${encodeURIComponent(source)}/workflow-runs?${params}`, signal);
    },
    retry: shouldRetry,
    staleTime: 30_000,
    gcTime: 5 * 60_000,
  });
