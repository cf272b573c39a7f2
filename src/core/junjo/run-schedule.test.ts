import { describe, expect, it } from 'vitest';
import { analyzeJunjo, type JunjoFound } from './analyze-junjo.ts';
import { criticalOnGraph } from './critical-on-graph.ts';
import { g1ExampleSpecs, indexOfName, MS, traceOf, V1, type SpanSpec } from './junjo-test-traces.ts';
import { runSchedule } from './run-schedule.ts';
import type { Trace } from '../model/trace.ts';

const junjo = (type: string) => ({ 'junjo.span_type': type });
const found = (trace: Trace): JunjoFound => {
  const analysis = analyzeJunjo(trace);
  if (analysis.kind !== 'junjo') throw new Error(analysis.reason);
  return analysis;
};
/** name → [slack ms, overhead ms, critical] for every instance of a run. */
const timings = (trace: Trace, runSpan: number) => {
  const schedule = runSchedule(trace, runSpan, found(trace).spanIndex.junjoParent);
  const out: Record<string, [number, number, boolean]> = {};
  for (const i of schedule.instances) {
    let name = trace.spans[i.spanIndex]!.name;
    for (let n = 2; out[name]; n++) name = `${trace.spans[i.spanIndex]!.name}#${n}`;
    out[name] = [i.slack / MS, i.overhead / MS, i.critical];
  }
  return { out, schedule };
};

describe('runSchedule (CPM on executed node instances)', () => {
  it('gives the §4 G1 run its critical chain, branch slack and scheduling overhead', () => {
    const trace = traceOf(g1ExampleSpecs());
    const { out, schedule } = timings(trace, indexOfName(trace, 'demo_base_workflow'));
    expect(out).toEqual({
      CountItemsNode: [0, 10, true],
      'Counter Nodes': [0, 10, true],
      // RC branches: the group's last end (170) minus each branch's end; overhead from the RC start (70).
      IncrementNode: [20, 10, false],
      DecrementNode: [10, 10, false],
      AddTenNode: [0, 15, true],
      SampleSubflow: [0, 10, true],
      CreateJokeNode: [0, 10, true],
      CreateFactNode: [0, 10, true],
      OddPathNode: [0, 10, true],
      FinalNode: [0, 10, true],
    });
    expect(schedule.criticalPath.map((s) => trace.spans[s]!.name)).toEqual([
      'CountItemsNode', 'Counter Nodes', 'AddTenNode', 'SampleSubflow', 'CreateJokeNode', 'CreateFactNode', 'OddPathNode', 'FinalNode',
    ]);
    expect(schedule.criticalOverhead / MS).toBe(85);
    expect(schedule.steps.filter((s) => s.critical).length).toBe(5);
  });

  it('marks the critical nodes and taken edges on the declared graph, with slack on the others', () => {
    const trace = traceOf(g1ExampleSpecs());
    const analysis = found(trace);
    const graph = criticalOnGraph(trace, analysis, 0)!;
    expect(Object.values(graph.nodes).filter((n) => n.critical).map((n) => n.nodeId).sort()).toEqual(
      [V1.count, V1.rc, V1.add, V1.sub, V1.joke, V1.fact, V1.odd, V1.final].sort(),
    );
    expect(graph.nodes[V1.inc]!.slack / MS).toBe(20);
    expect(graph.nodes[V1.dec]!.slack / MS).toBe(10);
    expect([...graph.criticalEdges].sort()).toEqual(
      [`edge_${V1.count}_${V1.rc}_0`, `edge_${V1.rc}_${V1.sub}_1`, `edge_${V1.sub}_${V1.odd}_4`, `edge_${V1.odd}_${V1.final}_7`, `subflow_${V1.sub}_edge_${V1.joke}_${V1.fact}`].sort(),
    );
  });

  it('unrolls loop iterations: each is its own instance with its own overhead; all on the chain', () => {
    const specs: SpanSpec[] = [
      { id: 'W', start: 0, end: 100, attrs: junjo('workflow') },
      { id: 'a', name: 'Loop', parent: 'W', start: 5, end: 20, attrs: junjo('node') },
      { id: 'b', name: 'Loop', parent: 'W', start: 22, end: 40, attrs: junjo('node') },
      { id: 'c', name: 'Loop', parent: 'W', start: 45, end: 90, attrs: junjo('node') },
    ];
    const trace = traceOf(specs);
    const { out } = timings(trace, 0);
    expect(out).toEqual({ Loop: [0, 5, true], 'Loop#2': [0, 2, true], 'Loop#3': [0, 5, true] });
  });

  it('propagates slack into a subflow inside a concurrent branch, and a zero-slack tie makes both branches critical', () => {
    const specs: SpanSpec[] = [
      { id: 'W', start: 0, end: 100, attrs: junjo('workflow') },
      { id: 'rc', parent: 'W', start: 0, end: 100, attrs: junjo('run_concurrent') },
      { id: 'slow', parent: 'rc', start: 0, end: 90, attrs: junjo('node') },
      { id: 'tie', parent: 'rc', start: 0, end: 90, attrs: junjo('node') },
      { id: 'sub', parent: 'rc', start: 5, end: 60, attrs: junjo('subflow') },
      { id: 'inner1', parent: 'sub', start: 10, end: 30, attrs: junjo('node') },
      { id: 'inner2', parent: 'sub', start: 30, end: 50, attrs: junjo('node') },
    ];
    const trace = traceOf(specs);
    const { out } = timings(trace, 0);
    expect(out).toEqual({
      rc: [0, 0, true],
      slow: [0, 0, true],
      tie: [0, 0, true],
      sub: [30, 5, false],
      // Inside the subflow: the subflow branch's slack; its own tail after inner2 (50 → 60) is fixed work.
      inner1: [30, 5, false],
      inner2: [30, 0, false],
    });
  });

  it('in a sequence with overlapping instances, gives the one the successor did not wait for its extra slack', () => {
    const specs: SpanSpec[] = [
      { id: 'W', start: 0, end: 100, attrs: junjo('workflow') },
      { id: 'a', parent: 'W', start: 0, end: 50, attrs: junjo('node') },
      { id: 'b', parent: 'W', start: 10, end: 40, attrs: junjo('node') },
      { id: 'c', parent: 'W', start: 60, end: 100, attrs: junjo('node') },
    ];
    const trace = traceOf(specs);
    // c waited for a (ended 50), not b (ended 40): b could take 10 ms longer.
    expect(timings(trace, 0).out).toEqual({ a: [0, 0, true], b: [10, 10, false], c: [0, 10, true] });
  });

  it('has no instances for a run without node spans', () => {
    const trace = traceOf([{ id: 'W', start: 0, end: 10, attrs: junjo('workflow') }]);
    const schedule = runSchedule(trace, 0, found(trace).spanIndex.junjoParent);
    expect(schedule.instances).toEqual([]);
    expect(schedule.criticalPath).toEqual([]);
  });
});
