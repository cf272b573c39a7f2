/**
 * The waterfall's flat list of visible rows, from one linear pass over `trace.spans`.
 *
 * Input-order assumptions (guaranteed by buildTrace): spans are in depth-first pre-order, so a
 * span's subtree is the `descendants[i]` spans right after it; detached spans (orphans, cut
 * cycles) come after the real roots, and the ones sharing a parent id are contiguous.
 * A "keep only" mask, when given, must be closed under ancestors (see keepMaskFor): a span left
 * out of it hides its whole subtree.
 *
 * Rows are compact: an Int32Array where a value >= 0 is a span index and a negative value v is
 * the marker row of detached group ~v ("parent not in trace", shown above the group's spans).
 */
import type { Trace } from '../model/trace.ts';

/** Top-level spans that have a parent id yet no parent in the tree, sharing that parent id. */
export interface DetachedGroup {
  /** 'missing-parent': no span has that id. 'parent-cycle': the link was cut to break a cycle. */
  readonly reason: 'missing-parent' | 'parent-cycle';
  readonly parentSpanId: string;
  /** The group's top-level spans, in row order. */
  readonly spans: readonly number[];
}

export interface VisibleRows {
  /** Per row: a span index (>= 0), or ~groupIndex (< 0) for a detached group's marker row. */
  readonly rows: Int32Array;
  readonly groups: readonly DetachedGroup[];
  /** Row of each span, -1 when the span is hidden (collapsed away or filtered out). */
  readonly rowOfSpan: Int32Array;
}

export type Row =
  | { readonly kind: 'span'; readonly spanIndex: number }
  | { readonly kind: 'detached-marker'; readonly groupIndex: number; readonly group: DetachedGroup };

const groupCache = new WeakMap<Trace, readonly DetachedGroup[]>();

/** The trace's detached groups, in row order (memoized per trace). */
function detachedGroups(trace: Trace): readonly DetachedGroup[] {
  const cached = groupCache.get(trace);
  if (cached) return cached;
  const orphans = new Set<number>();
  for (const issue of trace.issues) if (issue.kind === 'orphan') orphans.add(issue.spanIndex);
  const groups: { reason: DetachedGroup['reason']; parentSpanId: string; spans: number[] }[] = [];
  for (const root of trace.roots) {
    const parentSpanId = trace.spans[root]!.parentSpanId;
    if (parentSpanId === null) continue;
    const last = groups[groups.length - 1];
    if (last && last.parentSpanId === parentSpanId) last.spans.push(root);
    else groups.push({ reason: orphans.has(root) ? 'missing-parent' : 'parent-cycle', parentSpanId, spans: [root] });
  }
  groupCache.set(trace, groups);
  return groups;
}

/**
 * Visible rows: every span whose ancestors are all expanded (not in `collapsed`) and, when
 * `keep` is given, whose `keep[i]` is non-zero. `order`, when given, lists the span indexes in row
 * order: another pre-order of the same tree, where siblings may move but each subtree stays
 * contiguous (e.g. RunConcurrent branches in declared order, core/junjo/declared-branch-order.ts).
 */
export function computeVisibleRows(trace: Trace, collapsed: ReadonlySet<number>, keep?: Uint8Array, order?: Int32Array): VisibleRows {
  const n = trace.spans.length;
  const groups = detachedGroups(trace);
  const groupOfSpan = new Map<number, number>();
  groups.forEach((group, g) => group.spans.forEach((s) => groupOfSpan.set(s, g)));

  const rows = new Int32Array(n + groups.length);
  const rowOfSpan = new Int32Array(n).fill(-1);
  let count = 0;
  let lastGroup = -1;
  // Set and map lookups only when there is something to find (this runs over every span of the trace).
  const anyCollapsed = collapsed.size > 0;
  const anyGroup = groups.length > 0;
  const { parent, descendants } = trace;
  for (let at = 0; at < n; ) {
    const i = order ? order[at]! : at;
    if (keep && !keep[i]) {
      at += descendants[i]! + 1;
      continue;
    }
    if (anyGroup && parent[i] === -1) {
      const g = groupOfSpan.get(i);
      if (g !== undefined && g !== lastGroup) {
        rows[count++] = ~g;
        lastGroup = g;
      }
    }
    rowOfSpan[i] = count;
    rows[count++] = i;
    at += anyCollapsed && collapsed.has(i) ? descendants[i]! + 1 : 1;
  }
  return { rows: rows.slice(0, count), groups, rowOfSpan };
}

