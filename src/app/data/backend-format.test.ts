import { describe, expect, it } from 'vitest';
import { runStartText } from './backend-format.ts';

describe('runStartText', () => {
  it('gives ISO UTC with microseconds, like the trace header', () => {
    expect(runStartText('1795168800000000000')).toBe('2026-11-20T10:00:00.000000Z');
    expect(runStartText('1485445591639875123')).toBe('2017-01-26T15:46:31.639875Z');
  });

  it('shows a dash for a missing or unusable start', () => {
    expect(runStartText('0')).toBe('—');
    expect(runStartText('')).toBe('—');
    expect(runStartText('soon')).toBe('—');
  });
});
