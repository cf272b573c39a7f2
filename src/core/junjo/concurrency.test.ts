import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { analyzeConcurrency } from './concurrency.ts';
import { decodeTrace, g1ExampleSpecs, indexOfName, MS, traceOf, WORKFLOW_FIXTURES, type SpanSpec } from './junjo-test-traces.ts';
import { collectStateEvents } from './state-events.ts';
import { replayAllStores } from './state-replay.ts';
import { findWorkflowRuns } from './workflow-runs.ts';
import type { Trace } from '../model/trace.ts';

function groups(t: Trace) {
  const { runs, index } = findWorkflowRuns(t);
  const stores = replayAllStores(t, runs, collectStateEvents(t, runs, index.ownerRun));
  return analyzeConcurrency(t, index.junjoParent, stores);
}

test('run_concurrent fixture: overlap, union and efficiency; one writer is no race', async () => {
  const t = await decodeTrace(readFileSync(`${WORKFLOW_FIXTURES}/run_concurrent_success.json`, 'utf8'));
  const [g] = groups(t);
  const base = t.spans[0]!.start;
  expect(g?.name).toBe('fanout');
  expect(g?.children.map((i) => t.spans[i]?.name)).toEqual(['branch_a', 'branch_b']);
  // branch_a 140–250 ms, branch_b 150–260 ms, fanout 100–320 ms.
  expect(g?.overlap).toEqual({ start: base + 150 * MS, end: base + 250 * MS });
  expect(g?.union).toEqual({ start: base + 140 * MS, end: base + 260 * MS });
  expect(g?.efficiency).toBeCloseTo(220 / 220, 6);
  expect(g?.races).toEqual([]);
});

test('G1 example: three children write /counter — a possible race', () => {
  const t = traceOf(g1ExampleSpecs());
  const [g] = groups(t);
  expect(g?.children).toHaveLength(3);
  // Children 80–150, 80–160, 85–170 ms in a 70–200 ms group: (70+80+85) / 130.
  expect(g?.efficiency).toBeCloseTo(235 / 130, 6);
  expect(g?.overlap).toEqual({ start: 85 * MS, end: 150 * MS });
  expect(g?.races).toEqual([{
    storeId: 'store-wf', path: '/counter',
    writers: ['IncrementNode', 'DecrementNode', 'AddTenNode'].map((name) => expect.objectContaining({ childSpanIndex: indexOfName(t, name), paths: ['/counter'] })),
  }]);
});

test('sequential children have no overlap window', () => {
  const t = traceOf([
    { id: 'rc', start: 0, end: 100, attrs: { 'junjo.span_type': 'run_concurrent', 'junjo.id': 'rc' } },
    { id: 'a', parent: 'rc', start: 0, end: 40, attrs: { 'junjo.span_type': 'node', 'junjo.id': 'a' } },
    { id: 'b', parent: 'rc', start: 50, end: 100, attrs: { 'junjo.span_type': 'node', 'junjo.id': 'b' } },
  ]);
  const [g] = groups(t);
  expect(g?.overlap).toBeNull();
  expect(g?.efficiency).toBeCloseTo(0.9, 6);
});

test('an RC with 150k children does not overflow the stack (no Math.max(...spread))', () => {
  const specs: SpanSpec[] = [{ id: 'rc', start: 0, end: 1000, attrs: { 'junjo.span_type': 'run_concurrent', 'junjo.id': 'rc' } }];
  for (let i = 0; i < 150_000; i++) specs.push({ id: `c${i}`, parent: 'rc', start: 1 + (i % 10), end: 500 + (i % 7), attrs: { 'junjo.span_type': 'node' } });
  const t = traceOf(specs);
  const { index } = findWorkflowRuns(t);
  const [g] = analyzeConcurrency(t, index.junjoParent, []);
  expect(g?.children).toHaveLength(150_000);
  expect(g?.union).toEqual({ start: 1 * MS, end: 506 * MS });
  expect(g?.overlap).toEqual({ start: 10 * MS, end: 500 * MS });
});

test('many RC spans (a loop): 20k groups of one child each are all measured (speed is for npm run bench)', () => {
  const specs: SpanSpec[] = [];
  for (let i = 0; i < 20_000; i++) {
    specs.push({ id: `rc${i}`, start: i * 10, end: i * 10 + 9, attrs: { 'junjo.span_type': 'run_concurrent' } });
    specs.push({ id: `c${i}`, parent: `rc${i}`, start: i * 10 + 1, end: i * 10 + 8, attrs: { 'junjo.span_type': 'node' } });
  }
  const t = traceOf(specs);
  const { index } = findWorkflowRuns(t);
  const groups = analyzeConcurrency(t, index.junjoParent, []);
  expect(groups).toHaveLength(20_000);
  expect(groups.every((g) => g.children.length === 1)).toBe(true);
});
