/**
 * Finds the previous run of a workflow in a source with history (the local store, Tempo, Jaeger,
 * Junjo AI Studio) through the viewer server's search API, for "this run vs the previous run".
 */
import type { SearchResponse } from '../../core/backends/api-types.ts';
import { previousRunOf, type RunIdentity } from '../../core/compare/previous-run.ts';
import { fetchApiJson } from './backend-api.ts';

const WEEK_SECONDS = 7 * 24 * 3600;

/** The previous run's trace id, undefined when the source lists none; throws a request error. */
export async function findPreviousRun(source: string, sourceKind: string, of: RunIdentity): Promise<string | undefined> {
  const end = Math.ceil(Date.now() / 1000);
  const local = sourceKind === 'local';
  const params = new URLSearchParams({ start: local ? '0' : String(end - WEEK_SECONDS), end: String(end), limit: local ? '500' : '100' });
  if (of.service !== null) params.set('service', of.service);
  if (local) params.set('workflow', of.workflowName);
  const answer = await fetchApiJson<SearchResponse>(`/api/sources/${encodeURIComponent(source)}/search?${params.toString()}`);
  return previousRunOf(answer.traces, of)?.traceId;
}
