import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { detectGeneration } from './generation.ts';
import { decodeTrace, g1ExampleSpecs, indexOfName, traceOf, WORKFLOW_FIXTURES } from './junjo-test-traces.ts';
import { findWorkflowRuns } from './workflow-runs.ts';

const fixture = (name: string) => decodeTrace(readFileSync(`${WORKFLOW_FIXTURES}/${name}.json`, 'utf8'));

describe('detectGeneration (formats.md §1.1)', () => {
  test('G3 fixtures, and G1 from the §3.1 example', async () => {
    const g3 = await fixture('basic_workflow_success');
    expect(detectGeneration(g3, 0)).toEqual({ known: true, generation: 'G3' });
    const g1 = traceOf(g1ExampleSpecs());
    expect(detectGeneration(g1, indexOfName(g1, 'demo_base_workflow'))).toEqual({ known: true, generation: 'G1' });
    expect(detectGeneration(g1, indexOfName(g1, 'SampleSubflow'))).toEqual({ known: true, generation: 'G1' });
  });
  test('G2 by runtime id (contract 1); G0 by a missing store id or a node_gather span', () => {
    const t = traceOf([
      { id: 'g2', start: 0, end: 10, attrs: { 'junjo.span_type': 'workflow', 'junjo.executable_runtime_id': 'r', 'junjo.telemetry.contract_version': 1 } },
      { id: 'g0a', start: 20, end: 30, attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'w0' } },
      { id: 'g0b', start: 40, end: 60, attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'w1', 'junjo.workflow.store.id': 's' } },
      { id: 'gather', parent: 'g0b', start: 41, end: 50, attrs: { 'junjo.span_type': 'node_gather', 'junjo.id': 'g' } },
      { id: 'unknown', start: 70, end: 80, attrs: { 'junjo.span_type': 'workflow' } },
    ]);
    expect(detectGeneration(t, indexOfName(t, 'g2'))).toMatchObject({ generation: 'G2' });
    expect(detectGeneration(t, indexOfName(t, 'g0a'))).toMatchObject({ generation: 'G0' });
    expect(detectGeneration(t, indexOfName(t, 'g0b'))).toMatchObject({ generation: 'G0' });
    expect(detectGeneration(t, indexOfName(t, 'unknown')).known).toBe(false);
  });
  test('a trace can mix generations: detected per workflow span', () => {
    const t = traceOf([
      ...g1ExampleSpecs('a-', 0, false),
      { id: 'g3', start: 2000, end: 2100, attrs: { 'junjo.span_type': 'workflow', 'junjo.telemetry.contract_version': 2, 'junjo.executable_runtime_id': 'x' } },
    ]);
    const { runs } = findWorkflowRuns(t);
    expect(runs.map((r) => r.generation)).toEqual(['G1', 'G1', 'G3']);
  });
});

describe('findWorkflowRuns', () => {
  test('subflow fixture: the subflow nests under its parent and links the parent store', async () => {
    const t = await fixture('subflow_with_parent_store');
    const { runs } = findWorkflowRuns(t);
    expect(runs.map((r) => [r.name, r.kind, r.parentRun, r.storeId, r.parentStoreId])).toEqual([
      ['parent_workflow', 'workflow', -1, 'store-subflow-parent-01', null],
      ['child_subflow', 'subflow', 0, 'store-subflow-child-01', 'store-subflow-parent-01'],
    ]);
    expect(runs[0]?.childRuns).toEqual([1]);
    expect(runs[0]?.nodeSpans.map((i) => t.spans[i]?.name)).toEqual(['prepare', 'child_subflow']);
    expect(runs[1]?.nodeSpans.map((i) => t.spans[i]?.name)).toEqual(['child_entry']);
    expect(runs.every((r) => r.graph.ok)).toBe(true);
  });
  test('G1: two top-level runs under one HTTP span; HTTP and LLM spans belong to no run node list', () => {
    const t = traceOf([...g1ExampleSpecs('a-'), ...g1ExampleSpecs('b-', 1000, false).map((s) => (s.id === 'b-W' ? { ...s, parent: 'a-http' } : s))]);
    const { runs, index } = findWorkflowRuns(t);
    const top = runs.filter((r) => r.parentRun < 0);
    expect(top).toHaveLength(2);
    expect(runs.filter((r) => r.kind === 'subflow').map((r) => runs[r.parentRun]?.name)).toEqual(['demo_base_workflow', 'demo_base_workflow']);
    expect(top[0]?.nodeSpans).toHaveLength(8);
    const http = indexOfName(t, 'POST /jokes');
    const llm = indexOfName(t, 'chat gpt-4o');
    expect(index.ownerRun[http]).toBe(-1);
    expect(runs.some((r) => r.nodeSpans.includes(llm))).toBe(false);
    expect(index.junjoParent[llm]).toBe(indexOfName(t, 'CreateJokeNode'));
    expect(top[0]?.graph.ok && top[0].graph.graph.schema).toBe(1);
  });
  test('a workflow span without a graph gets a "missing" graph error, not a crash', () => {
    const t = traceOf([{ id: 'w', start: 0, end: 1, attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'x' } }]);
    const run = findWorkflowRuns(t).runs[0];
    expect(run?.graph.ok === false && run.graph.error.kind).toBe('missing');
  });
});
