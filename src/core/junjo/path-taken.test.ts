import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeTrace, g1ExampleSpecs, traceOf, V1, WORKFLOW_FIXTURES, type SpanSpec } from './junjo-test-traces.ts';
import { linkAllRuns } from './link-spans.ts';
import { inferPathTaken, type PathTaken } from './path-taken.ts';
import { findWorkflowRuns } from './workflow-runs.ts';
import type { Trace } from '../model/trace.ts';

function paths(t: Trace): PathTaken[] {
  const { runs, index } = findWorkflowRuns(t);
  const links = linkAllRuns(t, runs);
  return runs.map((run) => inferPathTaken(t, run, links[run.index]!, index.junjoParent));
}
const edgeId = (s: string, t: string, i: number) => `edge_${s}_${t}_${i}`;

describe('inferPathTaken', () => {
  test('G1 example: Odd branch taken (counter 13), RC and subflow as single steps', () => {
    const [top] = paths(traceOf(g1ExampleSpecs()));
    expect(top?.edgeTraversals).toEqual({
      [edgeId(V1.count, V1.rc, 0)]: 1, [edgeId(V1.rc, V1.sub, 1)]: 1, [edgeId(V1.sub, V1.odd, 4)]: 1, [edgeId(V1.odd, V1.final, 7)]: 1,
      // Subflow internals are linked by class name in v1, so their edge counts as traversed too.
      [`subflow_${V1.sub}_edge_${V1.joke}_${V1.fact}`]: 1,
    });
    expect(top?.order).toEqual([V1.count, V1.rc, V1.sub, V1.odd, V1.final]);
    const stats = Object.fromEntries((top?.nodeStats ?? []).map((s) => [s.nodeId, [s.runCount, s.status]]));
    expect(stats[V1.exact]).toEqual([0, 'not-run']);
    expect(stats[V1.inc]).toEqual([1, 'ok']);
    expect(top?.nodeStats.find((s) => s.nodeId === V1.count)?.totalDuration).toBe(40_000_000);
    expect(top?.unexplained).toEqual([]);
  });
  test('subflow internals traverse their subflow edge in the parent graph (v2)', async () => {
    const [parent, child] = paths(await decodeTrace(readFileSync(`${WORKFLOW_FIXTURES}/subflow_with_parent_store.json`, 'utf8')));
    expect(parent?.edgeTraversals).toEqual({ 'edge-parent-prepare-subflow': 1 });
    expect(child?.nodeStats.map((s) => s.status)).toEqual(['ok', 'not-run']);
  });
  test('cancelled fixture: the node status is cancelled', async () => {
    const [run] = paths(await decodeTrace(readFileSync(`${WORKFLOW_FIXTURES}/cancelled_executable.json`, 'utf8')));
    expect(run?.nodeStats).toEqual([expect.objectContaining({ nodeId: 'node.cancelled.primary', status: 'cancelled', runCount: 1 })]);
  });
  test('loops count each traversal; errors win over ok; a step with no edge is unexplained', () => {
    const graph = JSON.stringify({ v: 1, nodes: ['a', 'b', 'c'].map((id) => ({ id, type: id, label: id })), edges: [{ id: 'ab', source: 'a', target: 'b' }, { id: 'ba', source: 'b', target: 'a' }, { id: 'bc', source: 'b', target: 'c' }] });
    const n = (id: string, jid: string, start: number, error = false): SpanSpec => ({ id, parent: 'w', start, end: start + 5, error, attrs: { 'junjo.span_type': 'node', 'junjo.id': jid } });
    const [run] = paths(traceOf([
      { id: 'w', start: 0, end: 100, attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'w', 'junjo.workflow.store.id': 's', 'junjo.workflow.graph_structure': graph } },
      n('a1', 'a', 1), n('b1', 'b', 10), n('a2', 'a', 20), n('b2', 'b', 30, true), n('c1', 'c', 40), n('a3', 'a', 50),
    ]));
    expect(run?.edgeTraversals).toEqual({ ab: 2, ba: 1, bc: 1 });
    expect(run?.unexplained).toHaveLength(1);
    expect(run?.unexplained[0]).toMatchObject({ fromNodeId: 'c', toNodeId: 'a' });
    expect(run?.nodeStats.map((s) => [s.nodeId, s.runCount, s.status])).toEqual([['a', 3, 'ok'], ['b', 2, 'error'], ['c', 1, 'ok']]);
  });
});

test('a subflow run in a loop 15k times is counted exactly (no scan of all linked spans per iteration)', () => {
  const graph = JSON.stringify({
    v: 1,
    nodes: [
      { id: 'S', type: 'Sub', label: 'Sub', isSubflow: true, subflowSourceId: 'I', subflowSinkId: 'J' },
      { id: 'I', type: 'INode', label: 'INode' }, { id: 'J', type: 'JNode', label: 'JNode' },
    ],
    edges: [{ id: 'e-loop', source: 'S', target: 'S', condition: null, type: 'explicit', subflowId: null },
      { id: 'e-ij', source: 'I', target: 'J', condition: null, type: 'subflow', subflowId: 'S' }],
  });
  const specs: SpanSpec[] = [{ id: 'W', start: 0, end: 1e6, attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'w', 'junjo.workflow.store.id': 's', 'junjo.workflow.graph_structure': graph } }];
  const n = 15_000;
  for (let i = 0; i < n; i++) {
    specs.push({ id: `s${i}`, parent: 'W', start: i * 10 + 1, end: i * 10 + 9, attrs: { 'junjo.span_type': 'subflow', 'junjo.id': 'S', 'junjo.parent_id': 'w' } });
    specs.push({ id: `i${i}`, parent: `s${i}`, start: i * 10 + 2, end: i * 10 + 4, attrs: { 'junjo.span_type': 'node', 'junjo.id': 'I', 'junjo.parent_id': 'S' } });
    specs.push({ id: `j${i}`, parent: `s${i}`, start: i * 10 + 5, end: i * 10 + 8, attrs: { 'junjo.span_type': 'node', 'junjo.id': 'J', 'junjo.parent_id': 'S' } });
  }
  const t = traceOf(specs);
  const { runs, index } = findWorkflowRuns(t);
  const links = linkAllRuns(t, runs);
  const top = inferPathTaken(t, runs[0]!, links[0]!, index.junjoParent);
  expect(top.edgeTraversals).toEqual({ 'e-loop': n - 1, 'e-ij': n });
  expect(top.unexplained).toEqual([]);
});
