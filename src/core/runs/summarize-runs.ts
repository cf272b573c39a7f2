/**
 * Many runs of one workflow added up: per graph version, per node the p50/p95 duration of its
 * executions, how many runs it ran in, how often it ran and failed; per edge how many runs took it and
 * how often. Over all runs: the run durations' p50/p95 and outliers. An outlier is a run whose duration
 * is above Tukey's upper fence, Q3 + 1.5·IQR of the runs' durations (percentiles.ts); with fewer than
 * four runs nothing is marked. Runs of different graph versions are never added up together: each
 * version is its own group, the group with the most runs first.
 */
import { percentileSorted, tukeyFences, type Fences } from './percentiles.ts';
import type { RunDigest } from './run-digest.ts';

export interface NodeAcross {
  readonly key: string;
  /** Runs in which the node ran at least once. */
  readonly runs: number;
  /** Executions over all runs (a loop counts each iteration). */
  readonly executions: number;
  /** Percentiles of the executions' durations (ns). */
  readonly p50: number;
  readonly p95: number;
  readonly failed: number;
  readonly cancelled: number;
  /** failed / executions (0–1). */
  readonly failureRate: number;
}

export interface EdgeAcross {
  readonly key: string;
  /** Runs that took the edge at least once. */
  readonly runs: number;
  /** Times taken over all runs. */
  readonly taken: number;
}

export interface VersionGroup {
  readonly version: string;
  readonly runCount: number;
  readonly failedRuns: number;
  readonly nodes: Readonly<Record<string, NodeAcross>>;
  readonly edges: Readonly<Record<string, EdgeAcross>>;
}

export interface RunsSummary {
  readonly runCount: number;
  readonly failedRuns: number;
  /** Run durations (ns): p50, p95, and Tukey's fences (undefined with fewer than 4 runs). */
  readonly p50: number;
  readonly p95: number;
  readonly fences: Fences | undefined;
  /** Trace id + run span id of each outlier run. */
  readonly outliers: ReadonlySet<string>;
  readonly groups: readonly VersionGroup[];
}

export const runId = (run: Pick<RunDigest, 'traceId' | 'runSpanId'>): string => `${run.traceId}/${run.runSpanId}`;

function summarizeGroup(version: string, runs: readonly RunDigest[]): VersionGroup {
  const nodeAcc = new Map<string, { runs: number; durations: number[]; failed: number; cancelled: number }>();
  const edgeAcc = new Map<string, { runs: number; taken: number }>();
  let failedRuns = 0;
  for (const run of runs) {
    if (run.status === 'error') failedRuns++;
    for (const [key, node] of Object.entries(run.nodes)) {
      let acc = nodeAcc.get(key);
      if (!acc) nodeAcc.set(key, (acc = { runs: 0, durations: [], failed: 0, cancelled: 0 }));
      acc.runs++;
      for (const d of node.durations) acc.durations.push(d);
      acc.failed += node.failed;
      acc.cancelled += node.cancelled;
    }
    for (const [key, taken] of Object.entries(run.edges)) {
      if (taken <= 0) continue;
      let acc = edgeAcc.get(key);
      if (!acc) edgeAcc.set(key, (acc = { runs: 0, taken: 0 }));
      acc.runs++;
      acc.taken += taken;
    }
  }
  const nodes: Record<string, NodeAcross> = {};
  for (const [key, acc] of nodeAcc) {
    const sorted = Float64Array.from(acc.durations).sort();
    const executions = sorted.length;
    nodes[key] = {
      key,
      runs: acc.runs,
      executions,
      p50: percentileSorted(sorted, 50),
      p95: percentileSorted(sorted, 95),
      failed: acc.failed,
      cancelled: acc.cancelled,
      failureRate: executions > 0 ? acc.failed / executions : 0,
    };
  }
  const edges: Record<string, EdgeAcross> = {};
  for (const [key, acc] of edgeAcc) edges[key] = { key, runs: acc.runs, taken: acc.taken };
  return { version, runCount: runs.length, failedRuns, nodes, edges };
}

export function summarizeRuns(runs: readonly RunDigest[]): RunsSummary {
  const durations = runs.map((run) => run.durationNs);
  const sorted = Float64Array.from(durations).sort();
  const fences = tukeyFences(durations);
  const outliers = new Set<string>();
  if (fences) for (const run of runs) if (run.durationNs > fences.upper) outliers.add(runId(run));
  const byVersion = new Map<string, RunDigest[]>();
  for (const run of runs) {
    const list = byVersion.get(run.version);
    if (list) list.push(run);
    else byVersion.set(run.version, [run]);
  }
  const groups = [...byVersion].map(([version, list]) => summarizeGroup(version, list)).sort((a, b) => b.runCount - a.runCount || a.version.localeCompare(b.version));
  return {
    runCount: runs.length,
    failedRuns: runs.filter((run) => run.status === 'error').length,
    p50: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    fences,
    outliers,
    groups,
  };
}

export type RunsSortColumn = 'start' | 'duration' | 'status';

const statusRank = { error: 0, cancelled: 1, ok: 2 } as const;

/** Runs in a list order: by start, duration or status (failed first when ascending), ties by start, newest first. */
export function sortRuns(runs: readonly RunDigest[], column: RunsSortColumn, descending: boolean): RunDigest[] {
  const sign = descending ? -1 : 1;
  return [...runs].sort((a, b) => {
    const order = column === 'start' ? a.startMs - b.startMs : column === 'duration' ? a.durationNs - b.durationNs : statusRank[a.status] - statusRank[b.status];
    return sign * order || b.startMs - a.startMs || runId(a).localeCompare(runId(b));
  });
}
