/**
 * Junjo AI Studio (the Python backend, 0.80 and later; junjo-backends.md §2.1–§2.2, formats.md §9).
 * Under the source's base URL (Studio's backend, e.g. http://localhost:26154):
 *
 * - version: `GET /health` → `{"status":"ok","version":"0.82.1","app_name":"Junjo AI Studio"}` (no login;
 *   remembered for a minute). Studio 0.82+ needs a login for every read, so the server signs in
 *   first; older versions are read without one until a 401 says otherwise (junjo-session.ts).
 * - trace: `GET /api/v1/trace-evidence/<32 hex>` (0.81.5+) → TraceEvidence `{trace_id, spans:[row],
 *   stores_by_id, …}`: the rows go to the browser as `{trace_id, spans}` (decoded by
 *   core/formats/junjo-rows.ts) and Studio's verified store replay as `studioEvidence`. A 404 there,
 *   or an older Studio: `GET /api/v1/observability/traces/<32 hex>/spans` → `[row]` (`[]` = none).
 *   Not found yet → asked again after a few seconds (a run that just ended may still be ingesting).
 * - search: `GET /api/v1/observability/services`, then per service
 *   `GET /api/v1/observability/services/<service>/workflows?limit=250` (newest first; no paging).
 * - services: `GET /api/v1/observability/services` → `["name", …]`.
 */
import type { ApiResult } from '../../core/backends/api-types.ts';
import { readStudioEvidence, type StudioEvidence } from '../../core/junjo/studio-evidence.ts';
import { apiError } from '../api-errors.ts';
import type { BackendAdapter, TraceFetch } from './adapter-types.ts';
import { recentRuns, runsPerService, scrubbed, stillIngestingOrAbsent, untilIngested, type Lookup, type ServiceRows } from './junjo-common.ts';
import { scrub, signedInGet } from './junjo-session.ts';
import type { ResolvedSource } from './source-config.ts';
import { malformed, parseJsonBody, pathSegment, statusError } from './source-request.ts';
import { callSource } from './source-request.ts';

const product = 'Junjo AI Studio';
/** Oldest supported: the Python backend with /api/v1/observability (0.80.0, 2026-02). */
const minimum = [0, 80, 0] as const;
const evidenceFrom = [0, 81, 5] as const;
const loginFrom = [0, 82, 0] as const;
const supported = 'Junjo AI Studio 0.80 or later (verified state evidence from 0.81.5)';
const versionTtlMs = 60_000;
/** Services searched at most for "All services"; more are named in the notice. */
const maxServices = 20;

type Version = readonly [number, number, number];
const atLeast = (v: Version, min: Version): boolean => v[0] !== min[0] ? v[0] > min[0] : v[1] !== min[1] ? v[1] > min[1] : v[2] >= min[2];

interface Features {
  readonly version: string;
  readonly evidence: boolean;
  readonly loginFirst: boolean;
}

const versions = new WeakMap<ResolvedSource, { readonly features: Features; readonly at: number }>();

async function features(source: ResolvedSource, signal: AbortSignal): Promise<ApiResult<Features>> {
  const known = versions.get(source);
  if (known !== undefined && Date.now() - known.at < versionTtlMs) return { ok: true, value: known.features };
  const health = await callSource(source, { segments: ['health'], signal });
  if (!health.ok) return health;
  const json = health.value.status === 200 ? parseJsonBody(health.value.body) : { ok: false as const };
  const text = json.ok && typeof json.value === 'object' && json.value !== null ? (json.value as { version?: unknown }).version : undefined;
  const match = typeof text === 'string' ? /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim()) : null;
  if (health.value.status === 404 || (health.value.status === 200 && match === null))
    return {
      ok: false,
      error: apiError(
        'unsupported',
        `Source "${source.name}" does not answer GET /health as ${product} does, so its version is unknown.`,
        `This source reads ${supported}. Point "url" at Studio's backend (port 26154 by default, 1323 before 0.82), not its web UI; for the older Go Junjo Server (until late 2025) use "kind": "junjo-server".`,
      ),
    };
  if (health.value.status !== 200) return { ok: false, error: statusError(source, health.value.status, health.value.body) };
  const version: Version = [Number(match![1]), Number(match![2]), Number(match![3])];
  const versionText = version.join('.');
  if (!atLeast(version, minimum))
    return {
      ok: false,
      error: apiError(
        'unsupported',
        `Source "${source.name}" runs ${product} ${versionText}, which the viewer cannot read.`,
        `Supported: ${supported}. Upgrade Studio; or, for the older Go Junjo Server, use "kind": "junjo-server".`,
      ),
    };
  const found: Features = { version: versionText, evidence: atLeast(version, evidenceFrom), loginFirst: atLeast(version, loginFrom) };
  versions.set(source, { features: found, at: Date.now() });
  return { ok: true, value: found };
}

