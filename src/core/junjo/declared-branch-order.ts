/**
 * The branches of each RunConcurrent (RC) span in the order its workflow's graph declares them
 * (formats.md §3: v1 `children`, v2 `childNodeRuntimeIds`), for the waterfall's rows. The trace
 * itself keeps children in start order (analyses rely on it); this gives a second pre-order of the
 * spans in which only RC children move, each with its whole subtree.
 *
 * Cheap enough to run on the page when a trace opens: only spans with two or more children are
 * looked at, and only an RC's nearest workflow/subflow span has its graph read (parsed once per
 * graph text, see workflow-runs.ts). Children that match no declared member keep start order after
 * the declared ones; an unreadable graph leaves the RC in start order.
 */
import type { Span } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';
import { isRunSpan, spanTypeOf } from './junjo-attrs.ts';
import { matchDirect } from './link-spans.ts';
import { graphOfSpan } from './workflow-runs.ts';

const orders = new WeakMap<Trace, Int32Array | null>();

/**
 * Span indexes in row order (a pre-order: each subtree stays contiguous), or null when every RC's
 * children already start in declared order (and for every ordinary trace). Memoized per trace.
 */
export function declaredRowOrder(trace: Trace): Int32Array | null {
  let order = orders.get(trace);
  if (order === undefined) {
    order = computeOrder(trace);
    orders.set(trace, order);
  }
  return order;
}

/** The RC's children in declared order (unmatched ones last, in start order); null when it cannot tell. */
export function declaredChildren(trace: Trace, rcIndex: number): number[] | null {
  const rc = trace.spans[rcIndex] as Span;
  let run = trace.parent[rcIndex] ?? -1;
  while (run >= 0 && !isRunSpan(trace.spans[run] as Span)) run = trace.parent[run] ?? -1;
  if (run < 0) return null;
  const parsed = graphOfSpan(trace.spans[run] as Span);
  if (!parsed.ok) return null;
  const { graph } = parsed;
  const node = matchDirect(
    graph,
    rc,
    graph.nodes.filter((candidate) => candidate.kind === 'run_concurrent'),
  );
  if (!node || node.children.length === 0) return null;
  const rank = new Map(node.children.map((id, i) => [id, i]));
  const members = graph.nodes.filter((candidate) => rank.has(candidate.id));
  const kids = trace.children[rcIndex] ?? [];
  const keyed = kids.map((child, i) => {
    const member = matchDirect(graph, trace.spans[child] as Span, members);
    return { child, rank: member ? (rank.get(member.id) as number) : Infinity, i };
  });
  // Stable on the start order the trace already has.
  keyed.sort((a, b) => a.rank - b.rank || a.i - b.i);
  return keyed.map((entry) => entry.child);
}

function computeOrder(trace: Trace): Int32Array | null {
  const n = trace.spans.length;
  let moved: Map<number, number[]> | undefined;
  for (let i = 0; i < n; i++) {
    const kids = trace.children[i];
    if (!kids || kids.length < 2 || spanTypeOf(trace.spans[i] as Span) !== 'run_concurrent') continue;
    const declared = declaredChildren(trace, i);
    if (declared && declared.some((child, k) => child !== kids[k])) (moved ??= new Map()).set(i, declared);
  }
  if (!moved) return null;
  // Depth-first pre-order with an explicit stack (no recursion: chains can be very deep).
  const order = new Int32Array(n);
  const stack: number[] = [];
  for (let r = trace.roots.length - 1; r >= 0; r--) stack.push(trace.roots[r] as number);
  let next = 0;
  while (stack.length > 0) {
    const span = stack.pop() as number;
    order[next++] = span;
    const kids = moved.get(span) ?? trace.children[span] ?? [];
    for (let c = kids.length - 1; c >= 0; c--) stack.push(kids[c] as number);
  }
  return next === n ? order : null;
}
