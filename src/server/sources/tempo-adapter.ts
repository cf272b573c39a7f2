/**
 * Grafana Tempo (formats.md §7). Read-only endpoints, under the source's base URL:
 *
 * - trace: `GET /api/v2/traces/<32 hex>` (Accept: application/json). 404 → older Tempo: fall back
 *   to `GET /api/traces/<32 hex>`. v2 answers 200 with `"trace":{}` for an unknown id: not found.
 *   `"status":"PARTIAL"` + `"message"` (trace cut at max_bytes_per_trace) is passed on as `partial`.
 *   Optional `start`/`end` (Unix seconds) narrow the lookup.
 * - search: `GET /api/search?q={ span.junjo.span_type = "workflow" [&& resource.service.name = "…"] }
 *   &start=&end=&limit=` (start/end always sent).
 * - services: `GET /api/v2/search/tag/resource.service.name/values?start=&end=`, falling back to
 *   `GET /api/search/tag/service.name/values` on 404.
 */
import type { ApiResult } from '../../core/backends/api-types.ts';
import { partsFrom, readTopLevelValue } from '../../core/backends/json-top-level.ts';
import { tempoSearchQuery } from '../../core/backends/tempo-search.ts';
import { offThread } from './off-thread.ts';
import type { UpstreamResponse } from './upstream-fetch.ts';
import type { BackendAdapter, TimeRange, TraceFetch } from './adapter-types.ts';
import { defaultTraceRange, traceNotFound } from '../api-errors.ts';
import type { ResolvedSource } from './source-config.ts';
import { callSource, malformed, parseJsonBody, statusError } from './source-request.ts';

const rangeQuery = (range: TimeRange | undefined): [string, string][] =>
  range ? [['start', String(Math.floor(range.start))], ['end', String(Math.ceil(range.end))]] : [];

/** Reads a trace body: found (with the envelope key holding spans), not found, or malformed. */
async function readTraceBody(source: ResolvedSource, response: UpstreamResponse, version: 'v1' | 'v2', secrets: readonly string[]) {
  // A large body is scanned and checked for secrets on a worker thread, in one visit, by parts
  // (never joined): the event loop keeps serving other requests. A body no one else holds is lent
  // to the thread (its parts moved there and back) rather than copied.
  const exclusive = response.exclusive === true;
  const lent = exclusive ? await offThread.lend('read-trace', response.parts, { secrets }) : { result: await offThread.run('read-trace', response.parts, { secrets }), parts: response.parts };
  const { result: { scan, redacted }, parts: body } = lent;
  if (!scan.ok) return { kind: 'malformed' as const, error: malformed(source, `a trace (${scan.reason})`) };
  const holder = version === 'v2' ? scan.entries.get('trace') : scan.entries.get('batches');
  if (holder === undefined || holder.empty) return { kind: 'not-found' as const };
  if (version === 'v2') {
    if (holder.kind !== 'object') return { kind: 'malformed' as const, error: malformed(source, 'a v2 trace') };
    // A small `trace` object may still hold no spans: {"resourceSpans":[]}.
    const small = readTopLevelValue(body, holder, 1024) as { resourceSpans?: unknown } | undefined;
    if (small !== undefined && !(Array.isArray(small.resourceSpans) && small.resourceSpans.length > 0)) return { kind: 'not-found' as const };
  } else if (holder.kind !== 'array') return { kind: 'malformed' as const, error: malformed(source, 'a v1 trace') };
  const status = readTopLevelValue(body, scan.entries.get('status'));
  const message = readTopLevelValue(body, scan.entries.get('message'));
  const partial =
    status === 'PARTIAL'
      ? { message: typeof message === 'string' && message !== '' ? message : 'Tempo returned only part of this trace (it is larger than max_bytes_per_trace).' }
      : null;
  return { kind: 'found' as const, partial, body: redacted ?? partsFrom(body, scan.bodyStart), exclusive: exclusive || redacted !== null, redacted: true };
}

