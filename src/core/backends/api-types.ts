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
 * The viewer's own store is the source named "local" (kind "local"), listed first, with more:
 *
 *   GET    /api/sources/local/traces/<hex id>       → TraceResponse (endpoint "local", inProgress)
 *   GET    /api/sources/local/search               → SearchResponse ?service=&workflow=&status=ok|error|in-progress|incomplete&start=&end=&limit=
 *                                                    (newest start first; without start/end: the whole store, limit ≤ 10000)
 *   GET    /api/sources/local/services              → ServicesResponse
 *   GET    /api/sources/local/events                → text/event-stream: `event: trace` LocalTraceEvent (at most one
 *                                                    per trace per ~250 ms), `event: deleted` LocalDeletedEvent,
 *                                                    a comment line every 15 s
 *   DELETE /api/sources/local/traces/<hex id>       → LocalDeleteResponse ({deleted: 1}; 404 when absent)
 *   DELETE /api/sources/local/traces?all=true       → LocalDeleteResponse
 *   POST   /api/sources/local/traces                → LocalSaveResponse; the body is a trace file (any format the
 *                                                    file opener reads, gzip too); 400 with the decoder's message
 * POST and DELETE need the header `X-Requested-With: junjo-trace-viewer` and a same-origin request (else 403).
 *
 * The browser never sends an upstream URL: only a source name, a hex trace id and search
 * parameters. Credentials and upstream URLs never appear in any response.
 */

import type { StudioEvidence } from '../junjo/studio-evidence.ts';

export type SourceKind = 'tempo' | 'jaeger' | 'junjo-studio' | 'junjo-server' | 'local';

/** The request header every POST/DELETE to the API must carry (a cross-site form cannot send it). */
export const mutationHeader = { name: 'X-Requested-With', value: 'junjo-trace-viewer' } as const;

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
  | 'junjo-server-spans' // [row]: the older Junjo Server's /otel/trace/<id>/nested-spans
  | 'local'; // the viewer's store: OTLP/JSON {resourceSpans}

export type SearchEndpoint = 'tempo-search' | 'jaeger-v3' | 'jaeger-internal' | 'junjo-studio-workflows' | 'junjo-server-workflows' | 'local';

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
  /** Local store only: spans of this run are still arriving (no root or workflow span yet). */
  readonly inProgress?: boolean;
  /** Local store only: no root or workflow span, and nothing new for a while: the root never arrived. */
  readonly incomplete?: boolean;
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
  /** Spans with status error, when known (local store). */
  readonly errorCount?: number | null;
  /** Local store: nodes arrived but neither the root nor the workflow span yet. */
  readonly inProgress?: boolean;
  /**
   * Status of the run: of its workflow span when the backend listed it (Junjo AI Studio, Junjo
   * Server: ok, error, unset); local store: ok, error, in-progress or incomplete (null when unknown).
   */
  readonly status?: 'ok' | 'error' | 'unset' | RunStatus | null;
  /** Local store: Junjo telemetry generation of the workflow span (formats.md §1.1), when known. */
  readonly junjoGeneration?: string | null;
}

/** `incomplete`: no root or workflow span, and no new span for the store's quiet period. */
export type RunStatus = 'ok' | 'error' | 'in-progress' | 'incomplete';

/** `event: trace` on /api/sources/local/events: a trace gained spans. */
export interface LocalTraceEvent {
  readonly traceId: string;
  readonly spanCount: number;
  readonly inProgress: boolean;
}

/** `event: deleted`: one trace, or all of them. */
export type LocalDeletedEvent = { readonly traceId: string } | { readonly all: true };

export interface LocalDeleteResponse {
  readonly deleted: number;
}

export interface LocalSaveResponse {
  /** The traces the file held, in file order. */
  readonly traceIds: readonly string[];
  /** Spans kept (a span already stored counts once). */
  readonly spanCount: number;
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
  | 'unsupported'
  | 'forbidden'
  | 'too-large'
  | 'store-unavailable';

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
