import { describe, expect, test } from 'vitest';
import { analyzeJunjo } from '../../../core/junjo/analyze-junjo.ts';
import { g1ExampleSpecs, traceOf } from '../../../core/junjo/junjo-test-traces.ts';
import type { ComparedTrace } from '../../data/compare-loader.ts';
import { pickChoice, runChoices, sideFor } from './run-choices.ts';

const loaded = (): ComparedTrace[] => {
  const trace = traceOf([...g1ExampleSpecs('a', 0), ...g1ExampleSpecs('b', 2000)]);
  const plain = { ...traceOf([{ id: 'GET /', start: 0, end: 5 }]), traceId: 'ab'.repeat(16) };
  return [{ traceId: trace.traceId, trace, junjo: analyzeJunjo(trace) }, { traceId: plain.traceId, trace: plain, junjo: analyzeJunjo(plain) }];
};

describe('run choices', () => {
  test('one choice per top-level run, and the whole trace for a plain one', () => {
    const choices = runChoices(loaded());
    expect(choices.map((c) => [c.name, c.runIndex !== undefined])).toEqual([['demo_base_workflow', true], ['demo_base_workflow', true], ['GET /', false]]);
    expect(choices[1]?.label).toMatch(/^demo_base_workflow · run 2 of 2 · trace /);
  });

  test('a side in the URL finds its run; an unknown run falls back to the first with a note', () => {
    const choices = runChoices(loaded());
    const second = choices[1]!;
    const source = { kind: 'sample', name: 'x.json' } as const;
    const side = sideFor({ source }, second, choices);
    expect(side).toEqual({ source, trace: second.traceId, run: second.runSpanId });
    expect(pickChoice(choices, side).choice).toBe(second);
    expect(pickChoice(choices, { source, run: 'ffff' })).toEqual({ choice: choices[0], note: 'The run ffff is not in this trace; showing the first run instead.' });
    expect(pickChoice(choices, { source, trace: 'abcd' }).note).toMatch(/^The trace abcd is not in this input/);
  });
});
