/**
 * The span tree of one trace, by input position: parent links, cycle breaking and the
 * depth-first output order. Pure index arithmetic over typed arrays, no recursion.
 *
 * Contract: `linkParents` gives each span the first span carrying its parent id (-1 when none);
 * `breakCycles` cuts every parent cycle at its earliest span (ties: input order), in place;
 * `orderTree` sorts siblings by start (stable) and lays the spans out in pre-order, real roots
 * first, then detached spans grouped by the parent id they point at; `childrenFromParents`
 * rebuilds `Trace.children` from output parent indexes (also used on the page after unpacking).
 */
import type { SpanRecord } from '../model/span.ts';

/** Parent links by input position; the first span with an id owns it. Also counts duplicate ids. */
export function linkParents(records: readonly SpanRecord[]): { parentOf: Int32Array; duplicates: Map<string, number> | undefined } {
  const n = records.length;
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
  return { parentOf, duplicates };
}

/**
 * Finds every cycle of parent links (each span has one parent, so a walk up either ends or loops)
 * and cuts each at its earliest span. Returns the cycles by input position, breaker first.
 */
export function breakCycles(parentOf: Int32Array, start: Float64Array): number[][] {
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

/** A trace's spans in output order, by input position (see orderTree). */
export interface TreeOrder {
  /** Output index → input position (depth-first pre-order). */
  readonly order: Int32Array;
  /** Input position → output index. */
  readonly newIndex: Int32Array;
  /** Depth by output index; detached spans sit at depth 1. */
  readonly depth: Int32Array;
  /** Input positions of the top-level spans: real roots, then every detached group. */
  readonly topLevel: number[];
  /** Detached spans (parent missing or cut from a cycle) grouped by the parent id they point at. */
  readonly detachedGroups: number[][];
}

/** Orders the spans depth-first once `parentOf` is free of cycles; `start` holds their offsets. */
export function orderTree(records: readonly SpanRecord[], parentOf: Int32Array, start: Float64Array): TreeOrder {
  const n = records.length;
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
  return { order, newIndex, depth, topLevel, detachedGroups };
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
  const steps = childrenFromParentsInSteps(parent, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `childrenFromParents`, pausing (a `yield`) after every `stepSize` spans, so a caller can spread it over several tasks. */
export function* childrenFromParentsInSteps(parent: Int32Array, stepSize: number): Generator<void, (readonly number[])[]> {
  const n = parent.length;
  const children = new Array<readonly number[]>(n).fill(noChildren);
  for (let from = 0; from < n; from += stepSize) {
    const to = Math.min(n, from + stepSize);
    for (let k = from; k < to; k++) {
      const p = parent[k]!;
      if (p < 0) continue;
      const list = children[p]!;
      if (list === noChildren) children[p] = [k];
      else (list as number[]).push(k);
    }
    if (to < n) yield;
  }
  return children;
}