const observability = ['api', 'v1', 'observability'];

function rowsOf(body: Buffer): unknown[] | undefined {
  const json = parseJsonBody(body);
  return json.ok && Array.isArray(json.value) ? json.value : undefined;
}

/** The run in Studio's UI: `/workflows/<service>/<trace>/<workflow span>`, else `/traces/<service>/<trace>`. */
function uiLink(source: ResolvedSource, traceId: string, rows: readonly unknown[]): TraceFetch['uiLink'] {
  if (source.uiUrl === undefined) return undefined;
  const spans = rows.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
  const isWorkflow = (row: Record<string, unknown>) => {
    const attrs = row.attributes_json;
    return typeof attrs === 'object' && attrs !== null && (attrs as Record<string, unknown>)['junjo.span_type'] === 'workflow';
  };
  const workflow = spans.find((r) => isWorkflow(r) && (r.parent_span_id === null || r.parent_span_id === undefined)) ?? spans.find(isWorkflow);
  const service = [workflow, ...spans].map((r) => r?.service_name).find((s): s is string => typeof s === 'string' && s !== '');
  if (service === undefined) return undefined;
  const base = source.uiUrl.href.replace(/\/+$/, '');
  const spanId = typeof workflow?.span_id === 'string' && /^[0-9a-f]{16}$/.test(workflow.span_id) ? workflow.span_id : undefined;
  const path = spanId !== undefined ? `workflows/${encodeURIComponent(service)}/${traceId}/${spanId}` : `traces/${encodeURIComponent(service)}/${traceId}`;
  return { label: `Open in ${product}`, url: `${base}/${path}` };
}

async function fromEvidence(source: ResolvedSource, traceId: string, feat: Features, signal: AbortSignal): Promise<Lookup<TraceFetch>> {
  const response = await signedInGet(source, { segments: ['api', 'v1', 'trace-evidence', traceId], signal }, feat);
  if (!response.ok) return response;
  if (response.value.status === 404) return { ok: 'absent' };
  if (response.value.status !== 200) return { ok: false, error: statusError(source, response.value.status, response.value.body) };
  const json = parseJsonBody(response.value.body);
  const spans = json.ok && typeof json.value === 'object' && json.value !== null ? (json.value as { spans?: unknown }).spans : undefined;
  if (!Array.isArray(spans)) return { ok: false, error: malformed(source, 'trace evidence') };
  if (spans.length === 0) return { ok: 'absent' };
  const evidence: StudioEvidence | undefined = readStudioEvidence(json.ok ? json.value : undefined);
  const warnings = evidence === undefined ? [`${product} sent trace evidence without readable store evidence; the state view cannot compare its replay with Studio's.`] : [];
  const body = Buffer.from(JSON.stringify({ trace_id: traceId, spans }), 'utf8');
  const link = uiLink(source, traceId, spans);
  return {
    ok: true,
    value: { endpoint: 'junjo-studio-evidence', partial: null, warnings, body: [body], ...(evidence ? { studioEvidence: evidence } : {}), ...(link ? { uiLink: link } : {}) },
  };
}

async function fromSpans(source: ResolvedSource, traceId: string, feat: Features, signal: AbortSignal, warnings: readonly string[]): Promise<Lookup<TraceFetch>> {
  const response = await signedInGet(source, { segments: [...observability, 'traces', traceId, 'spans'], signal }, feat);
  if (!response.ok) return response;
  if (response.value.status === 404) return { ok: 'absent' };
  if (response.value.status !== 200) return { ok: false, error: statusError(source, response.value.status, response.value.body) };
  const rows = rowsOf(response.value.body);
  if (rows === undefined) return { ok: false, error: malformed(source, 'the spans of a trace') };
  if (rows.length === 0) return { ok: 'absent' };
  const link = uiLink(source, traceId, rows);
  return { ok: true, value: { endpoint: 'junjo-studio-spans', partial: null, warnings, body: [response.value.body], ...(link ? { uiLink: link } : {}) } };
}

