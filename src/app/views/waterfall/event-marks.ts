/**
 * Event markers for one row. A span can carry thousands of events (Junjo writes one per state
 * update); markers closer than half a percent of the window are merged into one, so a row never
 * holds more than about 200 of them.
 */
import type { SpanEvent } from '../../../core/model/span.ts';

export interface EventMark {
  /** Index of the first event the mark stands for (a stable key). */
  readonly first: number;
  readonly count: number;
  readonly left: number;
  readonly time: number;
  readonly name: string;
  /** Any of the merged events is an exception. */
  readonly error: boolean;
}

const mergeWithin = 0.5;

export function eventMarks(events: readonly SpanEvent[], windowStart: number, width: number): EventMark[] {
  const marks: EventMark[] = [];
  let last: { -readonly [K in keyof EventMark]: EventMark[K] } | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const left = ((event.time - windowStart) / (width || 1)) * 100;
    if (left < -1 || left > 101) continue;
    const error = event.name === 'exception';
    if (last && Math.abs(left - last.left) < mergeWithin) {
      last.count++;
      last.error ||= error;
      continue;
    }
    last = { first: i, count: 1, left, time: event.time, name: event.name, error };
    marks.push(last);
  }
  return marks;
}
