import { describe, expect, it } from 'vitest';
import type { Trace } from '../model/trace.ts';
import { buildTraces } from './build-traces.ts';
import { makeSpanRecord, span, TEST_EPOCH_NS } from './test-spans.ts';

const one = (records: Parameters<typeof buildTraces>[0]): Trace => {
  const traces = buildTraces(records);
  expect(traces).toHaveLength(1);
  return traces[0]!;
};
/** "name@depth" per span in output order: the waterfall as text. */
const outline = (trace: Trace): string[] => trace.spans.map((s) => `${s.name}@${trace.depth[s.index]}`);
const names = (trace: Trace, indexes: readonly number[]): string[] => indexes.map((i) => trace.spans[i]!.name);
const issueKinds = (trace: Trace): string[] => trace.issues.map((issue) => issue.kind);

describe('buildTraces: tree shape', () => {
  it.each([
    {
      case: 'children sorted by start, ties in input order',
      spans: [span('r', null, 0, 100), span('c', 'r', 30, 40), span('a', 'r', 10, 20), span('b', 'r', 10, 20)],
      want: ['r@0', 'a@1', 'b@1', 'c@1'],
    },
    {
      case: 'several roots, by start',
      spans: [span('r2', null, 50, 60), span('r1', null, 0, 10), span('k', 'r2', 55, 56)],
      want: ['r1@0', 'r2@0', 'k@1'],
    },
    {
      case: 'orphans after real roots, depth 1, grouped by missing parent',
      spans: [
        span('o1', 'gone', 5, 6),
        span('r', null, 10, 20),
        span('p1', 'other', 7, 8),
        span('o2', 'gone', 30, 31),
        span('oc', 'o1', 5, 6),
      ],
      want: ['r@0', 'o1@1', 'oc@2', 'o2@1', 'p1@1'],
    },
    {
      case: 'self-parent becomes a detached span',
      spans: [span('r', null, 0, 10), span('s', 's', 1, 2), span('sc', 's', 1, 2)],
      want: ['r@0', 's@1', 'sc@2'],
    },
    {
      case: '3-cycle is cut at its earliest span',
      spans: [span('b', 'a', 20, 30), span('a', 'c', 10, 40), span('c', 'b', 25, 26)],
      want: ['a@1', 'b@2', 'c@3'],
    },
  ])('$case', ({ spans, want }) => {
    expect(outline(one(spans))).toEqual(want);
  });

  it('groups records into traces sorted by start', () => {
    const traces = buildTraces([
      makeSpanRecord({ traceId: 'late', name: 'x', start: 500 }),
      makeSpanRecord({ traceId: 'early', name: 'y', start: 100 }),
      makeSpanRecord({ traceId: 'late', name: 'z', start: 400 }),
    ]);
    expect(traces.map((t) => [t.traceId, t.spans.length])).toEqual([['early', 1], ['late', 2]]);
    expect(traces[1]!.startNs).toBe(TEST_EPOCH_NS + 400n);
    expect(traces[1]!.spans.map((s) => s.start)).toEqual([0, 100]);
  });

  it('sets index, parent, children, descendants, roots and services consistently', () => {
    const trace = one([
      span('b', 'r', 20, 30, { service: 'svc-b' }),
      span('r', null, 0, 100, { service: 'svc-a' }),
      span('a', 'r', 10, 15, { service: 'svc-a' }),
      span('a1', 'a', 11, 12, { service: 'svc-c' }),
    ]);
    expect(names(trace, trace.spans.map((s) => s.index))).toEqual(['r', 'a', 'a1', 'b']);
    expect([...trace.parent]).toEqual([-1, 0, 1, 0]);
    expect(trace.children).toEqual([[1, 3], [2], [], []]);
    expect([...trace.descendants]).toEqual([3, 1, 0, 0]);
    expect(trace.roots).toEqual([0]);
    expect(trace.services).toEqual(['svc-a', 'svc-c', 'svc-b']);
    expect(trace.duration).toBe(100);
    expect(trace.issues).toEqual([]);
  });

  it('converts events to offsets from the trace start', () => {
    const trace = one([span('r', null, 1000, 2000, { events: [{ name: 'e', at: 1500 }] })]);
    expect(trace.spans[0]!.events[0]).toMatchObject({ name: 'e', time: 500, timeNs: TEST_EPOCH_NS + 1500n });
  });

  it('reports progress up to 1', () => {
    const seen: number[] = [];
    buildTraces([makeSpanRecord({ traceId: 'a' }), makeSpanRecord({ traceId: 'b' })], (f) => seen.push(f));
    expect(seen).toEqual([0.5, 1]);
  });
});

