import { describe, expect, it } from 'vitest';
import { runStartMs, runStartShort, runStartText, shortTraceId } from './backend-format.ts';

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

describe('runStartShort and runStartMs', () => {
  it('give the start to the second in UTC, and in epoch milliseconds', () => {
    expect(runStartShort('1485445591639875123')).toBe('2017-01-26 15:46:31 UTC');
    expect(runStartMs('1485445591639875123')).toBe(1485445591639);
    expect(runStartShort('0')).toBe('—');
    expect(runStartMs('x')).toBeNaN();
  });
});

describe('shortTraceId', () => {
  it('takes 8 hex digits after the zeros that pad 64-bit ids', () => {
    expect(shortTraceId('4bf92f3577b34da6a3ce929d0e0e4736')).toBe('4bf92f35');
    expect(shortTraceId('0000000000000000a3ce929d0e0e4736')).toBe('a3ce929d');
    expect(shortTraceId('00000000000000000000000000000000')).toBe('0');
  });
});
