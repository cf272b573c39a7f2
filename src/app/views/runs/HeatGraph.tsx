import { useMemo, useState } from 'react';
import type { WorkflowGraph } from '../../../core/junjo/graph-model.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { graphKeys } from '../../../core/runs/graph-keys.ts';
import type { VersionGroup } from '../../../core/runs/summarize-runs.ts';
import { buildFlow } from '../../graph/graph-flow.ts';
import { GraphCanvas } from '../../graph/GraphCanvas.tsx';
import { applySelection } from '../../graph/graph-flow.ts';
import { useGraphLayout } from '../../graph/use-graph-layout.ts';
import { LayoutNotReady } from '../../graph/LayoutNotReady.tsx';
import { applyHeat, heatPath, percentText } from './heat-overlay.ts';

/** Two note lines per node (figures), so ELK makes the boxes taller; one object, a stable memo key. */
const heatLayout = { noteLines: 2 } as const;

/** The declared graph of one version with its figures across runs (heat-overlay.ts); a node click shows its figures. */
export function HeatGraph({ graph, group, label }: { graph: WorkflowGraph; group: VersionGroup; label: string }) {
  const keys = useMemo(() => graphKeys(graph), [graph]);
  const layout = useGraphLayout(`runs:${group.version}`, graph, 'RIGHT', heatLayout);
  const [selected, setSelected] = useState<string | null>(null);
  const flow = useMemo(() => {
    if (!layout.data) return null;
    const base = buildFlow({ graph, layout: layout.data, path: heatPath(graph, keys, group), direction: 'RIGHT' });
    return applyHeat(base.nodes, base.edges, graph, keys, group);
  }, [layout.data, graph, keys, group]);
  const nodes = useMemo(() => (flow ? applySelection(flow.nodes, selected ? [selected] : []) : []), [flow, selected]);

  if (layout.error || !flow) return <LayoutNotReady error={layout.error} />;
  const node = graph.nodes.find((n) => n.id === selected);
  const across = node ? group.nodes[keys.nodeKey.get(node.id) ?? ''] : undefined;
  return (
    <div className="ar-graph gf-view">
      <p className="ar-node-line" aria-live="polite">
        {node ? (
          across ? (
            <>
              <strong>{node.label}</strong>: ran in {across.runs} of {group.runCount} runs, {across.executions} times in all · p50 {formatDuration(across.p50)} · p95{' '}
              {formatDuration(across.p95)} · {across.failed} failed ({percentText(across.failureRate)}){across.cancelled > 0 ? ` · ${across.cancelled} cancelled` : ''}
            </>
          ) : (
            <>
              <strong>{node.label}</strong> did not run in any of these {group.runCount} runs.
            </>
          )
        ) : (
          <span className="muted">Fill: p95 duration against the slowest node (darker is slower). Edge width and %: share of runs that took it (×N: times in all). Select a node for its figures.</span>
        )}
      </p>
      <GraphCanvas nodes={nodes} edges={flow.edges} direction="RIGHT" onSelectNode={setSelected} focusNodeId={selected} label={label} />
    </div>
  );
}
