import { describe, expect, it } from 'vitest';
import { barLabelPlacement } from './bar-label.ts';

describe('where a bar\'s duration label goes', () => {
  it.each([
    ['a short bar: right of it', 10, 20, { inside: false, side: 'left' }],
    ['a bar reaching the right edge: left of it', 50, 50, { inside: false, side: 'right' }],
    ['a bar filling the window: inside, at its start', 0, 100, { inside: true, side: 'left' }],
    ['a bar starting before the zoom window and filling it: inside at the window start', -40, 200, { inside: true, side: 'left' }],
  ] as const)('%s', (_name, left, width, expected) => {
    const placement = barLabelPlacement(left, width)!;
    expect(placement.inside).toBe(expected.inside);
    expect(Object.keys(placement.style)).toEqual([expected.side]);
  });

  it('clamps to the visible part of the bar', () => {
    expect(barLabelPlacement(-40, 200)!.style).toEqual({ left: 'calc(0% + 4px)' });
  });

  it('hides the label of a bar outside the window', () => {
    expect(barLabelPlacement(-30, 10)).toBeUndefined();
    expect(barLabelPlacement(120, 5)).toBeUndefined();
  });
});
