import { describe, expect, it } from 'vitest';
import { runInSlices } from './sliced-work.ts';

function* counting(log: number[], count: number): Generator<void, void> {
  for (let i = 0; i < count; i++) {
    log.push(i);
    yield;
  }
}

describe('runInSlices', () => {
  it('runs every step, in order, across several tasks', async () => {
    const log: number[] = [];
    let tasks = 0;
    const steps = counting(log, 50);
    // Each step takes ~1 ms; with 3 ms slices the 50 steps cannot fit in one task.
    const slow = (function* () {
      for (const _ of steps) {
        const until = performance.now() + 1;
        while (performance.now() < until);
        yield;
      }
    })();
    const ticker = setInterval(() => tasks++, 0);
    const done = await runInSlices(slow, () => true, 3);
    clearInterval(ticker);
    expect(done).toBe(true);
    expect(log).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(tasks).toBeGreaterThan(0); // other tasks ran in between
  });

  it('stops between slices when told to, and says so', async () => {
    const log: number[] = [];
    const slow = (function* () {
      for (let i = 0; i < 100; i++) {
        log.push(i);
        const until = performance.now() + 1;
        while (performance.now() < until);
        yield;
      }
    })();
    const done = await runInSlices(slow, () => false, 3);
    expect(done).toBe(false);
    expect(log.length).toBeGreaterThan(0);
    expect(log.length).toBeLessThan(100);
  });
});
