import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { parseTraceIdInput } from '../../../core/backends/parse-trace-id-input.ts';
import { describeMisses, findTraceInSources, listNames } from '../../data/find-trace.ts';
import { useSources } from '../../data/use-sources.ts';
import { navigateTo, useViewState } from '../../routes/use-view-state.ts';
import { emptyViewState } from '../../routes/view-state.ts';
import { sourceLabel } from '../../data/source-label.ts';

const allSources = '';
const accepted = 'Accepted: 32 or 16 hex digits (leading zeros optional), a W3C traceparent, or a Jaeger, Grafana or Junjo AI Studio trace link.';
/** How long a "Found in …" announcement stays in the (invisible) live region. */
const announcementMs = 10_000;

/** What the box shows under itself. "Found in …" is never shown: the trace opening says it. */
type Feedback =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'searching'; readonly source: string }
  | { readonly kind: 'missing'; readonly message: string; readonly details: readonly string[] };

const openTrace = (source: string, traceId: string) =>
  navigateTo({ ...emptyViewState, source: { kind: 'backend', source, traceId } }, 'push');

/**
 * The header's trace-ID box: paste an id, a traceparent or a Jaeger/Grafana link, pick a
 * source (or "All sources", tried one after the other) and open the trace. Hidden when the
 * viewer server has no sources.
 *
 * Progress and "Found in …" go to one polite live region that is always in the page (visible
 * only while searching); errors show in a bubble (role=alert). Any navigation closes the bubble,
 * so it never covers the screen that opens.
 */
export function TraceIdBox() {
  const { sources } = useSources();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [source, setSource] = useState(allSources);
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'none' });
  const [announcement, setAnnouncement] = useState('');
  const lookup = useRef(0);
  const messageId = useId();
  const statusId = useId();

  // A new screen (a trace opened, Back, a recent run chosen) closes the bubble.
  const view = useViewState((state) => state.source);
  const [shownFor, setShownFor] = useState(view);
  if (shownFor !== view) {
    setShownFor(view);
    if (feedback.kind !== 'none' && feedback.kind !== 'searching') setFeedback({ kind: 'none' });
  }

  useEffect(() => {
    if (announcement === '') return;
    const timer = window.setTimeout(() => setAnnouncement(''), announcementMs);
    return () => window.clearTimeout(timer);
  }, [announcement]);

  if (sources.length === 0) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseTraceIdInput(text);
    const run = ++lookup.current;
    setAnnouncement('');
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
    // A Junjo AI Studio link is looked up in the Studio sources first.
    const ordered = parsed.from === 'studio-url' ? [...sources].sort((a, b) => Number(b.kind === 'junjo-studio') - Number(a.kind === 'junjo-studio')) : sources;
    const result = await findTraceInSources(
      client,
      ordered,
      parsed.traceId,
      (name) => {
        setFeedback({ kind: 'searching', source: name });
        setAnnouncement(`Looking in ${name}…`);
      },
      () => run !== lookup.current,
    );
    if (result === undefined) return;
    if (result.found) {
      const others = result.misses.map((m) => m.source);
      setFeedback({ kind: 'none' });
      setAnnouncement(`Found in ${result.source}${others.length > 0 ? ` (not in ${listNames(others)})` : ''}.`);
      openTrace(result.source, parsed.traceId);
      return;
    }
    setAnnouncement('');
    setFeedback({ kind: 'missing', ...describeMisses(parsed.traceId, result.misses) });
  };

  const isError = feedback.kind === 'invalid' || feedback.kind === 'missing';
  const describedBy = isError ? messageId : feedback.kind === 'searching' ? statusId : undefined;
  return (
    <form
      className="trace-id-box"
      role="search"
      aria-label="Open a trace by ID"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && isError) setFeedback({ kind: 'none' });
      }}
    >
      <input
        className="input mono"
        type="text"
        aria-label="Trace ID"
        placeholder="Trace ID, traceparent or trace link"
        value={text}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={feedback.kind === 'invalid'}
        aria-describedby={describedBy}
        onChange={(event) => {
          setText(event.target.value);
          if (feedback.kind !== 'searching') {
            setFeedback({ kind: 'none' });
            setAnnouncement('');
          }
        }}
      />
      <select className="input" aria-label="Source" value={source} onChange={(event) => setSource(event.target.value)}>
        <option value={allSources}>All sources</option>
        {sources.map((s) => (
          <option key={s.name} value={s.name}>
            {sourceLabel(s)}
          </option>
        ))}
      </select>
      <button type="submit" className="button" disabled={feedback.kind === 'searching'}>
        Open trace
      </button>
      <p id={statusId} className={feedback.kind === 'searching' ? 'trace-id-message' : 'visually-hidden'} role="status" aria-live="polite">
        {announcement}
      </p>
      {isError && (
        <div id={messageId} className="trace-id-message error" role="alert">
          {feedback.kind === 'invalid' && (
            <>
              <strong>{feedback.message}</strong> {/traceparent/.test(feedback.message) ? null : accepted}
            </>
          )}
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
