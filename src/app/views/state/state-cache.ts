/**
 * Memoized `stateAt`: a few recent states per store timeline, so stepping back and forth re-uses the
 * neighbouring states (the "after" of step n is the "before" of step n + 1). Returned values are
 * shared: callers must not mutate them.
 */
import type { JsonValue } from '../../../core/junjo/json-value.ts';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import { stateAt } from '../../../core/junjo/state-timeline.ts';

const KEEP = 6;
const caches = new WeakMap<StoreTimeline, Map<number, JsonValue | undefined>>();

export function cachedStateAt(timeline: StoreTimeline, step: number, read = stateAt): JsonValue | undefined {
  let cache = caches.get(timeline);
  if (!cache) {
    cache = new Map();
    caches.set(timeline, cache);
  }
  const target = Math.max(0, Math.min(step, timeline.appliedCount));
  if (cache.has(target)) {
    const value = cache.get(target);
    cache.delete(target);
    cache.set(target, value); // most recent last
    return value;
  }
  const value = read(timeline, target);
  cache.set(target, value);
  while (cache.size > KEEP) cache.delete(cache.keys().next().value as number);
  return value;
}
