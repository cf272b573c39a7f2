/**
 * Pages of the local store's run list, newest first. The search API takes a time window in
 * whole Unix seconds, so an "older" page asks for everything up to the second of the last run
 * shown, and then drops what the previous page already showed: runs newer than that run, and
 * runs in the same nanosecond that were on screen. This holds whatever the server does with
 * ties or with an inclusive or exclusive `end`.
 */
import type { TraceSummary } from '../../core/backends/api-types.ts';

export const runsPageSize = 50;
/** Asked for beyond a page, so the rows the cursor drops still leave a full page. */
export const runsPageSlack = 20;

/** Where an older page starts: just after the last run of the page before. */
export interface RunsCursor {
  /** `startNs` of the last run shown (decimal epoch ns). */
  readonly startNs: string;
  /** Runs with exactly that start that were already shown. */
  readonly shownIds: readonly string[];
}

/** The `end` (Unix seconds) to ask for: the page's cursor second, or now (plus a minute of clock skew). */
export function pageEndSeconds(cursor: RunsCursor | undefined, nowMs: number): number {
  if (cursor === undefined) return Math.floor(nowMs / 1000) + 60;
  return Number(BigInt(cursor.startNs) / 1_000_000_000n) + 1;
}

const startOf = (run: TraceSummary): bigint => (/^\d+$/.test(run.startNs) ? BigInt(run.startNs) : 0n);

export interface RunsPage {
  readonly rows: readonly TraceSummary[];
  /** The cursor of the next (older) page, when there may be one. */
  readonly next: RunsCursor | undefined;
}

/** The rows of one page from a search answer (asked with `pageSize + slack` as its limit). */
export function pageOfRuns(answer: readonly TraceSummary[], cursor: RunsCursor | undefined, pageSize = runsPageSize, limit = pageSize + runsPageSlack): RunsPage {
  const at = cursor === undefined ? undefined : BigInt(cursor.startNs);
  const fresh = answer.filter((run) => {
    if (at === undefined) return true;
    const start = startOf(run);
    return start < at || (start === at && !cursor!.shownIds.includes(run.traceId));
  });
  const rows = fresh.slice(0, pageSize);
  const more = fresh.length > pageSize || answer.length >= limit;
  const last = rows[rows.length - 1];
  if (!more || last === undefined) return { rows, next: undefined };
  const lastStart = startOf(last);
  const sameStart = rows.filter((run) => startOf(run) === lastStart).map((run) => run.traceId);
  const carried = cursor !== undefined && at === lastStart ? cursor.shownIds : [];
  return { rows, next: { startNs: lastStart.toString(), shownIds: [...carried, ...sameStart] } };
}
