import { describe, expect, it } from 'vitest';
import { assignLanes } from './concurrency-lanes.ts';

const lanes = (pairs: [number, number][]): { lanes: number[]; count: number } => {
  const result = assignLanes(pairs.map(([start, end]) => ({ start, end })));
  return { lanes: [...result.lanes], count: result.laneCount };
};

describe('assignLanes', () => {
  it.each([
    { case: 'none', pairs: [], lanes: [], count: 0 },
    { case: 'sequential share lane 0', pairs: [[0, 10], [10, 20], [25, 30]], lanes: [0, 0, 0], count: 1 },
    { case: 'three in parallel', pairs: [[0, 10], [1, 11], [2, 12]], lanes: [0, 1, 2], count: 3 },
    { case: 'freed lane is reused, lowest first', pairs: [[0, 10], [0, 5], [0, 20], [6, 8], [11, 12]], lanes: [0, 1, 2, 1, 0], count: 3 },
    { case: 'input order does not matter', pairs: [[6, 8], [0, 5], [0, 10]], lanes: [0, 0, 1], count: 2 },
    { case: 'equal starts keep input order', pairs: [[0, 1], [0, 1]], lanes: [0, 1], count: 2 },
    { case: 'zero-length spans', pairs: [[5, 5], [5, 5], [0, 10]], lanes: [1, 1, 0], count: 2 },
    { case: 'end before start counts as a point', pairs: [[5, 1], [5, 6], [4, 6]], lanes: [1, 1, 0], count: 2 },
  ] as { case: string; pairs: [number, number][]; lanes: number[]; count: number }[])('$case', (c) => {
    expect(lanes(c.pairs)).toEqual({ lanes: c.lanes, count: c.count });
  });

  it('never puts overlapping intervals in one lane (many intervals)', () => {
    const pairs: [number, number][] = Array.from({ length: 2000 }, (_, i) => [(i * 37) % 1000, ((i * 37) % 1000) + (i % 50) + 1]);
    const { lanes: assigned } = lanes(pairs);
    const byLane = new Map<number, [number, number][]>();
    pairs.forEach((p, i) => byLane.set(assigned[i]!, [...(byLane.get(assigned[i]!) ?? []), p]));
    for (const list of byLane.values()) {
      list.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < list.length; i++) expect(list[i]![0]).toBeGreaterThanOrEqual(list[i - 1]![1]);
    }
  });
});
