/**
 * Layouts kept in the browser (localStorage) by the hash of their ELK input, so a graph laid out
 * once opens without the layout worker after a reload or in another tab: the worker's cold start
 * is paid once per graph, not once per page. Bounded (the newest MAX_ENTRIES kept); a full or
 * unavailable storage only means no cache. A stored value that does not read as a layout is ignored.
 */
import type { GraphLayout } from './layout-result.ts';

/** The version in the key: a layout stored by an older build in another shape is never read. */
const PREFIX = 'jtv-layout:2:';
const INDEX = 'jtv-layout-index';
const MAX_ENTRIES = 40;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function readIndex(store: Storage): string[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(INDEX) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : [];
  } catch {
    return [];
  }
}

const isLayout = (value: unknown): value is GraphLayout =>
  typeof value === 'object' && value !== null && 'boxes' in value && 'edges' in value && typeof (value as GraphLayout).width === 'number';

export function cachedLayout(key: string): GraphLayout | undefined {
  const store = storage();
  if (!store) return undefined;
  try {
    const parsed: unknown = JSON.parse(store.getItem(PREFIX + key) ?? 'null');
    return isLayout(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function storeLayout(key: string, layout: GraphLayout): void {
  const store = storage();
  if (!store) return;
  try {
    const index = readIndex(store).filter((k) => k !== key);
    index.push(key);
    while (index.length > MAX_ENTRIES) store.removeItem(PREFIX + index.shift()!);
    store.setItem(PREFIX + key, JSON.stringify(layout));
    store.setItem(INDEX, JSON.stringify(index));
  } catch {
    // Storage full or refused: the layout is simply computed again next time.
  }
}
