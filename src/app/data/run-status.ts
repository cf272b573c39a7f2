/**
 * A recent run's outcome as the lists show it, from whatever the source could tell: the local
 * store sends `status` (and `inProgress`, `errorCount`); Junjo AI Studio and Junjo Server send
 * the workflow span's status (`unset` reads as OK: not marked failed); Jaeger search summaries carry an
 * error count; Tempo's search says nothing about status, so its runs read "unknown" rather
 * than a guessed "ok".
 */
import type { TraceSummary } from '../../core/backends/api-types.ts';
import { countOf } from '../ui/count-of.ts';

export type RunStatusKind = 'ok' | 'error' | 'in-progress' | 'incomplete' | 'unknown';

export interface RunStatus {
  readonly kind: RunStatusKind;
  /** Short text for the badge: "Failed", "OK", "In progress", "Incomplete", "—". */
  readonly label: string;
  /** A sentence for the title and screen readers: "Failed: 2 errors". */
  readonly description: string;
  readonly errorCount: number | null;
}

type StatusFields = Pick<TraceSummary, 'status' | 'inProgress' | 'errorCount'>;

export function runStatus(run: StatusFields): RunStatus {
  const errorCount = typeof run.errorCount === 'number' && run.errorCount >= 0 ? run.errorCount : null;
  const errors = errorCount !== null && errorCount > 0 ? countOf(errorCount, 'error') : '';
  const kind: RunStatusKind =
    run.status === 'in-progress' || (run.status == null && run.inProgress === true)
      ? 'in-progress'
      : run.status === 'incomplete'
        ? 'incomplete'
        : run.status === 'error' || (run.status == null && errorCount !== null && errorCount > 0)
        ? 'error'
        : run.status === 'ok' || run.status === 'unset' || (run.status == null && errorCount === 0)
          ? 'ok'
          : 'unknown';
  switch (kind) {
    case 'in-progress':
      return { kind, errorCount, label: 'In progress', description: `In progress: spans are still arriving${errors ? `, ${errors} so far` : ''}` };
    case 'incomplete':
      return {
        kind,
        errorCount,
        label: 'Incomplete',
        description: `Incomplete: the root span never arrived (no new spans for a while)${errors ? `; ${errors}` : ''}`,
      };
    case 'error':
      return { kind, errorCount, label: 'Failed', description: errors ? `Failed: ${errors}` : 'Failed' };
    case 'ok':
      return { kind, errorCount, label: 'OK', description: run.status === 'unset' ? 'Finished; the workflow span is not marked as failed' : 'Finished without errors' };
    case 'unknown':
      return { kind, errorCount, label: '—', description: 'This source does not say whether the run failed' };
  }
}

/** The status filter the local store understands (`status=` on its search). */
export type RunStatusFilter = '' | 'ok' | 'error' | 'in-progress' | 'incomplete';

export const runStatusFilters: readonly { readonly id: RunStatusFilter; readonly label: string }[] = [
  { id: '', label: 'Any status' },
  { id: 'error', label: 'Failed' },
  { id: 'ok', label: 'OK' },
  { id: 'in-progress', label: 'In progress' },
  { id: 'incomplete', label: 'Incomplete' },
];
