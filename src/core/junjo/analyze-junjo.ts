/**
 * Single entry of the Junjo layer: `analyzeJunjo(trace)` finds the workflow runs, parses their graphs,
 * links graph nodes to spans, infers the path taken, replays every store and measures RunConcurrent
 * groups. The result is plain, structured-cloneable data (no Maps, classes or functions) so a Web Worker
 * can post it; read states with `stateAt`/`keyHistory` and owners with `owningNodeOf` afterwards.
 */
import type { Trace } from '../model/trace.ts';
import { analyzeConcurrency, type ConcurrencyGroup } from './concurrency.ts';
import type { Generation } from './generation.ts';
import { spanTypesOf } from './junjo-attrs.ts';
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

/** Everything but the store timelines: what graph code reads, from a full analysis or its outline (junjo-outline.ts). */
export type JunjoRuns = Omit<JunjoFound, 'stores'>;

export function analyzeJunjo(trace: Trace): JunjoAnalysis {
  let junjoSpans = 0;
  for (const type of spanTypesOf(trace.spans)) if (type !== undefined) junjoSpans++;
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
  const nodeOfRun = (runIndex: number) => {
    const graph = runs[runIndex]?.graph;
    const labels = new Map(graph?.ok ? graph.graph.nodes.map((node) => [node.id, node.label]) : []);
    // One node object per graph node: many transitions share it (and it is posted once per store).
    const nodes = new Map<string, TransitionNode>();
    return (spanIndex: number): TransitionNode | null => {
      if (!graph?.ok) return null;
      const nodeId = owningNodeId(trace, links[runIndex], spanIndex);
      if (nodeId === undefined) return null;
      let node = nodes.get(nodeId);
      if (!node) nodes.set(nodeId, (node = { runIndex, nodeId, label: labels.get(nodeId) ?? nodeId }));
      return node;
    };
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

/** The id of the graph node of `links`' run that a span belongs to: the nearest directly linked span, walking up. */
function owningNodeId(trace: Trace, links: RunLinks | undefined, spanIndex: number): string | undefined {
  if (!links) return undefined;
  for (let i = spanIndex, guard = 0; i >= 0 && guard <= trace.spans.length; i = trace.parent[i] ?? -1, guard++) {
    const nodeId = links.spanNode[i];
    if (nodeId !== undefined) return nodeId;
  }
  return undefined;
}

/** The graph node a span belongs to (see `owningGraphNode`), from an analysis result. */
export function owningNodeOf(trace: Trace, analysis: Pick<JunjoFound, 'runs' | 'links' | 'spanIndex'>, spanIndex: number, runIndex?: number): GraphNodeRef | null {
  return owningGraphNode(trace, analysis.runs, analysis.links, analysis.spanIndex.ownerRun, spanIndex, runIndex);
}
