import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { analyzeConcurrency } from './concurrency.ts';
import { decodeTrace, g1ExampleSpecs, indexOfName, MS, traceOf, WORKFLOW_FIXTURES } from './junjo-test-traces.ts';
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
