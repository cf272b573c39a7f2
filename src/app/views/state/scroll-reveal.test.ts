import { describe, expect, it } from 'vitest';
import { revealDelta } from './scroll-reveal.ts';

describe('revealDelta', () => {
  const view = { top: 100, bottom: 800 };
  it('leaves a visible step detail alone', () => {
    expect(revealDelta(view, { top: 300 }, { top: 500 })).toBe(0);
  });
  it('brings the stepper to the top when the detail is below the fold', () => {
    expect(revealDelta(view, { top: 600 }, { top: 700 })).toBe(492);
  });
  it('never scrolls up', () => {
    expect(revealDelta(view, { top: 50 }, { top: 900 })).toBe(0);
  });
});
