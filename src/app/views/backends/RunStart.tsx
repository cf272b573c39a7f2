import { runStartMs, runStartShort, runStartText } from '../../data/backend-format.ts';
import { relativeTime } from '../../ui/relative-time.ts';
import { useNow } from '../../ui/use-now.ts';

/**
 * When a run started: "3 min ago", with the exact time (ISO UTC, microseconds) in the title and
 * the time to the second beside it where the table has room (runs.css container query).
 */
export function RunStart({ startNs }: { startNs: string }) {
  const now = useNow();
  const ms = runStartMs(startNs);
  if (Number.isNaN(ms)) return <span className="muted">—</span>;
  const exact = runStartText(startNs);
  return (
    <time dateTime={new Date(ms).toISOString()} title={exact} className="run-start">
      <span className="run-start-relative">{relativeTime(ms, now)}</span> <span className="run-start-absolute muted">{runStartShort(startNs)}</span>
    </time>
  );
}
