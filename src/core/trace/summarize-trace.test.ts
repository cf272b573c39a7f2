import { describe, expect, it } from 'vitest';
import { buildTraces } from './build-traces.ts';
import { summarizeTrace } from './summarize-trace.ts';
import { span, TEST_EPOCH_NS } from './test-spans.ts';

describe('summarizeTrace', () => {
  it('summarizes root, counts and time', () => {
    const trace = buildTraces([
      span('root', null, 100, 900, { service: 'api' }),
      span('bad', 'root', 200, 300, { status: { code: 'error', message: 'x' } }),
      span('o', 'gone', 150, 160),
    ])[0]!;
    expect(summarizeTrace(trace)).toEqual({
      traceId: trace.traceId,
      rootName: 'root',
      rootService: 'api',
      startNs: TEST_EPOCH_NS + 100n,
      duration: 800,
      spanCount: 3,
      errorCount: 1,
      issueCount: 1,
    });
  });

  it('falls back to the first detached span when there is no real root', () => {
    const trace = buildTraces([span('b', 'gone', 20, 30), span('a', 'gone', 10, 15)])[0]!;
    expect(summarizeTrace(trace)).toMatchObject({ rootName: 'a', spanCount: 2, errorCount: 0, duration: 20 });
  });
});
