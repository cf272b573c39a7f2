import type { TraceSummary } from '../../../core/backends/api-types.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { runTitle, shortTraceId } from '../../data/backend-format.ts';
import { runStatus } from '../../data/run-status.ts';
import { useViewState } from '../../routes/use-view-state.ts';
import { AcrossRunsLink } from '../../ui/AcrossRunsLink.tsx';
import { RunStart } from './RunStart.tsx';
import { RunStatusBadge } from './RunStatusBadge.tsx';
import './runs.css';

/**
 * Recent runs of one source as a table, the same for every source: what ran (workflow, root
 * span when it differs), status, service, start (relative and exact), duration, spans, and the
 * short trace id that tells same-named runs apart. The run on screen is marked. `onDelete`
 * adds a delete button per row (the local store).
 */
export function RunsTable({ source, runs, label, onOpen, onDelete }: { source: string; runs: readonly TraceSummary[]; label: string; onOpen: (run: TraceSummary) => void; onDelete?: (run: TraceSummary) => void }) {
  const onScreen = useViewState((state) => (state.source.kind === 'backend' && state.source.source === source ? state.source.traceId : undefined));
  return (
    <div className="runs-table-wrap">
      <table className="runs-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Service</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Spans</th>
            <th scope="col">Trace</th>
            {onDelete && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const current = run.traceId === onScreen;
            const title = runTitle(run);
            const status = runStatus(run);
            return (
              <tr key={run.traceId} className={current ? 'current' : undefined} aria-current={current ? 'true' : undefined} data-status={status.kind}>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(run)} title={`Open trace ${run.traceId}`}>
                    {title}
                  </button>
                  {run.rootName !== null && run.workflowName !== null && run.rootName !== run.workflowName && <span className="muted run-root"> · {run.rootName}</span>}
                  {status.kind === 'in-progress' && run.workflowName === null && <span className="muted run-root"> · workflow span not received yet</span>}
                  {status.kind === 'incomplete' && <span className="muted run-root"> · root span never arrived</span>}
                  {current && <span className="run-current"> (on screen)</span>}
                  {run.workflowName !== null && (
                    <AcrossRunsLink source={source} workflow={run.workflowName} service={run.rootService} className="link run-across">
                      across runs
                    </AcrossRunsLink>
                  )}
                </td>
                <td>
                  <RunStatusBadge status={status} />
                </td>
                <td className="service">{run.rootService ?? <span className="muted">unknown</span>}</td>
                <td>
                  <RunStart startNs={run.startNs} />
                </td>
                <td className="num">{status.kind === 'in-progress' ? <span className="muted">so far </span> : null}{formatDuration(run.durationMs * 1_000_000)}</td>
                <td className="num">{run.spanCount !== null ? run.spanCount.toLocaleString() : <span className="muted">—</span>}</td>
                <td className="mono" title={run.traceId}>
                  {shortTraceId(run.traceId)}
                </td>
                {onDelete && (
                  <td>
                    <button type="button" className="button small" onClick={() => onDelete(run)} aria-label={`Delete ${title} (trace ${shortTraceId(run.traceId)})`}>
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
