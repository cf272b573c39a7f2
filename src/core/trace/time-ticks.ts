/**
 * Axis ticks for the waterfall's time ruler. Times are nanoseconds from the trace start (the
 * same numbers as Span.start/end); the window [start, end] maps onto `widthPx` pixels.
 * Steps are 1/2/5 × 10^k ns (at least 1 ns); from a minute up they are whole minutes or hours,
 * so labels read "1m 0s, 2m 0s" rather than "1m 40s, 3m 20s".
 */
import { formatDuration } from '../model/time.ts';

export interface TimeTick {
  /** Nanoseconds from the trace start. */
  readonly time: number;
  /** Pixels from the left edge of the window. */
  readonly x: number;
  readonly label: string;
}

const MINUTE = 60_000_000_000;
const longSteps = [1, 2, 5, 10, 15, 30, 60, 120, 360, 720, 1440].map((m) => m * MINUTE);

/** The smallest nice step that is at least `minStep` nanoseconds. */
export function niceStep(minStep: number): number {
  if (!(minStep > 1)) return 1;
  if (minStep > 30_000_000_000) {
    for (const step of longSteps) if (step >= minStep) return step;
    return Math.ceil(minStep / longSteps[longSteps.length - 1]!) * longSteps[longSteps.length - 1]!;
  }
  const power = 10 ** Math.floor(Math.log10(minStep));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= minStep) return factor * power;
  return 10 * power;
}

/**
 * Ticks at multiples of a nice step, at least `minSpacingPx` apart. Returns [] for an empty
 * window, a non-positive width or non-finite input. When steps are too fine for formatDuration
 * to tell neighbours apart, the first tick keeps its time and the others show "+offset" from it.
 */
export function timeTicks(start: number, end: number, widthPx: number, minSpacingPx = 80): TimeTick[] {
  if (![start, end, widthPx, minSpacingPx].every(Number.isFinite) || end <= start || widthPx <= 0) return [];
  const pxPerNs = widthPx / (end - start);
  const step = niceStep(Math.max(minSpacingPx, 1) / pxPerNs);
  const ticks: TimeTick[] = [];
  for (let k = Math.ceil(start / step); k * step <= end; k++) {
    const time = k * step;
    ticks.push({ time, x: (time - start) * pxPerNs, label: formatDuration(time) });
  }
  const labels = new Set(ticks.map((tick) => tick.label));
  if (labels.size === ticks.length) return ticks;
  const first = ticks[0]!.time;
  return ticks.map((tick, i) => (i === 0 ? tick : { ...tick, label: `+${formatDuration(tick.time - first)}` }));
}
