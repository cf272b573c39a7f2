import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeJunjo, owningNodeOf, type JunjoFound } from './analyze-junjo.ts';
import { decodeTrace, g1ExampleSpecs, indexOfName, traceOf, V1, WORKFLOW_FIXTURES } from './junjo-test-traces.ts';
import { stateAt } from './state-timeline.ts';
import type { Trace } from '../model/trace.ts';

const SAMPLES = 'public/samples';
const found = (t: Trace): JunjoFound => {
  const a = analyzeJunjo(t);
  if (a.kind !== 'junjo') throw new Error(a.reason);
  return a;
};
const label = (a: JunjoFound, run: number, nodeId: string) => (a.runs[run]?.graph.ok ? a.runs[run].graph.graph.nodes.find((n) => n.id === nodeId)?.label : undefined);
const statsByLabel = (a: JunjoFound, run: number) =>
  Object.fromEntries((a.paths[run]?.nodeStats ?? []).map((s) => [label(a, run, s.nodeId), [s.runCount, s.status]]));

describe('analyzeJunjo', () => {
  test('a non-Junjo trace gives kind "none"', () => {
    const t = traceOf([{ id: 'GET /', start: 0, end: 5, attrs: { 'http.method': 'GET' } }]);
    expect(analyzeJunjo(t)).toEqual({ kind: 'none', reason: 'No Junjo spans (junjo.span_type) in this trace.' });
    const orphanNodes = traceOf([{ id: 'n', start: 0, end: 5, attrs: { 'junjo.span_type': 'node', 'junjo.id': 'n' } }]);
    expect(analyzeJunjo(orphanNodes)).toMatchObject({ kind: 'none', reason: expect.stringContaining('no workflow span') });
  });
  test('G1 example end to end: structured-cloneable, transitions name their graph node', () => {
    const t = traceOf(g1ExampleSpecs());
    const a = found(t);
    expect(structuredClone(a)).toEqual(a);
    expect(a.generations).toEqual(['G1']);
    expect(a.topLevelRuns).toEqual([0]);
    const wf = a.stores.find((s) => s.storeId === 'store-wf');
    expect(wf?.transitions.map((x) => x.node?.label)).toEqual(['CountItemsNode', 'IncrementNode', 'DecrementNode', 'AddTenNode', 'SampleSubflow', 'SampleSubflow', 'FinalNode']);
    const sub = a.stores.find((s) => s.storeId === 'store-sub');
    expect(sub?.transitions.map((x) => x.node?.label ?? null)).toEqual([null, 'CreateJokeNode', 'CreateFactNode']);
    expect(owningNodeOf(t, a, indexOfName(t, 'chat gpt-4o'))?.nodeId).toBe(V1.sub);
    // The legacy "source/sink ids match no node" quirk is handled: a graph note, no warning.
    expect(a.warnings).toEqual([]);
  });
  test('all four G3 fixtures analyze without warnings', async () => {
    for (const file of ['basic_workflow_success', 'cancelled_executable', 'run_concurrent_success', 'subflow_with_parent_store']) {
      const a = found(await decodeTrace(readFileSync(`${WORKFLOW_FIXTURES}/${file}.json`, 'utf8')));
      expect(a.generations).toEqual(['G3']);
      expect(a.warnings).toEqual([]);
      expect(a.stores.every((s) => s.verified === 'match')).toBe(true);
    }
  });
});

const sample = async (name: string) => decodeTrace(readFileSync(`${SAMPLES}/${name}.json`, 'utf8'));
const haveSamples = existsSync(`${SAMPLES}/junjo-g1-legacy.json`) && existsSync(`${SAMPLES}/junjo-g3-contract-v2.json`);

describe.skipIf(!haveSamples)('sample traces', () => {
  test('G1 legacy: RefineNode loops three times, the odd branch, a /counter race, every store verified', async () => {
    const t = await sample('junjo-g1-legacy');
    const a = found(t);
    expect(a.generations).toEqual(['G1']);
    expect(a.runs.map((r) => [r.name, r.kind])).toEqual([['demo_base_workflow', 'workflow'], ['SampleSubflow', 'subflow']]);
    const stats = statsByLabel(a, 0);
    expect(stats.RefineNode).toEqual([3, 'ok']);
    expect(stats.OddPathNode).toEqual([1, 'ok']);
    expect(stats.EvenPathNode).toEqual([0, 'not-run']);
    expect(a.stores.map((s) => [s.status, s.verified])).toEqual([['complete', 'match'], ['complete', 'match']]);
    expect(a.concurrency[0]?.races.map((r) => [r.path, r.writers.length])).toEqual([['/counter', 2]]);
    const wf = a.stores[0]!;
    const refine = wf.transitions.filter((x) => x.node?.label === 'RefineNode');
    expect(refine.map((x) => [x.action, x.ops.length === 0])).toEqual([
      ['set_draft', false], ['set_quality', false], ['set_draft', false], ['set_quality', false], ['set_draft', true], ['set_quality', false],
    ]);
    const end = t.spans[a.runs[0]!.spanIndex]!.attributes.find((x) => x.key === 'junjo.workflow.state.end')?.value;
    expect(stateAt(wf, wf.appliedCount)).toEqual(JSON.parse(end?.type === 'string' ? end.value : 'null'));
    expect(stateAt(wf, 0)).not.toEqual(stateAt(wf, wf.appliedCount));
  });
  test('G3 contract v2: subflow internals link in the parent graph; ordered by sequence', async () => {
    const a = found(await sample('junjo-g3-contract-v2'));
    expect(a.generations).toEqual(['G3']);
    expect(a.links[0]?.unmatchedNodes.map((u) => u.label).sort()).toEqual(['EvenPathNode', 'ExactPathNode']);
    expect(statsByLabel(a, 0).CreateJokeNode).toEqual([1, 'ok']);
    expect(a.stores.every((s) => s.orderedBy === 'sequence' && s.verified === 'match' && s.issues.length === 0)).toBe(true);
  });
  test.skipIf(!existsSync(`${SAMPLES}/junjo-g3-failure.json`))('G3 failure: error and cancelled children', async () => {
    const a = found(await sample('junjo-g3-failure'));
    const stats = statsByLabel(a, 0);
    expect(stats.DecrementNode).toEqual([1, 'error']);
    expect(stats.IncrementNode).toEqual([1, 'cancelled']);
    expect(stats['Counter Nodes']).toEqual([1, 'error']);
    expect(stats.FinalNode).toEqual([0, 'not-run']);
    expect(a.runs[0]?.status).toBe('error');
  });
  test.skipIf(!existsSync(`${SAMPLES}/junjo-g1-two-runs.json`))('G1 two runs: two top-level runs taking different branches', async () => {
    const a = found(await sample('junjo-g1-two-runs'));
    expect(a.topLevelRuns).toHaveLength(2);
    const [first, second] = a.topLevelRuns;
    expect(statsByLabel(a, first!).OddPathNode).toEqual([1, 'ok']);
    expect(statsByLabel(a, second!).EvenPathNode).toEqual([1, 'ok']);
    expect(new Set(a.stores.map((s) => s.storeId)).size).toBe(4);
  });
  test.skipIf(!existsSync(`${SAMPLES}/plain-http-service.json`))('plain HTTP sample is not Junjo', async () => {
    expect(analyzeJunjo(await sample('plain-http-service')).kind).toBe('none');
  });
});
