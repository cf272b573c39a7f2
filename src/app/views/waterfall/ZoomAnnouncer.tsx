import { formatDuration } from '../../../core/model/time.ts';

/** Tells screen readers what time window the waterfall shows after each zoom (a polite live region). */
export function ZoomAnnouncer({ zoom, windowStart, windowEnd, duration }: { zoom: readonly [number, number]; windowStart: number; windowEnd: number; duration: number }) {
  const whole = zoom[0] <= 0 && zoom[1] >= 1;
  const text = whole
    ? `Showing the whole trace (${formatDuration(duration)}).`
    : `Zoomed: showing ${formatDuration(windowStart)} to ${formatDuration(windowEnd)} of ${formatDuration(duration)} (${Math.round((zoom[1] - zoom[0]) * 1000) / 10}% of the trace).`;
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="zoom-status">
      {text}
    </p>
  );
}