async function getTrace(source: ResolvedSource, traceId: string, range: TimeRange | undefined, signal: AbortSignal, secrets: readonly string[] = []): Promise<ApiResult<TraceFetch>> {
  const v2 = await callSource(source, { segments: ['api', 'v2', 'traces', traceId], query: rangeQuery(range), signal });
  if (!v2.ok) return v2;
  if (v2.value.status === 200) {
    const read = await readTraceBody(source, v2.value, 'v2', secrets);
    if (read.kind === 'malformed') return { ok: false, error: read.error };
    if (read.kind === 'not-found') return { ok: false, error: traceNotFound(source.name, traceId, 'Tempo API v2', range?.start, range?.end, defaultTraceRange.tempo) };
    return { ok: true, value: { endpoint: 'tempo-v2', partial: read.partial, warnings: [], body: read.body, exclusive: read.exclusive, redacted: read.redacted } };
  }
  if (v2.value.status !== 404) return { ok: false, error: statusError(source, v2.value.status, v2.value.body) };

  const v1 = await callSource(source, { segments: ['api', 'traces', traceId], query: rangeQuery(range), signal });
  if (!v1.ok) return v1;
  if (v1.value.status === 404) return { ok: false, error: traceNotFound(source.name, traceId, 'Tempo API v2 and v1', range?.start, range?.end, defaultTraceRange.tempo) };
  if (v1.value.status !== 200) return { ok: false, error: statusError(source, v1.value.status, v1.value.body) };
  const read = await readTraceBody(source, v1.value, 'v1', secrets);
  if (read.kind === 'malformed') return { ok: false, error: read.error };
  if (read.kind === 'not-found') return { ok: false, error: traceNotFound(source.name, traceId, 'Tempo API v1', range?.start, range?.end, defaultTraceRange.tempo) };
  return { ok: true, value: { endpoint: 'tempo-v1', partial: read.partial, warnings: [], body: read.body, exclusive: read.exclusive, redacted: read.redacted } };
}

export const tempoAdapter: BackendAdapter = {
  getTrace,

  async search(source, params, signal) {
    const response = await callSource(source, { segments: ['api', 'search'], query: tempoSearchQuery(params), signal });
    if (!response.ok) return response;
    if (response.value.status !== 200) return { ok: false, error: statusError(source, response.value.status, response.value.body) };
    // Given to the thread (moved, not copied) when no one else holds the answer.
    const traces = response.value.exclusive === true ? await offThread.give('tempo-search', response.value.parts) : await offThread.run('tempo-search', response.value.parts);
    if (traces === undefined) return { ok: false, error: malformed(source, 'a search response') };
    // Tempo may send more than asked (its own limits differ by version): the browser gets at most `limit`.
    return { ok: true, value: { endpoint: 'tempo-search', traces: traces.slice(0, params.limit) } };
  },

  async services(source, range, signal) {
    const v2 = await callSource(source, { segments: ['api', 'v2', 'search', 'tag', 'resource.service.name', 'values'], query: rangeQuery(range), signal });
    if (!v2.ok) return v2;
    let response = v2.value;
    if (response.status === 404) {
      const v1 = await callSource(source, { segments: ['api', 'search', 'tag', 'service.name', 'values'], query: rangeQuery(range), signal });
      if (!v1.ok) return v1;
      response = v1.value;
    }
    if (response.status !== 200) return { ok: false, error: statusError(source, response.status, response.body) };
    const json = parseJsonBody(response.body);
    const values = json.ok && typeof json.value === 'object' && json.value !== null ? (json.value as { tagValues?: unknown }).tagValues : undefined;
    if (!Array.isArray(values)) return { ok: false, error: malformed(source, 'a list of services') };
    // v2: [{type, value}]; v1: ["name"].
    const names = values.map((v: unknown) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null ? (v as { value?: unknown }).value : undefined));
    return { ok: true, value: [...new Set(names.filter((n): n is string => typeof n === 'string'))].sort() };
  },
};
