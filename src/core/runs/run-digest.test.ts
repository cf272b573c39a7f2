import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeInput } from '../formats/decode-input.ts';
import { buildTraces } from '../trace/build-traces.ts';
import type { Trace } from '../model/trace.ts';
import { digestTrace } from './run-digest.ts';
import { summarizeRuns } from './summarize-runs.ts';

async function sample(name: string): Promise<Trace> {
  const outcome = await decodeInput(readFileSync(`public/samples/${name}.json`));
  if (!outcome.ok) throw new Error(outcome.error.message);
  return buildTraces(outcome.result.spans)[0]!;
}

describe('digestTrace on the samples', () => {
  test('two runs in one trace: each run on its own, loops counted per execution, edges per run', async () => {
    const trace = await sample('junjo-g1-two-runs');
    const { runs, reason } = digestTrace(trace, 'demo_base_workflow');
    expect(reason).toBeUndefined();
    expect(runs).toHaveLength(2);
    const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(first.version).toBe(second.version);
    expect(first.nodes['RefineNode:RefineNode']!.durations).toHaveLength(3);
    expect(second.nodes['RefineNode:RefineNode']!.durations).toHaveLength(2);
    expect(first.nodes['OddPathNode:OddPathNode']).toBeDefined();
    expect(second.nodes['OddPathNode:OddPathNode']).toBeUndefined();
    expect(first.edges['RefineNode:RefineNode→RefineNode:RefineNode']).toBe(2);
    expect(second.edges['RefineNode:RefineNode→RefineNode:RefineNode']).toBe(1);
    const group = summarizeRuns(runs).groups[0]!;
    expect(group.nodes['RefineNode:RefineNode']).toMatchObject({ runs: 2, executions: 5 });
    expect(group.edges['SampleSubflow:SampleSubflow→EvenPathNode:EvenPathNode']).toMatchObject({ runs: 1, taken: 1 });
  });

  test('G3: the ok and the failed run share a graph version (structural id); failures count per node', async () => {
    const ok = digestTrace(await sample('junjo-g3-contract-v2')).runs[0]!;
    const failed = digestTrace(await sample('junjo-g3-failure')).runs[0]!;
    expect(ok.version).toBe(failed.version);
    expect(ok.version).toMatch(/^graph_/);
    expect(failed.status).toBe('error');
    const summary = summarizeRuns([ok, failed]);
    expect(summary.groups).toHaveLength(1);
    const failing = Object.values(summary.groups[0]!.nodes).filter((node) => node.failed > 0);
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((node) => node.failureRate === 0.5)).toBe(true);
  });

  test('a trace without the workflow says why', async () => {
    expect(digestTrace(await sample('plain-http-service')).reason).toBe('it holds no Junjo workflow run');
    expect(digestTrace(await sample('junjo-g3-debugging'), 'demo_base_workflow').reason).toBe('it holds no run of the workflow "demo_base_workflow"');
  });
});
