import type { JunjoRuns } from '../../../core/junjo/analyze-junjo.ts';
import { formatDuration } from '../../../core/model/time.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { spanKey } from '../../data/span-keys.ts';
import { updateView } from '../../routes/use-view-state.ts';
import { statusWord } from '../../graph/graph-flow.ts';
import type { GraphHighlight } from './graph-selection.ts';
import { statusGlyph } from '../../graph/node-glyphs.ts';
import { NodeCriticalNote } from './NodeCriticalNote.tsx';

/** A line about the selected node: status, runs, total time, and the iteration picker for loops. */
export function NodeInspector({ trace, analysis, runIndex, highlight }: {
  trace: Trace;
  analysis: JunjoRuns;
  runIndex: number;
  highlight: GraphHighlight;
}) {
  const nodeId = highlight.nodeId;
  const graph = analysis.runs[runIndex]?.graph;
  const node = nodeId !== null && graph?.ok ? graph.graph.nodes.find((n) => n.id === nodeId) : undefined;
  const stats = analysis.paths[runIndex]?.nodeStats.find((s) => s.nodeId === nodeId);
  // Nothing selected: no row (the hint lives in the legend), so the canvas gets the room.
  if (!node || !stats) return null;
  const spans = analysis.links[runIndex]?.nodeSpans[node.id] ?? [];
  const iteration = highlight.iteration ?? 1;
  const pick = (next: number) => {
    const spanIndex = spans[next - 1];
    if (spanIndex === undefined) return;
    updateView({ node: node.id, iter: next, span: spanKey(trace, spanIndex) }, 'replace');
  };
  const current = spans[iteration - 1];
  const currentSpan = current !== undefined ? trace.spans[current] : undefined;

  return (
    <div className="gf-inspector" aria-live="polite">
      <strong>{node.label}</strong>
      <span className={`gf-pill gf-status-${stats.status}`}>
        <span aria-hidden="true">{statusGlyph[stats.status]}</span> {statusWord[stats.status]}
      </span>
      {stats.runCount > 0 && (
        <span className="muted">
          {stats.runCount === 1 ? 'ran once' : `ran ${stats.runCount} times`} · {formatDuration(stats.totalDuration)} total
        </span>
      )}
      {spans.length > 1 && (
        <span className="gf-iterations" role="group" aria-label="Iteration">
          <button type="button" className="button small" disabled={iteration <= 1} onClick={() => pick(iteration - 1)} aria-label="Previous iteration">
            ‹
          </button>
          <label>
            <span className="visually-hidden">Iteration</span>
            <select className="input" value={iteration} onChange={(event) => pick(Number(event.target.value))}>
              {spans.map((spanIndex, n) => (
                <option key={spanIndex} value={n + 1}>
                  Iteration {n + 1} of {spans.length}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button small" disabled={iteration >= spans.length} onClick={() => pick(iteration + 1)} aria-label="Next iteration">
            ›
          </button>
        </span>
      )}
      {currentSpan && spans.length > 1 && <span className="muted">this iteration: {formatDuration(currentSpan.end - currentSpan.start)}</span>}
      <NodeCriticalNote trace={trace} analysis={analysis} runIndex={runIndex} nodeId={node.id} iteration={iteration} />
    </div>
  );
}
