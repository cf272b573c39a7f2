import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../../core/trace/build-traces.ts';
import { span, spanIdOf } from '../../../core/trace/test-spans.ts';
import { collapsedSpans, flippedAfter } from './collapse-state.ts';

// root(1) → a(2) → b(3); root → c(4)
const trace = buildTrace([span(spanIdOf(1), null, 0, 100), span(spanIdOf(2), spanIdOf(1), 1, 50), span(spanIdOf(3), spanIdOf(2), 2, 40), span(spanIdOf(4), spanIdOf(1), 60, 90)]);
const index = (n: number) => trace.spans.findIndex((s) => s.spanId === spanIdOf(n));

describe('collapse state in the URL', () => {
  it('reads a depth baseline flipped by listed keys', () => {
    expect(collapsedSpans(trace, undefined, [])).toEqual(new Set());
    expect(collapsedSpans(trace, 0, [])).toEqual(new Set([index(1), index(2)]));
    expect(collapsedSpans(trace, 0, [spanIdOf(1)])).toEqual(new Set([index(2)]));
    expect(collapsedSpans(trace, undefined, [spanIdOf(2), 'not-a-span'])).toEqual(new Set([index(2)]));
  });

  it('writes only the flips a change needs, and reads back what was written', () => {
    const flips = flippedAfter(trace, 0, [], [index(1)], false);
    expect(flips).toEqual([spanIdOf(1)]);
    expect(collapsedSpans(trace, 0, flips).has(index(1))).toBe(false);
    // Collapsing it again removes the flip instead of adding a second one.
    expect(flippedAfter(trace, 0, flips, [index(1)], true)).toEqual([]);
    const expanded = flippedAfter(trace, undefined, [], [index(2)], true);
    expect(collapsedSpans(trace, undefined, expanded)).toEqual(new Set([index(2)]));
  });
});
