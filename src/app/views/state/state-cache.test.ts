import { describe, expect, it } from 'vitest';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import { cachedStateAt } from './state-cache.ts';

describe('cachedStateAt', () => {
  it('reads each recent step once and clamps to the replayed steps', () => {
    const timeline = { appliedCount: 10 } as StoreTimeline;
    const reads: number[] = [];
    const read = (_: StoreTimeline, step: number) => (reads.push(step), { step });
    expect(cachedStateAt(timeline, 3, read)).toEqual({ step: 3 });
    cachedStateAt(timeline, 4, read);
    cachedStateAt(timeline, 3, read);
    expect(cachedStateAt(timeline, 99, read)).toEqual({ step: 10 });
    expect(reads).toEqual([3, 4, 10]);
  });
});
