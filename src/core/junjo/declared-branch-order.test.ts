import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../formats/decode-input.ts';
import { epochNs } from '../model/time.ts';
import type { Trace } from '../model/trace.ts';
import { buildTraces } from '../trace/build-traces.ts';
import { computeVisibleRows } from '../trace/visible-rows.ts';
import { declaredChildren, declaredRowOrder, declaredRowOrderInSlices } from './declared-branch-order.ts';
import { analyzeJunjo } from './analyze-junjo.ts';
import { g1ExampleSpecs, indexOfName, MS, traceOf, type SpanSpec } from './junjo-test-traces.ts';

const rowNames = (trace: Trace, collapsed: ReadonlySet<number> = new Set()): string[] => {
  const { rows } = computeVisibleRows(trace, collapsed, undefined, declaredRowOrder(trace) ?? undefined);
  return Array.from(rows, (span) => trace.spans[span]!.name);
};

/** The §4 run in G1 with AddTen starting first (declared: Increment, Decrement, AddTen) and a call under AddTen. */
function addTenFirst(extra: SpanSpec[] = []): Trace {
  const specs = g1ExampleSpecs('', 0, false).map((spec) => (spec.name === 'AddTenNode' ? { ...spec, start: 72 } : spec));
  return traceOf([...specs, { id: 'add-call', parent: 'add', name: 'POST /add', start: 75, end: 90 }, ...extra]);
}

/** A fixture decoded, the span named `first` moved to start 1 ms before the earliest of its siblings. */
async function withEarlyStart(text: string, first: string): Promise<Trace> {
  const decoded = await decodeInput(text);
  if (!decoded.ok) throw new Error(decoded.error.message);
  const records = decoded.result.spans;
  const moved = records.find((record) => record.name === first)!;
  const siblings = records.filter((record) => record.parentSpanId === moved.parentSpanId);
  const earliest = siblings.reduce((min, record) => (record.startNs < min ? record.startNs : min), moved.startNs);
  const shift = moved.startNs - earliest + BigInt(MS);
  const shifted = records.map((record) => (record === moved ? { ...record, startNs: epochNs(record.startNs - shift) } : record));
  return buildTraces(shifted)[0]!;
}

const counterRows = (names: string[]) => names.filter((name) => /^(Counter Nodes|IncrementNode|DecrementNode|AddTenNode)$/.test(name));

