import { describe, expect, it } from 'vitest';
import { buildTraces } from './build-traces.ts';
import { nextFailure, traceFailures } from './failures.ts';
import { span } from './test-spans.ts';

const error = { code: 'error', message: 'boom' } as const;

describe('traceFailures', () => {
  it('names the deepest failing span as the root cause and counts one failure, not four', () => {
    const trace = buildTraces([
      span('00000000000000a1', null, 0, 100, { name: 'POST /run', status: error }),
      span('00000000000000a2', '00000000000000a1', 5, 95, { name: 'workflow', status: error }),
      span('00000000000000a3', '00000000000000a2', 10, 90, { name: 'subflow', status: error }),
      span('00000000000000a4', '00000000000000a3', 20, 80, { name: 'Counter Nodes', status: error }),
      span('00000000000000a5', '00000000000000a4', 21, 40, { name: 'DecrementNode', status: error }),
      span('00000000000000a6', '00000000000000a4', 21, 60, { name: 'IncrementNode' }),
    ])[0]!;
    const failures = traceFailures(trace);
    expect(failures.failed).toHaveLength(5);
    expect(failures.rootCauses.map((i) => trace.spans[i]!.name)).toEqual(['DecrementNode']);
    const decrement = failures.rootCauses[0]!;
    expect(failures.echoes[decrement]).toBe(0);
    expect(failures.echoes[trace.spans.findIndex((s) => s.name === 'workflow')]).toBe(1);
  });

  it('keeps independent failures apart, the first to end first, and steps through them', () => {
    const trace = buildTraces([
      span('00000000000000b1', null, 0, 100, { name: 'root' }),
      span('00000000000000b2', '00000000000000b1', 10, 90, { name: 'late', status: error }),
      span('00000000000000b3', '00000000000000b1', 20, 30, { name: 'early', status: error }),
    ])[0]!;
    const failures = traceFailures(trace);
    const names = failures.rootCauses.map((i) => trace.spans[i]!.name);
    expect(names).toEqual(['early', 'late']);
    const [first, second] = failures.rootCauses as [number, number];
    expect(nextFailure(failures, -1)).toBe(first);
    expect(nextFailure(failures, first)).toBe(second);
    expect(nextFailure(failures, second)).toBe(first);
    expect(nextFailure(failures, first, -1)).toBe(second);
  });

  it('finds nothing in a trace without errors', () => {
    const trace = buildTraces([span('00000000000000c1', null, 0, 10, { name: 'ok' })])[0]!;
    expect(traceFailures(trace).rootCauses).toEqual([]);
    expect(nextFailure(traceFailures(trace), -1)).toBe(-1);
  });
});
