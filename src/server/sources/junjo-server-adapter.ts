/**
 * The older Junjo Server (Go + Echo, until late 2025; junjo-backends.md §2.3, formats.md §9). Under
 * the source's base URL (its backend, e.g. http://localhost:1323), always signed in with a session
 * cookie plus a CSRF token (junjo-session.ts):
 *
 * - trace: `GET /otel/trace/<32 hex>/nested-spans` → `[row]` (DuckDB rows; Junjo attributes moved to
 *   columns such as `junjo_id`, `junjo_wf_graph_structure`, merged back by core/formats/junjo-rows.ts).
 *   `[]` = not there (yet): asked again after a few seconds.
 * - search: `GET /otel/span-service-names`, then per service `GET /otel/spans/type/workflow/<service>`
 *   (every workflow span of the service, newest first; the viewer keeps the newest 250 traces).
 * - services: `GET /otel/span-service-names` → `["name", …]`.
 */
import type { ApiResult } from '../../core/backends/api-types.ts';
import { apiError } from '../api-errors.ts';
import type { BackendAdapter, TraceFetch } from './adapter-types.ts';
import { recentRuns, scrubbed, stillIngestingOrAbsent, untilIngested, type Lookup, type ServiceRows } from './junjo-common.ts';
import { signedInGet } from './junjo-session.ts';
import type { ResolvedSource } from './source-config.ts';
import { malformed, parseJsonBody, pathSegment, statusError } from './source-request.ts';
import type { UpstreamResponse } from './upstream-fetch.ts';

const product = 'Junjo Server';
const session = { loginFirst: true } as const;
const maxServices = 20;

function rowsOf(body: Buffer): unknown[] | undefined {
  const json = parseJsonBody(body);
  return json.ok && Array.isArray(json.value) ? json.value : undefined;
}

/** A 404 on a fixed /otel route: this is not a Junjo Server (or not its backend port). */
const notJunjoServer = (source: ResolvedSource) =>
  apiError(
    'unsupported',
    `Source "${source.name}" has no Junjo Server /otel routes (HTTP 404).`,
    'This kind reads the Go Junjo Server (until late 2025, backend port 1323). For Junjo AI Studio 0.80 or later use "kind": "junjo-studio".',
  );

function failure(source: ResolvedSource, response: UpstreamResponse): ApiResult<never> {
  return { ok: false, error: response.status === 404 ? notJunjoServer(source) : statusError(source, response.status, response.body) };
}

async function listServices(source: ResolvedSource, signal: AbortSignal): Promise<ApiResult<string[]>> {
  const response = await signedInGet(source, { segments: ['otel', 'span-service-names'], signal }, session);
  if (!response.ok) return response;
  if (response.value.status !== 200) return failure(source, response.value);
  const list = rowsOf(response.value.body);
  if (list === undefined) return { ok: false, error: malformed(source, 'a list of services') };
  return { ok: true, value: [...new Set(list.filter((s): s is string => typeof s === 'string' && s !== ''))].sort() };
}

async function getTrace(source: ResolvedSource, traceId: string, signal: AbortSignal): Promise<ApiResult<TraceFetch>> {
  const lookup = async (): Promise<Lookup<TraceFetch>> => {
    const response = await signedInGet(source, { segments: ['otel', 'trace', traceId, 'nested-spans'], signal }, session);
    if (!response.ok) return response;
    if (response.value.status !== 200) return failure(source, response.value);
    const rows = rowsOf(response.value.body);
    if (rows === undefined) return { ok: false, error: malformed(source, 'the spans of a trace') };
    if (rows.length === 0) return { ok: 'absent' };
    return { ok: true, value: { endpoint: 'junjo-server-spans', partial: null, warnings: [], body: [response.value.body] } };
  };
  const result = await untilIngested(lookup, signal);
  if (result.ok === 'absent') return { ok: false, error: stillIngestingOrAbsent(source, traceId, product) };
  return result;
}

export const junjoServerAdapter: BackendAdapter = {
  async getTrace(source, traceId, _range, signal) {
    return scrubbed(source, await getTrace(source, traceId, signal));
  },

  async search(source, params, signal) {
    let services: string[];
    if (params.service !== undefined && params.service !== '') services = [params.service];
    else {
      const listed = await listServices(source, signal);
      if (!listed.ok) return scrubbed(source, listed);
      services = listed.value;
    }
    const searched = services.slice(0, maxServices);
    const answers = await Promise.all(searched.map((service) => signedInGet(source, { segments: ['otel', 'spans', 'type', 'workflow', pathSegment(service)], signal }, session)));
    const lists: ServiceRows[] = [];
    for (const [i, answer] of answers.entries()) {
      if (!answer.ok) return scrubbed(source, answer);
      if (answer.value.status !== 200) return scrubbed(source, failure(source, answer.value));
      const rows = rowsOf(answer.value.body);
      if (rows === undefined) return { ok: false, error: malformed(source, 'a list of workflow runs') };
      lists.push({ service: searched[i] as string, rows, upstreamLimited: false });
    }
    const runs = recentRuns(lists, params, product);
    const skippedServices = services.length > maxServices ? ` Only the first ${maxServices} of ${services.length} services were searched; choose a service to see its runs.` : '';
    const notice = `${runs.notice ?? ''}${skippedServices}`.trim();
    return { ok: true, value: { endpoint: 'junjo-server-workflows', traces: runs.traces, ...(notice !== '' ? { notice } : {}) } };
  },

  async services(source, _range, signal) {
    return scrubbed(source, await listServices(source, signal));
  },
};
