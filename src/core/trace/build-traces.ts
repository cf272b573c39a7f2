/**
 * Decoded SpanRecords → Trace trees, one per trace id.
 *
 * Input order: any. Records are grouped by traceId; traces come out sorted by start (ties: order
 * of first appearance). Within a trace, "input order" breaks every tie (equal starts, duplicate
 * ids), so the same input always gives the same tree. Events keep their input order.
 *
 * Tree rules: a span whose parent id is absent from the trace is an orphan; duplicate span ids
 * keep every span, and children attach to the first one; a parent cycle is broken at its earliest
 * span (ties: input order), which then sits with the orphans. Real roots come first in `roots`,
 * then detached spans grouped by the parent id they point at (groups in order of their earliest
 * start), at depth 1 under the UI's "parent not in trace" marker. Nothing here recurses, so
 * 100k-deep chains are fine.
 */
import type { SpanRecord, Span } from '../model/span.ts';
import type { Trace, TraceIssue } from '../model/trace.ts';
import { breakCycles, childrenFromParents, linkParents, orderTree } from './span-tree.ts';
import { toSpan } from './to-span.ts';

export { summarizeTrace } from './summarize-trace.ts';

/** Same shape as formats' ProgressFn: fraction in [0, 1] and a short phase label. */
export type BuildProgress = (fraction: number, phase: string) => void;

export function buildTraces(records: readonly SpanRecord[], onProgress?: BuildProgress): Trace[] {
  const groups = new Map<string, SpanRecord[]>();
  // Spans of one trace usually come together: skip the lookup while the trace id repeats.
  let lastId: string | undefined;
  let last: SpanRecord[] = [];
  for (const record of records) {
    if (record.traceId !== lastId) {
      lastId = record.traceId;
      let group = groups.get(lastId);
      if (!group) groups.set(lastId, (group = []));
      last = group;
    }
    last.push(record);
  }
  const traces: Trace[] = [];
  let done = 0;
  for (const group of groups.values()) {
    traces.push(buildTrace(group));
    done += group.length;
    onProgress?.(done / records.length, 'building traces');
  }
  // Array.prototype.sort is stable: equal starts keep first-appearance order.
  return traces.sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
}

/** Builds one trace from records that all share a trace id (not checked). */
export function buildTrace(records: readonly SpanRecord[]): Trace {
  const n = records.length;
  const first = records[0];
  if (!first) throw new Error('buildTrace needs at least one span');
  let zero = first.startNs;
  for (const record of records) if (record.startNs < zero) zero = record.startNs;

  // Times as offsets; `end` clamped to `start` for drawing when a span ends before it starts.
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const endsBeforeStart: number[] = [];
  for (let i = 0; i < n; i++) {
    const record = records[i]!;
    start[i] = Number(record.startNs - zero);
    end[i] = Number(record.endNs - zero);
    if (end[i]! < start[i]!) {
      end[i] = start[i]!;
      endsBeforeStart.push(i);
    }
  }

  const { parentOf, duplicates } = linkParents(records);
  const cycles = breakCycles(parentOf, start);
  const { order, newIndex, depth, topLevel, detachedGroups } = orderTree(records, parentOf, start);

  const parent = new Int32Array(n);
  const spans: Span[] = new Array<Span>(n);
  let duration = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    parent[k] = parentOf[i]! >= 0 ? newIndex[parentOf[i]!]! : -1;
    spans[k] = toSpan(records[i]!, k, i, start[i]!, end[i]!, zero);
    if (end[i]! > duration) duration = end[i]!;
  }
  const children = childrenFromParents(parent);
  const descendants = new Int32Array(n);
  for (let k = n - 1; k > 0; k--) {
    const p = parent[k]!;
    if (p >= 0) descendants[p] = descendants[p]! + descendants[k]! + 1;
  }

  const issues: TraceIssue[] = [];
  if (duplicates) for (const [spanId, count] of duplicates) issues.push({ kind: 'duplicate-span-id', spanId, count });
  for (const cycle of cycles)
    issues.push({ kind: 'parent-cycle', spanIndexes: cycle.map((i) => newIndex[i]!).sort((a, b) => a - b) });
  const cycleBreakers = new Set(cycles.map((cycle) => cycle[0]!));
  for (const group of detachedGroups)
    for (const i of group)
      if (!cycleBreakers.has(i))
        issues.push({ kind: 'orphan', spanIndex: newIndex[i]!, missingParentId: records[i]!.parentSpanId ?? '' });
  for (const i of endsBeforeStart) issues.push({ kind: 'ends-before-start', spanIndex: newIndex[i]! });
  for (let k = 0; k < n; k++) {
    const p = parent[k]!;
    if (p >= 0 && (spans[k]!.start < spans[p]!.start || spans[k]!.end > spans[p]!.end))
      issues.push({ kind: 'outside-parent', spanIndex: k });
  }

  const services: string[] = [];
  const seen = new Set<string>();
  let lastResource: Span['resource'] | undefined;
  for (const s of spans) {
    if (s.resource === lastResource) continue;
    lastResource = s.resource;
    if (!seen.has(s.resource.serviceName)) {
      seen.add(s.resource.serviceName);
      services.push(s.resource.serviceName);
    }
  }

  return {
    traceId: first.traceId,
    startNs: zero,
    duration,
    spans,
    parent,
    depth,
    descendants,
    children,
    roots: topLevel.map((i) => newIndex[i]!),
    issues,
    services,
  };
}
