/**
 * "All sources": looks a trace id up in each source, one after the other, and stops at the
 * first that has it. Uses the same cached query as opening the trace, so the trace found is
 * not fetched again when the screen opens it.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ApiErrorCode, SourceInfo } from '../../core/backends/api-types.ts';
import { BackendRequestError } from './backend-api.ts';
import { backendTraceLookupQuery } from './backend-queries.ts';

export interface SourceMiss {
  readonly source: string;
  /** The API's error code; undefined when the viewer server itself failed in an unexpected way. */
  readonly code: ApiErrorCode | undefined;
  /** The server's message: names the source and, for not-found, the time range searched. */
  readonly message: string;
  readonly hint: string;
}

export type FindTraceResult =
  | { readonly found: true; readonly source: string; readonly misses: readonly SourceMiss[] }
  | { readonly found: false; readonly misses: readonly SourceMiss[] };

export async function findTraceInSources(
  client: QueryClient,
  sources: readonly SourceInfo[],
  traceId: string,
  onTrying: (source: string) => void,
  isCancelled: () => boolean,
): Promise<FindTraceResult | undefined> {
  const misses: SourceMiss[] = [];
  for (const { name } of sources) {
    if (isCancelled()) return undefined;
    onTrying(name);
    try {
      await client.fetchQuery(backendTraceLookupQuery(name, traceId));
      return { found: true, source: name, misses };
    } catch (error) {
      const api = error instanceof BackendRequestError ? error.apiError : undefined;
      misses.push({ source: name, code: api?.code, message: api?.message ?? (error instanceof Error ? error.message : String(error)), hint: api?.hint ?? '' });
    }
  }
  return isCancelled() ? undefined : { found: false, misses };
}

/** "tempo, jaeger and zipkin" */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** What happened in one source, for a one-line summary: "tempo refused access (unauthorized)". */
function outcome(miss: SourceMiss): string {
  const { source } = miss;
  switch (miss.code) {
    case 'not-found':
      return `not found in ${source}`;
    case 'unauthorized':
      return `${source} refused access (unauthorized)`;
    case 'tenant-missing':
      return `${source} needs a tenant`;
    case 'upstream-unreachable':
      return `${source} could not be reached`;
    case 'timeout':
      return `${source} timed out`;
    case 'response-too-large':
      return `${source} sent a response that is too large`;
    case 'malformed-response':
      return `${source} sent a malformed response`;
    default:
      return `${source} failed`;
  }
}

/**
 * The message for an "All sources" lookup that found nothing: a headline saying per source what
 * happened (not found, or which failure), then one line per source with the server's message
 * (not-found ones name the time range searched; failures add what to do).
 */
export function describeMisses(traceId: string, misses: readonly SourceMiss[]): { readonly message: string; readonly details: readonly string[] } {
  const notFound = misses.filter((m) => m.code === 'not-found');
  const failed = misses.filter((m) => m.code !== 'not-found');
  const parts = [...(notFound.length > 0 ? [`not found in ${listNames(notFound.map((m) => m.source))}`] : []), ...failed.map(outcome)];
  const message = failed.length === 0 ? `Trace ${traceId} was ${parts.join('')}.` : `Trace ${traceId} could not be opened: ${parts.join('; ')}.`;
  const details = misses.map((m) => (m.code === 'not-found' || m.hint === '' ? m.message : `${m.message} ${m.hint}`));
  return { message, details };
}
