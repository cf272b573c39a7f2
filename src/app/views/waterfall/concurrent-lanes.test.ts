import { describe, expect, it } from 'vitest';
import type { ConcurrencyGroup } from '../../../core/junjo/concurrency.ts';
import { buildTrace } from '../../../core/trace/build-traces.ts';
import { span, spanIdOf } from '../../../core/trace/test-spans.ts';
import { buildConcurrentLanes, concurrentLanesInSteps, lanesHeight } from './concurrent-lanes.ts';

describe('RunConcurrent lanes in the waterfall', () => {
  const trace = buildTrace([span(spanIdOf(1), null, 0, 100), span(spanIdOf(2), spanIdOf(1), 0, 60), span(spanIdOf(3), spanIdOf(1), 10, 50), span(spanIdOf(4), spanIdOf(1), 70, 90)]);
  const group: ConcurrencyGroup = {
    spanIndex: 0,
    name: 'Counter Nodes',
    children: [1, 2, 3],
    wall: { start: 0, end: 100 },
    union: { start: 0, end: 90 },
    overlap: null,
    efficiency: 1.2,
    races: [],
  };

  it('puts overlapping children on different lanes and reuses a free lane', () => {
    const lanes = buildConcurrentLanes(trace, [group]).get(0)!;
    expect(lanes.laneCount).toBe(2);
    const laneOf = new Map(lanes.bars.map((bar) => [trace.spans[bar.spanIndex]!.start, bar.lane]));
    expect(laneOf.get(0)).not.toBe(laneOf.get(10));
    expect(lanes.efficiency).toBe(1.2);
  });

  it('builds the lanes of many groups in steps, with the same result as in one go', () => {
    const groups = Array.from({ length: 200 }, (_, i) => ({ ...group, spanIndex: i, children: i % 2 ? [1, 2, 3] : [3, 2] }));
    const steps = concurrentLanesInSteps(trace, groups);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBeGreaterThan(1); // 200 groups are more than one step
    expect(step.value).toEqual(buildConcurrentLanes(trace, groups));
    expect(step.value.size).toBe(200);
  });

  it('grows the row only when there are lanes to draw', () => {
    expect(lanesHeight(undefined)).toBe(0);
    expect(lanesHeight(buildConcurrentLanes(trace, [group]).get(0))).toBeGreaterThan(0);
    expect(lanesHeight(buildConcurrentLanes(trace, [{ ...group, children: [] }]).get(0))).toBe(0);
  });
});
