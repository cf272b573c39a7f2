/**
 * "3 min ago" for a moment in the past, from whole milliseconds. Coarse on purpose: a list of
 * runs needs the order of magnitude at a glance; the exact time is in the title (ISO UTC).
 * A time slightly in the future (clock skew between exporter and viewer) reads "just now".
 */
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export function relativeTime(thenMs: number, nowMs: number): string {
  if (!Number.isFinite(thenMs) || thenMs <= 0) return 'unknown time';
  const ago = nowMs - thenMs;
  if (ago < 10_000) return 'just now';
  if (ago < minute) return `${Math.floor(ago / 1000)} s ago`;
  if (ago < hour) return `${Math.floor(ago / minute)} min ago`;
  if (ago < day) return `${Math.floor(ago / hour)} h ago`;
  const days = Math.floor(ago / day);
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  const months = Math.floor(days / 30);
  if (months < 24) return `${months} months ago`;
  return `${Math.floor(days / 365)} years ago`;
}

/** How long until the text for `thenMs` may change, so a clock can re-render only then. */
export function relativeTimeRefreshMs(thenMs: number, nowMs: number): number {
  const ago = nowMs - thenMs;
  if (ago < minute) return 1000;
  if (ago < hour) return minute - (ago % minute);
  return hour - (ago % hour);
}
