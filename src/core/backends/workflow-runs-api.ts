/**
 * The wire contract of one workflow across many runs (issue 12 §3):
 *
 *   GET /api/sources/<name>/workflow-runs?workflow=&service=&limit=   → WorkflowRunsResponse
 *
 * `workflow` is required (the workflow span's name), `service` optional, `limit` the last N runs
 * (1–1,000, default 50). The server reads the newest traces of that workflow, reduces each run to a
 * digest (core/runs/run-digest.ts) and sends the digests with one graph per graph version; the
 * browser adds them up (core/runs/summarize-runs.ts). A trace that cannot be read is skipped and
 * counted, never a failure of the whole answer.
 */
import type { WorkflowGraph } from '../junjo/graph-model.ts';
import type { RunDigest } from '../runs/run-digest.ts';

export const defaultRunsLimit = 50;
export const maxRunsLimit = 1000;

export interface SkippedTrace {
  readonly traceId: string;
  readonly reason: string;
}

export interface WorkflowRunsResponse {
  readonly source: string;
  readonly workflow: string;
  readonly service: string | null;
  readonly limit: number;
  /** Traces looked at (each may hold several runs, or none that could be read). */
  readonly traces: number;
  /** Newest start first. */
  readonly runs: readonly RunDigest[];
  /** Graph version → the declared graph of its newest run. */
  readonly graphs: Readonly<Record<string, WorkflowGraph>>;
  /** Traces that could not be read or held no run of the workflow: the count, and the first reasons. */
  readonly skippedCount: number;
  readonly skipped: readonly SkippedTrace[];
  /** Milliseconds the server spent. */
  readonly elapsedMs: number;
}
