import { describe, expect, it } from 'vitest';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import { storeColumnNeeded } from './store-tree.ts';

const timeline = (storeName: string | null, names: (string | null)[]) =>
  ({ storeName, transitions: names.map((n) => ({ storeName: n, storeId: 'id1' })) }) as unknown as StoreTimeline;

describe('storeColumnNeeded', () => {
  it('drops the column when every transition names the header store', () => {
    expect(storeColumnNeeded(timeline('S', ['S', null, 'S']))).toBe(false);
    expect(storeColumnNeeded(timeline('S', []))).toBe(false);
  });
  it('keeps it when a transition names the store differently', () => {
    expect(storeColumnNeeded(timeline('S', ['S', 'Other']))).toBe(true);
    // Header says "Store", rows would show the id.
    expect(storeColumnNeeded(timeline(null, [null]))).toBe(true);
  });
});
