import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeJunjo, type JunjoFound } from '../../../core/junjo/analyze-junjo.ts';
import { decodeInput } from '../../../core/formats/decode-input.ts';
import type { SpanRecord } from '../../../core/model/span.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { buildTrace } from '../../../core/trace/build-traces.ts';
import { attrs, span } from '../../../core/trace/test-spans.ts';
import { spanKey } from '../../data/span-keys.ts';
import { highlightFor, resolveGraphTarget, spanOfIteration } from './graph-selection.ts';

function junjo(trace: Trace): JunjoFound {
  const analysis = analyzeJunjo(trace);
  if (analysis.kind !== 'junjo') throw new Error(analysis.reason);
  return analysis;
}

/** The contract fixture parent_workflow → child_subflow{child_entry}, plus an LLM span under child_entry. */
async function subflowTrace(): Promise<Trace> {
  const decoded = await decodeInput(readFileSync('fixtures/junjo/workflow/subflow_with_parent_store.json', 'utf8'));
  if (!decoded.ok) throw new Error(decoded.error.message);
  const spans = decoded.result.spans;
  const entry = spans.find((s) => s.name === 'child_entry') as SpanRecord;
  const llm: SpanRecord = { ...entry, spanId: 'aaaaaaaaaaaaaaaa', parentSpanId: entry.spanId, name: 'chat gpt-4o', attributes: [], events: [] };
  return buildTrace([...spans, llm]);
}

const G1_GRAPH = JSON.stringify({
  v: 1,
  nodes: [
    { id: 'A', type: 'StartNode', label: 'StartNode' },
    { id: 'B', type: 'LoopNode', label: 'LoopNode' },
    { id: 'C', type: 'EndNode', label: 'EndNode' },
  ],
  edges: [
    { id: 'e1', source: 'A', target: 'B', condition: null },
    { id: 'e2', source: 'B', target: 'B', condition: 'Again()' },
    { id: 'e3', source: 'B', target: 'C', condition: null },
  ],
});

/** A G1 run where LoopNode ran three times, with an LLM span under its second run. */
function loopTrace(): Trace {
  const w = { 'junjo.span_type': 'workflow', 'junjo.id': 'W', 'junjo.workflow.store.id': 'S', 'junjo.workflow.graph_structure': G1_GRAPH };
  const node = (id: string) => attrs({ 'junjo.span_type': 'node', 'junjo.id': id, 'junjo.parent_id': 'W' });
  return buildTrace([
    span('0000000000000010', null, 0, 1000, { name: 'loop_workflow', attributes: attrs(w) }),
    span('0000000000000011', '0000000000000010', 10, 100, { name: 'StartNode', attributes: node('A') }),
    span('0000000000000012', '0000000000000010', 110, 200, { name: 'LoopNode', attributes: node('B') }),
    span('0000000000000013', '0000000000000010', 210, 300, { name: 'LoopNode', attributes: node('B') }),
    span('0000000000000099', '0000000000000013', 220, 290, { name: 'chat gpt-4o' }),
    span('0000000000000014', '0000000000000010', 310, 400, { name: 'LoopNode', attributes: node('B') }),
    span('0000000000000015', '0000000000000010', 410, 500, { name: 'EndNode', attributes: node('C') }),
  ]);
}

describe('resolveGraphTarget', () => {
  test('defaults to the first top-level run; `graph` opens a subflow run with a breadcrumb trail', async () => {
    const trace = await subflowTrace();
    const analysis = junjo(trace);
    expect(resolveGraphTarget(trace, analysis, undefined, undefined)).toEqual({ topRun: 0, run: 0, trail: [0] });
    const subflowKey = spanKey(trace, analysis.runs[1]!.spanIndex);
    expect(resolveGraphTarget(trace, analysis, undefined, subflowKey)).toEqual({ topRun: 0, run: 1, trail: [0, 1] });
    expect(resolveGraphTarget(trace, analysis, 'ffffffffffffffff', 'not-a-span')).toEqual({ topRun: 0, run: 0, trail: [0] });
  });
});

describe('highlightFor', () => {
  test('an LLM span lights the node that ran it; inside a subflow, the subflow container lights too', async () => {
    const trace = await subflowTrace();
    const analysis = junjo(trace);
    const selection = { span: 'aaaaaaaaaaaaaaaa' };
    const inParent = highlightFor(trace, analysis, 0, selection);
    expect(inParent.nodeId).toBe('node.child.entry');
    expect(inParent.iteration).toBe(1);
    expect([...inParent.selectedIds].sort()).toEqual(['node.child.entry', 'node.subflow.container']);
    const inSubflow = highlightFor(trace, analysis, 1, selection);
    expect(inSubflow.selectedIds).toEqual(['node.child.entry']);
  });

  test('a span outside the graph lights nothing; the workflow span itself lights nothing', async () => {
    const trace = await subflowTrace();
    const analysis = junjo(trace);
    const prepare = trace.spans.findIndex((s) => s.name === 'prepare');
    expect(highlightFor(trace, analysis, 1, { span: spanKey(trace, prepare) }).selectedIds).toEqual([]);
    expect(highlightFor(trace, analysis, 0, { span: spanKey(trace, 0) }).selectedIds).toEqual([]);
  });

  test('loops: the iteration follows the selected span, also from a child span', () => {
    const trace = loopTrace();
    const analysis = junjo(trace);
    expect(highlightFor(trace, analysis, 0, { span: '0000000000000014' })).toMatchObject({ nodeId: 'B', iteration: 3 });
    expect(highlightFor(trace, analysis, 0, { span: '0000000000000099' })).toMatchObject({ nodeId: 'B', iteration: 2, selectedIds: ['B'] });
    expect(spanOfIteration(analysis.links[0], 'B', 2)).toBe(trace.spans.findIndex((s) => s.spanId === '0000000000000013'));
    expect(spanOfIteration(analysis.links[0], 'B', 9)).toBe(trace.spans.findIndex((s) => s.spanId === '0000000000000014'));
    expect(spanOfIteration(analysis.links[0], 'C', 1)).toBeGreaterThan(0);
  });

  test('without a span, node and iter are used (clamped to the runs), unknown nodes ignored', () => {
    const trace = loopTrace();
    const analysis = junjo(trace);
    expect(highlightFor(trace, analysis, 0, { node: 'B', iter: 7 })).toEqual({ nodeId: 'B', iteration: 3, selectedIds: ['B'] });
    expect(highlightFor(trace, analysis, 0, { node: 'nope' }).selectedIds).toEqual([]);
  });
});
