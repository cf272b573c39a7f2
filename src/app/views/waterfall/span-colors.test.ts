import { describe, expect, it } from 'vitest';
import { barFill, colorFor } from './span-colors.ts';

describe('barFill', () => {
  it('gives a hex colour 90% opacity', () => {
    expect(barFill('#12b886')).toBe('#12b886e6');
    expect(barFill(colorFor('node', 'svc', ['svc']))).toMatch(/^#[0-9a-f]{6}e6$/);
  });

  it('leaves colours of another form as they are', () => {
    expect(barFill('rgb(1 2 3)')).toBe('rgb(1 2 3)');
    expect(barFill('#abc')).toBe('#abc');
  });
});
