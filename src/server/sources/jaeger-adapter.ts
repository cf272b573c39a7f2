/**
 * Jaeger (formats.md §8). Read-only endpoints, under the source's base URL (its `base_path`):
 *
 * - trace: `GET /api/v3/traces/<32 hex>` → `{result: TracesData}`. A JSON 404
 *   (`{"error":{"message":"No traces found"}}`) is not found; a plain-text `404 page not found`
 *   means the server has no API v3: fall back to the internal `GET /api/traces/<32 hex>` →
 *   `{data:[trace], errors}`. Optional range: v3 `start_time`/`end_time` (RFC 3339), internal
 *   `start`/`end` (µs).
 * - search (a service is required): `GET /api/v3/traces?query.service_name=&query.start_time_min=
 *   &query.start_time_max=&query.num_traces=`; a JSON 404 is an empty result; without v3,
 *   `GET /api/traces?service=&start=&end=&limit=` (µs). Results are whole traces, summarized with
 *   the shared decoders (core/backends/search-summaries.ts).
 * - services: `GET /api/v3/services` → `{services}`, falling back to `GET /api/services` → `{data}`.
 */
import type { ApiResult } from '../../core/backends/api-types.ts';
import { partsFrom, readTopLevelValue, type TopLevelScan } from '../../core/backends/json-top-level.ts';
import { offThread } from './off-thread.ts';
import type { BackendAdapter, TimeRange, TraceFetch } from './adapter-types.ts';
import { apiError, defaultTraceRange, traceNotFound } from '../api-errors.ts';
import type { ResolvedSource } from './source-config.ts';
import { callSource, malformed, parseJsonBody, statusError } from './source-request.ts';
import type { UpstreamResponse } from './upstream-fetch.ts';

/** At most the first `n` bytes of a body in parts. */
const firstBytes = (parts: readonly Buffer[], n: number): Buffer => ((parts[0]?.byteLength ?? 0) >= n ? (parts[0] as Buffer).subarray(0, n) : Buffer.concat(parts).subarray(0, n));

