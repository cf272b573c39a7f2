import { describe, expect, it } from 'vitest';
import { niceStep, timeTicks } from './time-ticks.ts';

const labels = (start: number, end: number, width: number, spacing?: number): string[] =>
  timeTicks(start, end, width, spacing).map((tick) => tick.label);

describe('niceStep', () => {
  it.each([
    [0, 1],
    [1, 1],
    [1.5, 2],
    [3, 5],
    [7, 10],
    [20, 20],
    [21, 50],
    [120_000, 200_000],
    [40_000_000_000, 60_000_000_000],
    [61_000_000_000, 120_000_000_000],
  ])('%d → %d', (min, want) => {
    expect(niceStep(min)).toBe(want);
  });
});

describe('timeTicks', () => {
  it.each([
    { case: 'nanoseconds', args: [0, 1000, 1000, 200] as const, want: ['0ns', '200ns', '400ns', '600ns', '800ns', '1µs'] },
    { case: 'microseconds', args: [0, 50_000, 500, 100] as const, want: ['0ns', '10µs', '20µs', '30µs', '40µs', '50µs'] },
    { case: 'milliseconds, window not at zero', args: [1_500_000, 9_000_000, 750, 150] as const, want: ['2ms', '4ms', '6ms', '8ms'] },
    { case: 'seconds', args: [0, 5_000_000_000, 1000, 200] as const, want: ['0ns', '1s', '2s', '3s', '4s', '5s'] },
    { case: 'minutes', args: [0, 300_000_000_000, 500, 100] as const, want: ['0ns', '1m 0s', '2m 0s', '3m 0s', '4m 0s', '5m 0s'] },
    {
      case: 'fine steps far from zero show offsets',
      args: [1_000_000_000, 1_000_000_400, 400, 100] as const,
      want: ['1s', '+100ns', '+200ns', '+300ns', '+400ns'],
    },
  ])('$case', ({ args, want }) => {
    expect(labels(args[0], args[1], args[2], args[3])).toEqual(want);
  });

  it('places ticks in pixels and keeps them apart', () => {
    const ticks = timeTicks(1_500_000, 9_000_000, 750, 150);
    expect(ticks.map((t) => t.x)).toEqual([50, 250, 450, 650]);
    expect(ticks.map((t) => t.time)).toEqual([2_000_000, 4_000_000, 6_000_000, 8_000_000]);
  });

  it.each([
    [0, 0, 100],
    [10, 5, 100],
    [0, 100, 0],
    [0, Number.NaN, 100],
    [0, Infinity, 100],
  ])('no ticks for window [%d, %d] over %dpx', (start, end, width) => {
    expect(timeTicks(start, end, width)).toEqual([]);
  });

  it('never produces more ticks than the width allows', () => {
    expect(timeTicks(0, 3, 10_000, 80).length).toBe(4);
    expect(timeTicks(0, 1e12, 100, 80).length).toBeLessThanOrEqual(3);
  });
});
