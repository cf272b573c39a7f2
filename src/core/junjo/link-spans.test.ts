import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeTrace, g1ExampleSpecs, indexOfName, traceOf, V1, WORKFLOW_FIXTURES, type SpanSpec } from './junjo-test-traces.ts';
import { linkAllRuns, owningGraphNode } from './link-spans.ts';
import { analyzeJunjo } from './analyze-junjo.ts';
import { findWorkflowRuns } from './workflow-runs.ts';

const fixture = (name: string) => decodeTrace(readFileSync(`${WORKFLOW_FIXTURES}/${name}.json`, 'utf8'));

describe('linkAllRuns: G3 fixtures', () => {
  test('run_concurrent: nodes, RC and RC children by runtime id', async () => {
    const t = await fixture('run_concurrent_success');
    const { runs } = findWorkflowRuns(t);
    const [links] = linkAllRuns(t, runs);
    const names = Object.fromEntries(Object.entries(links?.nodeSpans ?? {}).map(([id, s]) => [id, s.map((i) => t.spans[i]?.name)]));
    expect(names).toEqual({
      'node.concurrent.prepare': ['prepare'], 'run.concurrent.fanout': ['fanout'],
      'node.concurrent.branch_a': ['branch_a'], 'node.concurrent.branch_b': ['branch_b'],
    });
    expect(links?.unmatchedNodes).toEqual([]);
    expect(links?.unmatchedSpans).toEqual([]);
  });
  test('subflow: container by structural graph id, internals in the parent graph by structural id', async () => {
    const t = await fixture('subflow_with_parent_store');
    const { runs, index } = findWorkflowRuns(t);
    const links = linkAllRuns(t, runs);
    const sub = indexOfName(t, 'child_subflow');
    const entry = indexOfName(t, 'child_entry');
    expect(links[0]?.nodeSpans['node.subflow.container']).toEqual([sub]);
    expect(links[0]?.nodeSpans['node.child.entry']).toEqual([entry]);
    expect(links[0]?.unmatchedNodes).toEqual([{ nodeId: 'node.child.exit', label: 'child_exit', reason: 'not-run' }]);
    expect(links[1]?.spanNode[entry]).toBe('node.child.entry');
    // In the parent graph a node inside the subflow lights the subflow; in the subflow's graph, itself.
    expect(owningGraphNode(t, runs, links, index.ownerRun, entry)).toMatchObject({ runIndex: 0, nodeId: 'node.subflow.container', spanIndex: sub });
    expect(owningGraphNode(t, runs, links, index.ownerRun, entry, 1)).toMatchObject({ runIndex: 1, nodeId: 'node.child.entry' });
    expect(owningGraphNode(t, runs, links, index.ownerRun, 0)).toBeNull();
  });
});

describe('linkAllRuns: G1 (§3.1 example)', () => {
  const t = traceOf(g1ExampleSpecs());
  const { runs, index } = findWorkflowRuns(t);
  const links = linkAllRuns(t, runs);
  test('nodes, RC, RC children and the subflow container by junjo.id', () => {
    for (const [id, name] of [[V1.count, 'CountItemsNode'], [V1.rc, 'Counter Nodes'], [V1.inc, 'IncrementNode'], [V1.sub, 'SampleSubflow'], [V1.odd, 'OddPathNode']] as const)
      expect(links[0]?.nodeSpans[id]).toEqual([indexOfName(t, name)]);
  });
  test('v1 subflow internals in the parent graph link by class name (their ids never match); untaken branches are not-run', () => {
    const unmatched = Object.fromEntries((links[0]?.unmatchedNodes ?? []).map((u) => [u.nodeId, u.reason]));
    expect(unmatched).toEqual({ [V1.exact]: 'not-run', [V1.even]: 'not-run' });
    expect(links[0]?.nodeSpans[V1.joke]).toEqual([indexOfName(t, 'CreateJokeNode')]);
    expect(links[0]?.nodeSpans[V1.fact]).toEqual([indexOfName(t, 'CreateFactNode')]);
    expect(links[1]?.unmatchedNodes).toEqual([]);
  });
  test('an LLM span lights its node; inside the subflow it lights the subflow container', () => {
    const llm = indexOfName(t, 'chat gpt-4o');
    expect(owningGraphNode(t, runs, links, index.ownerRun, llm)).toMatchObject({ runIndex: 0, nodeId: V1.sub });
    expect(owningGraphNode(t, runs, links, index.ownerRun, llm, 1)).toMatchObject({ runIndex: 1, nodeId: 'jOkE2ndBuild000000000', spanIndex: indexOfName(t, 'CreateJokeNode') });
    expect(owningGraphNode(t, runs, links, index.ownerRun, indexOfName(t, 'IncrementNode'))?.nodeId).toBe(V1.inc);
  });
});

test('loops: several spans of one node are iterations in start order; a span with no node is reported', () => {
  const graph = JSON.stringify({ v: 1, nodes: [{ id: 'a', type: 'A', label: 'A' }, { id: 'b', type: 'B', label: 'B' }], edges: [{ id: 'ab', source: 'a', target: 'b' }, { id: 'ba', source: 'b', target: 'a' }] });
  const node = (id: string, jid: string, start: number): SpanSpec => ({ id, parent: 'w', start, end: start + 5, attrs: { 'junjo.span_type': 'node', 'junjo.id': jid } });
  const t = traceOf([
    { id: 'w', start: 0, end: 100, attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'w', 'junjo.workflow.store.id': 's', 'junjo.workflow.graph_structure': graph } },
    node('a2', 'a', 20), node('a1', 'a', 1), node('b1', 'b', 10), node('ghost', 'zzz', 30),
  ]);
  const { runs, index } = findWorkflowRuns(t);
  const links = linkAllRuns(t, runs);
  expect(links[0]?.nodeSpans.a).toEqual([indexOfName(t, 'a1'), indexOfName(t, 'a2')]);
  expect(links[0]?.unmatchedSpans).toEqual([indexOfName(t, 'ghost')]);
  expect(owningGraphNode(t, runs, links, index.ownerRun, indexOfName(t, 'a2'))).toMatchObject({ nodeId: 'a', iteration: 1 });
});

describe('nested subflows', () => {
  test('a node of a subflow inside a subflow is linked once on the parent graph', async () => {
    const trace = await decodeTrace(readFileSync('public/samples/junjo-g3-debugging.json', 'utf8'));
    const analysis = analyzeJunjo(trace);
    if (analysis.kind !== 'junjo') throw new Error(analysis.reason);
    const top = analysis.topLevelRuns[0]!;
    const graph = analysis.runs[top]!.graph;
    if (!graph.ok) throw new Error('graph');
    const runs = (label: string) => {
      const node = graph.graph.nodes.find((n) => n.label === label);
      return analysis.links[top]!.nodeSpans[node!.id]?.length;
    };
    expect(runs('CitationCheckNode')).toBe(1);
    expect(runs('Checks')).toBe(1);
    expect(runs('FactCheckSubflow')).toBe(1);
    expect(runs('DraftNode')).toBe(2);
  });
});
