/**
 * Spans are named in URLs by span id; the n-th span sharing an id (n ≥ 2, duplicates happen)
 * gets a `#n` suffix. Lookups are memoized per trace.
 */
import type { Trace } from '../../core/model/trace.ts';

interface KeyIndex {
  readonly keys: readonly string[];
  readonly byKey: ReadonlyMap<string, number>;
}

const cache = new WeakMap<Trace, KeyIndex>();

function keyIndex(trace: Trace): KeyIndex {
  let index = cache.get(trace);
  if (!index) {
    const seen = new Map<string, number>();
    const keys: string[] = [];
    const byKey = new Map<string, number>();
    trace.spans.forEach((span, i) => {
      const count = (seen.get(span.spanId) ?? 0) + 1;
      seen.set(span.spanId, count);
      const key = count === 1 ? span.spanId : `${span.spanId}#${count}`;
      keys.push(key);
      byKey.set(key, i);
    });
    index = { keys, byKey };
    cache.set(trace, index);
  }
  return index;
}

export const spanKey = (trace: Trace, spanIndex: number): string => keyIndex(trace).keys[spanIndex] ?? '';

export function spanIndexOf(trace: Trace, key: string | undefined): number {
  if (!key) return -1;
  return keyIndex(trace).byKey.get(key.toLowerCase()) ?? -1;
}
