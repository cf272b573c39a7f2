/**
 * Links graph nodes to the spans that executed them (formats.md §3.3, §4).
 * - v1: node/RC/subflow `id` = span `junjo.id`.
 * - v2: node/RC `nodeRuntimeId` = `junjo.executable_runtime_id` (fallback: unique structural id);
 *   subflow container by `subflowGraphStructuralId` = S structural id, then `nodeRuntimeId` = S definition id.
 * - Subflow internals drawn in the parent's graph: spans in the subflow span's subtree, v2 by
 *   `nodeStructuralId` (subflow spans by their graph id), v1 by `junjo.id`, or (0.50–0.62, whose ids
 *   never match) by the node's class name = span name when exactly one internal node has it.
 * Several spans for one node are loop iterations, in start order. Only direct links (not internals)
 * count for `owningGraphNode`, so a span inside a subflow lights the subflow in the parent graph.
 */
import { stringAttr } from '../model/attributes.ts';
import type { Span } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';
import { nodesInside, type GraphNode, type WorkflowGraph } from './graph-model.ts';
import { isGraphNodeType, K, spanTypeOf, spanTypesOf } from './junjo-attrs.ts';
import { topLevelRun, type WorkflowRun } from './workflow-runs.ts';

export interface UnmatchedNode {
  readonly nodeId: string;
  readonly label: string;
  /** not-run: no span (e.g. a branch not taken); unlinkable: a v1 subflow internal in the parent graph. */
  readonly reason: 'not-run' | 'unlinkable';
}

export interface RunLinks {
  readonly runIndex: number;
  /** Graph node id → span indexes (iterations, in start order): direct links and subflow internals. */
  readonly nodeSpans: Record<string, number[]>;
  /** Direct links only: span index → graph node id. */
  readonly spanNode: Record<number, string>;
  /** Node ids linked through a subflow span's subtree (internals drawn in this graph). */
  readonly internalNodeIds: readonly string[];
  readonly unmatchedNodes: readonly UnmatchedNode[];
  /** Junjo spans of this run that match no graph node. */
  readonly unmatchedSpans: readonly number[];
}

export interface GraphNodeRef {
  readonly runIndex: number;
  readonly nodeId: string;
  readonly spanIndex: number;
  /** 0-based iteration of this span among the node's spans. */
  readonly iteration: number;
}

/** The graph node among `candidates` that a span executed directly (formats.md §3.3), if any. */
export function matchDirect(graph: WorkflowGraph, span: Span, candidates: readonly GraphNode[]): GraphNode | undefined {
  const a = span.attributes;
  if (graph.schema === 1) {
    const id = stringAttr(a, K.id);
    return candidates.find((node) => node.id === id);
  }
  const runtime = stringAttr(a, K.runtimeId);
  const structural = stringAttr(a, K.structuralId);
  if (spanTypeOf(span) === 'subflow') {
    const definition = stringAttr(a, K.definitionId);
    const byGraph = candidates.filter((node) => node.subflow?.graphStructuralId === structural && structural !== undefined);
    if (byGraph.length === 1) return byGraph[0];
    const pool = byGraph.length > 1 ? byGraph : candidates;
    return pool.find((node) => node.id === definition) ?? pool.find((node) => node.id === runtime) ?? byGraph[0];
  }
  const byRuntime = candidates.find((node) => node.id === runtime);
  if (byRuntime) return byRuntime;
  const byStructural = candidates.filter((node) => structural !== undefined && node.structuralId === structural);
  return byStructural.length === 1 ? byStructural[0] : undefined;
}

function matchInternal(graph: WorkflowGraph, span: Span, internals: readonly GraphNode[]): GraphNode | undefined {
  const a = span.attributes;
  if (graph.schema === 1) {
    const byId = internals.find((node) => node.id === stringAttr(a, K.id));
    if (byId) return byId;
    // 0.50–0.62 draw internals with ids of a second build of the subflow, so ids never match. A node
    // span is named after its class, which is the node's `type`: link by it when that is unambiguous.
    const byType = internals.filter((node) => node.kind === 'node' && node.type === span.name);
    return byType.length === 1 ? byType[0] : undefined;
  }
  const structural = stringAttr(a, K.structuralId);
  if (structural === undefined) return undefined;
  if (spanTypeOf(span) === 'subflow') return internals.find((node) => node.subflow?.graphStructuralId === structural);
  return internals.find((node) => node.structuralId === structural);
}

/** First position in the ascending list whose value is at least `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `graphNodeSpans`: every span a graph can draw as a node, ascending (pre-order), so a subflow span's
 * subtree is one slice of it and the LLM/HTTP spans around are never looked at.
 */
