/**
 * The API of the source "local" (the viewer's own store; contract in core/backends/api-types.ts):
 *
 *   GET    traces/<hex id>     the trace as OTLP/JSON, with inProgress
 *   GET    search              runs, newest start first, from the run summaries only
 *   GET    services            service names of stored runs
 *   GET    events              server-sent events (local-events.ts)
 *   GET    workflow-runs       one workflow across its last N runs (workflow-runs-route.ts)
 *   DELETE traces/<hex id>     one trace;  DELETE traces?all=true: every trace
 *   POST   traces              a trace file (any format decodeInput reads, gzip too) into the store
 *
 * `parts` are the path segments after /api/sources/local/.
 */
import type http from 'node:http';
import type { LocalDeleteResponse, LocalSaveResponse, RunStatus, SearchResponse, ServicesResponse, TraceResponse, TraceSummary } from '../core/backends/api-types.ts';
import { parseTraceIdParam } from '../core/backends/parse-trace-id-input.ts';
import { decodeInput } from '../core/formats/decode-input.ts';
import { apiError, badRequest, badTraceId, redact } from './api-errors.ts';
import { readQuery, readRange, redactBytes, send, sendError, sendParts, type Responder } from './api-respond.ts';
import type { LocalSource, LocalState } from './local-source.ts';
import { mutationRefusal } from './request-guards.ts';
import type { RunRow } from './store/trace-store.ts';
import { handleLocalWorkflowRuns } from './workflow-runs-route.ts';

export type { LocalState } from './local-source.ts';

interface LocalContext extends Responder {
  readonly log: (line: string) => void;
  readonly local: LocalState;
}

export const maxLocalSearchLimit = 10_000;
const defaultLocalLimit = 50;
/** Largest trace file accepted by POST (before decompression). */
export const maxSaveBytes = 128 * 1024 * 1024;
const statuses: readonly RunStatus[] = ['ok', 'error', 'in-progress', 'incomplete'];

const closingBrace = Buffer.from('}');

const routesHint = 'Routes of the local store: traces/<id> (GET, DELETE), traces (POST, DELETE ?all=true), search, services, events, workflow-runs.';

export async function handleLocalApi(req: http.IncomingMessage, res: http.ServerResponse, parts: readonly string[], rawQuery: string, ctx: LocalContext): Promise<void> {
  const [action, id] = parts;
  const method = req.method ?? '';
  const allowed = action === 'traces' ? (id === undefined ? 'POST, DELETE' : 'GET, DELETE') : 'GET';
  if (parts.length > 2 || (id !== undefined && action !== 'traces') || !['traces', 'search', 'services', 'events', 'workflow-runs'].includes(action ?? ''))
    return sendError(res, apiError('unknown-route', 'There is no such API route.', routesHint), ctx);
  if (!allowed.split(', ').includes(method))
    return sendError(res, apiError('method-not-allowed', `${method || 'This method'} is not allowed here.`, `Allowed: ${allowed}.`), ctx, { Allow: allowed });
  if (method !== 'GET') {
    const refused = mutationRefusal(req);
    if (refused) return sendError(res, refused, ctx);
  }
  if (!ctx.local.ok)
    return sendError(res, apiError('store-unavailable', `The local store is not available: ${ctx.local.message}`, 'Fix the data folder and restart the viewer; Tempo, Jaeger and files still work.'), ctx);
  const local = ctx.local.source;

  if (action === 'traces' && id !== undefined) {
    const traceId = parseTraceIdParam(id);
    if (traceId === undefined) return sendError(res, badTraceId(id), ctx);
    const query = readQuery(rawQuery, method === 'GET' ? ['start', 'end'] : []);
    if (!query.ok) return sendError(res, query.error, ctx);
    if (method === 'DELETE') {
      if (!(await local.queue.exclusive(() => local.store.deleteTrace(traceId)))) return sendError(res, notStored(traceId), ctx);
      return send(res, 200, { deleted: 1 } satisfies LocalDeleteResponse, ctx);
    }
    return sendTrace(res, local, traceId, ctx);
  }
  if (action === 'traces') {
    if (method === 'DELETE') {
      const query = readQuery(rawQuery, ['all']);
      if (!query.ok) return sendError(res, query.error, ctx);
      if (query.get('all') !== 'true') return sendError(res, badRequest('Deleting every trace needs ?all=true.', 'To delete one trace: DELETE …/traces/<id>.'), ctx);
      return send(res, 200, { deleted: await local.queue.exclusive(() => local.store.deleteAll()) } satisfies LocalDeleteResponse, ctx);
    }
    const query = readQuery(rawQuery, []);
    if (!query.ok) return sendError(res, query.error, ctx);
    return saveFile(req, res, local, ctx);
  }
  if (action === 'search') return search(res, local, rawQuery, ctx);
  if (action === 'workflow-runs') return handleLocalWorkflowRuns(res, local.store, rawQuery, ctx);
  if (action === 'services') {
    const query = readQuery(rawQuery, ['start', 'end']);
    if (!query.ok) return sendError(res, query.error, ctx);
    return send(res, 200, { source: 'local', services: local.store.services() } satisfies ServicesResponse, ctx);
  }
  const query = readQuery(rawQuery, []);
  if (!query.ok) return sendError(res, query.error, ctx);
  if (!local.events.attach(res))
    return sendError(res, apiError('store-unavailable', `Too many live views are open (${local.events.maxClients}).`, 'Close some viewer tabs; the list still loads without live updates.'), ctx, { 'Retry-After': '10' });
}

