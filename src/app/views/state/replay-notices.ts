/**
 * What to tell the user about one store's replay (formats.md §5 "Tell the user"): a headline when the
 * replay stopped or never started, then each issue the replay found, then payload modes that were not
 * `full` past the stop. Pure; the banner renders these as text.
 */
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';

export interface Notice {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** Step the notice is about (1-based), for a "go to" button. */
  readonly step?: number;
  /** Raw text of an unreadable value, shown on request. */
  readonly raw?: string;
}

export function replayNotices(timeline: StoreTimeline): Notice[] {
  const notices: Notice[] = [];
  const total = timeline.transitions.length;
  if (timeline.status === 'stopped') {
    const next = timeline.appliedCount + 1;
    notices.push({
      severity: 'error',
      step: Math.min(next, total) || undefined,
      message: `Replay stopped before transition ${next} of ${total}; transitions 1–${timeline.appliedCount} are shown as replayed, the rest without states. The recorded start and end states are exact.`,
    });
  } else if (timeline.status === 'not-replayed' && total > 0) {
    notices.push({ severity: 'error', message: `This store's ${total} transition(s) could not be replayed; they are listed without states.` });
  }
  for (const issue of timeline.issues) {
    const step = 'step' in issue && issue.step !== undefined && issue.step > 0 ? issue.step : issue.kind === 'updates-missing' ? issue.fromStep : undefined;
    notices.push({ severity: issue.severity, message: issue.message, step, raw: 'raw' in issue ? issue.raw : undefined });
  }
  const modes = new Map<string, number>();
  for (const t of timeline.transitions.slice(timeline.appliedCount + 1)) {
    if (t.patchMode !== 'full') modes.set(t.patchMode, (modes.get(t.patchMode) ?? 0) + 1);
  }
  for (const [mode, count] of modes) {
    notices.push({ severity: 'warning', message: `${count} later update(s) were recorded as "${mode}", not in full; their changes cannot be shown.` });
  }
  const order = { error: 0, warning: 1, info: 2 };
  return notices.sort((a, b) => order[a.severity] - order[b.severity]);
}
