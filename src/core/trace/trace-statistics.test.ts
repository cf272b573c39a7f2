import { describe, expect, it } from 'vitest';
import { buildTraces } from './build-traces.ts';
import { sortStatistics, statisticsKeepMask, statisticsKey, traceStatistics } from './trace-statistics.ts';
import { span } from './test-spans.ts';

const trace = buildTraces([
  span('root', null, 0, 100, { name: 'GET /', service: 'web' }),
  span('q1', 'root', 10, 30, { name: 'query', service: 'db' }),
  span('q2', 'root', 40, 90, { name: 'query', service: 'db', status: { code: 'error', message: 'timeout' } }),
  span('c', 'q2', 50, 60, { name: 'cache', service: 'db' }),
])[0]!;

describe('traceStatistics', () => {
  it('groups by service and operation with count, total, self, avg, min, max and errors', () => {
    const rows = traceStatistics(trace);
    expect(rows.map((r) => [r.service, r.operation, r.count, r.total, r.self, r.avg, r.min, r.max, r.errors])).toEqual([
      ['web', 'GET /', 1, 100, 30, 100, 100, 100, 0],
      ['db', 'query', 2, 70, 60, 35, 20, 50, 1],
      ['db', 'cache', 1, 10, 10, 10, 10, 10, 0],
    ]);
  });

  it('sorts by any column, both ways', () => {
    const rows = traceStatistics(trace);
    expect(sortStatistics(rows, 'operation', false).map((r) => r.operation)).toEqual(['cache', 'GET /', 'query']);
    expect(sortStatistics(rows, 'count', true).map((r) => r.operation)).toEqual(['query', 'cache', 'GET /']);
    expect(sortStatistics(rows, 'errors', true)[0]!.operation).toBe('query');
  });

  it('filters a row to its spans and their ancestors', () => {
    const { keep, matches } = statisticsKeepMask(trace, statisticsKey('db', 'cache'));
    expect(matches.map((i) => trace.spans[i]!.name)).toEqual(['cache']);
    expect([...keep]).toEqual([1, 0, 1, 1]);
  });
});
