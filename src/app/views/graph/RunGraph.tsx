import { useCallback, useMemo } from 'react';
import type { JunjoFound } from '../../../core/junjo/analyze-junjo.ts';
import type { LayoutDirection } from '../../../core/junjo/graph-layout-input.ts';
import type { WorkflowGraph } from '../../../core/junjo/graph-model.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { criticalOnGraph } from '../../../core/junjo/critical-on-graph.ts';
import { spanKey } from '../../data/span-keys.ts';
import { updateView, useViewState } from '../../routes/use-view-state.ts';
import { applyCriticalEdges, applyCriticalNodes } from './critical-overlay.ts';
import { GraphCanvas } from './GraphCanvas.tsx';
import { applySelection, buildFlow } from './graph-flow.ts';
import type { GraphHighlight } from './graph-selection.ts';
import { useGraphLayout } from './use-graph-layout.ts';

/** Subflow node id → span key of the subflow run that can be opened (its first run). */
function openableSubflows(trace: Trace, analysis: JunjoFound, runIndex: number): Record<string, string> {
  const out: Record<string, string> = {};
  const links = analysis.links[runIndex];
  for (const [nodeId, spans] of Object.entries(links?.nodeSpans ?? {})) {
    const first = spans.find((s) => links?.spanNode[s] === nodeId && analysis.runs.some((run) => run.spanIndex === s && run.graph.ok));
    if (first !== undefined) out[nodeId] = spanKey(trace, first);
  }
  return out;
}

/** Lays out one run's graph (in the worker), maps it to React Flow and applies the selection. */
export function RunGraph({ trace, analysis, runIndex, graph, direction, highlight }: {
  trace: Trace;
  analysis: JunjoFound;
  runIndex: number;
  graph: WorkflowGraph;
  direction: LayoutDirection;
  highlight: GraphHighlight;
}) {
  const run = analysis.runs[runIndex];
  const runKey = spanKey(trace, run?.spanIndex ?? -1);
  const layout = useGraphLayout(runKey, graph, direction);
  const flow = useMemo(() => {
    if (!layout.data) return null;
    const openGraphs = openableSubflows(trace, analysis, runIndex);
    const unlinkedIds = (analysis.links[runIndex]?.unmatchedNodes ?? []).filter((n) => n.reason === 'unlinkable').map((n) => n.nodeId);
    return buildFlow({ graph, layout: layout.data, path: analysis.paths[runIndex], direction, openGraphs, unlinkedIds });
  }, [layout.data, trace, analysis, runIndex, graph, direction]);
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

  if (layout.error) {
    return (
      <div className="alert gf-alert" role="alert">
        <h2>The graph could not be laid out</h2>
        <p>{layout.error.message}</p>
      </div>
    );
  }
  if (!flow) return <p className="muted pad" role="status">Laying out the graph…</p>;
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
