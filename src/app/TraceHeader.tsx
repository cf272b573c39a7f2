import { useMemo, type ReactNode } from 'react';
import { summarizeTrace } from '../core/trace/summarize-trace.ts';
import type { Trace } from '../core/model/trace.ts';
import { formatDuration, formatEpochNs } from '../core/model/time.ts';
import { encodeOtlpJson } from '../core/formats/encode-otlp-json.ts';
import { updateView } from './routes/use-view-state.ts';
import { CopyButton } from './ui/CopyButton.tsx';
import { countOf } from './ui/count-of.ts';

/** One line about the trace on screen, with export and link actions, and what its source adds (`actions`). */
export function TraceHeader({ trace, traces, actions }: { trace: Trace; traces: readonly Trace[]; actions?: ReactNode }) {
  const summary = useMemo(() => summarizeTrace(trace), [trace]);
  return (
    <div className="trace-header">
      <h1 className="trace-title">{summary.rootName || 'Trace'}</h1>
      <span className="muted">
        <code>{trace.traceId}</code> · {formatEpochNs(trace.startNs)} · {formatDuration(trace.duration)} · {countOf(trace.spans.length, 'span')} · {countOf(trace.services.length, 'service')}
        {summary.errorCount > 0 && <span className="error-text"> · {countOf(summary.errorCount, 'error')}</span>}
      </span>
      <span className="spacer" />
      {actions}
      {traces.length > 1 && (
        <button type="button" className="button small" onClick={() => updateView({ trace: undefined, span: undefined }, 'push')}>
          All {traces.length} traces
        </button>
      )}
      <CopyButton text={() => window.location.href} label="Copy link" visibleLabel="Copy link" subtle={false} />
      <button type="button" className="button small" onClick={() => downloadOtlp(trace)}>
        Export OTLP JSON
      </button>
    </div>
  );
}

function downloadOtlp(trace: Trace): void {
  const blob = new Blob([JSON.stringify(encodeOtlpJson(trace))], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `trace-${trace.traceId}.otlp.json`;
  anchor.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
