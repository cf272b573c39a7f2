import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import type { Notice } from './replay-notices.ts';
import { txOfStep } from './state-selection.ts';

/** The replay's problems for one store, in plain words, each with a way to the step it names. */
export function StateProblems({ notices, timeline, onGoTo }: { notices: readonly Notice[]; timeline: StoreTimeline; onGoTo: (tx: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <ul className="st-problems" aria-label="Replay problems">
      {notices.map((notice, i) => (
        <li key={i} className={`st-notice st-${notice.severity}`} role={notice.severity === 'error' ? 'alert' : undefined}>
          <span className="st-notice-label">{notice.severity === 'info' ? 'Note' : notice.severity === 'warning' ? 'Warning' : 'Problem'}:</span>{' '}
          {notice.message}
          {notice.step !== undefined && notice.step <= timeline.transitions.length && (
            <>
              {' '}
              <button type="button" className="button small" onClick={() => onGoTo(txOfStep(notice.step as number))}>
                Go to transition {notice.step}
              </button>
            </>
          )}
          {notice.raw !== undefined && (
            <details className="st-raw">
              <summary>Raw text ({notice.raw.length} characters)</summary>
              <pre className="st-pre">{notice.raw.slice(0, 20_000)}</pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
