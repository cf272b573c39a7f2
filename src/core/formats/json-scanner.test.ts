import { describe, expect, it } from 'vitest';
import { lineColumnAt, quoteNonFiniteNumbers, scanTopLevelValues } from './json-scanner.ts';

describe('scanTopLevelValues', () => {
  it('splits concatenated values, ignoring brackets and escaped quotes inside strings', () => {
    const text = '{"a": "}{\\"]"}\n\n[1, {"b": [2]}]\n{}';
    const scan = scanTopLevelValues(text);
    expect(scan.values.map((v) => text.slice(v.start, v.end))).toEqual(['{"a": "}{\\"]"}', '[1, {"b": [2]}]', '{}']);
    expect(scan.values.map((v) => v.line)).toEqual([1, 3, 4]);
    expect(scan.unterminated).toBeUndefined();
    expect(scan.stray).toBeUndefined();
  });

  it('reports a value that never closes, and whether it ended inside a string', () => {
    expect(scanTopLevelValues('{}\n{"a": [1, 2').unterminated).toEqual({ start: 3, line: 2, depth: 2, inString: false });
    expect(scanTopLevelValues('{"a": "b').unterminated?.inString).toBe(true);
  });

  it('stops at text outside any value', () => {
    const scan = scanTopLevelValues('{}\nINFO done\n{}');
    expect(scan.values).toHaveLength(1);
    expect(scan.stray).toEqual({ offset: 3, line: 2 });
  });

  it('stops after maxValues', () => {
    expect(scanTopLevelValues('{}{}{}{', 2).values).toHaveLength(2);
  });

  it('lineColumnAt counts from 1', () => {
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('quoteNonFiniteNumbers', () => {
  it.each([
    ['{"a": NaN, "b": [Infinity, -Infinity]}', '{"a": "NaN", "b": ["Infinity", "-Infinity"]}'],
    ['{"s": "NaN Infinity", "n": -1}', '{"s": "NaN Infinity", "n": -1}'],
    ['{"e": "\\"NaN"}', '{"e": "\\"NaN"}'],
  ])('%s', (input, expected) => expect(quoteNonFiniteNumbers(input)).toBe(expected));
});
