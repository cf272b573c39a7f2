import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeJunjo, type JunjoFound } from './analyze-junjo.ts';
import { decodeTrace } from './junjo-test-traces.ts';

describe('the Junjo Server rows (legacy columns) analyse like the OTLP trace they came from', () => {
  test('same runs, stores and replayed transitions as public/samples/junjo-g1-legacy.json', async () => {
    const fromRows = analyzeJunjo(await decodeTrace(readFileSync('fixtures/junjo-studio/junjo-server/nested-spans.json', 'utf8')));
    const fromOtlp = analyzeJunjo(await decodeTrace(readFileSync('public/samples/junjo-g1-legacy.json', 'utf8')));
    expect(fromRows.kind).toBe('junjo');
    expect(fromOtlp.kind).toBe('junjo');
    const summary = (a: JunjoFound) => a.stores.map((s) => [s.storeId, s.transitions.length, s.appliedCount, s.status, s.verified]);
    expect(summary(fromRows as JunjoFound)).toEqual(summary(fromOtlp as JunjoFound));
    expect((fromRows as JunjoFound).stores.every((s) => s.status === 'complete' && s.verified === 'match')).toBe(true);
  });
});
