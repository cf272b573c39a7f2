/**
 * "All sources": looks a trace id up in each source, one after the other, and stops at the
 * first that has it. Uses the same cached query as opening the trace, so the trace found is
 * not fetched again when the screen opens it.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { SourceInfo } from '../../core/backends/api-types.ts';
import { BackendRequestError } from './backend-api.ts';
import { backendTraceQuery } from './backend-queries.ts';

export interface SourceMiss {
  readonly source: string;
  /** True when the source answered "not found"; false for any other failure. */
  readonly notFound: boolean;
  readonly message: string;
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
      await client.fetchQuery(backendTraceQuery(name, traceId));
      return { found: true, source: name, misses };
    } catch (error) {
      const api = error instanceof BackendRequestError ? error.apiError : undefined;
      misses.push({ source: name, notFound: api?.code === 'not-found', message: api?.message ?? (error instanceof Error ? error.message : String(error)) });
    }
  }
  return isCancelled() ? undefined : { found: false, misses };
}

/** "tempo, jaeger and zipkin" */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}
