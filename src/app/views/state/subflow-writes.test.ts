import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJunjo, type JunjoFound } from '../../../core/junjo/analyze-junjo.ts';
import { decodeInput } from '../../../core/formats/decode-input.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { buildTraces } from '../../../core/trace/build-traces.ts';
import { outlineOf } from '../../../core/junjo/junjo-outline.ts';
import { buildStoreOutline, storeStatusLabel } from './store-tree.ts';
import { crossStoreWrite } from './subflow-writes.ts';

async function load(name: string): Promise<{ trace: Trace; analysis: JunjoFound }> {
  const outcome = await decodeInput(readFileSync(new URL(`../../../../public/samples/${name}`, import.meta.url), 'utf8'));
  if (!outcome.ok) throw new Error(outcome.error.message);
  const trace = buildTraces(outcome.result.spans)[0]!;
  const analysis = analyzeJunjo(trace);
  if (analysis.kind !== 'junjo') throw new Error('not a Junjo trace');
  return { trace, analysis };
}
const sample = async (name: string): Promise<JunjoFound> => (await load(name)).analysis;

describe.each(['junjo-g1-legacy.json', 'junjo-g3-contract-v2.json'])('%s', (file) => {
  it('finds the subflow post-run writes to the parent store, and only those', async () => {
    const analysis = await sample(file);
    const parent = analysis.stores.find((s) => s.parentStoreId === null)!;
    const crossing = parent.transitions.filter((t) => crossStoreWrite(analysis, t) !== null).map((t) => t.action);
    expect(crossing).toEqual(['set_joke', 'set_fact']);
    const write = crossStoreWrite(analysis, parent.transitions[4]!);
    expect(write).toMatchObject({ subflowName: 'SampleSubflow', toParent: true });
    const sub = analysis.stores.find((s) => s.parentStoreId !== null)!;
    // The subflow's pre-run write to its own store is not a cross-store write.
    expect(sub.transitions.map((t) => crossStoreWrite(analysis, t))).toEqual([null, null, null]);
  });

  it('outlines stores by run with the subflow nested', async () => {
    const { trace, analysis } = await load(file);
    const { groups, orphans } = buildStoreOutline(outlineOf(analysis), trace.spans);
    expect(orphans).toEqual([]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.stores.map((s) => s.storeName)).toEqual(['SampleWorkflowStore']);
    expect(groups[0]!.children.map((g) => [g.kind, g.name, g.stores.length])).toEqual([['subflow', 'SampleSubflow', 1]]);
    // A single run needs no number.
    expect(groups[0]!.title).toMatch(/^demo_base_workflow · \+/);
    expect(groups[0]!.children[0]!.title).toBe('SampleSubflow');
    expect(storeStatusLabel(groups[0]!.stores[0]!)).toBe('verified');
  });
});

describe('two runs in one trace', () => {
  it('gives each run its own group, numbered like the graph\'s run picker', async () => {
    const { trace, analysis } = await load('junjo-g1-two-runs.json');
    const { groups } = buildStoreOutline(outlineOf(analysis), trace.spans);
    expect(groups.map((g) => g.stores[0]?.transitionCount)).toEqual([14, 12]);
    expect(groups[0]!.title).toMatch(/^Run 1 · demo_base_workflow · \+\d/);
    expect(groups[1]!.title).toMatch(/^Run 2 · demo_base_workflow · \+\d/);
  });
});
