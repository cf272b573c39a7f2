import { statusWord } from '../../graph/graph-flow.ts';
import { statusGlyph } from '../../graph/node-glyphs.ts';

const statuses = ['ok', 'error', 'cancelled', 'not-run'] as const;

/** What the marks on the graph mean: a collapsible <details> that opens over the canvas. */
export function GraphLegend() {
  return (
    <details className="gf-legend">
      <summary className="button small">Legend</summary>
      <div className="gf-legend-body" role="group" aria-label="Graph legend">
        <ul>
          {statuses.map((status) => (
            <li key={status}>
              <span className={`gf-legend-node gf-status-${status}${status === 'not-run' ? ' is-dimmed' : ''}`} aria-hidden="true">
                {statusGlyph[status]}
              </span>
              {statusWord[status]}
            </li>
          ))}
        </ul>
        <ul>
          <li>
            <svg className="gf-legend-edge is-taken" width="24" height="10" aria-hidden="true"><line x1="1" y1="5" x2="23" y2="5" /></svg>
            edge taken (×N: taken N times)
          </li>
          <li>
            <svg className="gf-legend-edge is-untaken" width="24" height="10" aria-hidden="true"><line x1="1" y1="5" x2="23" y2="5" /></svg>
            edge not taken
          </li>
          <li>
            <span className="gf-legend-frame is-concurrent" aria-hidden="true" />
            double frame: RunConcurrent (members run in parallel)
          </li>
          <li>
            <span className="gf-legend-frame" aria-hidden="true" />
            frame: subflow
          </li>
          <li>⚠ both wrote /key: concurrent branches wrote the same state key</li>
          <li>tok: LLM tokens (in + out) used by the node</li>
        </ul>
        <p className="muted">Click a node (or press Enter on it) to select the span that ran it.</p>
      </div>
    </details>
  );
}
