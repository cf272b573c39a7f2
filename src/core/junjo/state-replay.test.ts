import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeTrace, g1ExampleSpecs, traceOf, WORKFLOW_FIXTURES, type SpanSpec } from './junjo-test-traces.ts';
import { collectStateEvents } from './state-events.ts';
import { replayAllStores, type StoreTimeline } from './state-replay.ts';
import { stateAt } from './state-timeline.ts';
import type { Trace } from '../model/trace.ts';
import { findWorkflowRuns } from './workflow-runs.ts';

function replay(t: Trace): StoreTimeline[] {
  const { runs, index } = findWorkflowRuns(t);
  return replayAllStores(t, runs, collectStateEvents(t, runs, index.ownerRun));
}
const byId = (stores: StoreTimeline[], id: string) => stores.find((s) => s.storeId === id) as StoreTimeline;

describe('G3 fixtures replay and verify against state.end', () => {
  const files = readdirSync(WORKFLOW_FIXTURES).filter((f) => f.endsWith('.json'));
  test('there are four workflow fixtures', () => expect(files).toHaveLength(4));
  test.each(files)('%s', async (file) => {
    const t = await decodeTrace(readFileSync(`${WORKFLOW_FIXTURES}/${file}`, 'utf8'));
    const stores = replay(t);
    expect(stores.length).toBeGreaterThan(0);
    for (const s of stores) {
      expect(s.status).toBe('complete');
      expect(s.verified).toBe('match');
      expect(s.issues).toEqual([]);
      expect(s.orderedBy).toBe(s.transitions.length > 0 ? 'sequence' : 'time');
    }
  });
  test('basic: "[]" is a no-op step, then /output becomes HELLO', async () => {
    const t = await decodeTrace(readFileSync(`${WORKFLOW_FIXTURES}/basic_workflow_success.json`, 'utf8'));
    const [s] = replay(t);
    expect(s?.transitions.map((x) => [x.step, x.action, x.sequence, x.revisionBefore, x.revisionAfter, x.paths])).toEqual([
      [1, 'set_input', 1, 0, 0, []], [2, 'set_output', 2, 0, 1, ['/output']],
    ]);
    expect(stateAt(s as StoreTimeline, 1)).toEqual({ input: 'hello', output: null });
    expect(stateAt(s as StoreTimeline, 2)).toEqual({ input: 'hello', output: 'HELLO' });
  });
  test('subflow: the child store links its parent store, which has no transitions', async () => {
    const t = await decodeTrace(readFileSync(`${WORKFLOW_FIXTURES}/subflow_with_parent_store.json`, 'utf8'));
    const stores = replay(t);
    expect(byId(stores, 'store-subflow-child-01')).toMatchObject({ parentStoreId: 'store-subflow-parent-01', storeName: 'ChildSubflowState' });
    expect(byId(stores, 'store-subflow-parent-01').transitions).toEqual([]);
  });
});

describe('G1 (§3.1/§4 example)', () => {
  const stores = replay(traceOf(g1ExampleSpecs()));
  test('events are grouped by store, not span: the subflow span writes both stores', () => {
    const wf = byId(stores, 'store-wf');
    const sub = byId(stores, 'store-sub');
    expect(wf.transitions.map((x) => x.action)).toEqual(['set_counter', 'increment', 'decrement', 'add_ten', 'set_joke', 'set_fact', 'touch']);
    expect(sub.transitions.map((x) => x.action)).toEqual(['set_items', 'set_joke', 'set_fact']);
    expect(wf.transitions[4]?.spanName).toBe('SampleSubflow');
    expect(sub.transitions[0]?.spanName).toBe('SampleSubflow');
  });
  test('replays by time, verifies against state.end, and flags the tie', () => {
    const wf = byId(stores, 'store-wf');
    expect(wf).toMatchObject({ orderedBy: 'time', status: 'complete', verified: 'match', appliedCount: 7 });
    expect(wf.issues).toEqual([expect.objectContaining({ kind: 'approximate-order', message: 'Order of concurrent updates is approximate' })]);
    expect(byId(stores, 'store-sub')).toMatchObject({ verified: 'match', issues: [] });
    expect(wf.transitions[6]?.ops).toEqual([]);
  });
});