/** What a row shows, as a discriminated union (for rendering one row by index). */
export function rowAt(visible: VisibleRows, row: number): Row | undefined {
  const value = visible.rows[row];
  if (value === undefined) return undefined;
  if (value >= 0) return { kind: 'span', spanIndex: value };
  const group = visible.groups[~value]!;
  return { kind: 'detached-marker', groupIndex: ~value, group };
}

/** Indentation level of a row: the span's depth; marker rows sit at 0 (detached spans at 1). */
export function rowDepth(trace: Trace, visible: VisibleRows, row: number): number {
  const value = visible.rows[row] ?? -1;
  return value >= 0 ? trace.depth[value]! : 0;
}

/** The next (step 1) or previous (step -1) row showing a span, skipping markers; -1 at the ends. */
export function nextSpanRow(visible: VisibleRows, row: number, step: 1 | -1): number {
  for (let r = row + step; r >= 0 && r < visible.rows.length; r += step) if (visible.rows[r]! >= 0) return r;
  return -1;
}

/** The row of a span row's parent: its parent span, or its group's marker row; -1 for roots. */
export function parentRow(trace: Trace, visible: VisibleRows, row: number): number {
  const span = visible.rows[row];
  if (span === undefined || span < 0) return -1;
  const parent = trace.parent[span]!;
  if (parent >= 0) return visible.rowOfSpan[parent]!;
  if (trace.spans[span]!.parentSpanId === null) return -1;
  for (let r = row - 1; r >= 0; r--) if (visible.rows[r]! < 0) return r;
  return -1;
}

/** Ancestors of a span, from its top-level span down to its parent. */
export function ancestorsOf(trace: Trace, span: number): number[] {
  const out: number[] = [];
  for (let p = trace.parent[span]!; p >= 0; p = trace.parent[p]!) out.push(p);
  return out.reverse();
}

/** A keep mask for search: each match and all its ancestors. */
export function keepMaskFor(trace: Trace, matches: Iterable<number>): Uint8Array {
  const keep = new Uint8Array(trace.spans.length);
  for (const match of matches) {
    // Stop at the first span already kept: its ancestors are kept too, so this stays linear.
    for (let s = match; s >= 0 && !keep[s]; s = trace.parent[s]!) keep[s] = 1;
  }
  return keep;
}

// Collapse helpers: each returns a new set, so the caller can memoize on identity.

/** Collapses an expanded span or expands a collapsed one. */
export function toggleCollapsed(collapsed: ReadonlySet<number>, span: number): Set<number> {
  const next = new Set(collapsed);
  if (!next.delete(span)) next.add(span);
  return next;
}

/** Collapses a span and every span below it that has children. */
export function collapseSubtree(trace: Trace, collapsed: ReadonlySet<number>, span: number): Set<number> {
  const next = new Set(collapsed);
  const end = span + trace.descendants[span]! + 1;
  for (let i = span; i < end; i++) if (trace.descendants[i]! > 0) next.add(i);
  return next;
}

/** Expands a span and every span below it. */
export function expandSubtree(trace: Trace, collapsed: ReadonlySet<number>, span: number): Set<number> {
  const next = new Set(collapsed);
  const end = span + trace.descendants[span]! + 1;
  for (let i = span; i < end; i++) next.delete(i);
  return next;
}

/** Every span with children collapsed: only top-level spans (and markers) show. */
export const collapseAll = (trace: Trace): Set<number> => collapsedForDepth(trace, 0);

/** Collapses every span at depth >= `depth` that has children, so rows down to `depth` show. */
export function collapsedForDepth(trace: Trace, depth: number): Set<number> {
  const next = new Set<number>();
  for (let i = 0; i < trace.spans.length; i++) if (trace.depth[i]! >= depth && trace.descendants[i]! > 0) next.add(i);
  return next;
}

/** Expands every ancestor of a span so it is visible (e.g. when it is selected from a link). */
export function revealSpan(trace: Trace, collapsed: ReadonlySet<number>, span: number): ReadonlySet<number> {
  const ancestors = ancestorsOf(trace, span);
  if (!ancestors.some((a) => collapsed.has(a))) return collapsed;
  const next = new Set(collapsed);
  for (const a of ancestors) next.delete(a);
  return next;
}
