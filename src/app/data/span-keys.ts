/**
 * Spans are named in URLs by span id; the n-th span sharing an id (n ≥ 2, duplicates happen)
 * gets a `#n` suffix. Most traces have no duplicate ids, so a key is just the span id and the
 * id → index map is only built when a key is looked up (selection), not while rows render.
 */
import type { Trace } from '../../core/model/trace.ts';

interface KeyIndex {
  /** Keys of the spans whose id is shared, by span index (others use their span id). */
  readonly duplicateKeys: ReadonlyMap<number, string>;
  byKey?: Map<string, number>;
}

const cache = new WeakMap<Trace, KeyIndex>();

function keyIndex(trace: Trace): KeyIndex {
  let index = cache.get(trace);
  if (!index) {
    const duplicateKeys = new Map<number, string>();
    if (trace.issues.some((issue) => issue.kind === 'duplicate-span-id')) {
      const seen = new Map<string, number>();
      trace.spans.forEach((span, i) => {
        const count = (seen.get(span.spanId) ?? 0) + 1;
        seen.set(span.spanId, count);
        if (count > 1) duplicateKeys.set(i, `${span.spanId}#${count}`);
      });
    }
    index = { duplicateKeys };
    cache.set(trace, index);
  }
  return index;
}

export function spanKey(trace: Trace, spanIndex: number): string {
  return keyIndex(trace).duplicateKeys.get(spanIndex) ?? trace.spans[spanIndex]?.spanId ?? '';
}

export function spanIndexOf(trace: Trace, key: string | undefined): number {
  if (!key) return -1;
  const index = keyIndex(trace);
  if (!index.byKey) {
    const byKey = new Map<string, number>();
    trace.spans.forEach((span, i) => {
      const k = index.duplicateKeys.get(i) ?? span.spanId;
      if (!byKey.has(k)) byKey.set(k, i);
    });
    index.byKey = byKey;
  }
  return index.byKey.get(key.toLowerCase()) ?? -1;
}
