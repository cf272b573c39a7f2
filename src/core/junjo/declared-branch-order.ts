/**
 * The branches of each RunConcurrent (RC) span in the order its workflow's graph declares them
 * (formats.md §3: v1 `children`, v2 `childNodeRuntimeIds`), for the waterfall's rows. The trace
 * itself keeps children in start order (analyses rely on it); this gives a second pre-order of the
 * spans in which only RC children move, each with its whole subtree.
 *
 * Only RC spans with two or more children are looked at, and only an RC's nearest workflow/subflow
 * span has its graph read. The page passes the graphs the Junjo analysis already parsed (`runs`), so
 * it parses none itself (a trace of 100,000 spans has thousands of graphs); without them each is
 * parsed from its span's attribute (parsed once per graph text, see workflow-runs.ts). Children that
 * match no declared member keep start order after the declared ones; an unreadable graph leaves the
 * RC in start order.
 */
import type { Span } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';
import type { GraphNode, WorkflowGraph } from './graph-model.ts';
import { isRunType, spanTypesOf } from './junjo-attrs.ts';
import { matchDirect } from './link-spans.ts';
import { graphOfSpan, type WorkflowRun } from './workflow-runs.ts';

/** The graphs of a trace's runs, as the analysis parsed them (a run's W/S span and its graph). */
export type ParsedRunGraphs = readonly Pick<WorkflowRun, 'spanIndex' | 'graph'>[];

const orders = new WeakMap<Trace, { readonly runs: ParsedRunGraphs | undefined; readonly order: Int32Array | null }>();

/**
 * Span indexes in row order (a pre-order: each subtree stays contiguous), or null when every RC's
 * children already start in declared order (and for every ordinary trace). Memoized per trace (and
 * the `runs` it was given).
 */
export function declaredRowOrder(trace: Trace, runs?: ParsedRunGraphs): Int32Array | null {
  const cached = orders.get(trace);
  if (cached && cached.runs === runs) return cached.order;
  const order = computeOrder(trace, graphSource(trace, runs));
  orders.set(trace, { runs, order });
  return order;
}

/** A run span's parsed graph: the analysis's when given, else parsed from the span. */
type GraphSource = (runSpan: number) => ReturnType<typeof graphOfSpan> | undefined;

function graphSource(trace: Trace, runs: ParsedRunGraphs | undefined): GraphSource {
  if (!runs) return (run) => graphOfSpan(trace.spans[run] as Span);
  const bySpan = new Map(runs.map((run) => [run.spanIndex, run.graph]));
  return (run) => bySpan.get(run);
}

/** The RC nodes of a graph, listed once per graph. */
const rcNodes = new WeakMap<WorkflowGraph, readonly GraphNode[]>();

function rcNodesOf(graph: WorkflowGraph): readonly GraphNode[] {
  let nodes = rcNodes.get(graph);
  if (!nodes) {
    nodes = graph.nodes.filter((candidate) => candidate.kind === 'run_concurrent');
    rcNodes.set(graph, nodes);
  }
  return nodes;
}

/** The RC's children in declared order (unmatched ones last, in start order); null when it cannot tell. */
export function declaredChildren(trace: Trace, rcIndex: number, graphs: GraphSource = graphSource(trace, undefined)): number[] | null {
  const rc = trace.spans[rcIndex] as Span;
  const types = spanTypesOf(trace.spans);
  let run = trace.parent[rcIndex] ?? -1;
  while (run >= 0 && !isRunType(types[run])) run = trace.parent[run] ?? -1;
  if (run < 0) return null;
  const parsed = graphs(run);
  if (!parsed?.ok) return null;
  const { graph } = parsed;
  const node = matchDirect(graph, rc, rcNodesOf(graph));
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

function computeOrder(trace: Trace, graphs: GraphSource): Int32Array | null {
  const steps = orderSteps(trace, graphs);
  while (!steps.next(() => false));
  return steps.result();
}

/**
 * `declaredRowOrder` in slices, for a page that must not hold the main thread: each `next(timeUp)`
 * looks at RC spans until `timeUp()` says the slice is over and returns whether it is done; then
 * `result()` is the order (kept, so `declaredRowOrder(trace, runs)` answers at once afterwards).
 */
export function declaredRowOrderInSlices(trace: Trace, runs: ParsedRunGraphs): { next(timeUp: () => boolean): boolean; result(): Int32Array | null } {
  const cached = orders.get(trace);
  if (cached && cached.runs === runs) return { next: () => true, result: () => cached.order };
  const steps = orderSteps(trace, graphSource(trace, runs));
  let order: Int32Array | null | undefined;
  return {
    next(timeUp) {
      if (order !== undefined) return true;
      if (!steps.next(timeUp)) return false;
      order = steps.result();
      orders.set(trace, { runs, order });
      return true;
    },
    result: () => order ?? null,
  };
}

/** The work of computeOrder as resumable steps (see declaredRowOrderInSlices). */
function orderSteps(trace: Trace, graphs: GraphSource): { next(timeUp: () => boolean): boolean; result(): Int32Array | null } {
  const n = trace.spans.length;
  const types = spanTypesOf(trace.spans);
  let moved: Map<number, number[]> | undefined;
  let i = 0;
  return {
    next(timeUp) {
      for (; i < n; i++) {
        const kids = trace.children[i];
        if (!kids || kids.length < 2 || types[i] !== 'run_concurrent') continue;
        const declared = declaredChildren(trace, i, graphs);
        if (declared && declared.some((child, k) => child !== kids[k])) (moved ??= new Map()).set(i, declared);
        if (timeUp()) {
          i++;
          return i >= n;
        }
      }
      return true;
    },
    result: () => (moved ? preOrder(trace, moved) : null),
  };
}

/** The spans in pre-order with the `moved` spans' children in the given order. */
function preOrder(trace: Trace, moved: ReadonlyMap<number, readonly number[]>): Int32Array | null {
  const n = trace.spans.length;
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
