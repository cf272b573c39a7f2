import type { Trace } from '../core/model/trace.ts';
import { formatDuration, formatEpochNs } from '../core/model/time.ts';
import { encodeOtlpJson } from '../core/formats/encode-otlp-json.ts';
import { updateView } from './routes/use-view-state.ts';
import { CopyButton } from './ui/CopyButton.tsx';

/** One line about the trace on screen, with export and link actions. */
export function TraceHeader({ trace, traces }: { trace: Trace; traces: readonly Trace[] }) {
  const root = trace.spans[trace.roots[0] ?? 0];
  const errors = trace.spans.reduce((count, span) => count + (span.status.code === 'error' ? 1 : 0), 0);
  return (
    <div className="trace-header">
      <h1 className="trace-title">{root?.name ?? 'Trace'}</h1>
      <span className="muted">
        <code>{trace.traceId}</code> · {formatEpochNs(trace.startNs)} · {formatDuration(trace.duration)} · {plural(trace.spans.length, 'span')} ·{' '}
        {trace.services.length} service{trace.services.length === 1 ? '' : 's'}
        {errors > 0 && <span className="error-text"> · {errors} error{errors === 1 ? '' : 's'}</span>}
      </span>
      <span className="spacer" />
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

const plural = (count: number, noun: string): string => `${count.toLocaleString()} ${noun}${count === 1 ? '' : 's'}`;
