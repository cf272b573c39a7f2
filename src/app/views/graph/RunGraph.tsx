import { useCallback, useMemo } from 'react';
import type { JunjoRuns } from '../../../core/junjo/analyze-junjo.ts';
import type { LayoutDirection } from '../../../core/junjo/graph-layout-input.ts';
import type { WorkflowGraph } from '../../../core/junjo/graph-model.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { criticalOnGraph } from '../../../core/junjo/critical-on-graph.ts';
import { spanKey } from '../../data/span-keys.ts';
import { updateView, useViewState } from '../../routes/use-view-state.ts';
import { applyCriticalEdges, applyCriticalNodes } from './critical-overlay.ts';
import { GraphCanvas } from '../../graph/GraphCanvas.tsx';
import { traceTokens } from '../../../core/trace/llm-call.ts';
import { applySelection, buildFlow, edgeLabels } from '../../graph/graph-flow.ts';
import type { GraphHighlight } from './graph-selection.ts';
import { useGraphLayout } from '../../graph/use-graph-layout.ts';
import { LayoutNotReady } from '../../graph/LayoutNotReady.tsx';

/** Subflow node id → span key of the subflow run that can be opened (its first run). */
function openableSubflows(trace: Trace, analysis: JunjoRuns, runIndex: number): Record<string, string> {
  const out: Record<string, string> = {};
  const links = analysis.links[runIndex];
  for (const [nodeId, spans] of Object.entries(links?.nodeSpans ?? {})) {
    const first = spans.find((s) => links?.spanNode[s] === nodeId && analysis.runs.some((run) => run.spanIndex === s && run.graph.ok));
    if (first !== undefined) out[nodeId] = spanKey(trace, first);
  }
  return out;
}

/**
 * Per node: LLM tokens of its spans (a span inside another of the node's spans counted once) and, for
 * a RunConcurrent node, the state keys its branches both wrote.
 */
function nodeExtras(trace: Trace, analysis: JunjoRuns, runIndex: number) {
  const tokens = traceTokens(trace);
  const tokensByNode: Record<string, number> = {};
  const racesByNode: Record<string, string[]> = {};
  const groups = new Map(analysis.concurrency.map((group) => [group.spanIndex, group]));
  for (const stat of analysis.paths[runIndex]?.nodeStats ?? []) {
    const spans = new Set(stat.spanIndexes);
    let sum = 0;
    for (const s of spans) {
      let nested = false;
      for (let p = trace.parent[s] ?? -1; p >= 0 && !nested; p = trace.parent[p] ?? -1) nested = spans.has(p);
      if (!nested) sum += (tokens.subtree[s] ?? 0) + (tokens.subtreeOut[s] ?? 0);
    }
    if (sum > 0) tokensByNode[stat.nodeId] = sum;
    const races = new Set<string>();
    for (const s of spans) for (const race of groups.get(s)?.races ?? []) races.add(race.path);
    if (races.size > 0) racesByNode[stat.nodeId] = [...races];
  }
  return { tokensByNode, racesByNode };
}

/** Lays out one run's graph (in the worker), maps it to React Flow and applies the selection. */
export function RunGraph({ trace, analysis, runIndex, graph, direction, highlight }: {
  trace: Trace;
  analysis: JunjoRuns;
  runIndex: number;
  graph: WorkflowGraph;
  direction: LayoutDirection;
  highlight: GraphHighlight;
}) {
  const run = analysis.runs[runIndex];
  const runKey = spanKey(trace, run?.spanIndex ?? -1);
  const extras = useMemo(() => nodeExtras(trace, analysis, runIndex), [trace, analysis, runIndex]);
  // Room for the edge labels as drawn (with ×N), and for a group's "both wrote /key" note in its header.
  const layoutExtra = useMemo(() => {
    const minWidths: Record<string, number> = {};
    for (const [id, keys] of Object.entries(extras.racesByNode)) minWidths[id] = Math.min(640, 300 + `both wrote ${keys.join(', ')}`.length * 7);
    return { edgeLabels: edgeLabels(graph, analysis.paths[runIndex]), minWidths };
  }, [graph, analysis, runIndex, extras]);
  const layout = useGraphLayout(runKey, graph, direction, layoutExtra);
  const flow = useMemo(() => {
    if (!layout.data) return null;
    const openGraphs = openableSubflows(trace, analysis, runIndex);
    const unlinkedIds = (analysis.links[runIndex]?.unmatchedNodes ?? []).filter((n) => n.reason === 'unlinkable').map((n) => n.nodeId);
    const { tokensByNode, racesByNode } = extras;
    return buildFlow({ graph, layout: layout.data, path: analysis.paths[runIndex], direction, openGraphs, unlinkedIds, tokensByNode, racesByNode });
  }, [layout.data, trace, analysis, runIndex, graph, direction, extras]);
  const criticalMode = useViewState((state) => state.critical);
  const critical = useMemo(() => (criticalMode ? criticalOnGraph(trace, analysis, runIndex) : null), [criticalMode, trace, analysis, runIndex]);
  const only = criticalMode === 'only';
  const flowNodes = useMemo(() => (flow ? applyCriticalNodes(flow.nodes, critical, only) : []), [flow, critical, only]);
  const edges = useMemo(() => (flow ? applyCriticalEdges(flow.edges, critical, only) : []), [flow, critical, only]);
  const nodes = useMemo(() => applySelection(flowNodes, highlight.selectedIds), [flowNodes, highlight.selectedIds]);

  const onSelectNode = useCallback(
    (nodeId: string) => {
      const spans = analysis.links[runIndex]?.nodeSpans[nodeId] ?? [];
      const first = spans[0];
      updateView({ node: nodeId, iter: first === undefined ? undefined : 1, span: first === undefined ? undefined : spanKey(trace, first) }, 'push');
    },
    [analysis, runIndex, trace],
  );

  if (layout.error || !flow) return <LayoutNotReady error={layout.error} />;
  return (
    <GraphCanvas
      key={`${runKey}:${direction}`}
      nodes={nodes}
      edges={edges}
      direction={direction}
      onSelectNode={onSelectNode}
      focusNodeId={highlight.nodeId}
      label={`Workflow graph of ${run?.name ?? 'the run'}`}
    />
  );
}