/** RFC 3339 without fractions (accepted by every Jaeger version). */
const rfc3339 = (seconds: number): string => new Date(Math.floor(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const micros = (seconds: number): string => String(Math.floor(seconds) * 1_000_000);

/** A 404 from a server that has API v3 carries a JSON error; anything else means "no such route". */
function isJsonNotFound(response: UpstreamResponse): boolean {
  const json = parseJsonBody(response.body);
  return json.ok && typeof json.value === 'object' && json.value !== null && 'error' in json.value;
}

/**
 * This server has no API v3: a 404 that is not Jaeger's JSON error, or the UI's HTML page served
 * with 200 for any unknown path (Jaeger's UI falls back to index.html).
 */
function lacksApiV3(response: UpstreamResponse): boolean {
  if (response.status === 404) return !isJsonNotFound(response);
  if (response.status !== 200) return false;
  if (/text\/html/i.test(String(response.headers['content-type'] ?? ''))) return true;
  const first = firstBytes(response.parts, 64).toString('utf8').trimStart();
  return first.startsWith('<');
}

/** A search answer summarized on a thread: given to it (moved, not copied) when no one else holds it. */
const readSearch = (response: UpstreamResponse) => (response.exclusive === true ? offThread.give('summarize-search', response.parts) : offThread.run('summarize-search', response.parts));

function envelopeWarnings(body: readonly Uint8Array[], scan: TopLevelScan): string[] {
  if (!scan.ok) return [];
  const errors = readTopLevelValue(body, scan.entries.get('errors'));
  if (!Array.isArray(errors)) return [];
  return errors.map((e: unknown) => {
    if (typeof e === 'string') return e;
    const { msg, message } = (typeof e === 'object' && e !== null ? e : {}) as { msg?: unknown; message?: unknown };
    return typeof msg === 'string' ? msg : typeof message === 'string' ? message : JSON.stringify(e);
  });
}

async function readTrace(source: ResolvedSource, traceId: string, range: TimeRange | undefined, response: UpstreamResponse, v3: boolean, secrets: readonly string[]): Promise<ApiResult<TraceFetch>> {
  // A large body is scanned and checked for secrets on a worker thread, in one visit, by parts
  // (never joined): the event loop keeps serving other requests. A body no one else holds is lent
  // (moved there and back), not copied.
  const exclusive = response.exclusive === true;
  const { result: { scan, redacted }, parts } = exclusive ? await offThread.lend('read-trace', response.parts, { secrets }) : { result: await offThread.run('read-trace', response.parts, { secrets }), parts: response.parts };
  if (!scan.ok) return { ok: false, error: malformed(source, `a trace (${scan.reason})`) };
  const holder = scan.entries.get(v3 ? 'result' : 'data');
  if (holder === undefined || holder.kind !== (v3 ? 'object' : 'array')) return { ok: false, error: malformed(source, 'a trace') };
  if (holder.empty) return { ok: false, error: traceNotFound(source.name, traceId, v3 ? 'Jaeger API v3' : 'Jaeger API', range?.start, range?.end, defaultTraceRange.jaeger) };
  return {
    ok: true,
    value: { endpoint: v3 ? 'jaeger-v3' : 'jaeger-internal', partial: null, warnings: envelopeWarnings(parts, scan), body: redacted ?? partsFrom(parts, scan.bodyStart), exclusive: exclusive || redacted !== null, redacted: true },
  };
}

export const jaegerAdapter: BackendAdapter = {
  async getTrace(source, traceId, range, signal, secrets = []) {
    const v3Query: [string, string][] = range ? [['start_time', rfc3339(range.start)], ['end_time', rfc3339(range.end)]] : [];
    const v3 = await callSource(source, { segments: ['api', 'v3', 'traces', traceId], query: v3Query, signal });
    if (!v3.ok) return v3;
    if (!lacksApiV3(v3.value)) {
      if (v3.value.status === 200) return readTrace(source, traceId, range, v3.value, true, secrets);
      if (v3.value.status === 404) return { ok: false, error: traceNotFound(source.name, traceId, 'Jaeger API v3', range?.start, range?.end, defaultTraceRange.jaeger) };
      return { ok: false, error: statusError(source, v3.value.status, v3.value.body) };
    }

    const query: [string, string][] = range ? [['start', micros(range.start)], ['end', micros(range.end)]] : [];
    const internal = await callSource(source, { segments: ['api', 'traces', traceId], query, signal });
    if (!internal.ok) return internal;
    if (internal.value.status === 404) return { ok: false, error: traceNotFound(source.name, traceId, 'Jaeger API (no API v3 on this server)', range?.start, range?.end, defaultTraceRange.jaeger) };
    if (internal.value.status !== 200) return { ok: false, error: statusError(source, internal.value.status, internal.value.body) };
    return readTrace(source, traceId, range, internal.value, false, secrets);
  },

  async search(source, params, signal) {
    if (params.service === undefined || params.service === '')
      return { ok: false, error: apiError('bad-request', `Searching Jaeger source "${source.name}" needs a service.`, 'Pick a service from the list (GET /api/sources/<name>/services).') };
    const v3 = await callSource(source, {
      segments: ['api', 'v3', 'traces'],
      query: [
        ['query.service_name', params.service],
        ['query.start_time_min', rfc3339(params.start)],
        ['query.start_time_max', rfc3339(params.end)],
        ['query.num_traces', String(params.limit)],
      ],
      signal,
    });
    if (!v3.ok) return v3;
    if (!lacksApiV3(v3.value)) {
      if (v3.value.status === 200) {
        const summaries = await readSearch(v3.value);
        if (!summaries.ok) return { ok: false, error: malformed(source, `a search response (${summaries.message})`) };
        return { ok: true, value: { endpoint: 'jaeger-v3', traces: summaries.traces.slice(0, params.limit) } };
      }
      if (v3.value.status === 404) return { ok: true, value: { endpoint: 'jaeger-v3', traces: [] } };
      return { ok: false, error: statusError(source, v3.value.status, v3.value.body) };
    }

    const internal = await callSource(source, {
      segments: ['api', 'traces'],
      query: [['service', params.service], ['start', micros(params.start)], ['end', micros(params.end)], ['limit', String(params.limit)]],
      signal,
    });
    if (!internal.ok) return internal;
    if (internal.value.status !== 200) return { ok: false, error: statusError(source, internal.value.status, internal.value.body) };
    const summaries = await readSearch(internal.value);
    if (!summaries.ok) return { ok: false, error: malformed(source, `a search response (${summaries.message})`) };
    return { ok: true, value: { endpoint: 'jaeger-internal', traces: summaries.traces.slice(0, params.limit) } };
  },

  async services(source, _range, signal) {
    const v3 = await callSource(source, { segments: ['api', 'v3', 'services'], signal });
    if (!v3.ok) return v3;
    let response = v3.value;
    let key = 'services';
    if (lacksApiV3(response)) {
      const internal = await callSource(source, { segments: ['api', 'services'], signal });
      if (!internal.ok) return internal;
      response = internal.value;
      key = 'data';
    }
    if (response.status !== 200) return { ok: false, error: statusError(source, response.status, response.body) };
    const json = parseJsonBody(response.body);
    const list = json.ok && typeof json.value === 'object' && json.value !== null ? (json.value as Record<string, unknown>)[key] : undefined;
    if (list === null) return { ok: true, value: [] }; // Jaeger sends null for "none"
    if (!Array.isArray(list)) return { ok: false, error: malformed(source, 'a list of services') };
    return { ok: true, value: list.filter((s): s is string => typeof s === 'string').sort() };
  },
};
