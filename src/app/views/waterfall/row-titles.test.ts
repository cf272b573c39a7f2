import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../../core/trace/build-traces.ts';
import { span, spanIdOf } from '../../../core/trace/test-spans.ts';
import { rowTitle } from './row-titles.ts';

describe('waterfall row tooltips, written on hover', () => {
  const trace = buildTrace([
    span(spanIdOf(1), null, 0, 4_000_000, { name: 'workflow', service: 'agent' }),
    span(spanIdOf(2), spanIdOf(1), 0, 2_000_000, { name: 'node', service: 'agent', events: [{ name: 'set_state', at: 1_000_000 }, { name: 'set_state', at: 1_000_001 }, { at: 3_000_000 }] }),
    span(spanIdOf(3), spanIdOf(2), 0, 1_000_000, { name: 'leaf', service: 'agent' }),
  ]);
  const index = (n: number) => trace.spans.findIndex((s) => s.spanId === spanIdOf(n));
  const windowStart = trace.spans[index(1)]!.start;
  const width = 4_000_000;

  it('names the service and span of the label', () => {
    expect(rowTitle(trace, index(3), { kind: 'label' }, windowStart, width)).toBe('agent: leaf');
  });

  it('counts the spans below for the count', () => {
    expect(rowTitle(trace, index(1), { kind: 'count' }, windowStart, width)).toBe('2 spans below');
    expect(rowTitle(trace, index(2), { kind: 'count' }, windowStart, width)).toBe('1 span below');
  });

  it('describes the nth event mark as the row draws it (merged events counted)', () => {
    expect(rowTitle(trace, index(2), { kind: 'event', nth: 0 }, windowStart, width)).toBe('2 events from +1ms');
    expect(rowTitle(trace, index(2), { kind: 'event', nth: 1 }, windowStart, width)).toBe('event at +3ms');
    expect(rowTitle(trace, index(2), { kind: 'event', nth: 2 }, windowStart, width)).toBeUndefined();
  });

  it('gives nothing for a span index out of range', () => {
    expect(rowTitle(trace, trace.spans.length, { kind: 'label' }, windowStart, width)).toBeUndefined();
  });
});
