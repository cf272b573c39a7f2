import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';
import { buildTraces } from './build-traces.ts';
import { criticalKeepMask, criticalPath, segmentsOf } from './critical-path.ts';
import { span } from './test-spans.ts';

const build = (records: SpanRecord[]): Trace => buildTraces(records)[0]!;
const idx = (trace: Trace, name: string): number => trace.spans.findIndex((s) => s.name === name);
/** Critical segments by span name, only for spans on the path. */
const segmentsByName = (trace: Trace): Record<string, [number, number][]> => {
  const path = criticalPath(trace);
  const out: Record<string, [number, number][]> = {};
  for (const s of path.spans) out[trace.spans[s]!.name] = segmentsOf(path, s);
  return out;
};

describe('criticalPath (span-based)', () => {
  it('walks back-to-back siblings (one ends when the next starts): all are on the path', () => {
    const trace = build([span('root', null, 0, 100), span('a', 'root', 10, 40), span('b', 'root', 40, 70), span('c', 'root', 70, 90)]);
    expect(segmentsByName(trace)).toEqual({
      root: [[0, 10], [90, 100]],
      a: [[10, 40]],
      b: [[40, 70]],
      c: [[70, 90]],
    });
    const path = criticalPath(trace);
    expect(path.total).toBe(100);
    expect(path.spans.map((s) => trace.spans[s]!.name)).toEqual(['root', 'a', 'b', 'c']);
  });

  it('takes the last-finishing concurrent branch; the shorter branch is off the path', () => {
    const trace = build([span('root', null, 0, 100), span('long', 'root', 10, 80), span('short', 'root', 10, 50)]);
    expect(segmentsByName(trace)).toEqual({ root: [[0, 10], [80, 100]], long: [[10, 80]] });
    expect(criticalPath(trace).onPath[idx(trace, 'short')]).toBe(0);
  });

  it('skips a sibling that was still running when the chosen one started (it did not hold it up)', () => {
    const trace = build([span('root', null, 0, 100), span('a', 'root', 0, 60), span('b', 'root', 50, 90)]);
    expect(segmentsByName(trace)).toEqual({ root: [[0, 50], [90, 100]], b: [[50, 90]] });
  });

  it('walks a concurrent group to the branch that ended last, not the earlier-started siblings', () => {
    const trace = build([span('rc', null, 0, 100), span('inc', 'rc', 5, 60), span('dec', 'rc', 5, 70), span('add', 'rc', 10, 95)]);
    expect(segmentsByName(trace)).toEqual({ rc: [[0, 10], [95, 100]], add: [[10, 95]] });
  });

  it('clips a child that outlives its parent', () => {
    const trace = build([span('root', null, 0, 100), span('late', 'root', 80, 150)]);
    expect(segmentsByName(trace)).toEqual({ root: [[0, 80]], late: [[80, 100]] });
  });

  it('descends into grandchildren (nested LLM calls under a node)', () => {
    const trace = build([
      span('root', null, 0, 100), span('node', 'root', 10, 90), span('llm1', 'node', 20, 50), span('llm2', 'node', 30, 80), span('tool', 'llm2', 40, 60),
    ]);
    expect(segmentsByName(trace)).toEqual({
      root: [[0, 10], [90, 100]],
      node: [[10, 30], [80, 90]],
      llm2: [[30, 40], [60, 80]],
      tool: [[40, 60]],
    });
  });

  it('does not let a CONSUMER under a PRODUCER block its parent; it is walked from the trace end instead', () => {
    const trace = build([
      span('root', null, 0, 100),
      span('send', 'root', 10, 20, { kind: 'producer' }),
      span('receive', 'send', 30, 150, { kind: 'consumer' }),
    ]);
    expect(segmentsByName(trace)).toEqual({ root: [[0, 10], [20, 30]], send: [[10, 20]], receive: [[30, 150]] });
    expect(criticalPath(trace).total).toBe(150);
  });

  it('hops between FOLLOWS_FROM / link roots, skipping the gap where nothing ran', () => {
    const first = span('first', null, 0, 50);
    const trace = build([first, span('next', null, 60, 100, { links: [{ traceId: first.traceId, spanId: first.spanId, traceState: '', attributes: [] }] })]);
    expect(segmentsByName(trace)).toEqual({ first: [[0, 50]], next: [[60, 100]] });
    expect(criticalPath(trace).total).toBe(90);
  });

  it('unrolls a loop: every iteration in a back-to-back chain is critical', () => {
    const records = [span('run', null, 0, 60)];
    for (let i = 0; i < 5; i++) records.push(span(`iter${i}`, 'run', i * 10, i * 10 + 10));
    const trace = build(records);
    const path = criticalPath(trace);
    expect(path.spans.map((s) => trace.spans[s]!.name)).toEqual(['run', 'iter0', 'iter1', 'iter2', 'iter3', 'iter4']);
    expect(path.criticalTime[idx(trace, 'run')]).toBe(10);
  });

  it('on equal ends, picks the branch that started first (it covers the wait)', () => {
    const trace = build([span('root', null, 0, 100), span('early', 'root', 0, 100), span('late', 'root', 50, 100)]);
    expect(segmentsByName(trace)).toEqual({ early: [[0, 100]], root: [] });
  });

  it('ignores a zero-length child at the very end', () => {
    const trace = build([span('root', null, 0, 100), span('mark', 'root', 100, 100)]);
    expect(segmentsByName(trace)).toEqual({ root: [[0, 100]] });
  });

  it('gives one span subtree its own path (the root option)', () => {
    const trace = build([span('root', null, 0, 100), span('node', 'root', 10, 90), span('llm1', 'node', 20, 50), span('llm2', 'node', 50, 85)]);
    const path = criticalPath(trace, idx(trace, 'node'));
    expect(path.spans.map((s) => trace.spans[s]!.name)).toEqual(['node', 'llm1', 'llm2']);
    expect(path.total).toBe(80);
  });

  it('keeps the ancestors of detached consumers in the "critical path only" mask', () => {
    const trace = build([
      span('root', null, 0, 20),
      span('other', 'root', 0, 20),
      span('send', 'other', 5, 6, { kind: 'producer' }),
      span('receive', 'send', 30, 100, { kind: 'consumer' }),
    ]);
    const path = criticalPath(trace);
    const keep = criticalKeepMask(trace, path);
    expect([...keep]).toEqual([1, 1, 1, 1]);
  });
});
