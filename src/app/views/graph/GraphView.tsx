import { useMemo, useState } from 'react';
import type { JunjoRuns } from '../../../core/junjo/analyze-junjo.ts';
import type { JunjoOutlineAnalysis } from '../../../core/junjo/junjo-outline.ts';
import type { LayoutDirection } from '../../../core/junjo/graph-layout-input.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { useViewState } from '../../routes/use-view-state.ts';
import { GraphProblems, GraphUnreadable } from './GraphProblems.tsx';
import { highlightFor, resolveGraphTarget } from './graph-selection.ts';
import { GraphToolbar } from './GraphToolbar.tsx';
import { NodeInspector } from './NodeInspector.tsx';
import { RunGraph } from './RunGraph.tsx';
import '../../graph/graph.css';

/** The "Workflow graph" tab: the declared graph of the selected run with the path that ran. */
export function GraphView({ trace, analysis }: { trace: Trace; analysis: JunjoOutlineAnalysis }) {
  if (analysis.kind === 'none') {
    return (
      <section className="gf-view" aria-label="Workflow graph">
        <div className="gf-empty" role="status">
          <h2>This trace has no Junjo workflow; the waterfall works as usual.</h2>
          <p className="muted">{analysis.reason}</p>
        </div>
      </section>
    );
  }
  return <JunjoGraphView trace={trace} analysis={analysis} />;
}

function JunjoGraphView({ trace, analysis }: { trace: Trace; analysis: JunjoRuns }) {
  const runKey = useViewState((state) => state.run);
  const graphKey = useViewState((state) => state.graph);
  const span = useViewState((state) => state.span);
  const node = useViewState((state) => state.node);
  const iter = useViewState((state) => state.iter);
  const [direction, setDirection] = useState<LayoutDirection>('RIGHT');
  const target = useMemo(() => resolveGraphTarget(trace, analysis, runKey, graphKey), [trace, analysis, runKey, graphKey]);
  const highlight = useMemo(
    () => (target ? highlightFor(trace, analysis, target.run, { span, node, iter }) : null),
    [trace, analysis, target, span, node, iter],
  );
  if (!target || !highlight) return null;
  const run = analysis.runs[target.run];

  return (
    <section className="gf-view" aria-label="Workflow graph">
      <GraphToolbar trace={trace} analysis={analysis} target={target} direction={direction} onDirection={setDirection} />
      {run?.graph.ok ? (
        <>
          <GraphProblems trace={trace} analysis={analysis} runIndex={target.run} />
          <NodeInspector trace={trace} analysis={analysis} runIndex={target.run} highlight={highlight} />
          <RunGraph trace={trace} analysis={analysis} runIndex={target.run} graph={run.graph.graph} direction={direction} highlight={highlight} />
        </>
      ) : (
        <GraphUnreadable trace={trace} analysis={analysis} runIndex={target.run} />
      )}
    </section>
  );
}
