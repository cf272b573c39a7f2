import { describe, expect, it } from 'vitest';
import type { SpanEvent } from '../../../core/model/span.ts';
import { epochNs } from '../../../core/model/time.ts';
import { eventMarks } from './event-marks.ts';

const event = (time: number, name = 'set_state'): SpanEvent => ({ name, time, timeNs: epochNs(BigInt(Math.round(time))), attributes: [], droppedAttributesCount: 0 });

describe('event markers in a row', () => {
  it('keeps events that are apart, one mark each', () => {
    const marks = eventMarks([event(10), event(50), event(90)], 0, 100);
    expect(marks.map((m) => [m.left, m.count])).toEqual([[10, 1], [50, 1], [90, 1]]);
  });

  it('merges events closer than half a percent, and keeps an exception visible', () => {
    const marks = eventMarks([event(10), event(10.2), event(10.4, 'exception'), event(60)], 0, 100);
    expect(marks).toHaveLength(2);
    expect(marks[0]).toMatchObject({ count: 3, error: true, first: 0 });
  });

  it('draws at most about 200 marks for 10,000 events', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => event(i));
    const marks = eventMarks(many, 0, 10_000);
    expect(marks.length).toBeLessThanOrEqual(201);
    expect(marks.reduce((sum, m) => sum + m.count, 0)).toBe(10_000);
  });

  it('leaves out events outside the zoom window', () => {
    expect(eventMarks([event(5), event(500)], 100, 100)).toEqual([]);
  });
});
