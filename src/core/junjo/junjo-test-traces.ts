/**
 * Test-only builders (imported by *.test.ts only): decoded fixture traces, small Junjo span trees, and
 * the G1 (legacy) version of formats.md §3.1's base example, which has no fixture anywhere.
 * No node: imports here (tests read files and pass the text in).
 */
import type { Attribute } from '../model/attributes.ts';
import type { SpanRecord } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';
import { decodeInput } from '../formats/decode-input.ts';
import { buildTraces } from '../trace/build-traces.ts';
import { makeSpanRecord, spanIdOf } from '../trace/test-spans.ts';

export const WORKFLOW_FIXTURES = 'fixtures/junjo/workflow';
export const MS = 1_000_000;

export async function decodeTrace(text: string): Promise<Trace> {
  const outcome = await decodeInput(text);
  if (!outcome.ok) throw new Error(`decode failed: ${outcome.error.message}`);
  const [trace] = buildTraces(outcome.result.spans);
  if (!trace) throw new Error('no trace');
  return trace;
}

export type Plain = string | number | boolean;
const attrsOf = (entries: Record<string, Plain>): Attribute[] =>
  Object.entries(entries).map(([key, v]) => ({
    key,
    value: typeof v === 'string' ? { type: 'string', value: v } : typeof v === 'number' ? { type: 'int', value: BigInt(v) } : { type: 'bool', value: v },
  }));

export interface SpanSpec {
  readonly id: string;
  readonly parent?: string;
  readonly name?: string;
  /** ms from the test epoch. */
  readonly start: number;
  readonly end: number;
  readonly attrs?: Record<string, Plain>;
  readonly events?: readonly { readonly at: number; readonly attrs: Record<string, Plain>; readonly name?: string }[];
  readonly dropped?: number;
  readonly error?: boolean;
}

/** SpanRecords from readable specs: ids are mapped to hex span ids in order of appearance. */
function recordsOf(specs: readonly SpanSpec[], idBase = 0x1000): SpanRecord[] {
  const ids = new Map(specs.map((s, i) => [s.id, spanIdOf(idBase + i + 1)]));
  return specs.map((s) =>
    makeSpanRecord({
      spanId: ids.get(s.id),
      parentSpanId: s.parent ? (ids.get(s.parent) ?? null) : null,
      name: s.name ?? s.id,
      start: Math.round(s.start * MS),
      end: Math.round(s.end * MS),
      attributes: attrsOf(s.attrs ?? {}),
      events: (s.events ?? []).map((e) => ({ name: e.name ?? 'set_state', at: Math.round(e.at * MS), attributes: attrsOf(e.attrs) })),
      droppedEventsCount: s.dropped ?? 0,
      status: s.error ? { code: 'error', message: 'boom' } : { code: 'unset', message: '' },
    }),
  );
}

export const traceOf = (specs: readonly SpanSpec[]): Trace => buildTraces(recordsOf(specs))[0] as Trace;

/** The formats.md §3.1 ids. */
export const V1 = {
  count: 'Vh3kQ9bX2mLp7RtY0aZcE', final: 'pN8sW1dF4gHj6KlM2qRtU', rc: 'cR7uV3xZ9aB1nD5fG8hJk',
  inc: 'iN2cR4eM6eN8tO0dE1aBc', dec: 'dE3cR5eM7eN9tO1dE2fGh', add: 'aD4dT6eN8nO0dE2xY3zQw',
  sub: 'sB5fL7wS9uB1fL3oW4xYz', joke: 'jK9oK1eN3oD5eP7aR8sTa', fact: 'fC0aC2tN4oD6eP8aR9sTb',
  exact: 'eX6aC8tP0aT2hN4oD5eQr', even: 'eV7eN9pA1tH3nO5dE6sTu', odd: 'oD8dP0aT2hN4oD6eN7vWx',
} as const;

const n = (id: string, type: string, more: Record<string, unknown> = {}) => ({ id, type, label: more.label ?? type, ...more });
const e = (source: string, target: string, i: number, condition: string | null = null, subflowId: string | null = null) => ({
  id: subflowId ? `subflow_${subflowId}_edge_${source}_${target}` : `edge_${source}_${target}_${i}`,
  source, target, condition, type: subflowId ? 'subflow' : 'explicit', subflowId,
});

