/**
 * Trace ids as people paste them, and as the server accepts them.
 *
 * `parseTraceIdInput` reads the browser's trace-ID box: 1–32 hex digits (so 16- and 32-digit ids,
 * with or without leading zeros, optional `0x`), base64 of 16 or 8 bytes (Tempo's JSON), a W3C
 * `traceparent`, or a pasted URL: Jaeger `/trace/<id>`, Grafana `/trace/<id>` or an Explore URL
 * whose `panes`/`left` JSON parameter holds `"query":"<id>"`, a Junjo AI Studio run
 * (`/workflows/<service>/<trace id>/<workflow span>/…` or `/traces/<service>/<trace id>/…`), and
 * `?traceId=` style parameters.
 * It returns a 32-digit lower-case hex id or an error value with a message for a person.
 *
 * `parseTraceIdParam` is the server's strict check of the id in an API path: hex only.
 */
import { base64ToHex } from '../model/ids.ts';

export type TraceIdInputSource = 'hex' | 'base64' | 'traceparent' | 'jaeger-url' | 'grafana-url' | 'studio-url' | 'url';

export type TraceIdInputResult =
  | { readonly ok: true; readonly traceId: string; readonly from: TraceIdInputSource }
  | { readonly ok: false; readonly message: string };

const hexId = /^(?:0x)?([0-9a-fA-F]{1,32})$/;
const traceparent = /^([0-9a-fA-F]{2})-([0-9a-fA-F]{32})-([0-9a-fA-F]{16})-([0-9a-fA-F]{2})(?:-.*)?$/;
const base64Id = /^(?:[A-Za-z0-9+/]{22}==|[A-Za-z0-9+/]{11}=)$/;
const idQueryKeys = ['traceId', 'traceID', 'traceid', 'trace_id', 'trace-id'];

const fail = (message: string): TraceIdInputResult => ({ ok: false, message });

/** Strict: 1–32 hex digits, not all zeros. Returns 32 lower-case hex digits or undefined. */
export function parseTraceIdParam(raw: string): string | undefined {
  if (!/^[0-9a-fA-F]{1,32}$/.test(raw) || /^0+$/.test(raw)) return undefined;
  return raw.toLowerCase().padStart(32, '0');
}

export function parseTraceIdInput(input: string): TraceIdInputResult {
  const text = input.trim().replace(/^["'`]+|["'`]+$/g, '').trim();
  if (text === '') return fail('Enter a trace ID: 32 or 16 hex digits, a traceparent, or a Jaeger or Grafana trace link.');
  if (/^https?:\/\//i.test(text)) return fromUrl(text);
  return fromBareId(text);
}

function fromBareId(text: string): TraceIdInputResult {
  const hex = hexId.exec(text);
  if (hex?.[1] !== undefined) return checked(hex[1], 'hex');
  const parent = traceparent.exec(text);
  if (parent?.[1] !== undefined && parent[2] !== undefined) {
    if (parent[1].toLowerCase() === 'ff') return fail('This traceparent has version ff, which is invalid.');
    return checked(parent[2], 'traceparent');
  }
  if (base64Id.test(text)) {
    const decoded = base64ToHex(text);
    if (decoded !== undefined) return checked(decoded, 'base64');
  }
  if (/^[0-9a-fA-F]{33,}$/.test(text))
    return fail(`A trace ID has at most 32 hex digits; this one has ${text.length}.`);
  if (/^[0-9a-zA-Z]+$/.test(text) && /[g-zG-Z]/.test(text) && text.length <= 32)
    return fail(`"${text}" contains letters that are not hex digits (0–9, a–f).`);
  return fail('Not a trace ID. Expected 32 or 16 hex digits, a traceparent (00-<32 hex>-<16 hex>-01), or a Jaeger or Grafana trace link.');
}

function checked(hex: string, from: TraceIdInputSource): TraceIdInputResult {
  const traceId = parseTraceIdParam(hex);
  if (traceId === undefined) return fail('A trace ID of all zeros is not valid.');
  return { ok: true, traceId, from };
}

function fromUrl(text: string): TraceIdInputResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('This link could not be read as a URL.');
  }
  const isGrafana = /\/(explore|d|a)\b|grafana/i.test(url.pathname + url.hostname) || url.searchParams.has('panes') || url.searchParams.has('left');
  const kind: TraceIdInputSource = isGrafana ? 'grafana-url' : /:16686$|jaeger/i.test(url.host + url.pathname) ? 'jaeger-url' : 'url';

  const segments = url.pathname.split('/').map(safeDecode);
  const studio = fromStudioPath(segments);
  if (studio !== undefined) return studio;
  if (segments[1] === 'resolve' && segments[2] === 'executable')
    return fail('This Junjo AI Studio link names a run by its runtime ID, not a trace ID. Open it in Studio and copy the address of the trace page it leads to.');

  // `/trace/<id>` (Jaeger UI, Grafana) and `/traces/<id>` (Tempo and Jaeger API links).
  for (let i = 0; i + 1 < segments.length; i++) {
    if (segments[i] === 'trace' || segments[i] === 'traces') {
      const id = fromBareId(segments[i + 1] ?? '');
      if (id.ok) return { ...id, from: kind === 'url' ? 'jaeger-url' : kind };
    }
  }
  for (const key of idQueryKeys) {
    const value = url.searchParams.get(key);
    if (value) {
      const id = fromBareId(value);
      if (id.ok) return { ...id, from: kind };
    }
  }
  for (const key of ['panes', 'left', 'right']) {
    const value = url.searchParams.get(key);
    if (value) {
      const found = fromExploreState(value);
      if (found !== undefined) return found.ok ? { ...found, from: 'grafana-url' } : found;
    }
  }
  return fail('No trace ID found in this link. Open the trace itself in Jaeger, Grafana or Junjo AI Studio and copy that link.');
}

/**
 * Junjo AI Studio's UI: `/workflows/<service>/<trace id>/<workflow span id>[/<span id>]` and
 * `/traces/<service>/<trace id>[/<span id>]`. The service name comes first, so the trace id is the
 * segment after it, and it is always 32 hex digits (a service named like a short hex id is not one).
 */
function fromStudioPath(segments: readonly string[]): TraceIdInputResult | undefined {
  for (let i = 0; i + 2 < segments.length; i++) {
    if (segments[i] !== 'workflows' && segments[i] !== 'traces') continue;
    const id = segments[i + 2] ?? '';
    if ((segments[i + 1] ?? '') !== '' && /^[0-9a-fA-F]{32}$/.test(id)) return checked(id, 'studio-url');
  }
  return undefined;
}

/** Grafana Explore keeps its state as JSON: `{"<pane>":{"queries":[{"query":"<id>"}]}}` or `{"queries":[…]}`. */
function fromExploreState(json: string): TraceIdInputResult | undefined {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    return undefined;
  }
  const queries: string[] = [];
  collectQueries(state, queries, 0);
  for (const query of queries) {
    const id = fromBareId(query.trim());
    if (id.ok) return id;
  }
  if (queries.length > 0)
    return fail('This Grafana link holds a search query, not a trace ID. Open one trace in Grafana and copy that link.');
  return undefined;
}

function collectQueries(value: unknown, out: string[], depth: number): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectQueries(item, out, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if ((key === 'query' || key === 'traceId') && typeof item === 'string') out.push(item);
    else collectQueries(item, out, depth + 1);
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
