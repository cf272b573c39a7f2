import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeJunjo, type JunjoFound } from '../junjo/analyze-junjo.ts';
import { decodeTrace, g1ExampleSpecs, traceOf, V1, v1ExampleGraph, type SpanSpec } from '../junjo/junjo-test-traces.ts';
import type { Trace } from '../model/trace.ts';
import { compareRuns, type RunComparison } from './compare-runs.ts';
import { compareStates } from './state-divergence.ts';

const found = (t: Trace): JunjoFound => {
  const a = analyzeJunjo(t);
  if (a.kind !== 'junjo') throw new Error(a.reason);
  return a;
};

/** Two runs of the G1 example in one trace: A as written, B changed by `changeB`. */
function twoRuns(changeB: (specs: SpanSpec[]) => SpanSpec[] = (specs) => specs) {
  const trace = traceOf([...g1ExampleSpecs('a', 0), ...changeB(g1ExampleSpecs('b', 2000))]);
  const analysis = found(trace);
  const [runA, runB] = analysis.topLevelRuns as [number, number];
  return { trace, analysis, a: { trace, analysis, runIndex: runA }, b: { trace, analysis, runIndex: runB } };
}

const byLabel = (comparison: RunComparison, label: string) => comparison.nodes.find((node) => node.label === label);
const edgesTaken = (comparison: RunComparison, taken: string) => comparison.edges.filter((edge) => edge.taken === taken).map((edge) => edge.key);

describe('compareRuns', () => {
  test('a run compared with itself has no differences', () => {
    const { a } = twoRuns();
    const comparison = compareRuns(a, a);
    expect(comparison.sameVersion).toBe(true);
    expect(comparison.differenceCount).toBe(0);
    expect(comparison.nodes.every((node) => node.ran !== 'a-only' && node.ran !== 'b-only')).toBe(true);
    expect(byLabel(comparison, 'FinalNode')).toMatchObject({ ran: 'both', durationDelta: 0, durationChange: 0, statusChanged: false });
    const state = compareStates(a, a);
    expect(state).toMatchObject({ kind: 'compared', divergence: null, endDiff: { changes: [] } });
  });

  test('two G1 runs of the same graph line up by label and position', () => {
    const { a, b } = twoRuns();
    const comparison = compareRuns(a, b);
    expect(comparison.sameVersion).toBe(true);
    expect(comparison.differenceCount).toBe(0);
    expect(byLabel(comparison, 'Counter Nodes')?.key).toBe('n:/Counter Nodes');
    expect(byLabel(comparison, 'IncrementNode')?.key).toBe('n:/Counter Nodes/IncrementNode');
  });

  test('an extra loop iteration in B: its count and duration change, nothing runs in one only', () => {
    const { a, b } = twoRuns((specs) => {
      const final = specs.findIndex((s) => s.id === 'bfinal');
      const extra: SpanSpec = { id: 'bodd2', parent: 'bW', name: 'OddPathNode', start: 2562, end: 2568, attrs: { 'junjo.span_type': 'node', 'junjo.id': V1.odd, 'junjo.parent_id': 'wfObj00000000000000AA' } };
      return [...specs.slice(0, final), extra, ...specs.slice(final)];
    });
    const comparison = compareRuns(a, b);
    const odd = byLabel(comparison, 'OddPathNode');
    expect(odd).toMatchObject({ ran: 'both', countChanged: true, statusChanged: false, durationDelta: 6_000_000 });
    expect(odd?.a?.durations).toEqual([50_000_000]);
    expect(odd?.b?.durations).toEqual([50_000_000, 6_000_000]);
    expect(odd?.durationChange).toBeCloseTo(0.12);
    expect(comparison.nodes.filter((node) => node.ran === 'a-only' || node.ran === 'b-only')).toEqual([]);
    expect(comparison.differenceCount).toBe(1);
  });

  test('a branch taken only in B, and a node that failed only in B', () => {
    const { a, b } = twoRuns((specs) =>
      specs.map((s) => {
        if (s.id === 'bodd') return { ...s, name: 'EvenPathNode', attrs: { ...s.attrs, 'junjo.id': V1.even } };
        if (s.id === 'bfinal') return { ...s, error: true };
        return s;
      }),
    );
    const comparison = compareRuns(a, b);
    expect(byLabel(comparison, 'OddPathNode')?.ran).toBe('a-only');
    expect(byLabel(comparison, 'EvenPathNode')?.ran).toBe('b-only');
    expect(byLabel(comparison, 'ExactPathNode')?.ran).toBe('neither');
    expect(byLabel(comparison, 'FinalNode')).toMatchObject({ ran: 'both', statusChanged: true, a: { status: 'ok' }, b: { status: 'error' } });
    expect(edgesTaken(comparison, 'a-only')).toEqual(['n:/SampleSubflow -> n:/OddPathNode', 'n:/OddPathNode -> n:/FinalNode']);
    expect(edgesTaken(comparison, 'b-only')).toEqual(['n:/SampleSubflow -> n:/EvenPathNode', 'n:/EvenPathNode -> n:/FinalNode']);
    expect(edgesTaken(comparison, 'both')).toContain('n:/CountItemsNode -> n:/Counter Nodes');
  });

  test('a different workflow version is flagged and still compared on what matches', () => {
    const { a, b } = twoRuns((specs) =>
      specs.map((s) => {
        if (s.id !== 'bW') return s;
        const graph = JSON.parse(v1ExampleGraph()) as { nodes: unknown[] };
        graph.nodes.push({ id: 'nEwNoDe0000000000000', type: 'AuditNode', label: 'AuditNode' });
        return { ...s, attrs: { ...s.attrs, 'junjo.workflow.graph_structure': JSON.stringify(graph) } };
      }),
    );
    const comparison = compareRuns(a, b);
    expect(comparison.sameVersion).toBe(false);
    const audit = byLabel(comparison, 'AuditNode');
    expect(audit).toMatchObject({ a: undefined, ran: 'neither' });
    expect(audit?.b?.runCount).toBe(0);
    expect(byLabel(comparison, 'FinalNode')).toMatchObject({ ran: 'both', statusChanged: false });
  });

  test('G3 runs: the sample compared with itself is the same; the failing run differs in status', async () => {
    const ok = await decodeTrace(readFileSync('public/samples/junjo-g3-contract-v2.json', 'utf8'));
    const bad = await decodeTrace(readFileSync('public/samples/junjo-g3-failure.json', 'utf8'));
    const okAnalysis = found(ok);
    const badAnalysis = found(bad);
    const sideOk = { trace: ok, analysis: okAnalysis, runIndex: okAnalysis.topLevelRuns[0] as number };
    const sideBad = { trace: bad, analysis: badAnalysis, runIndex: badAnalysis.topLevelRuns[0] as number };
    expect(compareRuns(sideOk, sideOk).differenceCount).toBe(0);
    const comparison = compareRuns(sideOk, sideBad);
    expect(comparison.sameVersion).toBe(true);
    expect(comparison.nodes.every((node) => node.key.startsWith('s:'))).toBe(true);
    expect(comparison).toMatchObject({ statusA: 'ok', statusB: 'error' });
    expect(byLabel(comparison, 'DecrementNode')).toMatchObject({ statusChanged: true, a: { status: 'ok' }, b: { status: 'error' } });
    expect(byLabel(comparison, 'FinalNode')?.ran).toBe('a-only');
  });

  test('the two runs of the G1 two-runs sample: one loop pass fewer and the even branch in B', async () => {
    const trace = await decodeTrace(readFileSync('public/samples/junjo-g1-two-runs.json', 'utf8'));
    const analysis = found(trace);
    const [runA, runB] = analysis.topLevelRuns as [number, number];
    const comparison = compareRuns({ trace, analysis, runIndex: runA }, { trace, analysis, runIndex: runB });
    expect(comparison.sameVersion).toBe(true);
    expect(byLabel(comparison, 'OddPathNode')?.ran).toBe('a-only');
    expect(byLabel(comparison, 'EvenPathNode')?.ran).toBe('b-only');
    const looped = comparison.nodes.find((node) => node.a !== undefined && node.a.runCount === 3);
    expect(looped?.b?.runCount).toBe(2);
  });

  test('a run without a readable graph is reported, not thrown', () => {
    const { a, b } = twoRuns((specs) => specs.map((s) => (s.id === 'bW' ? { ...s, attrs: { ...s.attrs, 'junjo.workflow.graph_structure': '{not json' } } : s)));
    const comparison = compareRuns(a, b);
    expect(comparison.graphProblem).toMatch(/^B: "demo_base_workflow" has no readable graph/);
    expect(comparison.nodes).toEqual([]);
  });
});

