/**
 * GET …/workflow-runs (core/backends/workflow-runs-api.ts) for the local store and for the remote
 * sources. Both reduce each trace to run digests on this server (workflow-runs-digest.ts), in short
 * slices between event-loop turns:
 * - local store: the newest runs of the workflow from the run summaries, each trace's stored spans
 *   read back as OTLP/JSON text (no upstream, nothing leaves the machine);
 * - Tempo, Jaeger, Junjo AI Studio / Server: the source's own search for the newest traces, then each
 *   trace through the adapter, which passes the source's bulkhead (4 upstream requests at once, 16
 *   waiting). This route asks for at most 2 at a time, so a person opening a trace meanwhile still
 *   gets a slot. Why the server and not a browser worker: the traces' bytes then never cross to the
 *   browser (a thousand traces can be hundreds of MB), only digests of a few hundred bytes each, and
 *   the local store and the remote sources share one code path.
 * A trace that fails to load or holds no run of the workflow is skipped and counted.
 */
import type http from 'node:http';
import { joinParts } from './sources/body-tasks.ts';
import type { ApiError } from '../core/backends/api-types.ts';
import { defaultRunsLimit, maxRunsLimit, type WorkflowRunsResponse } from '../core/backends/workflow-runs-api.ts';
import { badRequest } from './api-errors.ts';
import { readQuery, readRange, send, sendError, type Responder } from './api-respond.ts';
import type { BackendAdapter } from './sources/adapter-types.ts';
import type { ResolvedSource } from './sources/source-config.ts';
import type { TraceStore } from './store/trace-store.ts';
import { cachedDigests, digestBytes, DigestCollector, rememberDigests } from './workflow-runs-digest.ts';

export interface RunsQuery {
  readonly workflow: string;
  readonly service: string | undefined;
  readonly limit: number;
}

/** How far back a remote source is searched when the request names no range: a week. */
const remoteLookbackS = 7 * 24 * 3600;
const remoteConcurrency = 2;

export function readRunsQuery(rawQuery: string, extra: readonly string[] = []): { ok: true; query: RunsQuery; get: (key: string) => string | undefined } | { ok: false; error: ApiError } {
  const query = readQuery(rawQuery, ['workflow', 'service', 'limit', ...extra]);
  if (!query.ok) return query;
  const workflow = query.get('workflow') ?? '';
  const service = query.get('service') || undefined;
  for (const [key, value] of [['workflow', workflow], ['service', service ?? '']] as const)
    if (value.length > 256 || /\p{Cc}/u.test(value)) return { ok: false, error: badRequest(`${key} must be at most 256 characters, without control characters.`, 'Pick one from the list of runs.') };
  if (workflow === '') return { ok: false, error: badRequest('Name the workflow: ?workflow=<the workflow span name>.', 'Open "across runs" from a run of the workflow.') };
  const limitText = query.get('limit') ?? String(defaultRunsLimit);
  const limit = /^\d{1,5}$/.test(limitText) ? Number(limitText) : 0;
  if (limit < 1 || limit > maxRunsLimit) return { ok: false, error: badRequest(`limit must be a whole number from 1 to ${maxRunsLimit}.`, `The default is ${defaultRunsLimit}.`) };
  return { ok: true, query: { workflow, service, limit }, get: query.get };
}

function answer(source: string, query: RunsQuery, collected: DigestCollector, started: number): WorkflowRunsResponse {
  const runs = collected.runs.sort((a, b) => b.startMs - a.startMs).slice(0, query.limit);
  return {
    source,
    workflow: query.workflow,
    service: query.service ?? null,
    limit: query.limit,
    traces: collected.traces,
    runs,
    graphs: collected.graphs,
    skippedCount: collected.skippedCount,
    skipped: collected.skipped,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** The local store's runs of one workflow, newest first, summarized from the stored spans. */
export async function localWorkflowRuns(store: TraceStore, query: RunsQuery, signal?: AbortSignal): Promise<WorkflowRunsResponse> {
  const started = performance.now();
  const rows = store.listRuns({ workflow: query.workflow, limit: query.limit, ...(query.service ? { service: query.service } : {}) });
  const collected = new DigestCollector();
  for (const row of rows) {
    if (signal?.aborted) break;
    const stamp = `${row.spanCount}`;
    let digests = cachedDigests(`local:${row.traceId}`, stamp);
    if (!digests) {
      const stored = store.readTrace(row.traceId);
      if (!stored) {
        collected.skip(row.traceId, 'it was deleted while being read');
        continue;
      }
      digests = await digestBytes(stored.json, query.workflow);
      if (!stored.inProgress) rememberDigests(`local:${row.traceId}`, stamp, digests);
    }
    collected.add(row.traceId, digests);
    await collected.pace();
  }
  return answer('local', query, collected, started);
}

export async function handleLocalWorkflowRuns(res: http.ServerResponse, store: TraceStore, rawQuery: string, ctx: Responder): Promise<void> {
  const read = readRunsQuery(rawQuery);
  if (!read.ok) return sendError(res, read.error, ctx);
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const body = await localWorkflowRuns(store, read.query, controller.signal);
  if (!res.destroyed) send(res, 200, body, ctx);
}

/** A remote source's runs of one workflow: its search, then each trace through the adapter (2 at a time). */
export async function remoteWorkflowRuns(source: ResolvedSource, adapter: BackendAdapter, query: RunsQuery, range: { start: number; end: number }, signal: AbortSignal): Promise<{ ok: true; value: WorkflowRunsResponse } | { ok: false; error: ApiError }> {
  const started = performance.now();
  const found = await adapter.search(source, { ...range, limit: query.limit, ...(query.service ? { service: query.service } : {}) }, signal);
  if (!found.ok) return found;
  // A listed workflow name that differs is another workflow; an unknown one (null) is read to find out.
  const candidates = found.value.traces.filter((t) => t.workflowName === null || t.workflowName === query.workflow).slice(0, query.limit);
  const collected = new DigestCollector();
  let next = 0;
  const worker = async () => {
    while (next < candidates.length && !signal.aborted) {
      const summary = candidates[next++]!;
      const key = `${source.name}:${summary.traceId}`;
      let digests = cachedDigests(key, 'remote');
      if (!digests) {
        const fetched = await adapter.getTrace(source, summary.traceId, undefined, signal);
        if (!fetched.ok) {
          collected.skip(summary.traceId, `it could not be loaded: ${fetched.error.message}`);
          continue;
        }
        digests = await digestBytes(joinParts(fetched.value.body), query.workflow);
        if (fetched.value.partial === null) rememberDigests(key, 'remote', digests);
      }
      collected.add(summary.traceId, digests);
      await collected.pace();
    }
  };
  await Promise.all(Array.from({ length: remoteConcurrency }, worker));
  return { ok: true, value: answer(source.name, query, collected, started) };
}

export async function handleRemoteWorkflowRuns(res: http.ServerResponse, source: ResolvedSource, adapter: BackendAdapter, rawQuery: string, ctx: Responder, signal: AbortSignal, failed: (error: ApiError) => void): Promise<void> {
  const read = readRunsQuery(rawQuery, ['start', 'end']);
  if (!read.ok) return sendError(res, read.error, ctx);
  const range = readRange(read.get, remoteLookbackS);
  if (!range.ok || range.range === undefined) return sendError(res, range.ok ? badRequest('No time range.', '') : range.error, ctx);
  const result = await remoteWorkflowRuns(source, adapter, read.query, range.range, signal);
  if (res.destroyed) return;
  if (!result.ok) return failed(result.error);
  send(res, 200, result.value, ctx);
}
