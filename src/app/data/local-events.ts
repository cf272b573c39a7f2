/**
 * The local store's server-sent events (GET /api/sources/<local>/events), read into values:
 *
 *   event: trace     data {"traceId","spanCount","inProgress"}   a trace gained spans
 *   event: deleted   data {"traceId"} or {"all": true}            a trace, or every trace, was deleted
 *
 * Anything else (comments, unknown events, malformed data) reads as undefined and is ignored.
 */
export type LocalEvent =
  | { readonly kind: 'trace'; readonly traceId: string; readonly spanCount: number | null; readonly inProgress: boolean }
  | { readonly kind: 'deleted'; readonly traceId: string }
  | { readonly kind: 'cleared' };

const traceIdPattern = /^[0-9a-f]{32}$/;

export function parseLocalEvent(type: string, data: string): LocalEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  const traceId = typeof fields.traceId === 'string' ? fields.traceId.toLowerCase() : undefined;
  if (type === 'deleted') {
    if (fields.all === true) return { kind: 'cleared' };
    return traceId !== undefined && traceIdPattern.test(traceId) ? { kind: 'deleted', traceId } : undefined;
  }
  if (type === 'trace' && traceId !== undefined && traceIdPattern.test(traceId)) {
    const spanCount = typeof fields.spanCount === 'number' && Number.isFinite(fields.spanCount) ? fields.spanCount : null;
    return { kind: 'trace', traceId, spanCount, inProgress: fields.inProgress === true };
  }
  return undefined;
}

/**
 * Calls `run` at most once per `intervalMs`: the first call runs at once, later ones within the
 * interval are merged into one trailing call. A trace receiving a batch every few milliseconds
 * thus refreshes the list about once a second, and its last batch is never missed.
 */
export function throttle(run: () => void, intervalMs: number, timers: { set: (fn: () => void, ms: number) => unknown; now: () => number } = { set: (fn, ms) => setTimeout(fn, ms), now: () => Date.now() }): () => void {
  let last = -Infinity;
  let pending = false;
  return () => {
    if (pending) return;
    const wait = last + intervalMs - timers.now();
    if (wait <= 0) {
      last = timers.now();
      run();
      return;
    }
    pending = true;
    timers.set(() => {
      pending = false;
      last = timers.now();
      run();
    }, wait);
  };
}
