import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSamples } from './generate-samples.ts';
import { makeBigTrace } from './lib/make-big-trace.ts';
import { flattenSpans, type OtlpAnyValue, type OtlpTracesData } from './lib/otlp-json.ts';

const samplesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'samples');
const samples = buildSamples();
const VALUE_KEYS = ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'];

function expectAnyValue(value: OtlpAnyValue): void {
  const keys = Object.keys(value);
  expect(keys).toHaveLength(1);
  expect(VALUE_KEYS).toContain(keys[0]);
}

/** Structural checks any OTLP/JSON reader relies on; returns the number of spans. */
function expectValidOtlp(data: OtlpTracesData): number {
  expect(Array.isArray(data.resourceSpans)).toBe(true);
  const spans = flattenSpans(data);
  const ids = new Set(spans.map(({ span }) => span.spanId));
  expect(ids.size).toBe(spans.length);
  for (const { span, resource, scope } of spans) {
    expect(resource.resource?.attributes?.some((kv) => kv.key === 'service.name')).toBe(true);
    expect(typeof scope.scope?.name).toBe('string');
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    if (span.parentSpanId !== undefined) expect(ids.has(span.parentSpanId)).toBe(true);
    expect(span.startTimeUnixNano).toMatch(/^\d{19}$/);
    expect(BigInt(span.endTimeUnixNano) >= BigInt(span.startTimeUnixNano)).toBe(true);
    expect(span.kind).toBeGreaterThanOrEqual(1);
    expect(span.kind).toBeLessThanOrEqual(5);
    for (const kv of span.attributes ?? []) expectAnyValue(kv.value);
    for (const event of span.events ?? []) {
      expect(BigInt(event.timeUnixNano) >= BigInt(span.startTimeUnixNano)).toBe(true);
      expect(BigInt(event.timeUnixNano) <= BigInt(span.endTimeUnixNano)).toBe(true);
      for (const kv of event.attributes ?? []) expectAnyValue(kv.value);
    }
  }
  return spans.length;
}

describe('generated samples', () => {
  it.each(samples.map((s) => [s.file, s] as const))('%s is one valid OTLP/JSON trace', (_file, sample) => {
    expectValidOtlp(sample.data);
    const traceIds = new Set(flattenSpans(sample.data).map(({ span }) => span.traceId));
    expect(traceIds.size).toBe(1);
  });

  it('writes the SDK encoding: hex ids, string nanos, numeric intValue and enums', () => {
    const text = JSON.stringify(samples[0]?.data);
    expect(text).toMatch(/"intValue":\d/);
    expect(text).toMatch(/"startTimeUnixNano":"\d{19}"/);
    expect(text).toMatch(/"status":\{"code":0\}/);
  });

  it('is deterministic and matches the committed files in public/samples', () => {
    const again = buildSamples();
    const index = JSON.parse(readFileSync(join(samplesDir, 'index.json'), 'utf8')) as Array<{ file: string; generation: string | null }>;
    expect(index.map((entry) => entry.file)).toEqual(samples.map((s) => s.file));
    samples.forEach((sample, i) => {
      expect(JSON.stringify(again[i]?.data)).toBe(JSON.stringify(sample.data));
      const committed = JSON.parse(readFileSync(join(samplesDir, sample.file), 'utf8')) as unknown;
      expect(committed, `${sample.file} is stale: run npm run samples`).toEqual(sample.data);
      expect(readFileSync(join(samplesDir, sample.file)).length).toBeLessThan(200 * 1024);
    });
  });

  it('lists every sample with its generation', () => {
    expect(samples.map((s) => [s.file, s.generation])).toEqual([
      ['junjo-g1-legacy.json', 'G1'],
      ['junjo-g3-contract-v2.json', 'G3'],
      ['junjo-g3-failure.json', 'G3'],
      ['junjo-g1-two-runs.json', 'G1'],
      ['junjo-g3-debugging.json', 'G3'],
      ['plain-http-service.json', null],
    ]);
  });

  it('plain-http-service has three services, server/client/db spans, one error and no Junjo data', () => {
    const data = samples.find((s) => s.file === 'plain-http-service.json')?.data;
    if (!data) throw new Error('missing sample');
    expect(data.resourceSpans).toHaveLength(3);
    const spans = flattenSpans(data).map(({ span }) => span);
    expect(spans.length).toBeGreaterThanOrEqual(35);
    expect(spans.length).toBeLessThanOrEqual(45);
    expect(new Set(spans.map((s) => s.kind))).toEqual(new Set([1, 2, 3, 4]));
    expect(spans.filter((s) => s.status?.code === 2)).toHaveLength(1);
    expect(spans.some((s) => s.attributes?.some((kv) => kv.key === 'db.system.name'))).toBe(true);
    expect(JSON.stringify(data)).not.toContain('junjo.');
  });
});

describe('makeBigTrace', () => {
  it.each([1, 1_000, 10_000])('writes exactly %i spans with valid parent links', (count) => {
    const data = makeBigTrace(count);
    expect(expectValidOtlp(data)).toBe(count);
    const spans = flattenSpans(data).map(({ span }) => span);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    expect(spans.filter((s) => s.parentSpanId === undefined)).toHaveLength(1);
    for (const span of spans) {
      const parent = span.parentSpanId === undefined ? undefined : byId.get(span.parentSpanId);
      if (!parent) continue;
      expect(BigInt(span.startTimeUnixNano) >= BigInt(parent.startTimeUnixNano)).toBe(true);
      expect(BigInt(span.endTimeUnixNano) <= BigInt(parent.endTimeUnixNano)).toBe(true);
    }
    if (count >= 10_000) {
      expect(data.resourceSpans.length).toBeGreaterThanOrEqual(6);
      expect(spans.some((s) => s.status?.code === 2)).toBe(true);
      expect(spans.some((s) => (s.events ?? []).length > 0)).toBe(true);
    }
  });

  it('is deterministic for a seed', () => {
    expect(JSON.stringify(makeBigTrace(500, { seed: 3 }))).toBe(JSON.stringify(makeBigTrace(500, { seed: 3 })));
  });
});