describe('buildTraces: issues', () => {
  it('flags orphans with the missing parent id', () => {
    const trace = one([span('r', null, 0, 10), span('o', 'gone', 1, 2)]);
    expect(trace.issues).toEqual([{ kind: 'orphan', spanIndex: 1, missingParentId: 'gone' }]);
    expect([...trace.parent]).toEqual([-1, -1]);
    expect(trace.roots).toEqual([0, 1]);
  });

  it('keeps duplicate span ids; children attach to the first', () => {
    const trace = one([span('d', null, 0, 10, { name: 'd1' }), span('d', null, 20, 30, { name: 'd2' }), span('k', 'd', 1, 2)]);
    expect(outline(trace)).toEqual(['d1@0', 'k@1', 'd2@0']);
    expect(trace.issues).toEqual([{ kind: 'duplicate-span-id', spanId: 'd', count: 2 }]);
  });

  it('reports a 3-cycle and a self-parent with the spans involved', () => {
    const trace = one([
      span('a', 'c', 10, 40),
      span('b', 'a', 20, 30),
      span('c', 'b', 25, 26),
      span('s', 's', 50, 60),
    ]);
    const cycles = trace.issues.filter((issue) => issue.kind === 'parent-cycle');
    expect(cycles.map((c) => names(trace, c.spanIndexes))).toEqual([['a', 'b', 'c'], ['s']]);
    expect(trace.issues.some((issue) => issue.kind === 'orphan')).toBe(false);
    expect(trace.roots.map((r) => trace.spans[r]!.name)).toEqual(['a', 's']);
  });

  it('flags children outside their parent', () => {
    const trace = one([span('r', null, 100, 200), span('early', 'r', 50, 150), span('late', 'r', 150, 250), span('in', 'r', 120, 130)]);
    const flagged = trace.issues.flatMap((issue) => (issue.kind === 'outside-parent' ? [trace.spans[issue.spanIndex]!.name] : []));
    expect(flagged).toEqual(['early', 'late']);
  });

  it('clamps a span that ends before it starts', () => {
    const trace = one([span('r', null, 0, 100), span('neg', 'r', 50, 10)]);
    expect(trace.spans[1]).toMatchObject({ start: 50, end: 50 });
    expect(issueKinds(trace)).toEqual(['ends-before-start']);
  });

  it('produces no NaN anywhere, even with odd input', () => {
    const trace = one([span('r', null, 0, 0), span('x', 'x', 5, 1), span('d', 'r', 0, 0), span('d', 'gone', 0, 0)]);
    const numbers = [trace.duration, ...trace.spans.flatMap((s) => [s.start, s.end]), ...trace.depth, ...trace.descendants];
    expect(numbers.every(Number.isFinite)).toBe(true);
  });
});

describe('buildTraces: size', () => {
  it('handles a 100,000-deep parent chain without recursion', () => {
    const n = 100_000;
    const records = Array.from({ length: n }, (_, i) => span(`s${i}`, i === 0 ? null : `s${i - 1}`, i, 2 * n - i));
    records.reverse(); // worst case for a naive walk: children before parents
    const trace = one(records);
    expect(trace.spans[n - 1]!.name).toBe(`s${n - 1}`);
    expect(trace.depth[n - 1]).toBe(n - 1);
    expect(trace.descendants[0]).toBe(n - 1);
    expect(trace.issues).toEqual([]);
  });

  it('handles a 100,000-span flat-ish trace', () => {
    const n = 100_000;
    const records = [span('root', null, 0, 10 * n)];
    for (let i = 1; i < n; i++) records.push(span(`s${i}`, i < 100 ? 'root' : `s${i % 100 || 1}`, i, i + 5));
    const trace = one(records);
    expect(trace.spans).toHaveLength(n);
    expect(trace.descendants[0]).toBe(n - 1);
    expect(trace.spans.every((s, i) => s.index === i && (trace.parent[i]! < i))).toBe(true);
  });

  it('handles a 100,000-span cycle', () => {
    const n = 100_000;
    const records = Array.from({ length: n }, (_, i) => span(`c${i}`, `c${(i + 1) % n}`, i, i + 1));
    const trace = one(records);
    expect(trace.spans[0]!.name).toBe('c0');
    expect(trace.depth[n - 1]).toBe(n);
    expect(issueKinds(trace)).toContain('parent-cycle');
  });
});
