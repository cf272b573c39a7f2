import { describe, expect, test } from 'vitest';
import { traceOf, type SpanSpec } from './junjo-test-traces.ts';
import { collectStateEvents } from './state-events.ts';
import { replayAllStores, type StoreTimeline } from './state-replay.ts';
import { keyHistory, stateAt } from './state-timeline.ts';
import { findWorkflowRuns } from './workflow-runs.ts';
import type { Trace } from '../model/trace.ts';

function replay(t: Trace, checkpointEvery?: number): StoreTimeline {
  const { runs, index } = findWorkflowRuns(t);
  return replayAllStores(t, runs, collectStateEvents(t, runs, index.ownerRun), checkpointEvery ? { checkpointEvery } : {})[0] as StoreTimeline;
}

/** Deterministic pseudo-random numbers (tests must not flake). */
function rng(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('a 1 MB state with 10,000 transitions', () => {
  const keys = 1000;
  const start: Record<string, string | number> = {};
  for (let k = 0; k < keys; k++) start[`k${k}`] = 'x'.repeat(1000);
  const random = rng(7);
  const patches: string[] = [];
  const expected: Record<string, string | number>[] = [{ ...start }];
  let current = { ...start };
  for (let i = 0; i < 10_000; i++) {
    const key = `k${Math.floor(random() * keys)}`;
    const value = i;
    current = { ...current, [key]: value };
    expected.push(current);
    patches.push(JSON.stringify([{ op: 'replace', path: `/${key}`, value }]));
  }
  const startText = JSON.stringify(start);
  const endText = JSON.stringify(current);
  const events = patches.map((patch, i) => ({ at: 1 + i / 1000, attrs: { 'junjo.store.id': 's', 'junjo.store.action': 'step', 'junjo.state_json_patch': patch } }));
  const specs: SpanSpec[] = [
    { id: 'w', start: 0, end: 100, attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'w', 'junjo.workflow.store.id': 's', 'junjo.workflow.state.start': startText, 'junjo.workflow.state.end': endText } },
    { id: 'n', parent: 'w', start: 0.5, end: 99, attrs: { 'junjo.span_type': 'node', 'junjo.id': 'n' }, events },
  ];
  const timeline = replay(traceOf(specs));

  test('the start state is about 1 MB', () => expect(startText.length).toBeGreaterThan(1_000_000));
  test('replays all and matches state.end; checkpoints are sparse, not one per step', () => {
    expect(timeline).toMatchObject({ status: 'complete', verified: 'match', appliedCount: 10_000 });
    expect(timeline.checkpoints.length).toBeLessThan(100);
    expect(timeline.checkpointEvery).toBeGreaterThan(100);
    expect(stateAt(timeline, 10_000)).toEqual(current);
  });
  test('stateAt at random steps equals the reference', () => {
    const pick = rng(99);
    for (let i = 0; i < 25; i++) {
      const step = Math.floor(pick() * 10_001);
      expect(stateAt(timeline, step)).toEqual(expected[step]);
    }
    expect(stateAt(timeline, 0)).toEqual(start);
    expect(stateAt(timeline, timeline.checkpointEvery)).toEqual(expected[timeline.checkpointEvery]);
    expect(stateAt(timeline, timeline.checkpointEvery - 1)).toEqual(expected[timeline.checkpointEvery - 1]);
  });
  test('stateAt returns a copy the caller may change', () => {
    const s = stateAt(timeline, 5) as Record<string, unknown>;
    s.k0 = 'mutated';
    expect((stateAt(timeline, 5) as Record<string, unknown>).k0).toEqual(expected[5]?.k0);
  });
});

describe('keyHistory', () => {
  const ev = (at: number, patch: unknown[], action: string) => ({ at, attrs: { 'junjo.store.id': 's', 'junjo.store.action': action, 'junjo.state_json_patch': JSON.stringify(patch) } });
  const t = traceOf([
    { id: 'w', start: 0, end: 100, attrs: { 'junjo.span_type': 'workflow', 'junjo.id': 'w', 'junjo.workflow.store.id': 's', 'junjo.workflow.state.start': '{"user":{"name":"a","age":1},"other":0}' } },
    { id: 'n', parent: 'w', start: 1, end: 99, attrs: { 'junjo.span_type': 'node', 'junjo.id': 'n' }, events: [
      ev(2, [{ op: 'replace', path: '/user/name', value: 'b' }], 'rename'),
      ev(3, [{ op: 'replace', path: '/other', value: 1 }], 'other'),
      ev(4, [{ op: 'replace', path: '/user', value: { name: 'c' } }], 'reset_user'),
      ev(5, [{ op: 'remove', path: '/user/name' }], 'forget'),
    ] },
  ]);
  const timeline = replay(t, 2);
  test('lists changes of the path, its ancestors and its descendants, with old → new', () => {
    const h = keyHistory(timeline, '/user/name');
    expect(h.map((c) => [c.step, c.action, c.before, c.after, c.changed])).toEqual([
      [1, 'rename', { exists: true, value: 'a' }, { exists: true, value: 'b' }, true],
      [3, 'reset_user', { exists: true, value: 'b' }, { exists: true, value: 'c' }, true],
      [4, 'forget', { exists: true, value: 'c' }, { exists: false }, true],
    ]);
    expect(keyHistory(timeline, '/user').map((c) => c.step)).toEqual([1, 3, 4]);
    expect(keyHistory(timeline, '/other').map((c) => c.step)).toEqual([2]);
    expect(keyHistory(timeline, 'no-slash')).toEqual([]);
  });
});
