/**
 * Analyses of a loaded trace computed on first use and kept per trace object (a WeakMap, so they go
 * with the trace): the span-based critical path and the statistics table. Pure functions from
 * `core/trace`; any view can read them without recomputing.
 */
import type { Trace } from '../../core/model/trace.ts';
import { criticalKeepMask, criticalPath, type CriticalPath } from '../../core/trace/critical-path.ts';
import { statisticsKeepMask, statisticsKey, traceStatistics, type StatisticsRow } from '../../core/trace/trace-statistics.ts';
import type { OperationRef } from '../routes/view-state.ts';

interface Cached {
  path?: CriticalPath;
  keep?: Uint8Array;
  stats?: StatisticsRow[];
  opKeep?: { key: string; keep: Uint8Array; matches: number[] };
}

const cache = new WeakMap<Trace, Cached>();
const entry = (trace: Trace): Cached => {
  let cached = cache.get(trace);
  if (!cached) cache.set(trace, (cached = {}));
  return cached;
};

export const criticalPathOf = (trace: Trace): CriticalPath => (entry(trace).path ??= criticalPath(trace));

/** The "critical path only" keep-mask (path spans and their ancestors). */
export const criticalKeepOf = (trace: Trace): Uint8Array => (entry(trace).keep ??= criticalKeepMask(trace, criticalPathOf(trace)));

export const statisticsOf = (trace: Trace): StatisticsRow[] => (entry(trace).stats ??= traceStatistics(trace));

/** Keep-mask and matching spans of one statistics row (the last one asked for is kept). */
export function operationKeepOf(trace: Trace, op: OperationRef): { keep: Uint8Array; matches: number[] } {
  const cached = entry(trace);
  const key = statisticsKey(op.service, op.operation);
  if (cached.opKeep?.key !== key) cached.opKeep = { key, ...statisticsKeepMask(trace, key) };
  return cached.opKeep;
}
