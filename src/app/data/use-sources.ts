import { useQuery } from '@tanstack/react-query';
import type { SourceInfo } from '../../core/backends/api-types.ts';
import { sourcesQuery } from './backend-queries.ts';

const none: readonly SourceInfo[] = [];

/**
 * The Tempo/Jaeger sources the viewer server knows. Empty while loading, when none is
 * configured, and when the app runs without its server: callers then hide backend controls.
 */
export function useSources(): { readonly sources: readonly SourceInfo[]; readonly status: 'pending' | 'error' | 'success' } {
  const query = useQuery(sourcesQuery);
  return { sources: query.data ?? none, status: query.status };
}
