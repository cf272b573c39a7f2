import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeJunjo, type JunjoFound } from './analyze-junjo.ts';
import { decodeTrace, indexOfName } from './junjo-test-traces.ts';
import { firstTransitionOf, outlineOf, storesWrittenBy } from './junjo-outline.ts';
import { shortJson, spanTransitions } from './span-state-changes.ts';

const load = async (name: string) => {
  const trace = await decodeTrace(readFileSync(`public/samples/${name}.json`, 'utf8'));
  const analysis = analyzeJunjo(trace);
  if (analysis.kind !== 'junjo') throw new Error(analysis.reason);
  return { trace, analysis: analysis as JunjoFound };
};

describe('spanTransitions', () => {
  test('a node span lists what it changed, with the values before and after', async () => {
    const { trace, analysis } = await load('junjo-g1-legacy');
    const count = spanTransitions(analysis, indexOfName(trace, 'CountItemsNode'));
    expect(count).toHaveLength(1);
    expect(count[0]).toMatchObject({ action: 'set_counter', tx: 0 });
    expect(count[0]!.changes).toEqual([{ path: '/counter', kind: 'changed', before: 0, after: 5 }]);
    const refine = spanTransitions(analysis, indexOfName(trace, 'RefineNode'));
    expect(refine.map((t) => t.action)).toEqual(['set_draft', 'set_quality']);
    expect(refine[0]!.changes[0]).toMatchObject({ path: '/draft', kind: 'changed', before: null });
  });

  test('a span without set_state events made no transition; its first transition is found in any store', async () => {
    const { trace, analysis } = await load('junjo-g1-legacy');
    const http = indexOfName(trace, 'POST /run');
    expect(spanTransitions(analysis, http)).toEqual([]);
    expect(firstTransitionOf(outlineOf(analysis), http)).toBeUndefined();
    expect(storesWrittenBy(outlineOf(analysis), http)).toEqual([]);
    const joke = indexOfName(trace, 'CreateJokeNode');
    const first = firstTransitionOf(outlineOf(analysis), joke);
    expect(storesWrittenBy(outlineOf(analysis), joke)).toEqual([first?.storeId]);
    expect(analysis.stores.find((s) => s.storeId === first?.storeId)?.storeName).toBe('SampleSubflowStore');
  });

  test('shortJson cuts long values', () => {
    expect(shortJson('x'.repeat(100), 10)).toBe('"xxxxxxxx…');
    expect(shortJson({ a: 1 })).toBe('{"a":1}');
  });
});
