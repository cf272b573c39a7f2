/**
 * Single entry of the Junjo layer: `analyzeJunjo(trace)` finds the workflow runs, parses their graphs,
 * links graph nodes to spans, infers the path taken, replays every store and measures RunConcurrent
 * groups. The result is plain, structured-cloneable data (no Maps, classes or functions) so a Web Worker
 * can post it; read states with `stateAt`/`keyHistory` and owners with `owningNodeOf` afterwards.
 */
import type { Trace } from '../model/trace.ts';
import { analyzeConcurrency, type ConcurrencyGroup } from './concurrency.ts';
import type { Generation } from './generation.ts';
import { spanTypeOf } from './junjo-attrs.ts';
import { linkAllRuns, owningGraphNode, type GraphNodeRef, type RunLinks } from './link-spans.ts';
import { inferPathTaken, type PathTaken } from './path-taken.ts';
import { collectStateEvents } from './state-events.ts';
import { replayAllStores, type StoreTimeline, type TransitionNode } from './state-replay.ts';
import { findWorkflowRuns, type JunjoSpanIndex, type WorkflowRun } from './workflow-runs.ts';

export interface JunjoFound {
  readonly kind: 'junjo';
  /** Distinct generations present, oldest first (a trace can mix SDK versions). */
  readonly generations: readonly Generation[];
  readonly runs: readonly WorkflowRun[];
  /** Indexes into `runs` of the runs with no enclosing W/S span, in start order. */
  readonly topLevelRuns: readonly number[];
  /** Per run (same index as `runs`). */
  readonly links: readonly RunLinks[];
  /** Per run (same index as `runs`). */
  readonly paths: readonly PathTaken[];
  readonly stores: readonly StoreTimeline[];
  readonly concurrency: readonly ConcurrencyGroup[];
  readonly spanIndex: JunjoSpanIndex;
  /** Run-level problems for a banner: unreadable graphs, unknown generations, graph oddities. */
  readonly warnings: readonly string[];
}

export type JunjoAnalysis = { readonly kind: 'none'; readonly reason: string } | JunjoFound;

export function analyzeJunjo(trace: Trace): JunjoAnalysis {
  let junjoSpans = 0;
  for (const span of trace.spans) if (spanTypeOf(span) !== undefined) junjoSpans++;
  // Without Junjo spans there are no runs: skip the per-span index (big plain traces).
  if (junjoSpans === 0) return { kind: 'none', reason: 'No Junjo spans (junjo.span_type) in this trace.' };
  const { runs, index } = findWorkflowRuns(trace);
  if (runs.length === 0) {
    const reason = junjoSpans > 0
      ? `${junjoSpans} Junjo span(s) but no workflow span: the workflow span may not have been exported yet.`
      : 'No Junjo spans (junjo.span_type) in this trace.';
    return { kind: 'none', reason };
  }
  const links = linkAllRuns(trace, runs);
  const paths = runs.map((run) => inferPathTaken(trace, run, links[run.index] as RunLinks, index.junjoParent));
  const sources = collectStateEvents(trace, runs, index.ownerRun);
  const nodeOfRun = (runIndex: number) => (spanIndex: number): TransitionNode | null => {
    const ref = owningGraphNode(trace, runs, links, index.ownerRun, spanIndex, runIndex);
    const graph = runs[runIndex]?.graph;
    if (!ref || !graph?.ok) return null;
    const label = graph.graph.nodes.find((node) => node.id === ref.nodeId)?.label ?? ref.nodeId;
    return { runIndex, nodeId: ref.nodeId, label };
  };
  const stores = sources.map((source) =>
    replayAllStores(trace, runs, [source], source.ownerRun !== null ? { nodeOfSpan: nodeOfRun(source.ownerRun) } : {})[0] as StoreTimeline,
  );
  const warnings: string[] = [];
  for (const run of runs) {
    for (const w of run.warnings) warnings.push(`${run.name}: ${w}`);
    if (!run.graph.ok) warnings.push(`${run.name}: graph: ${run.graph.error.message}`);
    else for (const w of run.graph.graph.warnings) warnings.push(`${run.name}: graph: ${w}`);
  }
  const order: Generation[] = ['G0', 'G1', 'G2', 'G3'];
  const topLevelRuns = runs.filter((run) => run.parentRun < 0).map((run) => run.index)
    .sort((a, b) => (trace.spans[runs[a]?.spanIndex ?? 0]?.start ?? 0) - (trace.spans[runs[b]?.spanIndex ?? 0]?.start ?? 0));
  return {
    kind: 'junjo',
    generations: order.filter((g) => runs.some((run) => run.generation === g)),
    runs,
    topLevelRuns,
    links,
    paths,
    stores,
    concurrency: analyzeConcurrency(trace, index.junjoParent, stores),
    spanIndex: index,
    warnings,
  };
}

/** The graph node a span belongs to (see `owningGraphNode`), from an analysis result. */
export function owningNodeOf(trace: Trace, analysis: JunjoFound, spanIndex: number, runIndex?: number): GraphNodeRef | null {
  return owningGraphNode(trace, analysis.runs, analysis.links, analysis.spanIndex.ownerRun, spanIndex, runIndex);
}