async function getTrace(source: ResolvedSource, traceId: string, signal: AbortSignal): Promise<ApiResult<TraceFetch>> {
  const feat = await features(source, signal);
  if (!feat.ok) return feat;
  const lookup = async (): Promise<Lookup<TraceFetch>> => {
    if (!feat.value.evidence) return fromSpans(source, traceId, feat.value, signal, []);
    const evidence = await fromEvidence(source, traceId, feat.value, signal);
    if (evidence.ok !== 'absent') return evidence;
    // Evidence is assembled from the stored spans; spans without it mean Studio is not done yet.
    return fromSpans(source, traceId, feat.value, signal, [`${product} has not assembled the verified evidence of this trace yet (it may still be ingesting); the state view shows the viewer's own replay only. Reload in a few seconds to compare with Studio's.`]);
  };
  const result = await untilIngested(lookup, signal);
  if (result.ok === 'absent') return { ok: false, error: stillIngestingOrAbsent(source, traceId, product) };
  if (!result.ok) return result;
  // The body never carries the session: scrub it anyway, as everything that leaves.
  const text = Buffer.concat(result.value.body).toString();
  const clean = scrub(source, text);
  return clean === text ? result : { ok: true, value: { ...result.value, body: [Buffer.from(clean, 'utf8')] } };
}

async function listServices(source: ResolvedSource, feat: Features, signal: AbortSignal): Promise<ApiResult<string[]>> {
  const response = await signedInGet(source, { segments: [...observability, 'services'], signal }, feat);
  if (!response.ok) return response;
  if (response.value.status !== 200) return { ok: false, error: statusError(source, response.value.status, response.value.body) };
  const list = rowsOf(response.value.body);
  if (list === undefined) return { ok: false, error: malformed(source, 'a list of services') };
  return { ok: true, value: [...new Set(list.filter((s): s is string => typeof s === 'string' && s !== ''))].sort() };
}

export const junjoStudioAdapter: BackendAdapter = {
  async getTrace(source, traceId, _range, signal) {
    return scrubbed(source, await getTrace(source, traceId, signal));
  },

  async search(source, params, signal) {
    const feat = await features(source, signal);
    if (!feat.ok) return scrubbed(source, feat);
    let services: string[];
    if (params.service !== undefined && params.service !== '') services = [params.service];
    else {
      const listed = await listServices(source, feat.value, signal);
      if (!listed.ok) return scrubbed(source, listed);
      services = listed.value;
    }
    const searched = services.slice(0, maxServices);
    const lists: ServiceRows[] = [];
    const answers = await Promise.all(
      searched.map((service) => signedInGet(source, { segments: [...observability, 'services', pathSegment(service), 'workflows'], query: [['limit', String(runsPerService)]], signal }, feat.value)),
    );
    for (const [i, answer] of answers.entries()) {
      if (!answer.ok) return scrubbed(source, answer);
      if (answer.value.status === 404) continue; // a service that vanished meanwhile
      if (answer.value.status !== 200) return scrubbed(source, { ok: false, error: statusError(source, answer.value.status, answer.value.body) });
      const rows = rowsOf(answer.value.body);
      if (rows === undefined) return { ok: false, error: malformed(source, 'a list of workflow runs') };
      lists.push({ service: searched[i] as string, rows, upstreamLimited: true });
    }
    const runs = recentRuns(lists, params, product);
    const skippedServices = services.length > maxServices ? ` Only the first ${maxServices} of ${services.length} services were searched; choose a service to see its runs.` : '';
    const notice = `${runs.notice ?? ''}${skippedServices}`.trim();
    return { ok: true, value: { endpoint: 'junjo-studio-workflows', traces: runs.traces, ...(notice !== '' ? { notice } : {}) } };
  },

  async services(source, _range, signal) {
    const feat = await features(source, signal);
    if (!feat.ok) return scrubbed(source, feat);
    return scrubbed(source, await listServices(source, feat.value, signal));
  },
};
