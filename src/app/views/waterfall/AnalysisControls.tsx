import { updateView, useViewState } from '../../routes/use-view-state.ts';
import type { CriticalMode } from '../../routes/view-state.ts';

/** The critical path switch (off / shown on the bars / only the path) and the statistics row filter, if any. */
export function AnalysisControls() {
  const critical = useViewState((state) => state.critical);
  const op = useViewState((state) => state.op);
  return (
    <>
      <label className="wf-check">
        Critical path{' '}
        <select
          className="input"
          value={critical ?? ''}
          onChange={(event) => updateView({ critical: (event.target.value || undefined) as CriticalMode | undefined }, 'replace')}
          aria-label="Critical path"
        >
          <option value="">off</option>
          <option value="show">shown</option>
          <option value="only">only the path</option>
        </select>
      </label>
      {op && (
        <span className="wf-op-filter" role="status">
          Only <strong>{op.service}</strong>: {op.operation}
          <button type="button" className="button small" onClick={() => updateView({ op: undefined }, 'replace')} aria-label={`Stop filtering to ${op.service}: ${op.operation}`}>
            ✕
          </button>
        </span>
      )}
    </>
  );
}
