import { describe, expect, test } from 'vitest';
import type { RunDigest } from './run-digest.ts';
import { runId, sortRuns, summarizeRuns } from './summarize-runs.ts';

const ms = 1_000_000;
let nextId = 0;
function run(over: Partial<RunDigest>): RunDigest {
  nextId++;
  return {
    traceId: `t${nextId}`,
    runSpanId: `s${nextId}`,
    workflow: 'wf',
    service: 'svc',
    startMs: 1000 * nextId,
    durationNs: 100 * ms,
    status: 'ok',
    version: 'A',
    nodes: {},
    edges: {},
    ...over,
  };
}

describe('summarizeRuns', () => {
  const runs = [
    run({ durationNs: 10 * ms, nodes: { plan: { durations: [1 * ms], failed: 0, cancelled: 0 }, loop: { durations: [2 * ms, 4 * ms], failed: 0, cancelled: 0 } }, edges: { 'plan→loop': 1, 'loop→loop': 1 } }),
    run({ durationNs: 20 * ms, nodes: { plan: { durations: [3 * ms], failed: 0, cancelled: 0 }, loop: { durations: [6 * ms], failed: 1, cancelled: 0 } }, edges: { 'plan→loop': 1 }, status: 'error' }),
    run({ durationNs: 30 * ms, nodes: { plan: { durations: [5 * ms], failed: 0, cancelled: 0 } }, edges: {} }),
    run({ durationNs: 40 * ms, nodes: { plan: { durations: [7 * ms], failed: 0, cancelled: 1 } }, edges: {} }),
    run({ durationNs: 1000 * ms, version: 'B', nodes: { other: { durations: [9 * ms], failed: 0, cancelled: 0 } }, edges: { 'x→y': 2 } }),
  ];
  const summary = summarizeRuns(runs);

  test('counts, failed runs and run-duration percentiles over every run', () => {
    expect(summary.runCount).toBe(5);
    expect(summary.failedRuns).toBe(1);
    expect(summary.p50).toBe(30 * ms);
    // sorted 10 20 30 40 1000 (ms): h = 4·0.95 = 3.8 → 40 + 0.8·960 = 808
    expect(summary.p95).toBeCloseTo(808 * ms, 0);
  });

  test('an outlier is above Q3 + 1.5 IQR of the durations', () => {
    // Q1 = 20, Q3 = 40, IQR 20: fence 70 ms; only the 1,000 ms run is above it
    expect(summary.fences).toEqual({ q1: 20 * ms, q3: 40 * ms, upper: 70 * ms });
    expect([...summary.outliers]).toEqual([runId(runs[4]!)]);
  });

  test('versions are summed apart, the biggest group first', () => {
    expect(summary.groups.map((g) => [g.version, g.runCount, g.failedRuns])).toEqual([['A', 4, 1], ['B', 1, 0]]);
    expect(summary.groups[1]!.nodes.plan).toBeUndefined();
  });

  test('per node: runs it ran in, executions, p50/p95 of executions, failure rate', () => {
    const a = summary.groups[0]!;
    expect(a.nodes.plan).toMatchObject({ runs: 4, executions: 4, p50: 4 * ms, failed: 0, cancelled: 1, failureRate: 0 });
    // plan durations 1 3 5 7: p95 h = 2.85 → 5 + 0.85·2 = 6.7
    expect(a.nodes.plan!.p95).toBeCloseTo(6.7 * ms, 0);
    expect(a.nodes.loop).toMatchObject({ runs: 2, executions: 3, p50: 4 * ms, failed: 1 });
    expect(a.nodes.loop!.failureRate).toBeCloseTo(1 / 3, 10);
  });

  test('per edge: runs that took it and times taken', () => {
    const a = summary.groups[0]!;
    expect(a.edges['plan→loop']).toEqual({ key: 'plan→loop', runs: 2, taken: 2 });
    expect(a.edges['loop→loop']).toEqual({ key: 'loop→loop', runs: 1, taken: 1 });
    expect(summary.groups[1]!.edges['x→y']).toEqual({ key: 'x→y', runs: 1, taken: 2 });
  });

  test('fewer than four runs mark no outlier; no runs give NaN percentiles', () => {
    expect(summarizeRuns(runs.slice(0, 3)).outliers.size).toBe(0);
    const none = summarizeRuns([]);
    expect(none.runCount).toBe(0);
    expect(none.p50).toBeNaN();
    expect(none.groups).toEqual([]);
  });
});

describe('sortRuns', () => {
  const a = run({ startMs: 3, durationNs: 5, status: 'ok' });
  const b = run({ startMs: 1, durationNs: 9, status: 'error' });
  const c = run({ startMs: 2, durationNs: 1, status: 'cancelled' });
  const ids = (list: RunDigest[]) => list.map((r) => r.startMs);
  test('by start, duration and status, both ways', () => {
    expect(ids(sortRuns([a, b, c], 'start', true))).toEqual([3, 2, 1]);
    expect(ids(sortRuns([a, b, c], 'start', false))).toEqual([1, 2, 3]);
    expect(ids(sortRuns([a, b, c], 'duration', true))).toEqual([1, 3, 2]);
    expect(ids(sortRuns([a, b, c], 'status', false))).toEqual([1, 2, 3]);
  });
});