/** formats.md §3.1, pretty-printed like the SDK. `dangling`: source/sink ids from a second build. */
export function v1ExampleGraph(dangling = true): string {
  const graph = {
    v: 1,
    nodes: [
      n(V1.count, 'CountItemsNode'), n(V1.final, 'FinalNode'),
      n(V1.rc, 'RunConcurrent', { label: 'Counter Nodes', isSubgraph: true, children: [V1.inc, V1.dec, V1.add] }),
      n(V1.inc, 'IncrementNode'), n(V1.dec, 'DecrementNode'), n(V1.add, 'AddTenNode'),
      n(V1.sub, 'SampleSubflow', { isSubflow: true, subflowSourceId: dangling ? 'qW1eR3tY5uI7oP9aS0dFg' : V1.joke, subflowSinkId: dangling ? 'zX2cV4bN6mA8sD0fG1hJk' : V1.fact }),
      n(V1.joke, 'CreateJokeNode'), n(V1.fact, 'CreateFactNode'),
      n(V1.exact, 'ExactPathNode'), n(V1.even, 'EvenPathNode'), n(V1.odd, 'OddPathNode'),
    ],
    edges: [
      e(V1.count, V1.rc, 0), e(V1.rc, V1.sub, 1), e(V1.sub, V1.exact, 2, 'MatchesCount(15)'), e(V1.sub, V1.even, 3, 'CounterIsEven()'),
      e(V1.sub, V1.odd, 4), e(V1.exact, V1.final, 5), e(V1.even, V1.final, 6), e(V1.odd, V1.final, 7),
      e(V1.joke, V1.fact, 8, null, V1.sub),
    ],
  };
  return JSON.stringify(graph, null, 2);
}

const patch = (path: string, value: unknown) => `[{"op": "replace", "path": "${path}", "value": ${JSON.stringify(value)}}]`;
const ev = (at: number, store: string, name: string, action: string, p: string, id = `ev-${action}-${at}`) =>
  ({ at, attrs: { id, 'junjo.store.name': name, 'junjo.store.id': store, 'junjo.store.action': action, 'junjo.state_json_patch': p } });

/**
 * The §4 run in G1: HTTP span → demo_base_workflow with the §3.1 graph; the subflow's internal spans carry
 * ids of a second build (they match the subflow's own graph, not the parent's). `p` prefixes ids so
 * two runs can share a trace.
 */
