import { expect, it } from 'vitest';
import { countOf } from './count-of.ts';

it.each([
  [1, 'span', undefined, '1 span'],
  [0, 'span', undefined, '0 spans'],
  [12345, 'span', undefined, '12,345 spans'],
  [3, 'span matches', 'spans match', '3 spans match'],
  [1, 'span matches', 'spans match', '1 span matches'],
] as const)('countOf(%i, %s)', (count, one, many, expected) => {
  expect(countOf(count, one, many)).toBe(expected);
});
