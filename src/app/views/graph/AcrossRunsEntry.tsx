import type { JunjoRuns } from '../../../core/junjo/analyze-junjo.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { useViewState } from '../../routes/use-view-state.ts';
import { AcrossRunsLink } from '../../ui/AcrossRunsLink.tsx';

/**
 * "This workflow across runs" for the run on screen: a link when the trace comes from a source with
 * history, else a note on how to get there (a file or sample holds one trace).
 */
export function AcrossRunsEntry({ trace, analysis, runIndex }: { trace: Trace; analysis: JunjoRuns; runIndex: number }) {
  const source = useViewState((state) => state.source);
  const run = analysis.runs[runIndex];
  if (!run) return null;
  if (source.kind !== 'backend')
    return (
      <span className="muted gf-across-note" title="A file or sample holds one trace. Save it to the local store with its other runs to compare the workflow across runs.">
        Across runs: needs a source with history
      </span>
    );
  return (
    <AcrossRunsLink source={source.source} workflow={run.name} service={trace.spans[trace.roots[0] ?? -1]?.resource.serviceName} className="button small">
      This workflow across runs
    </AcrossRunsLink>
  );
}
