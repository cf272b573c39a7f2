import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { summarizeWorkflowRows } from './junjo-run-summaries.ts';

const rows = (path: string) => JSON.parse(readFileSync(`fixtures/junjo-studio/${path}`, 'utf8')) as Record<string, unknown>[];

describe('summarizeWorkflowRows', () => {
  test("Studio's workflow rows: name, root, service, µs start, duration, status", () => {
    const { traces, skipped } = summarizeWorkflowRows(rows('workflows.json'));
    expect(skipped).toBe(0);
    expect(traces).toEqual([
      {
        traceId: '11111111111111111111111111111111', rootName: 'basic_workflow', rootService: 'svc-junjo-phase0-basic',
        startNs: '1775390400000000000', durationMs: 300, spanCount: null, workflowName: 'basic_workflow', workflowSpans: 1, status: 'unset',
      },
    ]);
  });

  test("the Junjo Server's rows: a workflow under an HTTP span has no root name; STATUS_CODE_ERROR is an error", () => {
    const legacy = rows('junjo-server/workflow-spans.json');
    const { traces } = summarizeWorkflowRows([...legacy, { ...legacy[0], span_id: 'ffffffffffffffff', status_code: 'STATUS_CODE_ERROR', start_time: '2026-11-20T10:00:01Z' }]);
    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({ traceId: '5d84288528dd8eda56e02db4f065aea1', rootName: null, workflowName: 'demo_base_workflow', workflowSpans: 2, status: 'error', rootService: 'joke-workflow-api' });
    expect(traces[0]!.startNs).toBe('1795168800001449000');
  });

  test('newest first, one per trace, unreadable rows counted', () => {
    const base = rows('workflows.json')[0]!;
    const later = { ...base, trace_id: '22222222222222222222222222222222', start_time: '2026-04-05T13:00:00.000001+00:00', end_time: '2026-04-05T13:00:01+00:00', status_code: '2' };
    const { traces, skipped } = summarizeWorkflowRows([base, later, { trace_id: 'nope' }, null]);
    expect(traces.map((t) => [t.traceId.slice(0, 2), t.status])).toEqual([['22', 'error'], ['11', 'unset']]);
    expect(traces[0]!.startNs).toBe('1775394000000001000');
    expect(skipped).toBe(2);
  });
});