describe('compareStates', () => {
  test('the first divergence is named after the last transition both runs made alike', () => {
    const { a, b } = twoRuns((specs) =>
      specs.map((s) => {
        if (s.id !== 'badd') return s;
        const [event] = s.events ?? [];
        if (!event) throw new Error('no event');
        return { ...s, events: [{ ...event, attrs: { ...event.attrs, 'junjo.state_json_patch': '[{"op": "replace", "path": "/counter", "value": 14}]' } }] };
      }),
    );
    const state = compareStates(a, b);
    if (state.kind !== 'compared') throw new Error(state.reason);
    expect(state.divergence).toMatchObject({ step: 4, pointer: '/counter', after: 'DecrementNode', byA: 'AddTenNode', byB: 'AddTenNode' });
    expect(state.divergence?.message).toBe('The runs first differ after DecrementNode, at /counter (transition 4, by AddTenNode).');
    expect(state.endDiff.changes).toEqual([{ kind: 'changed', pointer: '/counter', before: 13, after: 14 }]);
  });

  test('different start states differ before any transition', async () => {
    const trace = await decodeTrace(readFileSync('public/samples/junjo-g1-two-runs.json', 'utf8'));
    const analysis = found(trace);
    const [runA, runB] = analysis.topLevelRuns as [number, number];
    const state = compareStates({ analysis, runIndex: runA }, { analysis, runIndex: runB });
    if (state.kind !== 'compared') throw new Error(state.reason);
    expect(state.divergence?.step).toBe(0);
    expect(state.divergence?.message).toMatch(/^The runs differ from the start state, at \/items/);
  });

  test('a run without a store is unavailable with a reason', () => {
    const { a } = twoRuns();
    const noStore = { analysis: a.analysis, runIndex: 99 };
    expect(compareStates(a, noStore)).toEqual({ kind: 'unavailable', reason: 'B: the run is not in the trace' });
  });
});
