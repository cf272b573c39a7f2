import type { JunjoRuns } from '../../../core/junjo/analyze-junjo.ts';
import type { LayoutDirection } from '../../../core/junjo/graph-layout-input.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { spanKey } from '../../data/span-keys.ts';
import { updateView } from '../../routes/use-view-state.ts';
import { GraphLegend } from './GraphLegend.tsx';
import { CriticalPathToggle } from './CriticalPathToggle.tsx';
import type { GraphTarget } from './graph-selection.ts';
import { runOptionLabel } from './run-label.ts';
import { AcrossRunsEntry } from './AcrossRunsEntry.tsx';

/** Run picker (several top-level runs), breadcrumb into subflow graphs, legend, and the layout direction. */
export function GraphToolbar({ trace, analysis, target, direction, onDirection }: {
  trace: Trace;
  analysis: JunjoRuns;
  target: GraphTarget;
  direction: LayoutDirection;
  onDirection: (direction: LayoutDirection) => void;
}) {
  const runLabel = (runIndex: number) => {
    const run = analysis.runs[runIndex];
    const span = run ? trace.spans[run.spanIndex] : undefined;
    return run && span ? runOptionLabel(run, span) : `run ${runIndex}`;
  };
  const keyOfRun = (runIndex: number) => spanKey(trace, analysis.runs[runIndex]?.spanIndex ?? -1);

  return (
    <div className="gf-toolbar">
      {analysis.topLevelRuns.length > 1 && (
        <label className="gf-run-picker">
          <span>Workflow run</span>
          <select
            className="input"
            value={target.topRun}
            onChange={(event) =>
              updateView({ run: keyOfRun(Number(event.target.value)), graph: undefined, node: undefined, iter: undefined }, 'push')
            }
          >
            {analysis.topLevelRuns.map((runIndex, n) => (
              <option key={runIndex} value={runIndex}>
                {n + 1}. {runLabel(runIndex)}
              </option>
            ))}
          </select>
        </label>
      )}
      <nav aria-label="Graph breadcrumb" className="gf-breadcrumb">
        <ol>
          {target.trail.map((runIndex, n) => {
            const run = analysis.runs[runIndex];
            const last = n === target.trail.length - 1;
            const name = `${run?.kind === 'subflow' ? '▣ ' : ''}${run?.name ?? '?'}`;
            return (
              <li key={runIndex}>
                {last ? (
                  <span aria-current="page">{name}</span>
                ) : (
                  <button
                    type="button"
                    className="gf-crumb"
                    onClick={() => updateView({ graph: n === 0 ? undefined : keyOfRun(runIndex), node: undefined, iter: undefined }, 'push')}
                  >
                    {name}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      <span className="spacer" />
      <AcrossRunsEntry trace={trace} analysis={analysis} runIndex={target.topRun} />
      <CriticalPathToggle />
      <div className="gf-direction" role="group" aria-label="Layout direction">
        {(['RIGHT', 'DOWN'] as const).map((d) => (
          <button key={d} type="button" className="button small" aria-pressed={direction === d} onClick={() => onDirection(d)}>
            {d === 'RIGHT' ? '→ Left to right' : '↓ Top to bottom'}
          </button>
        ))}
      </div>
      <GraphLegend />
    </div>
  );
}
