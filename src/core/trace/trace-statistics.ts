/**
 * Trace statistics, as Jaeger's "Trace Statistics" table: one row per service and operation (span
 * name) with the span count, total and self time (`self-time.ts`), average/min/max duration and the
 * number of spans with an error status. Rows come sorted by total time, largest first.
 */
import type { Trace } from '../model/trace.ts';
import { selfTimes } from './self-time.ts';

export interface StatisticsRow {
  /** `service\u0000operation`: stable across sorts, usable as a React key and in a URL. */
  readonly key: string;
  readonly service: string;
  readonly operation: string;
  readonly count: number;
  /** Sum of durations (ns). */
  readonly total: number;
  /** Sum of self times (ns). */
  readonly self: number;
  readonly avg: number;
  readonly min: number;
  readonly max: number;
  readonly errors: number;
}

export const statisticsKey = (service: string, operation: string): string => `${service}\u0000${operation}`;

export function traceStatistics(trace: Trace, self: Float64Array = selfTimes(trace)): StatisticsRow[] {
  interface Acc { service: string; operation: string; count: number; total: number; self: number; min: number; max: number; errors: number }
  // By service, then by name: two lookups of short strings instead of building a key per span.
  const byService = new Map<string, Map<string, Acc>>();
  for (const span of trace.spans) {
    const service = span.resource.serviceName;
    let byName = byService.get(service);
    if (!byName) byService.set(service, (byName = new Map()));
    let acc = byName.get(span.name);
    if (!acc) byName.set(span.name, (acc = { service, operation: span.name, count: 0, total: 0, self: 0, min: Infinity, max: -Infinity, errors: 0 }));
    const duration = Math.max(0, span.end - span.start);
    acc.count++;
    acc.total += duration;
    acc.self += self[span.index] ?? 0;
    if (duration < acc.min) acc.min = duration;
    if (duration > acc.max) acc.max = duration;
    if (span.status.code === 'error') acc.errors++;
  }
  const rows: StatisticsRow[] = [];
  for (const byName of byService.values()) for (const a of byName.values()) rows.push({ key: statisticsKey(a.service, a.operation), service: a.service, operation: a.operation, count: a.count, total: a.total, self: a.self, avg: a.total / a.count, min: a.min, max: a.max, errors: a.errors });
  return rows.sort((x, y) => y.total - x.total || x.key.localeCompare(y.key));
}

export type StatisticsColumn = 'service' | 'operation' | 'count' | 'total' | 'self' | 'avg' | 'min' | 'max' | 'errors';

/** Rows sorted by a column (text columns A→Z, numbers largest first when descending). */
export function sortStatistics(rows: readonly StatisticsRow[], column: StatisticsColumn, descending: boolean): StatisticsRow[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[column];
    const y = b[column];
    const order = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return sign * order || a.key.localeCompare(b.key);
  });
}

/** Keep-mask (closed under ancestors, for `computeVisibleRows`) of the spans of one row and their ancestors. */
export function statisticsKeepMask(trace: Trace, key: string): { keep: Uint8Array; matches: number[] } {
  const keep = new Uint8Array(trace.spans.length);
  const matches: number[] = [];
  for (const span of trace.spans) {
    if (statisticsKey(span.resource.serviceName, span.name) !== key) continue;
    matches.push(span.index);
    for (let p = span.index; p >= 0 && !keep[p]; p = trace.parent[p] ?? -1) keep[p] = 1;
  }
  return { keep, matches };
}
