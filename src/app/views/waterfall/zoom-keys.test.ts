import { describe, expect, it } from 'vitest';
import { zoomForKey } from './zoom-keys.ts';

describe('zoomForKey', () => {
  it('"+" halves the window around its middle', () => {
    expect(zoomForKey('+', false, [0, 1])).toEqual([0.25, 0.75]);
    expect(zoomForKey('=', false, [0.25, 0.75])).toEqual([0.375, 0.625]);
  });

  it('"+" keeps the focus (selected span) at its place on screen', () => {
    const next = zoomForKey('+', false, [0, 1], 0.1)!;
    expect(next[0]).toBeCloseTo(0.05);
    expect(next[1]).toBeCloseTo(0.55);
  });

  it('"-" doubles the window, stays inside the trace, and reaches the whole trace', () => {
    expect(zoomForKey('-', false, [0.8, 1])).toEqual([0.6, 1]);
    expect(zoomForKey('-', false, [0.25, 0.75])).toBeUndefined();
  });

  it('"0" resets; Shift+arrows move by a quarter of the window, within the trace', () => {
    expect(zoomForKey('0', false, [0.2, 0.4])).toBeUndefined();
    const right = zoomForKey('ArrowRight', true, [0.2, 0.4])!;
    expect(right[0]).toBeCloseTo(0.25);
    expect(right[1]).toBeCloseTo(0.45);
    expect(zoomForKey('ArrowLeft', true, [0, 0.5])).toEqual([0, 0.5]);
  });

  it('other keys are not zoom keys', () => {
    expect(zoomForKey('ArrowRight', false, [0, 1])).toBeNull();
    expect(zoomForKey('a', false, [0, 1])).toBeNull();
  });
});
