import { describe, expect, test } from 'vitest';
import { buildLayoutInput, CONTAINER_HEADER, containerMinWidth, edgeContainer, LEAF_HEIGHT, resolveContainers, ROOT_ID, type ElkInputNode } from './graph-layout-input.ts';
import type { WorkflowGraph } from './graph-model.ts';
import { parseGraphV1 } from './parse-graph-v1.ts';

/** formats.md §3.1 base example, shortened: Count → RC{Inc, Dec} → Sub{Joke → Fact} → Even | Odd → Final. */
const baseV1 = JSON.stringify({
  v: 1,
  nodes: [
    { id: 'count', type: 'CountItemsNode', label: 'CountItemsNode' },
    { id: 'final', type: 'FinalNode', label: 'FinalNode' },
    { id: 'rc', type: 'RunConcurrent', label: 'Counter Nodes', isSubgraph: true, children: ['inc', 'dec'] },
    { id: 'inc', type: 'IncrementNode', label: 'IncrementNode' },
    { id: 'dec', type: 'DecrementNode', label: 'DecrementNode' },
    { id: 'sub', type: 'SampleSubflow', label: 'SampleSubflow', isSubflow: true, subflowSourceId: 'x1', subflowSinkId: 'x2' },
    { id: 'joke', type: 'CreateJokeNode', label: 'CreateJokeNode' },
    { id: 'fact', type: 'CreateFactNode', label: 'CreateFactNode' },
    { id: 'even', type: 'EvenPathNode', label: 'EvenPathNode' },
    { id: 'odd', type: 'OddPathNode', label: 'OddPathNode' },
  ],
  edges: [
    { id: 'e0', source: 'count', target: 'rc', condition: null, type: 'explicit', subflowId: null },
    { id: 'e1', source: 'rc', target: 'sub', condition: null, type: 'explicit', subflowId: null },
    { id: 'e2', source: 'sub', target: 'even', condition: 'CounterIsEven()', type: 'explicit', subflowId: null },
    { id: 'e3', source: 'sub', target: 'odd', condition: null, type: 'explicit', subflowId: null },
    { id: 'e4', source: 'even', target: 'final', condition: null, type: 'explicit', subflowId: null },
    { id: 'e5', source: 'odd', target: 'final', condition: null, type: 'explicit', subflowId: null },
    { id: 'e6', source: 'joke', target: 'fact', condition: null, type: 'subflow', subflowId: 'sub' },
    { id: 'e7', source: 'count', target: 'ghost', condition: null, type: 'explicit', subflowId: null },
  ],
});

function baseGraph(): WorkflowGraph {
  const parsed = parseGraphV1(baseV1);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.graph;
}

const child = (node: ElkInputNode, id: string): ElkInputNode => {
  const found = node.children?.find((c) => c.id === id);
  if (!found) throw new Error(`no child ${id} in ${node.id}`);
  return found;
};

describe('buildLayoutInput', () => {
  test('root holds the top level, with layered options and the direction', () => {
    const root = buildLayoutInput(baseGraph(), { direction: 'RIGHT' });
    expect(root.id).toBe(ROOT_ID);
    expect(root.layoutOptions?.['elk.algorithm']).toBe('layered');
    expect(root.layoutOptions?.['elk.direction']).toBe('RIGHT');
    expect(root.layoutOptions?.['elk.hierarchyHandling']).toBe('INCLUDE_CHILDREN');
    expect(root.children?.map((c) => c.id)).toEqual(['count', 'rc', 'sub', 'even', 'odd', 'final']);
    expect(buildLayoutInput(baseGraph(), { direction: 'DOWN' }).layoutOptions?.['elk.direction']).toBe('DOWN');
  });

  test('RunConcurrent and subflow become containers around their members', () => {
    const root = buildLayoutInput(baseGraph(), { direction: 'RIGHT' });
    const rc = child(root, 'rc');
    expect(rc.children?.map((c) => c.id)).toEqual(['inc', 'dec']);
    expect(rc.width).toBeUndefined();
    expect(rc.layoutOptions?.['elk.padding']).toMatch(/top=\d+/);
    const sub = child(root, 'sub');
    expect(sub.children?.map((c) => c.id)).toEqual(['joke', 'fact']);
    expect(rc.layoutOptions?.['elk.nodeSize.minimum']).toBe(`(${containerMinWidth('Counter Nodes')},${CONTAINER_HEADER + LEAF_HEIGHT})`);
    const down = child(buildLayoutInput(baseGraph(), { direction: 'DOWN' }), 'rc');
    expect(down.layoutOptions?.['elk.nodeSize.minimum']).toBe(`(${CONTAINER_HEADER + LEAF_HEIGHT},${containerMinWidth('Counter Nodes')})`);
    expect(child(root, 'count').height).toBe(LEAF_HEIGHT);
    expect(child(root, 'count').children).toBeUndefined();
  });

  test('edges sit in the lowest container holding both ends; unknown ends are left out', () => {
    const root = buildLayoutInput(baseGraph(), { direction: 'RIGHT' });
    expect(root.edges?.map((e) => e.id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    expect(child(root, 'sub').edges).toEqual([{ id: 'e6', sources: ['joke'], targets: ['fact'] }]);
    expect(child(root, 'rc').edges).toBeUndefined();
  });

  test('condition labels get a size so ELK leaves room for them', () => {
    const root = buildLayoutInput(baseGraph(), { direction: 'RIGHT' });
    const labelled = root.edges?.find((e) => e.id === 'e2');
    expect(labelled?.labels?.[0]?.text).toBe('CounterIsEven()');
    expect(labelled?.labels?.[0]?.width).toBeGreaterThan(50);
    expect(root.edges?.find((e) => e.id === 'e3')?.labels).toBeUndefined();
  });

  test('an edge from inside a container to the top level lives at the root', () => {
    const containers = new Map<string, string | null>([
      ['a', null],
      ['rc', null],
      ['x', 'rc'],
      ['sub', null],
      ['y', 'sub'],
      ['z', 'sub'],
    ]);
    expect(edgeContainer('x', 'a', containers)).toBeNull();
    expect(edgeContainer('y', 'z', containers)).toBe('sub');
    expect(edgeContainer('x', 'y', containers)).toBeNull();
  });
});

describe('resolveContainers', () => {
  test('container cycles and unknown containers fall back to the top level', () => {
    const graph: WorkflowGraph = {
      schema: 2,
      graphStructuralId: null,
      sourceIds: [],
      sinkIds: [],
      warnings: [],
      edges: [],
      nodes: [
        { id: 'a', label: 'a', type: 'A', kind: 'subflow', structuralId: null, children: [], subflow: null, container: 'b' },
        { id: 'b', label: 'b', type: 'B', kind: 'subflow', structuralId: null, children: [], subflow: null, container: 'a' },
        { id: 'c', label: 'c', type: 'C', kind: 'node', structuralId: null, children: [], subflow: null, container: 'missing' },
        { id: 'd', label: 'd', type: 'D', kind: 'node', structuralId: null, children: [], subflow: null, container: null },
      ],
    };
    const containers = resolveContainers(graph);
    expect([...containers.values()]).toEqual([null, null, null, null]);
    const root = buildLayoutInput(graph, { direction: 'DOWN' });
    expect(root.children?.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});
