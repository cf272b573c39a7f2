/**
 * The browser-facing API (types and shapes: core/backends/api-types.ts). GET only:
 *
 *   /api/sources                               → {sources:[{name, kind}]}
 *   /api/sources/<name>/traces/<hex id>         → TraceResponse      ?start=&end= (Unix s, optional)
 *   /api/sources/<name>/search                 → SearchResponse     ?service=&start=&end=&limit=
 *   /api/sources/<name>/services                → {source, services, total?} ?start=&end=&limit=
 *   /api/sources/<name>/workflow-runs           → WorkflowRunsResponse ?workflow=&service=&limit=&start=&end= (workflow-runs-route.ts)
 *
 * Lists are cut on the server to the asked limit (search: 1–100, default 20; services: 1–10,000,
 * default 1,000), whatever the backend sent, so a backend answering with hundreds of thousands
 * of entries cannot flood the browser.
 *
 * Path segments are matched raw, never percent-decoded: a source name is [A-Za-z0-9_-], an id is
 * hex, so `%2e%2e`, `%2f`, backslashes and dot segments simply match nothing. Unknown query
 * parameters are refused. Every JSON answer is scrubbed of every configured secret.
 */
import type http from 'node:http';
import type { ApiError, ApiResult, SourcesResponse, TraceResponse } from '../core/backends/api-types.ts';
import { parseTraceIdParam } from '../core/backends/parse-trace-id-input.ts';
import type { BackendAdapter } from './sources/adapter-types.ts';
import { apiError, badRequest, badTraceId, errorStatus, redact, unknownSource } from './api-errors.ts';
import { budgetFull, readQuery, readRange, redactedParts, send, sendError, sendParts } from './api-respond.ts';
import type { ResponseBudget } from './response-budget.ts';
import { AnswersBeingSent } from './answers-being-sent.ts';
import { SharedInFlight } from './shared-in-flight.ts';

export { sendError } from './api-respond.ts';
import { handleLocalApi, type LocalState } from './local-routes.ts';
import { localSourceName } from './config.ts';
import { jaegerAdapter } from './sources/jaeger-adapter.ts';
import { junjoServerAdapter } from './sources/junjo-server-adapter.ts';
import { junjoStudioAdapter } from './sources/junjo-studio-adapter.ts';
import type { ResolvedSource } from './sources/source-config.ts';
import { tempoAdapter } from './sources/tempo-adapter.ts';
import { handleRemoteWorkflowRuns } from './workflow-runs-route.ts';

export interface ApiContext {
  readonly sources: readonly ResolvedSource[];
  /** Every secret of every source (and the receivers' API keys), removed from any answer. */
  readonly secrets: readonly string[];
  /** Writes the server log; every line is redacted first. */
  readonly log: (line: string) => void;
  /** What the server holds for answers being sent, bounded in total (response-budget.ts). */
  readonly responses: ResponseBudget;
  /** The local store behind the source "local", or why it is not available. */
  readonly local: LocalState;
}

// 'local' (the viewer's own store) is never a configured upstream: config refuses that kind.
const adapters = {
  tempo: tempoAdapter,
  jaeger: jaegerAdapter,
  'junjo-studio': junjoStudioAdapter,
  'junjo-server': junjoServerAdapter,
} as Record<ResolvedSource['kind'], BackendAdapter>;
const defaultSearchLookbackS = 3600;
const defaultServicesLookbackS = 24 * 3600;
const maxLimit = 100;
const defaultServicesLimit = 1000;
const maxServicesLimit = 10_000;
const closingBrace = Buffer.from('}');
const sharedTraceLookups = new SharedInFlight<ApiResult<readonly Uint8Array[]>>();
const traceAnswersBeingSent = new AnswersBeingSent();

