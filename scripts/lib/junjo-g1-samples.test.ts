import { describe, expect, it } from 'vitest';
import { g1LegacySample, g1TwoRunsSample, g3ContractV2Sample } from './junjo-samples.ts';
import { replayStore, spanViews, stateEvents, type SpanView } from './trace-query.ts';

const g1 = spanViews(g1LegacySample().data);
const g3 = spanViews(g3ContractV2Sample().data);
const twoRuns = spanViews(g1TwoRunsSample().data);

const NANOID = /^[A-Za-z0-9_-]{21}$/;
const byName = (views: SpanView[], name: string): SpanView[] => views.filter((v) => v.span.name === name);
const one = (views: SpanView[], name: string): SpanView => {
  const found = byName(views, name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0] as SpanView;
};
const workflowSpans = (views: SpanView[]): SpanView[] =>
  views.filter((v) => v.attrs.get('junjo.span_type') === 'workflow' || v.attrs.get('junjo.span_type') === 'subflow');
const parentOf = (views: SpanView[], view: SpanView): SpanView | undefined => views.find((v) => v.span.spanId === view.span.parentSpanId);

describe.each([
  ['G1', g1],
  ['G3', g3],
  ['G1 two runs', twoRuns],
])('%s state replay', (_name, views) => {
  it('replays every store exactly from state.start to state.end', () => {
    const runs = workflowSpans(views);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) {
      const { state, events } = replayStore(views, run);
      expect(events.length).toBeGreaterThan(0);
      expect(state).toEqual(JSON.parse(String(run.attrs.get('junjo.workflow.state.end'))));
    }
  });

  it('runs the RunConcurrent children overlapping in time', () => {
    for (const rc of byName(views, 'Counter Nodes')) {
      const children = views.filter((v) => v.span.parentSpanId === rc.span.spanId);
      expect(children.map((c) => c.span.name)).toEqual(expect.arrayContaining(['IncrementNode', 'DecrementNode', 'AddTenNode']));
      const latestStart = children.reduce((m, c) => (c.start > m ? c.start : m), 0n);
      const earliestEnd = children.reduce((m, c) => (c.end < m ? c.end : m), children[0]?.end ?? 0n);
      expect(latestStart < earliestEnd).toBe(true);
    }
  });
});

describe('G1 legacy sample', () => {
  const workflow = one(g1, 'demo_base_workflow');
  const subflow = one(g1, 'SampleSubflow');

  it('nests the workflow under a FastAPI SERVER span in another scope', () => {
    const http = parentOf(g1, workflow);
    expect(http?.span.name).toBe('POST /run');
    expect(http?.span.kind).toBe(2);
    expect(http?.scope).toBe('opentelemetry.instrumentation.fastapi');
    expect(workflow.scope).toBe('junjo');
    expect(http?.attrs.get('http.route')).toBe('/run');
  });

  it('carries the G1 workflow and subflow attributes', () => {
    expect(workflow.attrs.get('junjo.id')).toMatch(NANOID);
    expect(workflow.attrs.get('junjo.workflow.node.count')).toBe(9);
    expect(workflow.attrs.has('junjo.telemetry.contract_version')).toBe(false);
    expect(subflow.attrs.get('junjo.span_type')).toBe('subflow');
    expect(subflow.attrs.get('junjo.parent_id')).toBe(workflow.attrs.get('junjo.id'));
    expect(subflow.attrs.get('junjo.workflow.parent_store.id')).toBe(workflow.attrs.get('junjo.workflow.store.id'));
    expect(subflow.attrs.get('junjo.workflow.node.count')).toBe(2);
  });

  it('writes a pretty-printed v1 graph with dangling subflow source/sink ids', () => {
    const text = String(workflow.attrs.get('junjo.workflow.graph_structure'));
    expect(text).toContain('\n  "nodes": [');
    const graph = JSON.parse(text) as { v: number; nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> };
    expect(graph.v).toBe(1);
    const ids = new Set(graph.nodes.map((n) => n.id));
    const sub = graph.nodes.find((n) => n.isSubflow === true);
    expect(sub?.id).toBe(subflow.attrs.get('junjo.id'));
    expect(ids.has(sub?.subflowSourceId)).toBe(false);
    expect(ids.has(sub?.subflowSinkId)).toBe(false);
    expect(graph.edges.filter((e) => e.type === 'subflow')).toHaveLength(1);
    expect(graph.edges.some((e) => e.source === e.target && e.condition === 'NeedsRefinement()')).toBe(true);
  });

  it('links nested spans with junjo.parent_id and loops RefineNode three times', () => {
    const refine = byName(g1, 'RefineNode');
    expect(refine).toHaveLength(3);
    expect(new Set(refine.map((r) => r.attrs.get('junjo.id'))).size).toBe(1);
    for (const child of byName(g1, 'IncrementNode')) expect(child.attrs.get('junjo.parent_id')).toBe(one(g1, 'Counter Nodes').attrs.get('junjo.id'));
    expect(one(g1, 'CreateJokeNode').attrs.get('junjo.parent_id')).toBe(subflow.attrs.get('junjo.id'));
    expect(byName(g1, 'OddPathNode')).toHaveLength(1);
    expect(byName(g1, 'EvenPathNode')).toHaveLength(0);
  });

  it('writes G1 set_state events: spaced patches, a "{}" no-op, two stores on the subflow span', () => {
    const events = stateEvents(g1, String(workflow.attrs.get('junjo.workflow.store.id')));
    const first = events[0]?.attrs;
    expect([...(first?.keys() ?? [])]).toEqual(['id', 'junjo.store.name', 'junjo.store.id', 'junjo.store.action', 'junjo.state_json_patch']);
    expect(first?.get('junjo.state_json_patch')).toMatch(/^\[\{"op": "replace", "path": /);
    expect(events.some((e) => e.attrs.get('junjo.state_json_patch') === '{}')).toBe(true);
    const storesOnSubflow = new Set(subflow.span.events?.map((e) => e.attributes?.find((kv) => kv.key === 'junjo.store.id')?.value.stringValue));
    expect(storesOnSubflow.size).toBe(2);
  });

  it('puts an LLM CLIENT span with GenAI attributes under CreateJokeNode', () => {
    const llm = one(g1, 'chat gpt-4o');
    expect(parentOf(g1, llm)?.span.name).toBe('CreateJokeNode');
    expect(llm.span.kind).toBe(3);
    expect(llm.attrs.get('gen_ai.operation.name')).toBe('chat');
    expect(llm.attrs.get('gen_ai.usage.output_tokens')).toBeGreaterThan(0);
  });
});
