import type { JunjoRuns } from '../../../core/junjo/analyze-junjo.ts';
import type { GraphNode } from '../../../core/junjo/graph-model.ts';
import type { UnexplainedStep } from '../../../core/junjo/path-taken.ts';
import { utf8Length } from '../../../core/junjo/json-attr.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { selectSpan } from '../../routes/select-span.ts';
import { countOf, formatCount } from '../../ui/count-of.ts';
import { distinctNodeNames } from './node-names.ts';
import { groupUnexplainedSteps, type UnexplainedTransition } from './unexplained-steps.ts';

/** Shown instead of the canvas when the run's graph cannot be read (Tempo cut, bad JSON, missing). */
export function GraphUnreadable({ trace, analysis, runIndex }: { trace: Trace; analysis: JunjoRuns; runIndex: number }) {
  const run = analysis.runs[runIndex];
  if (!run || run.graph.ok) return null;
  const error = run.graph.error;
  const raw = 'raw' in error ? error.raw : null;
  return (
    <div className="alert gf-alert" role="alert">
      <h2>The workflow graph of “{run.name}” cannot be drawn</h2>
      <p>{error.message}</p>
      {raw !== null && (
        <details>
          <summary>Raw graph attribute ({utf8Length(raw).toLocaleString()} bytes)</summary>
          <pre className="gf-raw">{raw}</pre>
        </details>
      )}
      <p className="muted">The waterfall still shows every span of this run.</p>
      <SpanList trace={trace} spans={run.nodeSpans} title="Node spans of this run" />
    </div>
  );
}

function SpanList({ trace, spans, title }: { trace: Trace; spans: readonly number[]; title: string }) {
  if (spans.length === 0) return null;
  return (
    <details>
      <summary>
        {title} ({spans.length})
      </summary>
      <ul className="gf-list">
        {spans.map((spanIndex) => (
          <li key={spanIndex}>
            <button type="button" className="gf-link" onClick={() => selectSpan(trace, spanIndex, 'push')}>
              {trace.spans[spanIndex]?.name ?? `span ${spanIndex}`}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Linking problems and graph oddities of a drawable graph, listed above the canvas. */
export function GraphProblems({ trace, analysis, runIndex }: { trace: Trace; analysis: JunjoRuns; runIndex: number }) {
  const run = analysis.runs[runIndex];
  const links = analysis.links[runIndex];
  const path = analysis.paths[runIndex];
  if (!run || !links || !run.graph.ok) return null;
  const unlinkable = links.unmatchedNodes.filter((n) => n.reason === 'unlinkable');
  const notRun = links.unmatchedNodes.filter((n) => n.reason === 'not-run');
  const warnings = [...run.warnings, ...run.graph.graph.warnings];
  const notes = run.graph.graph.notes ?? [];
  const unexplained = path?.unexplained ?? [];
  if (links.unmatchedSpans.length + unlinkable.length + notRun.length + warnings.length + notes.length + unexplained.length === 0) return null;

  return (
    <section className="gf-problems" role="status" aria-label="Graph and span matching">
      {links.unmatchedSpans.length > 0 && (
        <div className="gf-problem is-warning">
          <strong>⚠ {countOf(links.unmatchedSpans.length, 'span matches', 'spans match')} no graph node.</strong> They ran but the graph does not declare them.
          <SpanList trace={trace} spans={links.unmatchedSpans} title="Spans without a node" />
        </div>
      )}
      {unlinkable.length > 0 && (
        <div className="gf-problem">
          <strong>Note: {countOf(unlinkable.length, 'subflow node', 'subflow nodes')} cannot be linked here:</strong> this Junjo version gives them other ids in
          the parent graph. Open the subflow's own graph to see them run: {unlinkable.map((n) => n.label).join(', ')}.
        </div>
      )}
      {notRun.length > 0 && (
        <details className="gf-problem">
          <summary>
            ○ {countOf(notRun.length, 'graph node did', 'graph nodes did')} not run (no span)
          </summary>
          <ul className="gf-list">
            {notRun.map((n) => (
              <li key={n.nodeId}>{n.label}</li>
            ))}
          </ul>
        </details>
      )}
      {unexplained.length > 0 && <UnexplainedSteps trace={trace} steps={unexplained} nodes={run.graph.graph.nodes} />}
      {warnings.length > 0 && (
        <details className="gf-problem">
          <summary>⚠ {countOf(warnings.length, 'note', 'notes')} on the graph</summary>
          <ul className="gf-list">
            {warnings.map((w, n) => (
              <li key={n}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      {notes.length > 0 && (
        <details className="gf-problem">
          <summary>{countOf(notes.length, 'detail')} about the graph</summary>
          <ul className="gf-list">
            {notes.map((note, n) => (
              <li key={n}>{note}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** Transitions shown before the rest is folded away. */
const transitionsShown = 5;

/** The steps that follow no declared edge, one entry per transition with how often it was made; each opens its first step's span. */
function UnexplainedSteps({ trace, steps, nodes }: { trace: Trace; steps: readonly UnexplainedStep[]; nodes: readonly GraphNode[] }) {
  const groups = groupUnexplainedSteps(steps);
  const names = distinctNodeNames(nodes);
  const labelOf = (id: string) => names.get(id) ?? id;
  const item = (group: UnexplainedTransition) => (
    <button
      type="button"
      className="gf-link"
      title="Select the node span of the first such step"
      onClick={() => selectSpan(trace, group.firstToSpan, 'push')}
    >
      {labelOf(group.fromNodeId)} → {labelOf(group.toNodeId)}
      {group.count > 1 ? ` ×${formatCount(group.count)}` : ''}
    </button>
  );
  const shown = groups.slice(0, transitionsShown);
  const rest = groups.slice(transitionsShown);
  return (
    <div className="gf-problem is-warning">
      <strong>
        ⚠ {countOf(steps.length, 'step follows', 'steps follow')} no declared edge
        {groups.length < steps.length ? ` (${countOf(groups.length, 'transition')})` : ''}:
      </strong>{' '}
      {shown.map((group, n) => (
        <span key={`${group.fromNodeId}\u0000${group.toNodeId}`}>
          {n > 0 ? ', ' : ''}
          {item(group)}
        </span>
      ))}
      {rest.length > 0 && (
        <details>
          <summary>{countOf(rest.length, 'more transition', 'more transitions')}</summary>
          <ul className="gf-list">
            {rest.map((group) => (
              <li key={`${group.fromNodeId}\u0000${group.toNodeId}`}>{item(group)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
