/**
 * An icicle (flame) layout of a trace with d3-hierarchy's partition: frames as flat typed arrays in
 * depth-first pre-order, ready for a canvas to draw 100,000 of them without one object per frame.
 *
 * Modes:
 * - `spans`: one frame per span, children in start order. A frame's width is its self time plus its
 *   children's widths (as in any flame graph: concurrent children add up, so a parent can be wider
 *   than its own duration).
 * - `merged`: identical call paths (service and name from the root down) combined into one frame,
 *   widths summed, children sorted widest first (left-heavy, as speedscope draws them).
 * - `critical`: only the spans on the critical path, each as wide as its own critical time, so the
 *   root is as wide as the whole path.
 * Frame 0 is a virtual root holding every top-level span (a trace can have several roots).
 */
import { hierarchy, partition } from 'd3-hierarchy';
import type { Trace } from '../model/trace.ts';
import type { CriticalPath } from './critical-path.ts';
import { selfTimes } from './self-time.ts';

export type FlameLayoutMode = 'spans' | 'merged' | 'critical';

export interface FlameLayout {
  readonly mode: FlameLayoutMode;
  readonly count: number;
  /** Horizontal extent as fractions of the root's width. */
  readonly x0: Float64Array;
  readonly x1: Float64Array;
  readonly depth: Int32Array;
  /** Parent frame, -1 for the root. */
  readonly parent: Int32Array;
  /** Last frame of each frame's subtree (pre-order), so a drawing loop can skip a whole subtree. */
  readonly last: Int32Array;
  /** Width in nanoseconds (self plus children) and the frame's own part. */
  readonly value: Float64Array;
  readonly self: Float64Array;
  /** A span of the frame (the first, for a merged frame); -1 for the root. */
  readonly span: Int32Array;
  /** Spans combined in the frame (1 except in merged mode; 0 for the root). */
  readonly spanCount: Int32Array;
  /** Spans with an error status in the frame. */
  readonly errors: Int32Array;
  /** The frame drawing each span, -1 when the mode leaves it out. */
  readonly frameOfSpan: Int32Array;
  readonly maxDepth: number;
}

interface Datum {
  readonly span: number;
  /** Spans merged into this datum (merged mode only). */
  readonly spans: number[];
  value: number;
  readonly children: Datum[];
  /** Merged mode: children by service and name. */
  byKey?: Map<string, Datum>;
  /** Its frame number, once numbered. */
  frame: number;
}

const newDatum = (span: number, value: number): Datum => ({ span, spans: span >= 0 ? [span] : [], value, children: [], frame: -1 });
const frameKey = (service: string, name: string): string => `${service}\u0000${name}`;

export function flameLayout(trace: Trace, mode: FlameLayoutMode, critical?: CriticalPath): FlameLayout {
  const n = trace.spans.length;
  const root = newDatum(-1, 0);
  if (mode === 'critical' && critical) {
    // Spans on the path, each under its nearest ancestor on the path (or the root).
    const datumOf = new Array<Datum | undefined>(n);
    for (let i = 0; i < n; i++) {
      if (!critical.onPath[i]) continue;
      const d = newDatum(i, critical.criticalTime[i] ?? 0);
      datumOf[i] = d;
      let p = trace.parent[i] ?? -1;
      while (p >= 0 && !datumOf[p]) p = trace.parent[p] ?? -1;
      (p >= 0 ? datumOf[p]! : root).children.push(d);
    }
  } else {
    const self = selfTimes(trace);
    const datumOf = new Array<Datum>(n);
    // Pre-order: a parent's datum exists before its children's.
    for (let i = 0; i < n; i++) {
      const p = trace.parent[i] ?? -1;
      const parentDatum = p >= 0 ? datumOf[p]! : root;
      if (mode === 'merged') {
        const s = trace.spans[i]!;
        const key = frameKey(s.resource.serviceName, s.name);
        const byKey = (parentDatum.byKey ??= new Map());
        let d = byKey.get(key);
        if (d) {
          d.spans.push(i);
          d.value += self[i]!;
        } else {
          parentDatum.children.push((d = newDatum(i, self[i]!)));
          byKey.set(key, d);
        }
        datumOf[i] = d;
      } else {
        const d = newDatum(i, self[i]!);
        datumOf[i] = d;
        parentDatum.children.push(d);
      }
    }
  }

  const h = hierarchy<Datum>(root, (d) => d.children).sum((d) => Math.max(0, d.value));
  if (mode === 'merged') h.sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const laid = partition<Datum>().size([1, 1])(h);

  let count = 0;
  laid.each(() => count++);
  const x0 = new Float64Array(count);
  const x1 = new Float64Array(count);
  const depth = new Int32Array(count);
  const parent = new Int32Array(count).fill(-1);
  const last = new Int32Array(count);
  const value = new Float64Array(count);
  const self = new Float64Array(count);
  const span = new Int32Array(count).fill(-1);
  const spanCount = new Int32Array(count);
  const errors = new Int32Array(count);
  const frameOfSpan = new Int32Array(n).fill(-1);
  let maxDepth = 0;
  // Pre-order numbering (d3's eachBefore visits children in order).
  let next = 0;
  laid.eachBefore((node) => {
    const f = next++;
    node.data.frame = f;
    x0[f] = node.x0;
    x1[f] = node.x1;
    depth[f] = node.depth;
    if (node.depth > maxDepth) maxDepth = node.depth;
    parent[f] = node.parent ? node.parent.data.frame : -1;
    value[f] = node.value ?? 0;
    self[f] = Math.max(0, node.data.value);
    span[f] = node.data.span;
    spanCount[f] = node.data.spans.length;
    for (const s of node.data.spans) {
      frameOfSpan[s] = f;
      if (trace.spans[s]!.status.code === 'error') errors[f]!++;
    }
  });
  // Subtree ends: in pre-order a frame's subtree ends where the next frame at its depth or shallower starts.
  for (let f = count - 1; f >= 0; f--) last[f] = f;
  for (let f = count - 1; f > 0; f--) {
    const p = parent[f]!;
    if (last[f]! > last[p]!) last[p] = last[f]!;
  }
  return { mode, count, x0, x1, depth, parent, last, value, self, span, spanCount, errors, frameOfSpan, maxDepth };
}

/** Frames whose spans include a match (a search mask by span), as a mask by frame. */
export function frameMatches(layout: FlameLayout, spanMatches: readonly number[]): Uint8Array {
  const mask = new Uint8Array(layout.count);
  for (const s of spanMatches) {
    const f = layout.frameOfSpan[s] ?? -1;
    if (f >= 0) mask[f] = 1;
  }
  return mask;
}
