import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Trace } from '../../../core/model/trace.ts';
import { formatDuration, formatEpochNs } from '../../../core/model/time.ts';
import { summarizeTrace, type TraceSummary } from '../../../core/trace/summarize-trace.ts';
import { updateView } from '../../routes/use-view-state.ts';

const rowHeight = 33;

/** Summaries by trace object: the list is renewed as Junjo analyses arrive, the traces stay the same. */
const summaryCache = new WeakMap<Trace, TraceSummary>();
function summaryOf(trace: Trace): TraceSummary {
  let summary = summaryCache.get(trace);
  if (summary === undefined) {
    summary = summarizeTrace(trace);
    summaryCache.set(trace, summary);
  }
  return summary;
}

/**
 * Several traces in one input: list them (root name, service, start, spans) and open one. Only
 * the rows in view are rendered, and each trace is rebuilt and summarized when its row first shows,
 * so a file of 50,000 traces lists at once.
 */
export function TracePicker({ traces }: { traces: readonly { readonly trace: Trace }[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const summaries = (index: number): TraceSummary => summaryOf(traces[index]!.trace);
  const virtualizer = useVirtualizer({ count: traces.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12 });
  const rows = virtualizer.getVirtualItems();
  const before = rows[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (rows[rows.length - 1]?.end ?? 0);
  return (
    <div className="picker" ref={scrollRef}>
      <h2>This input holds {traces.length.toLocaleString('en-US')} traces</h2>
      <table aria-rowcount={traces.length + 1}>
        <caption className="visually-hidden">Traces in this input</caption>
        <thead>
          <tr aria-rowindex={1}>
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
          {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
          {rows.map((row) => {
            const summary = summaries(row.index);
            return (
              <tr key={summary.traceId} aria-rowindex={row.index + 2} style={{ height: rowHeight }}>
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
            );
          })}
          {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
        </tbody>
      </table>
    </div>
  );
}
