/**
 * Tempo search for Junjo workflow runs (formats.md §7): the TraceQL query and the reading of the
 * `GET /api/search` response into trace summaries.
 *
 * Search always sends `start`/`end` in Unix seconds (without them Tempo only searches recent
 * data). `traceID` comes back hex with leading zeros trimmed: pad to 32. `rootServiceName` is
 * `<root span not yet received>` while the root is missing; `durationMs` is absent when 0.
 * `serviceStats` (Tempo 2.2+: per service `spanCount` and `errorCount`) gives the run's span and
 * error counts, so the list can say failed or OK; without it the status stays unknown.
 */
import type { TraceSummary } from './api-types.ts';

const junjoWorkflowQuery = '{ span.junjo.span_type = "workflow" }';

/** A TraceQL string literal: double quotes, with `\` and `"` escaped. */
export function traceQlString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `{ span.junjo.span_type = "workflow" }`, narrowed to a root service when one is given. */
export function buildJunjoRunsQuery(service?: string): string {
  if (service === undefined || service === '') return junjoWorkflowQuery;
  return `{ span.junjo.span_type = "workflow" && resource.service.name = ${traceQlString(service)} }`;
}

export interface TempoSearchParams {
  readonly service?: string;
  /** Unix seconds. */
  readonly start: number;
  readonly end: number;
  readonly limit: number;
}

/** Query parameters for `GET /api/search`, in a fixed order. */
export function tempoSearchQuery(params: TempoSearchParams): [string, string][] {
  return [
    ['q', buildJunjoRunsQuery(params.service)],
    ['start', String(Math.floor(params.start))],
    ['end', String(Math.ceil(params.end))],
    ['limit', String(params.limit)],
  ];
}

const missingRoot = '<root span not yet received>';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a Tempo search body. Returns undefined when it is not a search response at all. */
export function parseTempoSearchResponse(body: unknown): TraceSummary[] | undefined {
  if (!isObject(body) || (body.traces !== undefined && !Array.isArray(body.traces))) return undefined;
  const summaries: TraceSummary[] = [];
  for (const trace of (body.traces as unknown[] | undefined) ?? []) {
    if (!isObject(trace) || typeof trace.traceID !== 'string' || !/^[0-9a-fA-F]{1,32}$/.test(trace.traceID)) continue;
    const start = typeof trace.startTimeUnixNano === 'string' || typeof trace.startTimeUnixNano === 'number' ? String(trace.startTimeUnixNano) : '0';
    const spanSets = Array.isArray(trace.spanSets) ? trace.spanSets : isObject(trace.spanSet) ? [trace.spanSet] : [];
    let matched = 0;
    for (const set of spanSets) if (isObject(set) && typeof set.matched === 'number') matched += set.matched;
    summaries.push({
      traceId: trace.traceID.toLowerCase().padStart(32, '0'),
      rootName: typeof trace.rootTraceName === 'string' ? trace.rootTraceName : null,
      rootService: typeof trace.rootServiceName === 'string' && trace.rootServiceName !== missingRoot ? trace.rootServiceName : null,
      startNs: /^\d+$/.test(start) ? start : '0',
      durationMs: typeof trace.durationMs === 'number' ? trace.durationMs : 0,
      workflowName: firstSpanName(spanSets),
      workflowSpans: spanSets.length > 0 ? matched : null,
      ...serviceStatsCounts(trace.serviceStats),
    });
  }
  return summaries;
}

/** Span and error counts summed over `serviceStats`; null when Tempo did not send them. */
function serviceStatsCounts(stats: unknown): { spanCount: number | null; errorCount: number | null } {
  if (!isObject(stats)) return { spanCount: null, errorCount: null };
  let spans = 0;
  let errors = 0;
  let any = false;
  for (const entry of Object.values(stats)) {
    if (!isObject(entry)) continue;
    if (typeof entry.spanCount === 'number' && Number.isFinite(entry.spanCount) && entry.spanCount >= 0) {
      spans += entry.spanCount;
      any = true;
    }
    // Tempo leaves errorCount out when it is 0.
    if (typeof entry.errorCount === 'number' && Number.isFinite(entry.errorCount) && entry.errorCount >= 0) errors += entry.errorCount;
  }
  return any ? { spanCount: spans, errorCount: errors } : { spanCount: null, errorCount: null };
}

/** Newer Tempo puts `name` on matched spans; older versions leave it out. */
function firstSpanName(spanSets: unknown[]): string | null {
  for (const set of spanSets) {
    if (!isObject(set) || !Array.isArray(set.spans)) continue;
    for (const span of set.spans) if (isObject(span) && typeof span.name === 'string') return span.name;
  }
  return null;
}
