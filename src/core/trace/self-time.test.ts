import { describe, expect, it } from 'vitest';
import { buildTraces } from './build-traces.ts';
import { selfTime, selfTimes } from './self-time.ts';
import { span } from './test-spans.ts';

/** Parent p spans [0, 100]; children are [start, end] pairs. */
const selfOfParent = (children: [number, number][]): number => {
  const trace = buildTraces([span('p', null, 0, 100), ...children.map(([s, e], i) => span(`c${i}`, 'p', s, e))])[0]!;
  return selfTime(trace, 0);
};

describe('selfTime', () => {
  it.each([
    { case: 'no children', children: [], want: 100 },
    { case: 'one child', children: [[10, 30]], want: 80 },
    { case: 'disjoint children', children: [[10, 20], [50, 70]], want: 70 },
    { case: 'overlapping children count once', children: [[10, 40], [20, 50]], want: 60 },
    { case: 'nested-in-time children', children: [[10, 90], [20, 30]], want: 20 },
    { case: 'touching children', children: [[10, 20], [20, 30]], want: 80 },
    { case: 'child starting before the parent is clipped', children: [[-50, 10]], want: 90 },
    { case: 'child ending after the parent is clipped', children: [[90, 300]], want: 90 },
    { case: 'child entirely outside', children: [[200, 300]], want: 100 },
    { case: 'children covering everything', children: [[0, 60], [50, 100]], want: 0 },
    { case: 'zero-length child', children: [[40, 40]], want: 100 },
  ] as { case: string; children: [number, number][]; want: number }[])('$case → $want', ({ children, want }) => {
    expect(selfOfParent(children)).toBe(want);
  });

  it('ignores grandchildren (only direct children cover a span)', () => {
    const trace = buildTraces([span('p', null, 0, 100), span('c', 'p', 10, 20), span('g', 'c', 10, 20)])[0]!;
    expect([...selfTimes(trace)]).toEqual([90, 0, 10]);
  });

  it('is 0 for an unknown index', () => {
    const trace = buildTraces([span('p', null, 0, 100)])[0]!;
    expect(selfTime(trace, 5)).toBe(0);
  });
});
