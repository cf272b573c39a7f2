import { describe, expect, test } from 'vitest';
import type { WorkflowGraph } from '../../core/junjo/graph-model.ts';
import type { NodeStats, PathTaken } from '../../core/junjo/path-taken.ts';
import { parseGraphV1 } from '../../core/junjo/parse-graph-v1.ts';
import { applySelection, applyTabStop, buildFlow, type FlowNode } from './graph-flow.ts';
import { flattenLayout, type GraphLayout } from './layout-result.ts';

/** start → RC{left, right} → loop (self edge "Again()") → end | skipped; sub{inner} unlinkable. */
function graph(): WorkflowGraph {
  const parsed = parseGraphV1(
    JSON.stringify({
      v: 1,
      nodes: [
        { id: 'start', type: 'Start', label: 'Start' },
        { id: 'rc', type: 'RunConcurrent', label: 'Fan out', isSubgraph: true, children: ['left', 'right'] },
        { id: 'left', type: 'Left', label: 'Left' },
        { id: 'right', type: 'Right', label: 'Right' },
        { id: 'loop', type: 'Loop', label: 'Loop' },
        { id: 'end', type: 'End', label: 'End' },
        { id: 'skipped', type: 'Skipped', label: 'Skipped' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'rc', condition: null },
        { id: 'e2', source: 'rc', target: 'loop', condition: null },
        { id: 'e3', source: 'loop', target: 'loop', condition: 'Again()' },
        { id: 'e4', source: 'loop', target: 'end', condition: 'Done()' },
        { id: 'e5', source: 'loop', target: 'skipped', condition: null },
      ],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.graph;
}

const box = (x: number, y: number, children: { id: string; x: number; y: number }[] = []) => ({ x, y, width: 170, height: 64, children: children.map((c) => ({ ...c, width: 170, height: 64 })) });

const layout: GraphLayout = flattenLayout({
  id: 'root',
  width: 1200,
  height: 400,
  children: [
    { id: 'start', ...box(0, 0) },
    { id: 'rc', ...box(200, 0, [{ id: 'left', x: 16, y: 52 }, { id: 'right', x: 16, y: 130 }]), width: 220, height: 220 },
    { id: 'loop', ...box(450, 0) },
    { id: 'end', ...box(650, 0) },
    { id: 'skipped', ...box(650, 100) },
  ],
});

const stat = (nodeId: string, runCount: number, status: NodeStats['status'], totalDuration = runCount * 2_000_000): NodeStats => ({
  nodeId,
  runCount,
  totalDuration,
  status,
  spanIndexes: Array.from({ length: runCount }, (_, n) => n + 1),
});

const path: PathTaken = {
  runIndex: 0,
  edgeTraversals: { e1: 1, e2: 1, e3: 2, e4: 1 },
  nodeStats: [stat('start', 1, 'ok'), stat('rc', 1, 'error'), stat('left', 1, 'error'), stat('right', 1, 'cancelled'), stat('loop', 3, 'ok'), stat('end', 1, 'ok'), stat('skipped', 0, 'not-run')],
  order: ['start', 'rc', 'loop', 'end'],
  unexplained: [],
};

const byId = (nodes: readonly FlowNode[], id: string) => nodes.find((n) => n.id === id) as FlowNode;

describe('buildFlow', () => {
  test('containers come first, members point at them with relative positions and sizes', () => {
    const { nodes } = buildFlow({ graph: graph(), layout, path, direction: 'RIGHT' });
    const ids = nodes.map((n) => n.id);
    expect(ids.indexOf('rc')).toBeLessThan(ids.indexOf('left'));
    expect(byId(nodes, 'rc').type).toBe('container');
    expect(byId(nodes, 'left')).toMatchObject({ type: 'step', parentId: 'rc', position: { x: 16, y: 52 }, width: 170, height: 64 });
    expect(byId(nodes, 'start').parentId).toBeUndefined();
    expect(byId(nodes, 'start')).toMatchObject({ sourcePosition: 'right', targetPosition: 'left', draggable: false });
    expect(buildFlow({ graph: graph(), layout, path, direction: 'DOWN' }).nodes[0]).toMatchObject({ sourcePosition: 'bottom', targetPosition: 'top' });
  });

  test('status classes, dimming and the ×N data', () => {
    const { nodes } = buildFlow({ graph: graph(), layout, path, direction: 'RIGHT' });
    expect(byId(nodes, 'start').className).toBe('gf-node gf-status-ok gf-kind-node');
    expect(byId(nodes, 'rc').className).toBe('gf-node gf-status-error gf-kind-run_concurrent gf-container');
    expect(byId(nodes, 'right').className).toContain('gf-status-cancelled');
    expect(byId(nodes, 'skipped').className).toContain('is-dimmed');
    expect(byId(nodes, 'skipped').data).toMatchObject({ status: 'not-run', runCount: 0, duration: '' });
    expect(byId(nodes, 'loop').className).toContain('is-repeated');
    expect(byId(nodes, 'loop').data).toMatchObject({ runCount: 3, duration: '6ms', status: 'ok' });
  });

  test('aria labels say name, kind, status, count and time', () => {
    const { nodes } = buildFlow({ graph: graph(), layout, path, direction: 'RIGHT' });
    expect(byId(nodes, 'loop').ariaLabel).toBe('Loop, node: ran, ran 3 times, total 6ms');
    expect(byId(nodes, 'rc').ariaLabel).toBe('Fan out, RunConcurrent group: failed, ran once, total 2ms');
    expect(byId(nodes, 'skipped').ariaLabel).toBe('Skipped, node: did not run');
  });

  test('nodes that cannot be linked are drawn as unknown rather than not run', () => {
    const { nodes } = buildFlow({ graph: graph(), layout, path: undefined, direction: 'RIGHT', unlinkedIds: ['end'] });
    expect(byId(nodes, 'end').data.status).toBe('unlinked');
    expect(byId(nodes, 'end').className).toContain('is-dimmed');
    expect(byId(nodes, 'start').data.status).toBe('not-run');
  });

  test('edges: traversed highlighted, untaken faded, condition labels with repeat counts', () => {
    const { edges } = buildFlow({ graph: graph(), layout, path, direction: 'RIGHT' });
    const edge = (id: string) => edges.find((e) => e.id === id);
    expect(edge('e1')).toMatchObject({ className: 'gf-edge is-taken', data: { taken: 1 } });
    expect(edge('e1')?.label).toBeUndefined();
    expect(edge('e3')).toMatchObject({ label: 'Again() ×2', className: 'gf-edge is-taken', type: 'loop' });
    expect(edge('e4')?.type).toBeUndefined();
    expect(edge('e4')?.label).toBe('Done()');
    expect(edge('e5')).toMatchObject({ className: 'gf-edge is-untaken', data: { taken: 0 } });
  });

  test('subflows that can be opened carry the span key; nodes without a layout box are left out', () => {
    const partial: GraphLayout = { ...layout, boxes: { start: layout.boxes.start!, loop: layout.boxes.loop! } };
    const { nodes, edges } = buildFlow({ graph: graph(), layout: partial, path, direction: 'RIGHT', openGraphs: { loop: 'abc' } });
    expect(nodes.map((n) => n.id)).toEqual(['start', 'loop']);
    expect(edges.map((e) => e.id)).toEqual(['e3']);
    expect(byId(nodes, 'loop').data.openGraph).toBeUndefined(); // only subflow nodes open graphs
  });
});

describe('applySelection', () => {
  test('marks selected nodes and keeps the identity of unchanged ones', () => {
    const { nodes } = buildFlow({ graph: graph(), layout, path, direction: 'RIGHT' });
    const first = applySelection(nodes, ['loop']);
    expect(byId(first, 'loop')).toMatchObject({ selected: true, domAttributes: { 'aria-current': 'true' } });
    expect(byId(first, 'start')).toBe(byId(nodes, 'start'));
    const second = applySelection(first, ['end']);
    expect(byId(second, 'loop').selected).toBe(false);
    expect(byId(second, 'end').selected).toBe(true);
    expect(byId(second, 'start')).toBe(byId(nodes, 'start'));
    expect(applySelection(second, ['end'])[0]).toBe(second[0]);
  });
});

describe('applyTabStop', () => {
  test('makes one node the Tab stop, the others -1, and keeps what selection set', () => {
    const { nodes } = buildFlow({ graph: graph(), layout, path, direction: 'RIGHT' });
    const selected = applySelection(nodes, ['loop']);
    const first = applyTabStop(selected, 'loop');
    expect(byId(first, 'loop').domAttributes).toEqual({ 'aria-current': 'true', tabIndex: 0 });
    expect(first.filter((n) => n.domAttributes?.tabIndex === 0).map((n) => n.id)).toEqual(['loop']);
    const second = applyTabStop(first, 'end');
    expect(byId(second, 'loop').domAttributes).toEqual({ 'aria-current': 'true', tabIndex: -1 });
    expect(byId(second, 'end').domAttributes?.tabIndex).toBe(0);
    expect(byId(second, 'start')).toBe(byId(first, 'start'));
    const unselected = applySelection(second, []);
    expect(byId(unselected, 'loop').domAttributes).toEqual({ tabIndex: -1 });
  });
});
