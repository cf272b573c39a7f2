/**
 * One workflow run reduced to what a view across many runs adds up: its extent and status, its graph
 * version, per node (by node key, graph-keys.ts) the duration of each execution and how many
 * failed, and per edge (by edge key) how often it was taken. Plain JSON, small (a few hundred bytes
 * for a typical run), so a server can send a thousand of them and a worker can post them.
 */
import type { WorkflowGraph } from '../junjo/graph-model.ts';
import { spanOutcome, type RunStatus } from '../junjo/junjo-attrs.ts';
import { linkAllRuns } from '../junjo/link-spans.ts';
import { inferPathTaken } from '../junjo/path-taken.ts';
import { findWorkflowRuns } from '../junjo/workflow-runs.ts';
import type { Trace } from '../model/trace.ts';
import { graphKeys } from './graph-keys.ts';

export interface NodeDigest {
  /** Duration (ns) of each execution of the node in the run, in start order. */
  readonly durations: readonly number[];
  /** Executions that ended in error, and that were cancelled. */
  readonly failed: number;
  readonly cancelled: number;
}

export interface RunDigest {
  readonly traceId: string;
  /** Span id of the run's workflow span (the `run` of a link to it). */
  readonly runSpanId: string;
  readonly workflow: string;
  readonly service: string;
  /** Epoch milliseconds of the workflow span's start. */
  readonly startMs: number;
  readonly durationNs: number;
  readonly status: RunStatus;
  /** Graph version (graph-keys.ts); "unreadable" when the run's graph could not be read. */
  readonly version: string;
  readonly nodes: Readonly<Record<string, NodeDigest>>;
  /** Edge key → times taken in the run (edges not taken are absent). */
  readonly edges: Readonly<Record<string, number>>;
}

export interface TraceDigests {
  readonly runs: readonly RunDigest[];
  /** Graph version → the graph of the first run of that version in this trace. */
  readonly graphs: Readonly<Record<string, WorkflowGraph>>;
  /** Why the trace gave no run (no Junjo workflow, or none of that name); undefined when it gave some. */
  readonly reason?: string;
}

export const unreadableVersion = 'unreadable';

/** The top-level workflow runs of a trace (every one, or those named `workflow`), digested. */
export function digestTrace(trace: Trace, workflow?: string): TraceDigests {
  const { runs, index } = findWorkflowRuns(trace);
  const wanted = runs.filter((run) => run.parentRun < 0 && run.kind === 'workflow' && (workflow === undefined || run.name === workflow));
  if (wanted.length === 0) {
    const reason = runs.length === 0 ? 'it holds no Junjo workflow run' : `it holds no run of the workflow "${workflow ?? ''}"`;
    return { runs: [], graphs: {}, reason };
  }
  const links = linkAllRuns(trace, runs);
  const digests: RunDigest[] = [];
  const graphs: Record<string, WorkflowGraph> = {};
  for (const run of wanted) {
    const span = trace.spans[run.spanIndex]!;
    const path = inferPathTaken(trace, run, links[run.index]!, index.junjoParent);
    const nodes: Record<string, NodeDigest> = {};
    const edges: Record<string, number> = {};
    let version = unreadableVersion;
    if (run.graph.ok) {
      const keys = graphKeys(run.graph.graph);
      version = keys.version;
      graphs[version] ??= run.graph.graph;
      for (const stat of path.nodeStats) {
        if (stat.runCount === 0) continue;
        const key = keys.nodeKey.get(stat.nodeId);
        if (key === undefined) continue;
        const durations: number[] = [];
        let failed = 0;
        let cancelled = 0;
        for (const s of stat.spanIndexes) {
          const nodeSpan = trace.spans[s]!;
          durations.push(Math.max(0, nodeSpan.end - nodeSpan.start));
          const outcome = spanOutcome(nodeSpan);
          if (outcome === 'error') failed++;
          else if (outcome === 'cancelled') cancelled++;
        }
        nodes[key] = { durations, failed, cancelled };
      }
      for (const [edgeId, times] of Object.entries(path.edgeTraversals)) {
        const key = keys.edgeKey.get(edgeId);
        if (key !== undefined) edges[key] = (edges[key] ?? 0) + times;
      }
    }
    digests.push({
      traceId: trace.traceId,
      runSpanId: span.spanId,
      workflow: run.name,
      service: span.resource.serviceName,
      startMs: Number(trace.startNs / 1_000_000n) + span.start / 1e6,
      durationNs: Math.max(0, span.end - span.start),
      status: run.status,
      version,
      nodes,
      edges,
    });
  }
  return { runs: digests, graphs };
}
