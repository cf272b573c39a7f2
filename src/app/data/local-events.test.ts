import { describe, expect, it } from 'vitest';
import { parseLocalEvent, throttle } from './local-events.ts';

const id = 'ab'.repeat(16);

describe('parseLocalEvent', () => {
  it('reads trace and deleted events', () => {
    expect(parseLocalEvent('trace', JSON.stringify({ traceId: id.toUpperCase(), spanCount: 7, inProgress: true }))).toEqual({ kind: 'trace', traceId: id, spanCount: 7, inProgress: true });
    expect(parseLocalEvent('trace', JSON.stringify({ traceId: id }))).toEqual({ kind: 'trace', traceId: id, spanCount: null, inProgress: false });
    expect(parseLocalEvent('deleted', JSON.stringify({ traceId: id }))).toEqual({ kind: 'deleted', traceId: id });
    expect(parseLocalEvent('deleted', '{"all":true}')).toEqual({ kind: 'cleared' });
  });

  it.each([
    ['trace', 'not json'],
    ['trace', '{"traceId":"xyz"}'],
    ['trace', '"text"'],
    ['trace', 'null'],
    ['deleted', '{"all":"yes"}'],
    ['ping', JSON.stringify({ traceId: id })],
  ])('ignores %s %s', (type, data) => {
    expect(parseLocalEvent(type, data)).toBeUndefined();
  });
});

describe('throttle', () => {
  it('runs at once, merges calls within the interval into one trailing run', () => {
    let now = 0;
    const scheduled: { fn: () => void; at: number }[] = [];
    let runs = 0;
    const call = throttle(() => runs++, 1000, { set: (fn, ms) => scheduled.push({ fn, at: now + ms }), now: () => now });
    call();
    expect(runs).toBe(1);
    now = 100;
    call();
    call();
    expect(runs).toBe(1);
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]!.at).toBe(1000);
    now = 1000;
    scheduled[0]!.fn();
    expect(runs).toBe(2);
    now = 2500;
    call();
    expect(runs).toBe(3);
  });
});