export function g1ExampleSpecs(p = '', t0 = 0, withHttp = true): SpanSpec[] {
  const wfStore = `${p}store-wf`;
  const subStore = `${p}store-sub`;
  const items = ['apple', 'banana', 'cherry'];
  const W = `${p}W`;
  const g1 = (id: string, type: string, parent: string | null) => ({ 'junjo.span_type': type, 'junjo.id': id, ...(parent ? { 'junjo.parent_id': parent } : {}) });
  const innerJoke = 'jOkE2ndBuild000000000';
  const innerFact = 'fAcT2ndBuild000000000';
  const subGraph = JSON.stringify({ v: 1, nodes: [n(innerJoke, 'CreateJokeNode'), n(innerFact, 'CreateFactNode')], edges: [e(innerJoke, innerFact, 0)] }, null, 2);
  const specs: SpanSpec[] = [
    ...(withHttp ? [{ id: `${p}http`, name: 'POST /jokes', start: t0, end: t0 + 1000, attrs: { 'http.method': 'POST' } }] : []),
    {
      id: W, parent: withHttp ? `${p}http` : undefined, name: 'demo_base_workflow', start: t0 + 10, end: t0 + 900,
      attrs: {
        ...g1('wfObj00000000000000AA', 'workflow', null), 'junjo.workflow.graph_structure': v1ExampleGraph(),
        'junjo.workflow.store.id': wfStore, 'junjo.workflow.node.count': 8,
        'junjo.workflow.state.start': JSON.stringify({ items, counter: 0, joke: null, fact: null }),
        'junjo.workflow.state.end': JSON.stringify({ items, counter: 13, joke: 'J', fact: 'F' }),
      },
    },
    { id: `${p}count`, parent: W, name: 'CountItemsNode', start: t0 + 20, end: t0 + 60, attrs: g1(V1.count, 'node', 'wfObj00000000000000AA'), events: [ev(t0 + 30, wfStore, 'DemoState', 'set_counter', patch('/counter', 3))] },
    { id: `${p}rc`, parent: W, name: 'Counter Nodes', start: t0 + 70, end: t0 + 200, attrs: g1(V1.rc, 'run_concurrent', 'wfObj00000000000000AA') },
    { id: `${p}inc`, parent: `${p}rc`, name: 'IncrementNode', start: t0 + 80, end: t0 + 150, attrs: g1(V1.inc, 'node', V1.rc), events: [ev(t0 + 100, wfStore, 'DemoState', 'increment', patch('/counter', 4))] },
    { id: `${p}dec`, parent: `${p}rc`, name: 'DecrementNode', start: t0 + 80, end: t0 + 160, attrs: g1(V1.dec, 'node', V1.rc), events: [ev(t0 + 100, wfStore, 'DemoState', 'decrement', patch('/counter', 3))] },
    { id: `${p}add`, parent: `${p}rc`, name: 'AddTenNode', start: t0 + 85, end: t0 + 170, attrs: g1(V1.add, 'node', V1.rc), events: [ev(t0 + 120, wfStore, 'DemoState', 'add_ten', patch('/counter', 13))] },
    {
      id: `${p}sub`, parent: W, name: 'SampleSubflow', start: t0 + 210, end: t0 + 500,
      attrs: {
        ...g1(V1.sub, 'subflow', 'wfObj00000000000000AA'), 'junjo.workflow.graph_structure': subGraph,
        'junjo.workflow.store.id': subStore, 'junjo.workflow.parent_store.id': wfStore, 'junjo.workflow.node.count': 2,
        'junjo.workflow.state.start': JSON.stringify({ items: [], joke: null, fact: null }),
        'junjo.workflow.state.end': JSON.stringify({ items, joke: 'J', fact: 'F' }),
      },
      events: [
        ev(t0 + 215, subStore, 'SubState', 'set_items', patch('/items', items)),
        ev(t0 + 490, wfStore, 'DemoState', 'set_joke', patch('/joke', 'J')),
        ev(t0 + 495, wfStore, 'DemoState', 'set_fact', patch('/fact', 'F')),
      ],
    },
    { id: `${p}joke`, parent: `${p}sub`, name: 'CreateJokeNode', start: t0 + 220, end: t0 + 300, attrs: g1(innerJoke, 'node', V1.sub), events: [ev(t0 + 290, subStore, 'SubState', 'set_joke', patch('/joke', 'J'))] },
    { id: `${p}llm`, parent: `${p}joke`, name: 'chat gpt-4o', start: t0 + 230, end: t0 + 280, attrs: { 'gen_ai.system': 'openai' } },
    { id: `${p}fact`, parent: `${p}sub`, name: 'CreateFactNode', start: t0 + 310, end: t0 + 400, attrs: g1(innerFact, 'node', V1.sub), events: [ev(t0 + 390, subStore, 'SubState', 'set_fact', patch('/fact', 'F'))] },
    { id: `${p}odd`, parent: W, name: 'OddPathNode', start: t0 + 510, end: t0 + 560, attrs: g1(V1.odd, 'node', 'wfObj00000000000000AA') },
    { id: `${p}final`, parent: W, name: 'FinalNode', start: t0 + 570, end: t0 + 600, attrs: g1(V1.final, 'node', 'wfObj00000000000000AA'), events: [ev(t0 + 580, wfStore, 'DemoState', 'touch', '{}')] },
  ];
  return specs;
}

/** Index of the span built from spec id `id` (names are unique within one builder call). */
export function indexOfName(trace: Trace, name: string, nth = 0): number {
  const found = trace.spans.filter((s) => s.name === name);
  const span = found[nth];
  if (!span) throw new Error(`no span named ${name}`);
  return span.index;
}
