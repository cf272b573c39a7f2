import { describe, expect, it } from 'vitest';
import { relativeTime, relativeTimeRefreshMs } from './relative-time.ts';

const now = Date.UTC(2026, 11, 2, 12, 0, 0);

describe('relativeTime', () => {
  it.each([
    [now - 2_000, 'just now'],
    [now + 5_000, 'just now'],
    [now - 42_000, '42 s ago'],
    [now - 3 * 60_000 - 20_000, '3 min ago'],
    [now - 59 * 60_000, '59 min ago'],
    [now - 2 * 3600_000 - 1, '2 h ago'],
    [now - 30 * 3600_000, 'yesterday'],
    [now - 5 * 86_400_000, '5 days ago'],
    [now - 90 * 86_400_000, '3 months ago'],
    [now - 800 * 86_400_000, '2 years ago'],
    [0, 'unknown time'],
    [Number.NaN, 'unknown time'],
  ])('%s → %s', (then, text) => {
    expect(relativeTime(then, now)).toBe(text);
  });
});

describe('relativeTimeRefreshMs', () => {
  it('ticks every second under a minute, then at the next minute or hour boundary', () => {
    expect(relativeTimeRefreshMs(now - 5_000, now)).toBe(1000);
    expect(relativeTimeRefreshMs(now - 3 * 60_000 - 20_000, now)).toBe(40_000);
    expect(relativeTimeRefreshMs(now - 2 * 3600_000 - 60_000, now)).toBe(3600_000 - 60_000);
  });
});
