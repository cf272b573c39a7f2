/**
 * Reads traces and reduces their runs of one workflow to digests (core/runs), for the across-runs
 * answer of any source. Work is cut into slices of a few milliseconds with a turn of the event loop
 * between them, so a thousand traces never hold up the receivers or other requests. Digests are
 * cached per trace (bounded), keyed by the trace's span count: a trace still receiving spans is read
 * again, a finished one only once.
 */
import { decodeInput } from '../core/formats/decode-input.ts';
import { digestTrace, type TraceDigests } from '../core/runs/run-digest.ts';
import { buildTraces } from '../core/trace/build-traces.ts';
import type { RunDigest } from '../core/runs/run-digest.ts';
import type { WorkflowGraph } from '../core/junjo/graph-model.ts';
import type { SkippedTrace } from '../core/backends/workflow-runs-api.ts';

const maxCached = 5000;
const sliceMs = 8;
const maxReasons = 20;
const cache = new Map<string, { readonly stamp: string; readonly digests: TraceDigests }>();

export const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Digests of one trace's runs of `workflow` from its bytes (any format decodeInput reads). */
export async function digestBytes(bytes: Uint8Array | string, workflow: string): Promise<TraceDigests> {
  const decoded = await decodeInput(bytes);
  if (!decoded.ok) return { runs: [], graphs: {}, reason: decoded.error.message };
  const digests: RunDigest[] = [];
  const graphs: Record<string, WorkflowGraph> = {};
  let reason: string | undefined;
  for (const trace of buildTraces(decoded.result.spans)) {
    const one = digestTrace(trace, workflow);
    digests.push(...one.runs);
    for (const [version, graph] of Object.entries(one.graphs)) graphs[version] ??= graph;
    reason ??= one.reason;
  }
  return digests.length > 0 ? { runs: digests, graphs } : { runs: [], graphs: {}, reason: reason ?? 'it holds no spans' };
}

export function cachedDigests(key: string, stamp: string): TraceDigests | undefined {
  const hit = cache.get(key);
  return hit?.stamp === stamp ? hit.digests : undefined;
}

export function rememberDigests(key: string, stamp: string, digests: TraceDigests): void {
  cache.delete(key);
  cache.set(key, { stamp, digests });
  if (cache.size > maxCached) cache.delete(cache.keys().next().value as string);
}

/** Adds up traces' digests in arrival order: runs, the first graph per version, and skipped traces. */
export class DigestCollector {
  readonly runs: RunDigest[] = [];
  readonly graphs: Record<string, WorkflowGraph> = {};
  readonly skipped: SkippedTrace[] = [];
  skippedCount = 0;
  traces = 0;
  private sliceStart = performance.now();

  add(traceId: string, digests: TraceDigests): void {
    this.traces++;
    if (digests.runs.length === 0) {
      this.skip(traceId, digests.reason ?? 'it holds no run of the workflow');
      return;
    }
    this.runs.push(...digests.runs);
    for (const [version, graph] of Object.entries(digests.graphs)) this.graphs[version] ??= graph;
  }

  skip(traceId: string, reason: string): void {
    this.skippedCount++;
    if (this.skipped.length < maxReasons) this.skipped.push({ traceId, reason });
  }

  /** Gives the event loop a turn when the current slice of work is used up. */
  async pace(): Promise<void> {
    if (performance.now() - this.sliceStart < sliceMs) return;
    await yieldTurn();
    this.sliceStart = performance.now();
  }
}
