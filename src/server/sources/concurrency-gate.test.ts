import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from './concurrency-gate.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('ConcurrencyGate', () => {
  it('runs at most `limit` tasks at once, the rest in arrival order', async () => {
    const gate = new ConcurrencyGate(2);
    const started: number[] = [];
    let peak = 0;
    let now = 0;
    const blocks = Array.from({ length: 5 }, deferred);
    const runs = blocks.map((block, i) =>
      gate.run(async () => {
        started.push(i);
        now++;
        peak = Math.max(peak, now);
        await block.promise;
        now--;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.queued).toBe(3);
    for (const block of blocks) block.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(gate.active).toBe(0);
  });

  it('drops a waiting task whose request was aborted, and frees its place', async () => {
    const gate = new ConcurrencyGate(1);
    const block = deferred();
    const first = gate.run(() => block.promise.then(() => 'first'));
    const controller = new AbortController();
    let ranSecond = false;
    const second = gate.run(async () => {
      ranSecond = true;
    }, controller.signal);
    const third = gate.run(async () => 'third');
    controller.abort();
    expect(await second).toBe('aborted');
    block.resolve();
    expect(await first).toBe('first');
    expect(await third).toBe('third');
    expect(ranSecond).toBe(false);
  });

  it('frees the place of a task that throws', async () => {
    const gate = new ConcurrencyGate(1);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});