describe('declaredRowOrder', () => {
  it('puts RunConcurrent branches in the declared order, each with its subtree, when they start in another order', () => {
    const trace = addTenFirst();
    const rc = indexOfName(trace, 'Counter Nodes');
    // The trace itself keeps start order.
    expect(trace.children[rc]!.map((i) => trace.spans[i]!.name)).toEqual(['AddTenNode', 'IncrementNode', 'DecrementNode']);
    expect(declaredChildren(trace, rc)!.map((i) => trace.spans[i]!.name)).toEqual(['IncrementNode', 'DecrementNode', 'AddTenNode']);
    const names = rowNames(trace);
    expect(names.slice(names.indexOf('Counter Nodes'), names.indexOf('Counter Nodes') + 5)).toEqual([
      'Counter Nodes',
      'IncrementNode',
      'DecrementNode',
      'AddTenNode',
      'POST /add',
    ]);
    // Every span exactly once, the rest unchanged.
    expect([...declaredRowOrder(trace)!].sort((a, b) => a - b)).toEqual(trace.spans.map((_, i) => i));
    expect(names[0]).toBe('demo_base_workflow');
    expect(names.at(-1)).toBe('FinalNode');
  });

  it('gives the same order from the graphs the analysis parsed as from the span attributes', async () => {
    for (const trace of [addTenFirst(), await withEarlyStart(readFileSync('public/samples/junjo-g3-contract-v2.json', 'utf8'), 'AddTenNode')]) {
      const analysis = analyzeJunjo(trace);
      if (analysis.kind !== 'junjo') throw new Error('expected a Junjo trace');
      const fromAttributes = declaredRowOrder(trace);
      expect(fromAttributes).not.toBeNull();
      const fromAnalysis = declaredRowOrder(trace, analysis.runs);
      expect(fromAnalysis).not.toBe(fromAttributes);
      expect(fromAnalysis).toEqual(fromAttributes);
      expect(declaredRowOrder(trace, analysis.runs)).toBe(fromAnalysis); // memoized per runs
      // Runs without readable graphs leave every RC in start order.
      expect(declaredRowOrder(trace, analysis.runs.map((run) => ({ spanIndex: run.spanIndex, graph: { ok: false, error: { kind: 'missing', message: 'gone' } } as const })))).toBeNull();
    }
  });

  it('computes the same order in slices, one RC at a time, and keeps it for declaredRowOrder', () => {
    const trace = addTenFirst();
    const expected = declaredRowOrder(trace);
    const analysis = analyzeJunjo(trace);
    if (analysis.kind !== 'junjo') throw new Error('expected a Junjo trace');
    const steps = declaredRowOrderInSlices(trace, analysis.runs);
    let slices = 1;
    while (!steps.next(() => true)) slices++;
    expect(slices).toBeGreaterThan(1);
    expect(steps.next(() => true)).toBe(true); // done stays done
    expect(steps.result()).toEqual(expected);
    expect(declaredRowOrder(trace, analysis.runs)).toBe(steps.result());
    // Asked again for the same runs: done at once.
    const again = declaredRowOrderInSlices(trace, analysis.runs);
    expect(again.next(() => true)).toBe(true);
    expect(again.result()).toBe(steps.result());
  });

  it('keeps children the graph does not declare after the declared ones, in start order', () => {
    const trace = addTenFirst([
      { id: 'late-extra', parent: 'rc', name: 'cache lookup', start: 76, end: 78 },
      { id: 'early-extra', parent: 'rc', name: 'lock wait', start: 71, end: 72 },
    ]);
    const rc = indexOfName(trace, 'Counter Nodes');
    expect(declaredChildren(trace, rc)!.map((i) => trace.spans[i]!.name)).toEqual(['IncrementNode', 'DecrementNode', 'AddTenNode', 'lock wait', 'cache lookup']);
  });

  it('a collapsed branch hides its subtree at its new place', () => {
    const trace = addTenFirst();
    const names = rowNames(trace, new Set([indexOfName(trace, 'AddTenNode')]));
    expect(counterRows(names)).toEqual(['Counter Nodes', 'IncrementNode', 'DecrementNode', 'AddTenNode']);
    expect(names).not.toContain('POST /add');
  });

  it('changes nothing when branches already start in declared order, or for an ordinary trace', () => {
    expect(declaredRowOrder(traceOf(g1ExampleSpecs()))).toBeNull();
    const plain = traceOf([
      { id: 'root', name: 'GET /', start: 0, end: 10 },
      { id: 'b', parent: 'root', name: 'b', start: 1, end: 2 },
      { id: 'a', parent: 'root', name: 'a', start: 3, end: 4 },
    ]);
    expect(declaredRowOrder(plain)).toBeNull();
  });

  it('leaves start order when the graph cannot be read', () => {
    const specs = g1ExampleSpecs('', 0, false).map((spec) =>
      spec.name === 'AddTenNode' ? { ...spec, start: 72 } : spec.name === 'demo_base_workflow' ? { ...spec, attrs: { ...spec.attrs, 'junjo.workflow.graph_structure': '{"v": 1, "nodes": [' } } : spec,
    );
    const trace = traceOf(specs);
    expect(declaredChildren(trace, indexOfName(trace, 'Counter Nodes'))).toBeNull();
    expect(declaredRowOrder(trace)).toBeNull();
  });

  it('reads the declared order from a v2 snapshot (G3 sample) and from Junjo Server rows (G1 fixture)', async () => {
    for (const file of ['public/samples/junjo-g3-contract-v2.json', 'fixtures/junjo-studio/junjo-server/nested-spans.json']) {
      const trace = await withEarlyStart(readFileSync(file, 'utf8'), 'AddTenNode');
      const rc = indexOfName(trace, 'Counter Nodes');
      expect(trace.children[rc]!.map((i) => trace.spans[i]!.name)[0], file).toBe('AddTenNode');
      expect(counterRows(rowNames(trace)), file).toEqual(['Counter Nodes', 'IncrementNode', 'DecrementNode', 'AddTenNode']);
    }
  });
});
