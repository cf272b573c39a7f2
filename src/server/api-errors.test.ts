import { describe, expect, it } from 'vitest';
import { defaultTraceRange, describeRange, traceNotFound, unauthorized } from './api-errors.ts';

describe('not-found messages', () => {
  it('name the range the request gave, in UTC', () => {
    expect(describeRange(1700000000, 1700003600)).toBe('2023-11-14T22:13:20Z – 2023-11-14T23:13:20Z (UTC)');
  });

  it('say what the backend searched by default when the request had no range', () => {
    expect(describeRange(undefined, undefined, defaultTraceRange.tempo)).toBe(defaultTraceRange.tempo);
    expect(describeRange(1700000000, undefined)).toBe('none given, so the backend searched its default range');
    const error = traceNotFound('tempo-local', 'ab'.repeat(16), 'Tempo API v2', undefined, undefined, defaultTraceRange.tempo);
    expect(error.code).toBe('not-found');
    expect(error.message).toBe(`Trace ${'ab'.repeat(16)} was not found in source "tempo-local" (asked Tempo API v2). Time range: ${defaultTraceRange.tempo}.`);
  });

  it('keep "refused access" apart from "not found"', () => {
    expect(unauthorized('tempo-local', 403)).toMatchObject({ code: 'unauthorized', message: 'Source "tempo-local" refused access: unauthorized (HTTP 403).' });
  });
});
