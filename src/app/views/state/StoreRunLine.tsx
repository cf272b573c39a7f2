import { errorSummary, type StoreRun } from './run-outcome.ts';

const outcomeWord = { ok: 'completed', error: 'failed', cancelled: 'cancelled' } as const;

/** Under the store header: the run the store belongs to and how it ended (the error, when it failed). */
export function StoreRunLine({ run, onShowSpan, rootCause }: { run: StoreRun; onShowSpan: () => void; rootCause?: { name: string; onShow: () => void } | undefined }) {
  const { status } = run.outcome;
  return (
    <>
      <p className="st-run-line">
        {run.kind === 'subflow' ? (
          <>Subflow <strong>{run.name}</strong> in {run.topTitle}</>
        ) : (
          <>{run.ordinal === null && 'Workflow run '}<strong>{run.topTitle}</strong></>
        )}{' '}
        · <span className={`st-outcome st-outcome-${status}`}>{status === 'error' ? '✕ ' : status === 'cancelled' ? '⊘ ' : '✓ '}{outcomeWord[status]}</span>
      </p>
      {status !== 'ok' && (
        <p className={`st-notice ${status === 'error' ? 'st-error' : 'st-warning'} st-outcome-notice`}>
          <span className="st-notice-label">{run.kind === 'subflow' ? 'The subflow' : 'The run'} {status === 'error' ? 'ended in an error' : 'was cancelled'}{status === 'error' ? ':' : '.'}</span>{' '}
          {status === 'error' && rootCause && (
            <>
              <strong>{rootCause.name}</strong> raised it:{' '}
            </>
          )}
          {status === 'error' && <code className="st-error-summary">{errorSummary(run.outcome)}</code>}{' '}
          {rootCause && (
            <button type="button" className="button small" onClick={rootCause.onShow}>Show {rootCause.name}</button>
          )}{' '}
          <button type="button" className="button small" onClick={onShowSpan}>Show the {run.kind} span</button>
        </p>
      )}
    </>
  );
}
