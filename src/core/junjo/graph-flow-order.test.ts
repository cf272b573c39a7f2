import { describe, expect, test } from 'vitest';
import { flowOrder } from './graph-flow-order.ts';
import { parseGraphV1 } from './parse-graph-v1.ts';

/** plan → draft ⇄ review → rc{c, a, b} → end, with a self loop on end; "late" is declared first. */
function graph() {
  const parsed = parseGraphV1(
    JSON.stringify({
      v: 1,
      nodes: [
        { id: 'late', type: 'Late', label: 'Late' },
        { id: 'end', type: 'End', label: 'End' },
        { id: 'review', type: 'Review', label: 'Review' },
        { id: 'draft', type: 'Draft', label: 'Draft' },
        { id: 'plan', type: 'Plan', label: 'Plan' },
        { id: 'rc', type: 'RunConcurrent', label: 'Fan', isSubgraph: true, children: ['c', 'a', 'b'] },
        { id: 'a', type: 'A', label: 'A' },
        { id: 'b', type: 'B', label: 'B' },
        { id: 'c', type: 'C', label: 'C' },
      ],
      edges: [
        { id: 'e1', source: 'plan', target: 'draft', condition: null },
        { id: 'e2', source: 'draft', target: 'review', condition: null },
        { id: 'back', source: 'review', target: 'draft', condition: 'NeedsRevision()' },
        { id: 'e3', source: 'review', target: 'rc', condition: null },
        { id: 'e4', source: 'rc', target: 'end', condition: null },
        { id: 'self', source: 'end', target: 'end', condition: 'Again()' },
        { id: 'e5', source: 'end', target: 'late', condition: null },
      ],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { ...parsed.graph, sourceIds: ['plan'] };
}

describe('flowOrder', () => {
  test('ranks nodes along the flow from the source, RunConcurrent members in their declared order', () => {
    const { rank } = flowOrder(graph());
    const order = [...rank.entries()].sort((x, y) => x[1] - y[1]).map(([id]) => id);
    expect(order).toEqual(['plan', 'draft', 'review', 'rc', 'c', 'a', 'b', 'end', 'late']);
  });

  test('the edge that closes a loop, and a self loop, are the back edges; every other edge goes forward', () => {
    const g = graph();
    const { rank, backEdges } = flowOrder(g);
    expect([...backEdges].sort()).toEqual(['back', 'self']);
    for (const edge of g.edges) {
      if (backEdges.has(edge.id)) continue;
      expect(rank.get(edge.source)!).toBeLessThan(rank.get(edge.target)!);
    }
  });

  test('a graph that is one cycle with no source still gets a rank for every node', () => {
    const g = graph();
    const cyclic = { ...g, sourceIds: [], edges: [...g.edges, { id: 'x', source: 'late', target: 'plan', condition: null, scope: 'explicit' as const, container: null }] };
    const { rank, backEdges } = flowOrder(cyclic);
    expect(rank.size).toBe(g.nodes.length);
    expect(backEdges.size).toBeGreaterThanOrEqual(2);
  });
});