const W = (extra: Record<string, string | number | boolean> = {}): SpanSpec => ({
  id: 'w', start: 0, end: 100,
  attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'w', 'junjo.workflow.store.id': 's', 'junjo.workflow.state.start': '{"a":0,"list":[]}', 'junjo.workflow.state.end': '{"a":3,"list":[]}', ...extra },
});
const ev = (at: number, patch: string, more: Record<string, string | number> = {}) => ({ at, attrs: { 'junjo.store.id': 's', 'junjo.store.action': `act${at}`, 'junjo.state_json_patch': patch, ...more } });
const setA = (v: number) => `[{"op":"replace","path":"/a","value":${v}}]`;
const node = (id: string, start: number, events: SpanSpec['events'], dropped = 0): SpanSpec => ({ id, parent: 'w', start, end: start + 9, attrs: { 'junjo.span_type': 'node', 'junjo.id': id }, events, dropped });

describe('bad data', () => {
  test('a patch that fails stops the replay there and keeps everything before', () => {
    const [s] = replay(traceOf([W(), node('n1', 10, [ev(11, setA(1)), ev(12, '[{"op":"remove","path":"/missing"}]'), ev(13, setA(3))])]));
    expect(s).toMatchObject({ status: 'stopped', appliedCount: 1, verified: 'not-checked' });
    expect(s?.issues).toEqual([expect.objectContaining({ kind: 'patch-failed', step: 2, code: 'invalid_state_patch' })]);
    expect(s?.issues[0]?.message).toContain('Transition 2 (act12 on "n1") could not be applied');
    expect(stateAt(s as StoreTimeline, 99)).toEqual({ a: 1, list: [] });
  });
  test('missing start state: nothing replayed, and it says why', () => {
    const { 'junjo.workflow.state.start': _dropped, ...attrs } = W().attrs ?? {};
    const [s] = replay(traceOf([{ ...W(), attrs }, node('n1', 10, [ev(11, setA(1))])]));
    expect(s).toMatchObject({ status: 'not-replayed', appliedCount: 0 });
    expect(s?.issues[0]).toMatchObject({ kind: 'missing-start-state' });
    expect(s && stateAt(s, 1)).toBeUndefined();
  });
  test('events of a store no span declares: missing start state', () => {
    const stores = replay(traceOf([W(), node('n1', 10, [ev(11, setA(1), { 'junjo.store.id': 'ghost' })])]));
    expect(byId(stores, 'ghost').issues[0]?.message).toContain('No workflow or subflow span declares store ghost');
  });
  test('"{}" and "[]" patches are no-ops', () => {
    const [s] = replay(traceOf([W({ 'junjo.workflow.state.end': '{"a":3,"list":[]}' }), node('n1', 10, [ev(11, '{}'), ev(12, '[]'), ev(13, setA(3))])]));
    expect(s).toMatchObject({ status: 'complete', verified: 'match', appliedCount: 3 });
    expect(s?.transitions.map((x) => x.ops.length)).toEqual([0, 0, 1]);
  });
  test('dropped events: stop before the affected span, with the §5 message', () => {
    const [s] = replay(traceOf([W(), node('n1', 10, [ev(11, setA(1))]), node('n2', 20, [ev(21, setA(2)), ev(22, setA(3))], 5)]));
    expect(s).toMatchObject({ status: 'stopped', appliedCount: 1, verified: 'not-checked' });
    expect(s?.issues).toEqual([expect.objectContaining({ kind: 'updates-missing', missing: 5, fromStep: 2, cause: 'dropped-events' })]);
    expect(s?.issues[0]?.message).toBe('5 state updates missing (SDK limit, 128 events per span); history incomplete from step 2; start and end are exact.');
  });
  const g3 = (extra: Record<string, string | number | boolean> = {}) => W({ 'junjo.telemetry.contract_version': 2, 'junjo.store.revision.start': 0, 'junjo.store.revision.end': 3, 'junjo.store.transition.count': 3, ...extra });
  const seq = (at: number, v: number, n: number, before: number, after: number) => ev(at, setA(v), { 'junjo.store.transition.sequence': n, 'junjo.store.revision.before': before, 'junjo.store.revision.after': after });
  test('G3: orders by sequence even when times disagree, and checks the revision chain', () => {
    const [s] = replay(traceOf([g3(), node('n1', 10, [seq(15, 3, 3, 2, 3), seq(11, 1, 1, 0, 1), seq(12, 2, 2, 1, 2)])]));
    expect(s).toMatchObject({ orderedBy: 'sequence', status: 'complete', verified: 'match', issues: [] });
    const [broken] = replay(traceOf([g3(), node('n1', 10, [seq(11, 1, 1, 0, 1), seq(12, 2, 2, 5, 6), seq(13, 3, 3, 6, 3)])]));
    expect(broken?.issues).toEqual([expect.objectContaining({ kind: 'revision-chain', step: 2 })]);
  });
  test('G3: a sequence gap stops the replay; transition.count above events found is reported', () => {
    const [s] = replay(traceOf([g3({ 'junjo.store.transition.count': 4 }), node('n1', 10, [seq(11, 1, 1, 0, 1), seq(13, 3, 3, 2, 3), seq(14, 3, 4, 3, 3)])]));
    expect(s).toMatchObject({ status: 'stopped', appliedCount: 1 });
    expect(s?.issues).toEqual([expect.objectContaining({ kind: 'updates-missing', missing: 1, fromStep: 2, cause: 'sequence-gap' })]);
  });
  test('G3: a non-full patch is not replayed; a non-full start state stops everything', () => {
    const [s] = replay(traceOf([g3(), node('n1', 10, [seq(11, 1, 1, 0, 1), { ...seq(12, 2, 2, 1, 2), attrs: { ...seq(12, 2, 2, 1, 2).attrs, 'junjo.state_json_patch.mode': 'redacted' } }])]));
    expect(s?.appliedCount).toBe(1);
    expect(s?.issues.find((i) => i.kind === 'not-full-payload')?.message).toContain('"redacted"');
    const [t] = replay(traceOf([g3({ 'junjo.workflow.state.start.mode': 'excluded' }), node('n1', 10, [seq(11, 1, 1, 0, 1)])]));
    expect(t).toMatchObject({ status: 'not-replayed', issues: [expect.objectContaining({ kind: 'not-full-payload', mode: 'excluded' })] });
  });
  test('replay ≠ end although reconstructable: "State history could not be verified"', () => {
    const [s] = replay(traceOf([g3({ 'junjo.store.reconstructable': true, 'junjo.store.transition.count': 1, 'junjo.store.revision.end': 1 }), node('n1', 10, [seq(11, 1, 1, 0, 1)])]));
    expect(s?.verified).toBe('mismatch');
    expect(s?.issues).toEqual([expect.objectContaining({ kind: 'end-mismatch', path: '/a' })]);
    expect(s?.issues[0]?.message).toMatch(/^State history could not be verified/);
  });
  test('a patch cut by Tempo is unreadable: replay stops with the Tempo message', () => {
    const big = `[{"op":"replace","path":"/a","value":"${'x'.repeat(3000)}"}]`.slice(0, 2048);
    const [s] = replay(traceOf([W(), node('n1', 10, [ev(11, setA(1)), ev(12, big)])]));
    expect(s?.appliedCount).toBe(1);
    expect(s?.issues[0]).toMatchObject({ kind: 'unreadable-json', field: 'patch', step: 2 });
    expect(s?.issues[0]?.message).toContain('max_attribute_bytes');
  });
  test('G0: events without a store id are grouped by their workflow span', () => {
    const g0 = (id: string, start: number, events: SpanSpec['events']): SpanSpec[] => [
      { id, start, end: start + 50, attrs: { 'junjo.span_type': 'workflow', 'junjo.id': id, 'junjo.workflow.state.start': '{"a":0}', 'junjo.workflow.state.end': '{"a":1}' } },
      { id: `${id}-n`, parent: id, start: start + 1, end: start + 9, attrs: { 'junjo.span_type': 'node', 'junjo.id': `${id}-n` }, events },
    ];
    const evNoStore = (at: number) => ({ at, attrs: { 'junjo.node.id': 'nd', 'junjo.store.action': 'set', 'junjo.state_json_patch': setA(1) } });
    const stores = replay(traceOf([...g0('w1', 0, [evNoStore(2)]), ...g0('w2', 100, [evNoStore(102)])]));
    expect(stores.map((s) => [s.storeId, s.generation, s.verified, s.transitions.length])).toEqual([
      ['workflow-span:0', 'G0', 'match', 1], ['workflow-span:2', 'G0', 'match', 1],
    ]);
  });
});

