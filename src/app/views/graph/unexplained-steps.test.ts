import { describe, expect, it } from 'vitest';
import { groupUnexplainedSteps } from './unexplained-steps.ts';

const step = (fromNodeId: string, toNodeId: string, toSpan: number) => ({ fromNodeId, toNodeId, fromSpan: toSpan - 1, toSpan });

describe('groupUnexplainedSteps', () => {
  it('counts each transition once per step, the most frequent first, with the span of its first step', () => {
    const groups = groupUnexplainedSteps([step('a', 'b', 2), step('b', 'c', 3), step('a', 'b', 7), step('c', 'a', 9), step('a', 'b', 12), step('b', 'c', 14)]);
    expect(groups).toEqual([
      { fromNodeId: 'a', toNodeId: 'b', count: 3, firstToSpan: 2 },
      { fromNodeId: 'b', toNodeId: 'c', count: 2, firstToSpan: 3 },
      { fromNodeId: 'c', toNodeId: 'a', count: 1, firstToSpan: 9 },
    ]);
  });

  it('keeps a → b and b → a apart, and ties in the order they first happened', () => {
    const groups = groupUnexplainedSteps([step('b', 'a', 5), step('a', 'b', 6)]);
    expect(groups.map((g) => `${g.fromNodeId}>${g.toNodeId}`)).toEqual(['b>a', 'a>b']);
  });

  it('gives nothing for no steps', () => {
    expect(groupUnexplainedSteps([])).toEqual([]);
  });
});
