import { describe, expect, it } from 'vitest';
import { buildTraces } from './build-traces.ts';
import { criticalPath } from './critical-path.ts';
import { flameLayout, frameMatches } from './flame-layout.ts';
import { span } from './test-spans.ts';

// root [0,100] → a [0,40] → x [0,10]; b [40,100] → x [40,60], y [60,70]; a second root r2 [0, 20].
const trace = buildTraces([
  span('root', null, 0, 100, { name: 'root' }),
  span('a', 'root', 0, 40, { name: 'call' }),
  span('ax', 'a', 0, 10, { name: 'x' }),
  span('b', 'root', 40, 100, { name: 'call' }),
  span('bx', 'b', 40, 60, { name: 'x' }),
  span('by', 'b', 60, 70, { name: 'y' }),
  span('r2', null, 0, 20, { name: 'other' }),
])[0]!;
const names = (layout: ReturnType<typeof flameLayout>) =>
  Array.from({ length: layout.count }, (_, f) => (layout.span[f]! < 0 ? '(trace)' : trace.spans[layout.span[f]!]!.name));

describe('flameLayout', () => {
  it('lays out one frame per span in pre-order, widths from self time plus children', () => {
    const layout = flameLayout(trace, 'spans');
    expect(names(layout)).toEqual(['(trace)', 'root', 'call', 'x', 'call', 'x', 'y', 'other']);
    expect([...layout.value]).toEqual([120, 100, 40, 10, 60, 20, 10, 20]);
    expect([...layout.depth]).toEqual([0, 1, 2, 3, 2, 3, 3, 1]);
    // root takes 100/120 of the width, then "other"; children left to right in start order.
    expect(layout.x1[1]! - layout.x0[1]!).toBeCloseTo(100 / 120);
    expect(layout.x0[7]).toBeCloseTo(100 / 120);
    expect(layout.x0[4]).toBeCloseTo(40 / 120);
    expect([...layout.last]).toEqual([7, 6, 3, 3, 6, 5, 6, 7]);
    expect([...layout.parent]).toEqual([-1, 0, 1, 2, 1, 4, 4, 0]);
    expect(layout.maxDepth).toBe(3);
  });

  it('merges identical call paths and puts the widest first (left-heavy)', () => {
    const layout = flameLayout(trace, 'merged');
    expect(names(layout)).toEqual(['(trace)', 'root', 'call', 'x', 'y', 'other']);
    expect([...layout.value]).toEqual([120, 100, 100, 30, 10, 20]);
    expect([...layout.spanCount]).toEqual([0, 1, 2, 2, 1, 1]);
    expect(layout.frameOfSpan[trace.spans.findIndex((s) => s.spanId === trace.spans[2]!.spanId)]).toBe(3);
  });

  it('keeps only the critical path in critical mode, each frame as wide as its critical time', () => {
    const layout = flameLayout(trace, 'critical', criticalPath(trace));
    // r2 is off the path (root ends last and covers it); inside b, x and y run back to back.
    expect(names(layout)).toEqual(['(trace)', 'root', 'call', 'x', 'call', 'x', 'y']);
    expect([...layout.value]).toEqual([100, 100, 40, 10, 60, 20, 10]);
    expect([...layout.self]).toEqual([0, 0, 30, 10, 30, 20, 10]);
  });

  it('maps search matches by span to frames', () => {
    const layout = flameLayout(trace, 'merged');
    const x = trace.spans.filter((s) => s.name === 'x').map((s) => s.index);
    expect([...frameMatches(layout, x)]).toEqual([0, 0, 0, 1, 0, 0]);
  });
});