const notStored = (traceId: string) =>
  apiError('not-found', `Trace ${traceId} is not in the local store.`, 'It may not have arrived yet, or it was deleted or passed the retention period. Check the exporter points at this viewer.');

function sendTrace(res: http.ServerResponse, local: LocalSource, traceId: string, ctx: LocalContext): void {
  const stored = local.store.readTrace(traceId);
  if (!stored) return sendError(res, notStored(traceId), ctx);
  const head: Omit<TraceResponse, 'body'> = { source: 'local', kind: 'local', traceId, endpoint: 'local', partial: null, warnings: [], inProgress: stored.inProgress, ...(stored.incomplete ? { incomplete: true } : {}) };
  const prefix = Buffer.from(`${redact(JSON.stringify(head), ctx.secrets).slice(0, -1)},"body":`, 'utf8');
  const body = redactBytes(Buffer.from(stored.json, 'utf8'), ctx.secrets);
  sendParts(res, 200, [prefix, body, closingBrace], ctx);
}

function search(res: http.ServerResponse, local: LocalSource, rawQuery: string, ctx: LocalContext): void {
  const query = readQuery(rawQuery, ['service', 'workflow', 'status', 'start', 'end', 'limit']);
  if (!query.ok) return sendError(res, query.error, ctx);
  const range = readRange(query.get, undefined);
  if (!range.ok) return sendError(res, range.error, ctx);
  const limitText = query.get('limit') ?? String(defaultLocalLimit);
  const limit = /^\d{1,5}$/.test(limitText) ? Number(limitText) : 0;
  if (limit < 1 || limit > maxLocalSearchLimit) return sendError(res, badRequest(`limit must be a whole number from 1 to ${maxLocalSearchLimit}.`, `The default is ${defaultLocalLimit}.`), ctx);
  const status = query.get('status');
  if (status !== undefined && !statuses.includes(status as RunStatus)) return sendError(res, badRequest(`status "${status.slice(0, 40)}" is not one of ${statuses.join(', ')}.`, 'Leave it out for every run.'), ctx);
  const text: Record<'service' | 'workflow', string | undefined> = { service: query.get('service'), workflow: query.get('workflow') };
  for (const [key, value] of Object.entries(text))
    if (value !== undefined && (value.length > 256 || /\p{Cc}/u.test(value)))
      return sendError(res, badRequest(`${key} must be at most 256 characters, without control characters.`, 'Pick one from the list.'), ctx);
  const rows = local.store.listRuns({
    limit,
    ...(text.service ? { service: text.service } : {}),
    ...(text.workflow ? { workflow: text.workflow } : {}),
    ...(status ? { status: status as RunStatus } : {}),
    ...(range.range ? { startNs: BigInt(range.range.start) * 1_000_000_000n, endNs: BigInt(range.range.end) * 1_000_000_000n } : {}),
  });
  const body: SearchResponse = {
    source: 'local',
    kind: 'local',
    endpoint: 'local',
    start: range.range?.start ?? 0,
    end: range.range?.end ?? Math.ceil(Date.now() / 1000),
    traces: rows.map(toTraceSummary),
  };
  send(res, 200, body, ctx);
}

export function toTraceSummary(row: RunRow): TraceSummary {
  return {
    traceId: row.traceId,
    rootName: row.rootName,
    rootService: row.rootService ?? row.service,
    startNs: row.startNs.toString(),
    durationMs: Number(row.endNs - row.startNs) / 1e6,
    spanCount: row.spanCount,
    workflowName: row.workflowName,
    workflowSpans: null,
    errorCount: row.errorCount,
    inProgress: row.status === 'in-progress',
    status: row.status,
    junjoGeneration: row.generation,
  };
}

/** Reads a request body up to `limit` bytes; undefined (and the socket closed) when larger or aborted. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large' | undefined> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        req.removeAllListeners('data');
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
    req.on('close', () => resolve(undefined));
  });
}

async function saveFile(req: http.IncomingMessage, res: http.ServerResponse, local: LocalSource, ctx: LocalContext): Promise<void> {
  const body = await readBody(req, maxSaveBytes);
  if (body === undefined) return;
  if (body === 'too-large') {
    res.setHeader('Connection', 'close');
    res.on('finish', () => req.destroy());
    return sendError(res, apiError('too-large', `The file is larger than ${maxSaveBytes / (1024 * 1024)} MB.`, 'Save a single trace, or send big files to the OTLP receiver in batches.'), ctx);
  }
  const decoded = await decodeInput(body);
  if (!decoded.ok) return sendError(res, badRequest(decoded.error.message, decoded.error.hint), ctx);
  const spans = decoded.result.spans;
  let result;
  try {
    result = await local.queue.exclusive(() => local.store.insert(spans));
  } catch (error) {
    ctx.log(`saving a file failed: ${(error as Error).message}`);
    return sendError(res, apiError('store-unavailable', `The store could not save the file: ${(error as Error).message}.`, 'Nothing was saved; try again.'), ctx);
  }
  if (result.stored + result.duplicates === 0)
    return sendError(res, badRequest(`No span of the file could be stored: ${result.rejectReasons[0] ?? 'no spans'}.`, 'Check the span times in the file.'), ctx);
  const traceIds: string[] = [];
  const seen = new Set<string>();
  for (const span of spans) {
    if (seen.has(span.traceId)) continue;
    seen.add(span.traceId);
    traceIds.push(span.traceId);
  }
  send(res, 200, { traceIds, spanCount: result.stored + result.duplicates } satisfies LocalSaveResponse, ctx);
}
