import { useMemo } from 'react';
import { compareRuns } from '../../../core/compare/compare-runs.ts';
import { compareOperationPaths } from '../../../core/compare/operation-paths.ts';
import { compareStates } from '../../../core/compare/state-divergence.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { CompareGraph } from './CompareGraph.tsx';
import { EdgeCompare } from './EdgeCompare.tsx';
import { NodeCompareTable } from './NodeCompareTable.tsx';
import { PathCompareTable } from './PathCompareTable.tsx';
import { StateCompare } from './StateCompare.tsx';
import { signedDuration, signedPercent } from './compare-format.ts';
import type { RunChoice } from './run-choices.ts';

/** The comparison of two chosen runs: Junjo runs by structure and state, any trace by operation path. */
export function CompareResult({ a, b }: { a: RunChoice; b: RunChoice }) {
  const junjo = a.analysis && b.analysis && a.runIndex !== undefined && b.runIndex !== undefined;
  const runs = useMemo(
    () => (a.analysis && b.analysis && a.runIndex !== undefined && b.runIndex !== undefined
      ? compareRuns({ trace: a.trace, analysis: a.analysis, runIndex: a.runIndex }, { trace: b.trace, analysis: b.analysis, runIndex: b.runIndex })
      : undefined),
    [a, b],
  );
  const state = useMemo(
    () => (a.analysis && b.analysis && a.runIndex !== undefined && b.runIndex !== undefined
      ? compareStates({ analysis: a.analysis, runIndex: a.runIndex }, { analysis: b.analysis, runIndex: b.runIndex })
      : undefined),
    [a, b],
  );
  const rootOf = (choice: RunChoice) => (choice.analysis && choice.runIndex !== undefined ? choice.analysis.runs[choice.runIndex]?.spanIndex : undefined);
  const paths = useMemo(() => compareOperationPaths(a.trace, b.trace, rootOf(a), rootOf(b)), [a, b]);
  const graphOf = (choice: RunChoice) => {
    const graph = choice.analysis && choice.runIndex !== undefined ? choice.analysis.runs[choice.runIndex]?.graph : undefined;
    return graph?.ok ? graph.graph : undefined;
  };
  const drawn = graphOf(a) ? { graph: graphOf(a), side: 'a' as const } : { graph: graphOf(b), side: 'b' as const };
  const durationA = runs?.durationA ?? a.trace.duration;
  const durationB = runs?.durationB ?? b.trace.duration;

  return (
    <div className="cmp-result">
      <section className="cmp-summary" aria-label="Summary">
        <p>
          <strong>Duration</strong> A {formatDuration(durationA)} · B {formatDuration(durationB)} ·{' '}
          <span className={durationB > durationA ? 'cmp-slower' : durationB < durationA ? 'cmp-faster' : undefined}>
            {signedDuration(durationB - durationA)} {durationA > 0 ? `(${signedPercent((durationB - durationA) / durationA)})` : ''}
          </span>
        </p>
        {runs && (
          <p>
            <strong>Status</strong> A {runs.statusA} · B {runs.statusB}
            {runs.statusA !== runs.statusB && <strong className="cmp-changed"> · changed</strong>}
          </p>
        )}
        {runs && !runs.graphProblem && (
          <p data-testid="cmp-difference-count">
            {runs.differenceCount === 0 ? 'Same path, iteration counts and node statuses.' : `${runs.differenceCount} difference${runs.differenceCount === 1 ? '' : 's'} in nodes and edges.`}
          </p>
        )}
        {!junjo && (a.analysis || b.analysis) && <p className="muted">Only one side is a Junjo run: the two are compared as plain traces.</p>}
      </section>
      {runs && !runs.sameVersion && !runs.graphProblem && (
        <p className="cmp-banner" role="note">
          <strong>Different workflow versions.</strong> The two runs' graphs differ ({runs.nameA === runs.nameB ? runs.nameA : `${runs.nameA} and ${runs.nameB}`}); nodes and edges are matched where their structure agrees, the rest are marked as in one graph only.
        </p>
      )}
      {runs?.graphProblem && (
        <p className="cmp-banner" role="note">
          The graphs cannot be compared: {runs.graphProblem}.
        </p>
      )}
      {runs && drawn.graph && runs.nodes.length > 0 && (
        <section className="cmp-section" aria-labelledby="cmp-graph-title">
          <h2 id="cmp-graph-title">On the declared graph</h2>
          <CompareGraph graph={drawn.graph} comparison={runs} side={drawn.side} />
        </section>
      )}
      {runs && runs.nodes.length > 0 && <NodeCompareTable comparison={runs} />}
      {runs && runs.edges.length > 0 && <EdgeCompare comparison={runs} />}
      {state && <StateCompare state={state} />}
      <PathCompareTable rows={paths} junjo={Boolean(junjo)} />
    </div>
  );
}
