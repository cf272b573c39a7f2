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
import type { EventRecord, SpanRecord, Span, SpanEvent } from '../model/span.ts';
import type { EpochNs } from '../model/time.ts';
import type { Trace, TraceIssue } from '../model/trace.ts';

export { summarizeTrace, type TraceSummary } from './summarize-trace.ts';

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

  // Parent links by input position; the first span with an id owns it.
  const firstWithId = new Map<string, number>();
  let duplicates: Map<string, number> | undefined;
  for (let i = 0; i < n; i++) {
    const id = records[i]!.spanId;
    if (!firstWithId.has(id)) firstWithId.set(id, i);
    else (duplicates ??= new Map()).set(id, (duplicates.get(id) ?? 1) + 1);
  }
  const parentOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const parentId = records[i]!.parentSpanId;
    if (parentId !== null) parentOf[i] = firstWithId.get(parentId) ?? -1;
  }
  const cycles = breakCycles(parentOf, start);

  // Children per span as slices of one array (kidStart[p] .. kidStart[p + 1]), in input order,
  // then sorted by start (stable: ties keep input order).
  const kidStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parentOf[i]! >= 0) kidStart[parentOf[i]! + 1] = kidStart[parentOf[i]! + 1]! + 1;
  for (let i = 0; i < n; i++) kidStart[i + 1] = kidStart[i + 1]! + kidStart[i]!;
  const kids = new Int32Array(kidStart[n]!);
  const fill = kidStart.slice(0, n);
  const realRoots: number[] = [];
  const detachedByParentId = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const p = parentOf[i]!;
    if (p >= 0) {
      kids[fill[p]!] = i;
      fill[p] = fill[p]! + 1;
    } else {
      const parentId = records[i]!.parentSpanId;
      if (parentId === null) realRoots.push(i);
      else {
        const group = detachedByParentId.get(parentId);
        if (group) group.push(i);
        else detachedByParentId.set(parentId, [i]);
      }
    }
  }
  const byStart = (a: number, b: number): number => start[a]! - start[b]!;
  for (let p = 0; p < n; p++) if (kidStart[p + 1]! - kidStart[p]! > 1) sortSlice(kids, kidStart[p]!, kidStart[p + 1]!, start, byStart);
  realRoots.sort(byStart);
  const detachedGroups = [...detachedByParentId.values()];
  for (const group of detachedGroups) group.sort(byStart);
  detachedGroups.sort((a, b) => byStart(a[0]!, b[0]!));
  const topLevel = realRoots.slice();
  for (const group of detachedGroups) for (const i of group) topLevel.push(i);

  // Depth-first pre-order with an explicit stack; newIndex maps input position → output index.
  const order = new Int32Array(n);
  const newIndex = new Int32Array(n);
  const depth = new Int32Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (let r = topLevel.length - 1; r >= 0; r--) stack[top++] = topLevel[r]!;
  let next = 0;
  const depthByInput = new Int32Array(n);
  for (let r = realRoots.length; r < topLevel.length; r++) depthByInput[topLevel[r]!] = 1;
  while (top > 0) {
    const i = stack[--top]!;
    newIndex[i] = next;
    order[next] = i;
    depth[next] = depthByInput[i]!;
    next++;
    const childDepth = depthByInput[i]! + 1;
    for (let c = kidStart[i + 1]! - 1; c >= kidStart[i]!; c--) {
      const child = kids[c]!;
      depthByInput[child] = childDepth;
      stack[top++] = child;
    }
  }

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

/** Sorts `list[from..to)` by start, stably; short slices (the usual case) by insertion. */
function sortSlice(list: Int32Array, from: number, to: number, start: Float64Array, byStart: (a: number, b: number) => number): void {
  if (to - from > 16) {
    list.set(Array.from(list.subarray(from, to)).sort(byStart), from);
    return;
  }
  for (let j = from + 1; j < to; j++) {
    const item = list[j]!;
    const key = start[item]!;
    let k = j - 1;
    while (k >= from && start[list[k]!]! > key) {
      list[k + 1] = list[k]!;
      k--;
    }
    list[k + 1] = item;
  }
}

const noChildren: readonly number[] = Object.freeze([]);

/**
 * Child lists from parent indexes in one pass. With spans in pre-order and siblings sorted by
 * start, pushing in index order keeps every list sorted. Leaves share one frozen empty list.
 */
export function childrenFromParents(parent: Int32Array): (readonly number[])[] {
  const n = parent.length;
  const children = new Array<readonly number[]>(n).fill(noChildren);
  for (let k = 0; k < n; k++) {
    const p = parent[k]!;
    if (p < 0) continue;
    const list = children[p]!;
    if (list === noChildren) children[p] = [k];
    else (list as number[]).push(k);
  }
  return children;
}

/**
 * Finds every cycle of parent links (each span has one parent, so a walk up either ends or loops)
 * and cuts each at its earliest span. Returns the cycles by input position, breaker first.
 */
function breakCycles(parentOf: Int32Array, start: Float64Array): number[][] {
  const n = parentOf.length;
  const state = new Uint8Array(n); // 0 unvisited, 1 on the current walk, 2 finished
  const cycles: number[][] = [];
  const walk: number[] = [];
  for (let i = 0; i < n; i++) {
    if (state[i] !== 0) continue;
    walk.length = 0;
    let v = i;
    while (v >= 0 && state[v] === 0) {
      state[v] = 1;
      walk.push(v);
      v = parentOf[v]!;
    }
    if (v >= 0 && state[v] === 1) {
      const cycle = walk.slice(walk.indexOf(v));
      let breaker = cycle[0]!;
      for (const c of cycle) if (start[c]! < start[breaker]! || (start[c] === start[breaker] && c < breaker)) breaker = c;
      parentOf[breaker] = -1;
      cycles.push([breaker, ...cycle.filter((c) => c !== breaker)]);
    }
    for (const w of walk) state[w] = 2;
  }
  return cycles;
}

function toSpan(record: SpanRecord, index: number, inputIndex: number, start: number, end: number, zero: EpochNs): Span {
  // Listed field by field (not spread) so every Span has one object shape; keep in step with Span.
  return {
    traceId: record.traceId,
    spanId: record.spanId,
    parentSpanId: record.parentSpanId,
    name: record.name,
    kind: record.kind,
    attributes: record.attributes,
    links: record.links,
    status: record.status,
    resource: record.resource,
    scope: record.scope,
    traceState: record.traceState,
    droppedAttributesCount: record.droppedAttributesCount,
    droppedEventsCount: record.droppedEventsCount,
    droppedLinksCount: record.droppedLinksCount,
    index,
    inputIndex,
    start,
    end,
    events: record.events.length === 0 ? noEvents : record.events.map((event) => toSpanEvent(event, zero)),
  };
}

const noEvents: readonly SpanEvent[] = [];

function toSpanEvent(event: EventRecord, zero: EpochNs): SpanEvent {
  return {
    name: event.name,
    time: Number(event.timeNs - zero),
    timeNs: event.timeNs,
    attributes: event.attributes,
    droppedAttributesCount: event.droppedAttributesCount,
  };
}
