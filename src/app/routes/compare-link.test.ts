import { describe, expect, test } from 'vitest';
import { parseCompareSide, serializeCompareSide } from './compare-link.ts';
import { parseViewState, serializeViewState } from './view-state.ts';

describe('compare links', () => {
  test('each kind of side survives a round trip through the URL', () => {
    const url = '/compare?a=sample%2Fjunjo-g1-two-runs.json%23a1b2c3d4e5f60718&b=local%2Ftrace%2F0123456789abcdef0123456789abcdef';
    const state = parseViewState('/compare', url.slice('/compare'.length));
    expect(state.source).toEqual({ kind: 'none' });
    expect(state.compare).toEqual({
      a: { source: { kind: 'sample', name: 'junjo-g1-two-runs.json' }, trace: undefined, run: 'a1b2c3d4e5f60718' },
      b: { source: { kind: 'backend', source: 'local', traceId: '0123456789abcdef0123456789abcdef' }, trace: undefined, run: undefined },
    });
    expect(serializeViewState(state)).toBe(url);
    const file = { source: { kind: 'file', name: 'my run@2.json' }, trace: 'abc', run: '12' } as const;
    expect(parseCompareSide(serializeCompareSide(file))).toEqual(file);
  });

  test('a side that names nothing is left to pick; /compare alone is an empty comparison', () => {
    expect(parseCompareSide('nonsense')).toBeUndefined();
    expect(parseCompareSide('tempo/trace/not-hex')).toBeUndefined();
    expect(parseViewState('/compare', '').compare).toEqual({ a: undefined, b: undefined });
    expect(serializeViewState(parseViewState('/compare', ''))).toBe('/compare');
    expect(parseViewState('/sample/x.json', '').compare).toBeUndefined();
  });
});