describe('hostile nesting never throws (stack overflow in clone/compare/stringify)', () => {
  const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
  const wf = (start: string, patch: string): SpanSpec[] => [{
    id: 'W', start: 0, end: 10,
    attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'w', 'junjo.workflow.store.id': 's', 'junjo.workflow.state.start': start, 'junjo.workflow.state.end': start },
    events: [{ at: 1, attrs: { 'junjo.store.id': 's', 'junjo.state_json_patch': patch } }],
  }];
  test('a 20k-deep start state is reported, not thrown', () => {
    const [s] = replay(traceOf(wf(deep(20_000), '[]')));
    expect(s?.status).toBe('not-replayed');
    expect(s?.issues).toEqual([expect.objectContaining({ kind: 'unreadable-json', field: 'start' })]);
    expect(s?.issues[0]?.message).toMatch(/nested/);
  });
  test('a 20k-deep patch value stops the replay before that step', () => {
    const [s] = replay(traceOf(wf('{"x":0}', `[{"op":"add","path":"/y","value":${deep(20_000)}}]`)));
    expect(s?.status).toBe('stopped');
    expect(s?.appliedCount).toBe(0);
    expect(s?.issues).toEqual([expect.objectContaining({ kind: 'unreadable-json', field: 'patch', step: 1 })]);
  });
});

