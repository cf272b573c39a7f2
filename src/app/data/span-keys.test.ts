import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../core/trace/build-traces.ts';
import { span, spanIdOf } from '../../core/trace/test-spans.ts';
import { spanIndexOf, spanKey } from './span-keys.ts';

describe('span keys in URLs', () => {
  it('names a span by its id, and finds it again', () => {
    const trace = buildTrace([span(spanIdOf(1), null, 0, 10), span(spanIdOf(2), spanIdOf(1), 1, 5)]);
    const child = trace.spans.findIndex((s) => s.spanId === spanIdOf(2));
    expect(spanKey(trace, child)).toBe(spanIdOf(2));
    expect(spanIndexOf(trace, spanIdOf(2).toUpperCase())).toBe(child);
    expect(spanIndexOf(trace, 'ffff')).toBe(-1);
    expect(spanIndexOf(trace, undefined)).toBe(-1);
  });

  it('tells duplicate span ids apart with a #n suffix', () => {
    const trace = buildTrace([span(spanIdOf(1), null, 0, 10), span(spanIdOf(2), spanIdOf(1), 1, 5), span(spanIdOf(2), spanIdOf(1), 6, 9)]);
    const keys = trace.spans.map((_, i) => spanKey(trace, i));
    expect(keys.filter((k) => k.startsWith(spanIdOf(2)))).toEqual([spanIdOf(2), `${spanIdOf(2)}#2`]);
    expect(spanIndexOf(trace, `${spanIdOf(2)}#2`)).toBe(keys.indexOf(`${spanIdOf(2)}#2`));
  });
});
