import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../model/span.ts';
import { buildTraces } from '../trace/build-traces.ts';
import { encodeAnyValue, encodeOtlpJson } from './encode-otlp-json.ts';
import { decodeOk, fixturesDir } from './test-fixtures.ts';
import type { AttrValue } from '../model/attributes.ts';

/** A span record without object identity, so two decodes compare by value. */
const plain = (span: SpanRecord) => ({ ...span, resource: { ...span.resource }, scope: { ...span.scope } });
const byId = (a: SpanRecord, b: SpanRecord) => (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);

const fixtures = [
  'tempo/tempo-trace-queue-database.resourceSpans.json',
  'tempo/tempo-vulture-trace-with-events.resourceSpans.json',
  'tempo/tempo-docs-v2-trace-by-id-response.json',
  'jaeger/otlp-tracesdata-rich.json',
  'jaeger/v1-trace-logs-refs-types.json',
  'jaeger/v1-trace-57spans-10services.json',
  'junjo/workflow/subflow_with_parent_store.json',
  'junjo/workflow/run_concurrent_success.json',
];

describe('encodeOtlpJson round trip', () => {
  it.each(fixtures)('%s: decode → build → encode → decode gives the same spans', async (path) => {
    const first = await decodeOk(readFileSync(`${fixturesDir}/${path}`, 'utf8'));
    const traces = buildTraces(first.spans);
    const encoded = traces.map(encodeOtlpJson);
    const second = await decodeOk(JSON.stringify(encoded.length === 1 ? encoded[0] : encoded));
    expect(second.format).toBe('otlp-json');
    expect(second.skipped).toEqual([]);
    expect(second.spans.map(plain).sort(byId)).toEqual(first.spans.map(plain).sort(byId));
  });

  it('groups spans by resource and scope, with standard wire types', async () => {
    const first = await decodeOk(readFileSync(`${fixturesDir}/jaeger/otlp-tracesdata-rich.json`, 'utf8'));
    const [trace] = buildTraces(first.spans);
    const encoded = encodeOtlpJson(trace!);
    expect(encoded.resourceSpans).toHaveLength(new Set(first.spans.map((s) => s.resource)).size);
    const text = JSON.stringify(encoded);
    expect(text).toMatch(/"startTimeUnixNano":"1485467191639875000"/);
    expect(text).toMatch(/"kind":2/);
    expect(text).toMatch(/"intValue":"23456"/);
    expect(text).not.toMatch(/SPAN_KIND_/);
  });

  it('encodes every AnyValue type, including ones no fixture has', () => {
    const cases: [AttrValue, unknown][] = [
      [{ type: 'int', value: 9223372036854775807n }, { intValue: '9223372036854775807' }],
      [{ type: 'double', value: NaN }, { doubleValue: 'NaN' }],
      [{ type: 'double', value: -Infinity }, { doubleValue: '-Infinity' }],
      [{ type: 'bool', value: false }, { boolValue: false }],
      [{ type: 'bytes', base64: 'AAAwOQ==' }, { bytesValue: 'AAAwOQ==' }],
      [{ type: 'empty' }, {}],
      [
        { type: 'map', entries: [{ key: 'a', value: { type: 'array', values: [{ type: 'string', value: 'x' }] } }] },
        { kvlistValue: { values: [{ key: 'a', value: { arrayValue: { values: [{ stringValue: 'x' }] } } }] } },
      ],
    ];
    for (const [value, wire] of cases) expect(encodeAnyValue(value)).toEqual(wire);
  });
});