function linkRunSpans(trace: Trace, run: WorkflowRun, graphNodeSpans: readonly number[]): RunLinks {
  const empty = { runIndex: run.index, nodeSpans: {}, spanNode: {}, internalNodeIds: [], unmatchedNodes: [] };
  if (!run.graph.ok) return { ...empty, unmatchedSpans: [...run.nodeSpans] };
  const graph = run.graph.graph;
  const nodeSpans: Record<string, number[]> = {};
  const spanNode: Record<number, string> = {};
  const unmatchedSpans: number[] = [];
  const add = (nodeId: string, spanIndex: number) => (nodeSpans[nodeId] ??= []).push(spanIndex);
  const subflows = graph.nodes.filter((node) => node.kind === 'subflow');
  const internalsOf = new Map(subflows.map((container) => [container.id, nodesInside(graph, container.id)]));
  // A subflow's internals are only looked for when the graph draws some: else its subtree is not read.
  const internalIds = new Set([...internalsOf.values()].flat().map((node) => node.id));
  const topLevel = graph.nodes.filter((node) => !internalIds.has(node.id));
  for (const spanIndex of run.nodeSpans) {
    const node = matchDirect(graph, trace.spans[spanIndex] as Span, topLevel);
    if (node) {
      add(node.id, spanIndex);
      spanNode[spanIndex] = node.id;
    } else unmatchedSpans.push(spanIndex);
  }
  // A subflow inside a subflow is itself an internal of the outer one: its subtree is walked from
  // both containers, so each internal span is linked once (not counted twice, doubling its duration).
  const linkedInternal = new Set<number>();
  for (const container of subflows) {
    const internals = internalsOf.get(container.id) ?? [];
    if (internals.length === 0) continue;
    for (const subflowSpan of nodeSpans[container.id] ?? []) {
      const last = subflowSpan + (trace.descendants[subflowSpan] ?? 0);
      for (let k = lowerBound(graphNodeSpans, subflowSpan + 1); k < graphNodeSpans.length; k++) {
        const i = graphNodeSpans[k] as number;
        if (i > last) break;
        if (linkedInternal.has(i)) continue;
        const node = matchInternal(graph, trace.spans[i] as Span, internals);
        if (node) {
          add(node.id, i);
          linkedInternal.add(i);
        }
      }
    }
  }
  for (const list of Object.values(nodeSpans)) list.sort((x, y) => (trace.spans[x]?.start ?? 0) - (trace.spans[y]?.start ?? 0) || x - y);
  const unmatchedNodes = graph.nodes
    .filter((node) => !nodeSpans[node.id])
    .map((node): UnmatchedNode => ({
      nodeId: node.id,
      label: node.label,
      reason: graph.schema === 1 && internalIds.has(node.id) ? 'unlinkable' : 'not-run',
    }));
  return { runIndex: run.index, nodeSpans, spanNode, internalNodeIds: [...internalIds], unmatchedNodes, unmatchedSpans };
}

export function linkAllRuns(trace: Trace, runs: readonly WorkflowRun[]): RunLinks[] {
  const types = spanTypesOf(trace.spans);
  const graphNodeSpans: number[] = [];
  for (let i = 0; i < types.length; i++) if (isGraphNodeType(types[i])) graphNodeSpans.push(i);
  return runs.map((run) => linkRunSpans(trace, run, graphNodeSpans));
}

/**
 * The graph node a span belongs to: walk up from the span (inclusive) to the nearest span directly
 * linked in `runIndex`'s graph (default: the span's top-level run). An LLM span under a node gives that
 * node; a node inside a subflow gives the subflow container of the parent graph. Null when none.
 */
export function owningGraphNode(
  trace: Trace,
  runs: readonly WorkflowRun[],
  links: readonly RunLinks[],
  ownerRun: readonly number[],
  spanIndex: number,
  runIndex?: number,
): GraphNodeRef | null {
  let target = runIndex;
  if (target === undefined) {
    const runHere = runs.findIndex((run) => run.spanIndex === spanIndex);
    const owner = runHere >= 0 ? (runs[runHere]?.parentRun ?? -1) : (ownerRun[spanIndex] ?? -1);
    if (owner < 0) return null;
    target = topLevelRun(runs, owner);
  }
  const runLinks = links[target];
  if (!runLinks) return null;
  for (let i = spanIndex, guard = 0; i >= 0 && guard <= trace.spans.length; i = trace.parent[i] ?? -1, guard++) {
    const nodeId = runLinks.spanNode[i];
    if (nodeId !== undefined) {
      const iteration = runLinks.nodeSpans[nodeId]?.indexOf(i) ?? 0;
      return { runIndex: target, nodeId, spanIndex: i, iteration };
    }
  }
  return null;
}
