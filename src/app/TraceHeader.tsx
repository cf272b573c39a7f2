import { useMemo, type ReactNode } from 'react';
import { summarizeTrace } from '../core/trace/summarize-trace.ts';
import { nextFailure, traceFailures } from '../core/trace/failures.ts';
import { formatTokens, traceTokens } from '../core/trace/llm-call.ts';
import { spanIndexOf } from './data/span-keys.ts';
import { selectSpan } from './routes/select-span.ts';
import { getViewState } from './routes/use-view-state.ts';
import type { Trace } from '../core/model/trace.ts';
import { formatDuration, formatEpochNs } from '../core/model/time.ts';
import { encodeOtlpJson } from '../core/formats/encode-otlp-json.ts';
import { updateView } from './routes/use-view-state.ts';
import { CopyButton } from './ui/CopyButton.tsx';
import { countOf } from './ui/count-of.ts';

/** One line about the trace on screen, with export and link actions, and what its source adds (`actions`). */
export function TraceHeader({ trace, traces, actions }: { trace: Trace; traces: { readonly length: number }; actions?: ReactNode }) {
  const summary = useMemo(() => summarizeTrace(trace), [trace]);
  const tokens = traceTokens(trace);
  return (
    <div className="trace-header">
      <h1 className="trace-title">{summary.rootName || 'Trace'}</h1>
      <span className="muted">
        <code>{trace.traceId}</code> · {formatEpochNs(trace.startNs)} · {formatDuration(trace.duration)} · {countOf(trace.spans.length, 'span')} · {countOf(trace.services.length, 'service')}
        {tokens.calls > 0 && (
          <span className="trace-tokens" title={`${tokens.input.toLocaleString()} tokens in, ${tokens.output.toLocaleString()} tokens out`}>
            {' '}· {countOf(tokens.calls, 'LLM call')} · {formatTokens(tokens.input)} → {formatTokens(tokens.output)} tokens
          </span>
        )}
      </span>
      {summary.errorCount > 0 && <FailureStepper trace={trace} />}
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

/**
 * The failures as a control: each press selects the next root cause (the failing span with no
 * failing span below it), the first press the one that failed first. Echoes (the RunConcurrent,
 * subflow and workflow that failed because of it) are counted apart.
 */
function FailureStepper({ trace }: { trace: Trace }) {
  const failures = traceFailures(trace);
  const causes = failures.rootCauses.length;
  const echoes = failures.failed.length - causes;
  const first = trace.spans[failures.rootCauses[0] ?? -1];
  const step = (direction: 1 | -1) => {
    const current = spanIndexOf(trace, getViewState().span);
    const next = nextFailure(failures, current, direction);
    if (next >= 0) selectSpan(trace, next, 'push');
  };
  return (
    <span className="failure-stepper" role="group" aria-label="Failures">
      <button
        type="button"
        className="button small failure-button"
        onClick={() => step(1)}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
          event.preventDefault();
          step(event.key === 'ArrowRight' ? 1 : -1);
        }}
        title={`${first ? `Root cause: ${first.name}. ` : ''}${echoes > 0 ? `${countOf(echoes, 'enclosing span')} failed because of ${causes === 1 ? 'it' : 'them'}. ` : ''}Press to step through the failures (← → too).`}
      >
        <span aria-hidden="true">✕ </span>
        {countOf(causes, 'failure')}
        {echoes > 0 && <span className="failure-echoes"> ({countOf(failures.failed.length, 'span')} in error)</span>}
      </button>
    </span>
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
