/**
 * The wire contract between the viewer's Node server (src/server) and the browser for the
 * Tempo/Jaeger proxy API. Both sides import these types; the server is the only writer.
 *
 *   GET /api/sources                               → SourcesResponse
 *   GET /api/sources/<name>/traces/<hex id>         → TraceResponse   (?start=&end= Unix seconds, optional)
 *   GET /api/sources/<name>/search                 → SearchResponse  (?service=&start=&end=&limit=)
 *   GET /api/sources/<name>/services                → ServicesResponse (?start=&end=&limit=)
 *   any failure                                    → ApiErrorBody with a 4xx/5xx status
 *
 * The browser never sends an upstream URL: only a source name, a hex trace id and search
 * parameters. Credentials and upstream URLs never appear in any response.
 */

import type { StudioEvidence } from '../junjo/studio-evidence.ts';

export type SourceKind = 'tempo' | 'jaeger' | 'junjo-studio' | 'junjo-server';

export interface SourceInfo {
  readonly name: string;
  readonly kind: SourceKind;
}

export interface SourcesResponse {
  readonly sources: readonly SourceInfo[];
}

/** Which upstream endpoint produced a body, so the browser knows its envelope (formats.md §6–§8). */
export type TraceEndpoint =
  | 'tempo-v2' // {trace:{resourceSpans}, status?, message?}
  | 'tempo-v1' // {batches}
  | 'jaeger-v3' // {result:{resourceSpans}}
  | 'jaeger-internal' // {data:[trace], errors}
  | 'junjo-studio-evidence' // {trace_id, spans:[row]} rebuilt from Studio's trace evidence (formats.md §9)
  | 'junjo-studio-spans' // [row]: Studio's /observability/traces/<id>/spans
  | 'junjo-server-spans'; // [row]: the older Junjo Server's /otel/trace/<id>/nested-spans

export type SearchEndpoint = 'tempo-search' | 'jaeger-v3' | 'jaeger-internal' | 'junjo-studio-workflows' | 'junjo-server-workflows';

/**
 * A trace as the upstream sent it (decompressed, checked to be JSON), plus where it came from.
 * `body` is the upstream JSON unchanged; decode it with core/formats.
 */
export interface TraceResponse {
  readonly source: string;
  readonly kind: SourceKind;
  readonly traceId: string;
  readonly endpoint: TraceEndpoint;
  /** Tempo `status: PARTIAL`: the trace was cut by the backend; show the message in a banner. */
  readonly partial: { readonly message: string } | null;
  /** Envelope-level messages (Jaeger internal `errors`). Span-level warnings stay in `body`. */
  readonly warnings: readonly string[];
  /** Junjo AI Studio (0.81.5+): its own verified state replay, to compare with ours (core/junjo/studio-evidence.ts). */
  readonly studioEvidence?: StudioEvidence;
  /** The same run in the backend's own UI (Junjo AI Studio), when the source names its UI address. */
  readonly uiLink?: { readonly label: string; readonly url: string };
  readonly body: unknown;
}

/** One trace in a search result list. */
export interface TraceSummary {
  /** 32 lower-case hex digits. */
  readonly traceId: string;
  /** Root span name, or null when the root span is not (yet) known. */
  readonly rootName: string | null;
  readonly rootService: string | null;
  /** Epoch nanoseconds as a decimal string (exact; parse with parseEpochNs). */
  readonly startNs: string;
  readonly durationMs: number;
  /** Number of spans, when the backend returned whole traces (Jaeger). */
  readonly spanCount: number | null;
  /** Name of the first `junjo.span_type = workflow` span, when known. */
  readonly workflowName: string | null;
  /** Number of Junjo workflow spans found or matched, when known. */
  readonly workflowSpans: number | null;
  /** Status of the run's workflow span, when the backend listed it (Junjo AI Studio, Junjo Server). */
  readonly status?: 'ok' | 'error' | 'unset';
}

export interface SearchResponse {
  readonly source: string;
  readonly kind: SourceKind;
  readonly endpoint: SearchEndpoint;
  /** The time range searched, Unix seconds. */
  readonly start: number;
  readonly end: number;
  readonly traces: readonly TraceSummary[];
  /** What the list may leave out (e.g. Junjo AI Studio lists at most 250 runs per service). */
  readonly notice?: string;
}

export interface ServicesResponse {
  readonly source: string;
  /** Sorted; at most `limit` (default 1,000) names, the rest cut on the server. */
  readonly services: readonly string[];
  /** How many names the backend sent, when more than were kept. */
  readonly total?: number;
}

export type ApiErrorCode =
  | 'bad-request'
  | 'bad-trace-id'
  | 'unknown-source'
  | 'unknown-route'
  | 'method-not-allowed'
  | 'host-not-allowed'
  | 'not-found'
  | 'unauthorized'
  | 'tenant-missing'
  | 'upstream-unreachable'
  | 'timeout'
  | 'response-too-large'
  | 'malformed-response'
  | 'upstream-redirect'
  | 'upstream-error'
  | 'overloaded'
  | 'cross-origin'
  | 'unsupported';

/** An error for a person: what went wrong, where, and what to do next. */
export interface ApiError {
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly hint: string;
  /** With 'overloaded': how long to wait before trying again (also sent as Retry-After). */
  readonly retryAfterSeconds?: number;
}

export interface ApiErrorBody {
  readonly error: ApiError;
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };
