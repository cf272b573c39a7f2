import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { parseTraceIdInput } from '../../../core/backends/parse-trace-id-input.ts';
import { findTraceInSources, listNames } from '../../data/find-trace.ts';
import { useSources } from '../../data/use-sources.ts';
import { navigateTo } from '../../routes/use-view-state.ts';
import { emptyViewState } from '../../routes/view-state.ts';

const allSources = '';
const accepted = 'Accepted: 32 or 16 hex digits (leading zeros optional), a W3C traceparent, or a Jaeger or Grafana trace link.';

type Feedback =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'searching'; readonly source: string }
  | { readonly kind: 'found'; readonly message: string }
  | { readonly kind: 'missing'; readonly message: string; readonly details: readonly string[] };

const openTrace = (source: string, traceId: string) =>
  navigateTo({ ...emptyViewState, source: { kind: 'backend', source, traceId } }, 'push');

/**
 * The header's trace-ID box: paste an id, a traceparent or a Jaeger/Grafana link, pick a
 * source (or "All sources", tried one after the other) and open the trace. Hidden when the
 * viewer server has no sources.
 */
export function TraceIdBox() {
  const { sources } = useSources();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [source, setSource] = useState(allSources);
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'none' });
  const lookup = useRef(0);
  const messageId = useId();

  if (sources.length === 0) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseTraceIdInput(text);
    const run = ++lookup.current;
    if (!parsed.ok) {
      setFeedback({ kind: 'invalid', message: parsed.message });
      return;
    }
    const chosen = sources.some((s) => s.name === source) ? source : allSources;
    if (chosen !== allSources) {
      setFeedback({ kind: 'none' });
      openTrace(chosen, parsed.traceId);
      return;
    }
    const result = await findTraceInSources(
      client,
      sources,
      parsed.traceId,
      (name) => setFeedback({ kind: 'searching', source: name }),
      () => run !== lookup.current,
    );
    if (result === undefined) return;
    if (result.found) {
      const others = result.misses.map((m) => m.source);
      setFeedback({ kind: 'found', message: `Found in ${result.source}${others.length > 0 ? ` (not in ${listNames(others)})` : ''}.` });
      openTrace(result.source, parsed.traceId);
      return;
    }
    const tried = listNames(result.misses.map((m) => m.source));
    const allMissing = result.misses.every((m) => m.notFound);
    setFeedback({
      kind: 'missing',
      message: allMissing ? `Trace ${parsed.traceId} was not found in ${tried}.` : `Trace ${parsed.traceId} could not be found in ${tried}.`,
      details: result.misses.filter((m) => !m.notFound).map((m) => `${m.source}: ${m.message}`),
    });
  };

  const isError = feedback.kind === 'invalid' || feedback.kind === 'missing';
  return (
    <form className="trace-id-box" role="search" aria-label="Open a trace by ID" onSubmit={(event) => void submit(event)}>
      <input
        className="input mono"
        type="text"
        aria-label="Trace ID"
        placeholder="Trace ID, traceparent or trace link"
        value={text}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={feedback.kind === 'invalid'}
        aria-describedby={feedback.kind === 'none' ? undefined : messageId}
        onChange={(event) => {
          setText(event.target.value);
          if (feedback.kind !== 'searching') setFeedback({ kind: 'none' });
        }}
      />
      <select className="input" aria-label="Source" value={source} onChange={(event) => setSource(event.target.value)}>
        <option value={allSources}>All sources</option>
        {sources.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name} ({s.kind})
          </option>
        ))}
      </select>
      <button type="submit" className="button" disabled={feedback.kind === 'searching'}>
        Open trace
      </button>
      {feedback.kind !== 'none' && (
        <div id={messageId} className={isError ? 'trace-id-message error' : 'trace-id-message'} role={isError ? 'alert' : 'status'}>
          {feedback.kind === 'invalid' && (
            <>
              <strong>{feedback.message}</strong> {accepted}
            </>
          )}
          {feedback.kind === 'searching' && <>Looking in {feedback.source}…</>}
          {feedback.kind === 'found' && feedback.message}
          {feedback.kind === 'missing' && (
            <>
              <strong>{feedback.message}</strong>
              {feedback.details.map((line) => (
                <span key={line} className="trace-id-detail">
                  {line}
                </span>
              ))}
            </>
          )}
        </div>
      )}
    </form>
  );
}
