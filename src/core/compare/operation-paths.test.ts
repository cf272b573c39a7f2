import { describe, expect, test } from 'vitest';
import { traceOf, type SpanSpec } from '../junjo/junjo-test-traces.ts';
import { compareOperationPaths, sortPathRows } from './operation-paths.ts';

const checkout = (queries: number, retry: boolean): SpanSpec[] => [
  { id: 'POST /checkout', start: 0, end: 100 },
  ...Array.from({ length: queries }, (_, i): SpanSpec => ({ id: `q${i}`, name: 'SELECT item', parent: 'POST /checkout', start: 10 + i * 10, end: 15 + i * 10 })),
  { id: 'pay', name: 'POST /pay', parent: 'POST /checkout', start: 60, end: 80, error: retry },
  ...(retry ? [{ id: 'pay2', name: 'POST /pay retry', parent: 'POST /checkout', start: 81, end: 95 }] : []),
];

describe('compareOperationPaths', () => {
  test('a trace compared with itself: every path in both, no deltas', () => {
    const t = traceOf(checkout(3, false));
    const rows = compareOperationPaths(t, t);
    expect(rows.map((row) => [row.steps.at(-1)?.split(': ')[1], row.presence, row.countDelta, row.totalDelta])).toEqual([
      ['POST /checkout', 'both', 0, 0],
      ['SELECT item', 'both', 0, 0],
      ['POST /pay', 'both', 0, 0],
    ]);
  });

  test('differing counts, totals, means and a path only in B', () => {
    const rows = compareOperationPaths(traceOf(checkout(3, false)), traceOf(checkout(5, true)));
    const select = rows.find((row) => row.path.endsWith('SELECT item'));
    expect(select).toMatchObject({ depth: 1, a: { count: 3, total: 15_000_000 }, b: { count: 5, total: 25_000_000 }, countDelta: 2, totalDelta: 10_000_000, presence: 'both' });
    expect(select?.meanA).toBe(5_000_000);
    expect(select?.meanB).toBe(5_000_000);
    const retry = rows.find((row) => row.path.endsWith('POST /pay retry'));
    expect(retry).toMatchObject({ presence: 'b-only', a: { count: 0 }, b: { count: 1 }, meanA: 0 });
    expect(rows.find((row) => row.path.endsWith('POST /pay'))).toMatchObject({ a: { errors: 0 }, b: { errors: 1 } });
    expect(sortPathRows(rows, 'delta', true).slice(0, 2)).toEqual([retry, select]);
    expect(sortPathRows(rows, 'countB', false).map((row) => row.b.count)).toEqual([1, 1, 1, 5]);
  });

  test('a path only in A, counted under a chosen root span', () => {
    const a = traceOf(checkout(1, true));
    const b = traceOf(checkout(1, false));
    const rows = compareOperationPaths(a, b, 0, 0);
    expect(rows.filter((row) => row.presence === 'a-only').map((row) => row.steps.length)).toEqual([2]);
    expect(rows[0]?.steps).toHaveLength(1);
  });
});
