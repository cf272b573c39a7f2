/**
 * What the Junjo AI Studio and Junjo Server adapters share: waiting for a trace that is still being
 * ingested, recent runs from workflow-span rows (at most 250 per service, newest first), and
 * errors scrubbed of the session's secrets.
 */
import type { ApiError, ApiResult, TraceSummary } from '../../core/backends/api-types.ts';
import { summarizeWorkflowRows } from '../../core/backends/junjo-run-summaries.ts';
import { apiError } from '../api-errors.ts';
import type { SearchParams } from './adapter-types.ts';
import { scrub } from './junjo-session.ts';
import type { ResolvedSource } from './source-config.ts';

/** Studio lists at most this many workflow spans per service (its `limit` maximum); the viewer keeps the Junjo Server to the same. */
export const runsPerService = 250;

/**
 * How long to wait before asking again for a trace that is not there (yet): new spans reach
 * Studio's store within seconds (WAL flush every 3 s) and the workflow span comes last. Mutable so
 * tests can shorten it.
 */
export const ingestWait = { delaysMs: [1500, 3000] as number[] };

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export type Lookup<T> = ApiResult<T> | { readonly ok: 'absent' };

/** Repeats `lookup` while it finds nothing, waiting `ingestWait.delaysMs` between tries. */
export async function untilIngested<T>(lookup: () => Promise<Lookup<T>>, signal: AbortSignal): Promise<Lookup<T>> {
  let result = await lookup();
  for (const delay of ingestWait.delaysMs) {
    if (result.ok !== 'absent' || signal.aborted) return result;
    await sleep(delay, signal);
    result = await lookup();
  }
  return result;
}

export function stillIngestingOrAbsent(source: ResolvedSource, traceId: string, product: string): ApiError {
  const waited = ingestWait.delaysMs.reduce((a, b) => a + b, 0) / 1000;
  return apiError(
    'not-found',
    `Trace ${traceId} is not in source "${source.name}" (${product}), asked again over ${waited} s.`,
    `If this run has just ended, ${product} may still be ingesting it: its spans appear within a few seconds, so choose Try again shortly. Otherwise check the ID and that this is the right source.`,
  );
}

/** An error with any password, cookie or CSRF token removed. */
export function scrubbed<T>(source: ResolvedSource, result: ApiResult<T>): ApiResult<T> {
  if (result.ok) return result;
  return { ok: false, error: { code: result.error.code, message: scrub(source, result.error.message), hint: scrub(source, result.error.hint) } };
}

export interface ServiceRows {
  readonly service: string;
  readonly rows: readonly unknown[];
  /** The upstream itself stops at `runsPerService` rows (Studio's `limit`). */
  readonly upstreamLimited: boolean;
}

/**
 * Recent runs from each service's workflow rows: one per trace, newest first, the newest
 * `runsPerService` traces per service, inside the searched time range, at most `params.limit`.
 * `notice` says when a service hit the per-service cap, since older runs then cannot be listed.
 */
export function recentRuns(lists: readonly ServiceRows[], params: SearchParams, product: string): { traces: TraceSummary[]; notice?: string } {
  const byTrace = new Map<string, TraceSummary>();
  const capped: string[] = [];
  for (const { service, rows, upstreamLimited } of lists) {
    const { traces } = summarizeWorkflowRows(rows);
    if ((upstreamLimited && rows.length >= runsPerService) || traces.length > runsPerService) capped.push(service);
    for (const trace of traces.slice(0, runsPerService)) if (!byTrace.has(trace.traceId)) byTrace.set(trace.traceId, trace);
  }
  const startNs = BigInt(Math.floor(params.start)) * 1_000_000_000n;
  const endNs = BigInt(Math.ceil(params.end)) * 1_000_000_000n;
  const inRange = [...byTrace.values()]
    .filter((trace) => {
      const start = BigInt(trace.startNs);
      return start >= startNs && start <= endNs;
    })
    .sort((a, b) => (BigInt(b.startNs) > BigInt(a.startNs) ? 1 : BigInt(b.startNs) < BigInt(a.startNs) ? -1 : 0));
  const traces = inRange.slice(0, params.limit);
  if (capped.length === 0) return { traces };
  const names = capped.length > 3 ? `${capped.slice(0, 3).join(', ')} and ${capped.length - 3} more` : capped.join(', ');
  return {
    traces,
    notice: `${product} lists at most ${runsPerService} workflow runs per service, newest first, with no way to page further: older runs of ${names} are not listed. Open an older run by pasting its trace ID.`,
  };
}
