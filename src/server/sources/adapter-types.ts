/**
 * What every backend adapter (tempo-, jaeger-, junjo-studio-, junjo-server-adapter.ts) offers the API routes.
 * Adapters choose the upstream endpoints and read their answers; they never see the browser's
 * request, only validated values (a 32-hex trace id, Unix-second times, a service name, a limit).
 */
import type { ApiResult, SearchEndpoint, TraceEndpoint, TraceResponse, TraceSummary } from '../../core/backends/api-types.ts';
import type { ResolvedSource } from './source-config.ts';

/** Unix seconds, start < end. */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

export interface TraceFetch {
  readonly endpoint: TraceEndpoint;
  readonly partial: { readonly message: string } | null;
  readonly warnings: readonly string[];
  /**
   * The upstream JSON object's bytes, decompressed, without BOM or leading whitespace, in parts
   * (a large upstream answer's chunks as they arrived: never joined into one copy).
   */
  readonly body: readonly Uint8Array[];
  /** No one else holds these parts: they may be lent to a body thread (off-thread.ts `lend`). */
  readonly exclusive?: boolean;
  /** The body is already free of the secrets `getTrace` was given (checked on the thread that read it). */
  readonly redacted?: boolean;
  /** Junjo AI Studio's verified state replay (passed on to the browser). */
  readonly studioEvidence?: TraceResponse['studioEvidence'];
  /** The same run in the backend's own UI. */
  readonly uiLink?: TraceResponse['uiLink'];
}

export interface SearchParams extends TimeRange {
  readonly service?: string;
  readonly limit: number;
}

export interface SearchFetch {
  readonly endpoint: SearchEndpoint;
  readonly traces: readonly TraceSummary[];
  /** What the list may leave out. */
  readonly notice?: string;
}

export interface BackendAdapter {
  /** `secrets`: removed from the body where the adapter reads it on a thread anyway (then `redacted`). */
  getTrace(source: ResolvedSource, traceId: string, range: TimeRange | undefined, signal: AbortSignal, secrets?: readonly string[]): Promise<ApiResult<TraceFetch>>;
  search(source: ResolvedSource, params: SearchParams, signal: AbortSignal): Promise<ApiResult<SearchFetch>>;
  services(source: ResolvedSource, range: TimeRange, signal: AbortSignal): Promise<ApiResult<readonly string[]>>;
}
