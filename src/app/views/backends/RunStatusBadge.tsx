import type { RunStatus } from '../../data/run-status.ts';

/**
 * A run's outcome as a badge: word and colour together (never colour alone), with the error
 * count next to "Failed" and the full sentence in the title for pointer and screen readers.
 */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  const count = status.kind === 'error' && status.errorCount !== null && status.errorCount > 0 ? ` · ${status.errorCount.toLocaleString()}` : '';
  return (
    <span className={`run-status run-status-${status.kind}`} title={status.description}>
      <span aria-hidden="true">{status.label + count}</span>
      <span className="visually-hidden">{status.description}</span>
    </span>
  );
}
