import { describe, expect, test } from 'vitest';
import type { TraceSummary } from '../backends/api-types.ts';
import { previousRunOf } from './previous-run.ts';

const run = (traceId: string, startNs: string, workflowName: string | null, rootService = 'api'): TraceSummary => ({
  traceId, rootName: 'POST /run', rootService, startNs, durationMs: 5, spanCount: null, workflowName, workflowSpans: 1,
});

describe('previousRunOf', () => {
  const runs = [
    run('a'.repeat(32), '5000', 'wf'),
    run('b'.repeat(32), '4000', 'wf'),
    run('c'.repeat(32), '4500', 'other'),
    run('d'.repeat(32), '3000', 'wf'),
    run('e'.repeat(32), '4800', 'wf', 'another-service'),
  ];
  test('the latest earlier run of the same workflow and service', () => {
    expect(previousRunOf(runs, { traceId: 'a'.repeat(32), workflowName: 'wf', service: 'api', startNs: 5000n })?.traceId).toBe('b'.repeat(32));
    expect(previousRunOf(runs, { traceId: 'b'.repeat(32), workflowName: 'wf', service: 'api', startNs: 4000n })?.traceId).toBe('d'.repeat(32));
  });
  test('none before the first run, none of another workflow', () => {
    expect(previousRunOf(runs, { traceId: 'd'.repeat(32), workflowName: 'wf', service: 'api', startNs: 3000n })).toBeUndefined();
    expect(previousRunOf(runs, { traceId: 'x'.repeat(32), workflowName: 'missing', service: null, startNs: 9000n })).toBeUndefined();
  });
});
