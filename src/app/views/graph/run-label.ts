/** Text of one entry in the run picker. Pure. */
import { formatDuration } from '../../../core/model/time.ts';

/**
 * "name · duration · status · at +offset": how long the run took (end − start), then when it
 * started, as an offset from the trace start (the zero of `start` and `end`).
 */
export function runOptionLabel(run: { name: string; status: string }, span: { start: number; end: number }): string {
  return `${run.name} · ${formatDuration(span.end - span.start)} · ${run.status} · at +${formatDuration(span.start)}`;
}