test('patches that nest the state deeper each step stop the replay instead of throwing', () => {
  const n = 6000;
  const events = Array.from({ length: n }, (_, i) => ({ at: 1 + i / 1000, attrs: { 'junjo.store.id': 's', 'junjo.state_json_patch': '[{"op":"copy","from":"","path":"/a"}]' } }));
  const t = traceOf([{
    id: 'W', start: 0, end: 10,
    attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'w', 'junjo.workflow.store.id': 's', 'junjo.workflow.state.start': '{}', 'junjo.workflow.state.end': '{}' },
    events,
  }]);
  const { runs, index } = findWorkflowRuns(t);
  const [s] = replayAllStores(t, runs, collectStateEvents(t, runs, index.ownerRun), { checkpointEvery: 1 });
  expect(s?.status).toBe('stopped');
  expect(s?.appliedCount).toBeLessThan(n);
  expect(s?.issues.at(-1)).toMatchObject({ kind: 'patch-failed', code: 'invalid_state_patch' });
}, 120_000); // heavy by design; a busy CI machine needs more than the default 30 s

test('G1/G2 time ties follow document order (the input), not the start order of the spans', () => {
  const node = (id: string, start: number, action: string, patch: string): SpanSpec => ({
    id, parent: 'w', start, end: start + 10,
    attrs: { 'junjo.span_type': 'node', 'junjo.id': id },
    events: [{ name: 'set_state', at: 50, attrs: { 'junjo.store.id': 's', 'junjo.store.action': action, 'junjo.state_json_patch': patch } }],
  });
  // "late" starts later but is listed first in the input; both write at the same instant.
  const t = traceOf([W({ 'junjo.workflow.state.end': '{"a":2,"list":[]}' }), node('late', 45, 'first-in-file', '[{"op":"replace","path":"/a","value":1}]'), node('early', 41, 'second-in-file', '[{"op":"replace","path":"/a","value":2}]')]);
  const [store] = replay(t);
  expect(store?.transitions.map((x) => x.action)).toEqual(['first-in-file', 'second-in-file']);
  expect(store).toMatchObject({ verified: 'match' });
  expect(store?.issues).toEqual([expect.objectContaining({ kind: 'approximate-order' })]);
});
