import { useMemo } from 'react';
import type { Trace } from '../../../core/model/trace.ts';
import { formatDuration, formatEpochNs } from '../../../core/model/time.ts';
import { summarizeTrace } from '../../../core/trace/summarize-trace.ts';
import { updateView } from '../../routes/use-view-state.ts';

/** Several traces in one input: list them (root name, service, start, spans) and open one. */
export function TracePicker({ traces }: { traces: readonly Trace[] }) {
  const summaries = useMemo(() => traces.map(summarizeTrace), [traces]);
  return (
    <div className="picker">
      <h2>This input holds {traces.length} traces</h2>
      <table>
        <caption className="visually-hidden">Traces in this input</caption>
        <thead>
          <tr>
            <th scope="col">Root span</th>
            <th scope="col">Service</th>
            <th scope="col">Start</th>
            <th scope="col">Duration</th>
            <th scope="col">Spans</th>
            <th scope="col">Errors</th>
            <th scope="col">Trace id</th>
          </tr>
        </thead>
        <tbody>
          {summaries.map((summary) => (
            <tr key={summary.traceId}>
              <td>
                <button type="button" className="link" onClick={() => updateView({ trace: summary.traceId }, 'push')}>
                  {summary.rootName || '(unnamed)'}
                </button>
              </td>
              <td>{summary.rootService}</td>
              <td>{formatEpochNs(summary.startNs)}</td>
              <td>{formatDuration(summary.duration)}</td>
              <td>{summary.spanCount.toLocaleString()}</td>
              <td className={summary.errorCount > 0 ? 'error-text' : undefined}>{summary.errorCount}</td>
              <td className="mono">{summary.traceId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