export async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string, rawQuery: string, ctx: ApiContext): Promise<void> {
  const parts = rawPath.split('/').slice(2); // ['', 'api', ...]
  if (parts[0] === 'sources' && parts[1] === localSourceName && parts.length >= 3) return handleLocalApi(req, res, parts.slice(2), rawQuery, ctx);
  if (req.method !== 'GET')
    return sendError(res, apiError('method-not-allowed', `${req.method ?? 'This method'} is not allowed here.`, 'The API is read-only: use GET.'), ctx, { Allow: 'GET' });
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });

  if (parts.length === 1 && parts[0] === 'sources') {
    const query = readQuery(rawQuery, []);
    if (!query.ok) return sendError(res, query.error, ctx);
    const body: SourcesResponse = { sources: [{ name: localSourceName, kind: 'local' }, ...ctx.sources.map(({ name, kind }) => ({ name, kind }))] };
    return send(res, 200, body, ctx);
  }
  const [first, name = '', action, id] = parts;
  if (first !== 'sources' || parts.length < 3 || parts.length > 4 || (action === 'traces') !== (parts.length === 4))
    return sendError(res, apiError('unknown-route', 'There is no such API route.', 'Routes: /api/sources, /api/sources/<name>/traces/<id>, /api/sources/<name>/search, /api/sources/<name>/services.'), ctx);
  const source = /^[A-Za-z0-9_-]{1,64}$/.test(name) ? ctx.sources.find((s) => s.name === name) : undefined;
  if (source === undefined) return sendError(res, unknownSource(name, [localSourceName, ...ctx.sources.map((s) => s.name)]), ctx);
  const adapter = adapters[source.kind];

  if (action === 'traces') {
    const traceId = parseTraceIdParam(id ?? '');
    if (traceId === undefined) return sendError(res, badTraceId(id ?? ''), ctx);
    const query = readQuery(rawQuery, ['start', 'end']);
    if (!query.ok) return sendError(res, query.error, ctx);
    const range = readRange(query.get, undefined);
    if (!range.ok) return sendError(res, range.error, ctx);
    // Identical lookups in flight share one fetch, check and redaction (and one body in memory),
    // and so does a lookup whose answer is still being sent to another client.
    const key = JSON.stringify([source.name, source.baseUrl.href, traceId, range.range ?? null]);
    const beingSent = traceAnswersBeingSent.get(key);
    if (beingSent !== undefined) {
      if (sendParts(res, 200, beingSent, ctx)) traceAnswersBeingSent.sending(key, beingSent, res);
      return;
    }
    // No room for another answer: refused before fetching, reading and copying one for nothing.
    if (ctx.responses.full) return sendError(res, budgetFull(ctx), ctx);
    const shared = await sharedTraceLookups.run(
      key,
      async (signal): Promise<ApiResult<readonly Uint8Array[]>> => {
        const result = await adapter.getTrace(source, traceId, range.range, signal, ctx.secrets);
        if (!result.ok) return result;
        const { studioEvidence, uiLink } = result.value;
        const head: Omit<TraceResponse, 'body'> = {
          source: source.name, kind: source.kind, traceId, endpoint: result.value.endpoint, partial: result.value.partial, warnings: result.value.warnings,
          ...(studioEvidence ? { studioEvidence } : {}),
          ...(uiLink ? { uiLink } : {}),
        };
        const prefix = Buffer.from(`${redact(JSON.stringify(head), ctx.secrets).slice(0, -1)},"body":`, 'utf8');
        const body = result.value.redacted === true ? result.value.body : await redactedParts(result.value.body, ctx.secrets, result.value.exclusive === true);
        return { ok: true, value: [prefix, ...body, closingBrace] };
      },
      controller.signal,
    );
    if (shared === 'aborted') return;
    if (!shared.ok) return failed(res, req, shared.error, ctx);
    if (sendParts(res, 200, shared.value, ctx)) traceAnswersBeingSent.sending(key, shared.value, res);
    return;
  }
  if (action === 'search') {
    const query = readQuery(rawQuery, ['service', 'start', 'end', 'limit']);
    if (!query.ok) return sendError(res, query.error, ctx);
    const range = readRange(query.get, defaultSearchLookbackS);
    if (!range.ok || range.range === undefined) return sendError(res, range.ok ? badRequest('No time range.', '') : range.error, ctx);
    const limitText = query.get('limit') ?? '20';
    const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : 0;
    if (limit < 1 || limit > maxLimit) return sendError(res, badRequest(`limit must be a whole number from 1 to ${maxLimit}.`, 'The default is 20.'), ctx);
    const service = query.get('service');
    if (service !== undefined && (service.length > 256 || /\p{Cc}/u.test(service)))
      return sendError(res, badRequest('service must be at most 256 characters, without control characters.', 'Pick a service from the services list.'), ctx);
    const result = await adapter.search(source, { ...range.range, limit, ...(service ? { service } : {}) }, controller.signal);
    if (!result.ok) return failed(res, req, result.error, ctx);
    const notice = result.value.notice;
    return send(res, 200, { source: source.name, kind: source.kind, endpoint: result.value.endpoint, ...range.range, traces: result.value.traces, ...(notice ? { notice } : {}) }, ctx);
  }
  if (action === 'workflow-runs') return handleRemoteWorkflowRuns(res, source, adapter, rawQuery, ctx, controller.signal, (error) => failed(res, req, error, ctx));
  if (action === 'services') {
    const query = readQuery(rawQuery, ['start', 'end', 'limit']);
    if (!query.ok) return sendError(res, query.error, ctx);
    const range = readRange(query.get, defaultServicesLookbackS);
    if (!range.ok || range.range === undefined) return sendError(res, range.ok ? badRequest('No time range.', '') : range.error, ctx);
    const limitText = query.get('limit') ?? String(defaultServicesLimit);
    const limit = /^\d{1,5}$/.test(limitText) ? Number(limitText) : 0;
    if (limit < 1 || limit > maxServicesLimit) return sendError(res, badRequest(`limit must be a whole number from 1 to ${maxServicesLimit}.`, `The default is ${defaultServicesLimit}.`), ctx);
    const result = await adapter.services(source, range.range, controller.signal);
    if (!result.ok) return failed(res, req, result.error, ctx);
    const services = result.value.slice(0, limit);
    return send(res, 200, { source: source.name, services, ...(result.value.length > limit ? { total: result.value.length } : {}) }, ctx);
  }
  return sendError(res, apiError('unknown-route', 'There is no such API route.', 'Routes: /api/sources/<name>/traces/<id>, …/search, …/services.'), ctx);
}

function failed(res: http.ServerResponse, req: http.IncomingMessage, error: ApiError, ctx: ApiContext): void {
  if (res.destroyed) return; // the browser went away; nobody to tell
  // Redact the whole URL, then cut it: a cut first could leave part of a secret behind.
  ctx.log(`GET ${redact(req.url ?? '', ctx.secrets).slice(0, 200)} → ${errorStatus[error.code]} ${error.code}: ${redact(error.message, ctx.secrets)}`);
  sendError(res, error, ctx);
}
