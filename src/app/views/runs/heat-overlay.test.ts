import { describe, expect, test } from 'vitest';
import { parseGraphV1 } from '../../../core/junjo/parse-graph-v1.ts';
import { graphKeys } from '../../../core/runs/graph-keys.ts';
import type { RunDigest } from '../../../core/runs/run-digest.ts';
import { summarizeRuns } from '../../../core/runs/summarize-runs.ts';
import { buildFlow } from '../../graph/graph-flow.ts';
import type { GraphLayout } from '../../graph/layout-result.ts';
import { applyHeat, heatPath, percentText } from './heat-overlay.ts';

const parsed = parseGraphV1(
  JSON.stringify({
    nodes: [{ id: 'a', type: 'Fast', label: 'Fast' }, { id: 'b', type: 'Slow', label: 'Slow' }, { id: 'c', type: 'Never', label: 'Never' }],
    edges: [{ id: 'e1', source: 'a', target: 'b' }, { id: 'e2', source: 'a', target: 'c' }],
  }),
);
if (!parsed.ok) throw new Error(parsed.error.message);
const graph = parsed.graph;
const keys = graphKeys(graph);
const ms = 1_000_000;
const digest = (n: number, slow: number, failed: number): RunDigest => ({
  traceId: `t${n}`, runSpanId: `s${n}`, workflow: 'wf', service: 'svc', startMs: n, durationNs: 10 * ms, status: failed ? 'error' : 'ok', version: keys.version,
  nodes: { 'Fast:Fast': { durations: [1 * ms], failed: 0, cancelled: 0 }, 'Slow:Slow': { durations: [slow * ms], failed, cancelled: 0 } },
  edges: n % 2 === 0 ? { 'Fast:Fast→Slow:Slow': 1 } : {},
});
const group = summarizeRuns([digest(1, 8, 0), digest(2, 10, 1), digest(3, 12, 0), digest(4, 10, 0)]).groups[0]!;
const layout: GraphLayout = { boxes: { a: { x: 0, y: 0, width: 100, height: 60 }, b: { x: 200, y: 0, width: 100, height: 60 }, c: { x: 200, y: 100, width: 100, height: 60 } }, width: 300, height: 160, edges: {} };

describe('the heat overlay on the declared graph', () => {
  const base = buildFlow({ graph, layout, path: heatPath(graph, keys, group), direction: 'RIGHT' });
  const { nodes, edges } = applyHeat(base.nodes, base.edges, graph, keys, group);
  const node = (id: string) => nodes.find((n) => n.id === id)!;

  test('the slowest node (by p95) is the hottest; a node that never ran is drawn as not run', () => {
    expect(node('b').className).toContain('ar-heat-4');
    expect(node('a').className).toContain('ar-heat-1');
    expect(node('c').className).toContain('is-dimmed');
    expect(node('c').data.notes).toEqual(['0/4 runs']);
  });

  test('figures are text: p50/p95, runs, failure rate', () => {
    expect(node('b').data.notes).toEqual(['p50 10ms · p95 11.7ms', '4/4 runs · 25% failed']);
    expect(node('b').className).toContain('ar-has-failures');
    expect(node('b').ariaLabel).toContain('1 failed (25%)');
  });

  test("an edge's width and label come from the share of runs that took it", () => {
    const taken = edges.find((e) => e.id === 'e1')!;
    expect(taken.label).toBe('50%');
    expect(taken.className).toContain('ar-edge-2');
    expect(edges.find((e) => e.id === 'e2')!.className).toContain('is-untaken');
  });

  test('percent text', () => {
    expect([percentText(0), percentText(0.004), percentText(0.255), percentText(1)]).toEqual(['0%', '<1%', '26%', '100%']);
  });
});
