import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatAttrValue, findAttr } from '../model/attributes.ts';
import { normalizeId } from '../model/ids.ts';
import { decodeInput } from './decode-input.ts';
import { parseSpanKind, parseStatusCode } from './wire-values.ts';
import { decodeOk, fixturesDir, spanById } from './test-fixtures.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const read = (path: string) => readFileSync(`${fixturesDir}/${path}`, 'utf8');
const otlpFixtures = [
  'tempo/tempo-trace-queue-database.resourceSpans.json',
  'tempo/tempo-vulture-trace-with-events.resourceSpans.json',
  'jaeger/otlp-tracesdata-rich.json',
];

/** Every raw span of a TracesData, with its resource and scope, straight from the file. */
function rawSpans(doc: Json): { span: Json; resource: Json; scope: Json }[] {
  const out: { span: Json; resource: Json; scope: Json }[] = [];
  for (const rs of doc.resourceSpans ?? doc.batches)
    for (const ss of rs.scopeSpans ?? rs.instrumentationLibrarySpans)
      for (const span of ss.spans) out.push({ span, resource: rs.resource ?? {}, scope: ss.scope ?? ss.instrumentationLibrary ?? {} });
  return out;
}

/** Checks decoded spans against the raw file, field by field. */
async function checkAgainstFile(text: string, doc: Json) {
  const result = await decodeOk(text);
  const raws = rawSpans(doc);
  expect(result.spans).toHaveLength(raws.length);
  expect(result.skipped).toEqual([]);
  for (const { span: raw, resource, scope } of raws) {
    const span = spanById(result.spans, normalizeId(raw.spanId, 'span')!);
    expect(span.traceId).toBe(normalizeId(raw.traceId, 'trace'));
    expect(span.parentSpanId).toBe(raw.parentSpanId ? normalizeId(raw.parentSpanId, 'span') : null);
    expect(span.name).toBe(raw.name);
    expect(span.startNs).toBe(BigInt(raw.startTimeUnixNano ?? 0));
    expect(span.endNs).toBe(BigInt(raw.endTimeUnixNano ?? 0));
    expect(span.kind).toBe(parseSpanKind(raw.kind));
    expect(span.status.code).toBe(parseStatusCode(raw.status?.code));
    expect(span.events).toHaveLength(raw.events?.length ?? 0);
    expect(span.links).toHaveLength(raw.links?.length ?? 0);
    expect(span.scope.name).toBe(scope.name ?? '');
    expect(span.resource.attributes).toHaveLength(resource.attributes?.length ?? 0);
    expect(span.attributes.map((a) => a.key)).toEqual((raw.attributes ?? []).map((a: Json) => a.key));
    for (const attr of raw.attributes ?? []) {
      const value = findAttr(span.attributes, attr.key)!;
      const [wireType, wireValue] = Object.entries(attr.value)[0]!;
      const expectedType = { stringValue: 'string', intValue: 'int', doubleValue: 'double', boolValue: 'bool', bytesValue: 'bytes' }[wireType];
      expect(value.type).toBe(expectedType);
      expect(formatAttrValue(value)).toBe(String(wireValue));
    }
    raw.events?.forEach((event: Json, i: number) => {
      expect(span.events[i]!.timeNs).toBe(BigInt(event.timeUnixNano));
      expect(span.events[i]!.name).toBe(event.name ?? '');
    });
  }
  return result;
}

describe('OTLP JSON fixtures', () => {
  it.each(otlpFixtures)('%s decodes span by span', async (path) => {
    const text = read(path);
    const result = await checkAgainstFile(text, JSON.parse(text));
    expect(result.format).toBe('otlp-json');
  });

  it('shares one resource object per resourceSpans group and one scope per scopeSpans', async () => {
    const result = await decodeOk(read('jaeger/otlp-tracesdata-rich.json'));
    const doc = JSON.parse(read('jaeger/otlp-tracesdata-rich.json'));
    expect(new Set(result.spans.map((s) => s.resource)).size).toBe(doc.resourceSpans.length);
    expect(new Set(result.spans.map((s) => s.scope)).size).toBe(rawSpans(doc).reduce((set, r) => set.add(r.scope), new Set()).size);
  });

  it('reads the rich Jaeger OTLP fixture: kinds, error status, traceState, bytes, links', async () => {
    const result = await decodeOk(read('jaeger/otlp-tracesdata-rich.json'));
    const span = spanById(result.spans, '0000000000000002');
    expect(span.kind).toBe('server');
    expect(span.traceState).toBe('state.2');
    expect(findAttr(span.attributes, 'peer.ipv4')).toEqual({ type: 'int', value: 23456n });
    expect(findAttr(span.attributes, 'blob')).toEqual({ type: 'bytes', base64: 'AAAwOQ==' });
    expect(findAttr(span.attributes, 'temperature')).toEqual({ type: 'double', value: 72.5 });
    expect(span.events[1]!.name).toBe('');
    expect(span.links[0]!.spanId).toBe('0000000000000004');
    expect(result.spans.some((s) => s.status.code === 'error')).toBe(true);
  });

  it('reads the vulture trace: two roots, unnamed events, unspecified kind', async () => {
    const result = await decodeOk(read('tempo/tempo-vulture-trace-with-events.resourceSpans.json'));
    expect(result.spans.filter((s) => s.parentSpanId === null)).toHaveLength(2);
    expect(result.spans.every((s) => s.kind === 'unspecified' && s.status.code === 'unset')).toBe(true);
    expect(result.spans.reduce((n, s) => n + s.events.length, 0)).toBe(18);
    expect(new Set(result.spans.map((s) => s.traceId))).toEqual(new Set(['3149195ffb0bec05347b48efe8ecc1b0']));
  });

  it('reads the queue/database trace: all five kinds, 3 services', async () => {
    const result = await decodeOk(read('tempo/tempo-trace-queue-database.resourceSpans.json'));
    expect(new Set(result.spans.map((s) => s.kind))).toEqual(new Set(['internal', 'server', 'client', 'producer', 'consumer']));
    expect(new Set(result.spans.map((s) => s.resource.serviceName))).toEqual(
      new Set(['mythical-requester', 'mythical-server', 'mythical-recorder']),
    );
  });
});

describe('OTLP envelopes', () => {
  const resourceSpans = JSON.parse(read('tempo/tempo-trace-queue-database.resourceSpans.json')).resourceSpans;

  it('Tempo v1 {batches}', async () => {
    const result = await decodeOk(JSON.stringify({ batches: resourceSpans }));
    expect(result.spans).toHaveLength(19);
    expect(result.envelope).toMatch(/Tempo v1/);
  });

  it('Tempo v2 {trace} with PARTIAL status carries the message into warnings', async () => {
    const body = { trace: { resourceSpans }, metrics: {}, status: 'PARTIAL', message: 'trace exceeds max size' };
    const result = await decodeOk(JSON.stringify(body));
    expect(result.spans).toHaveLength(19);
    expect(result.envelope).toBe('Tempo v2 response');
    expect(result.warnings.join('\n')).toMatch(/PARTIAL.*trace exceeds max size/);
  });

  it('Jaeger v3 {result}: the @jaeger@warnings attribute becomes an import warning', async () => {
    const body = JSON.parse(read('jaeger/v3-gettrace-response.json')) as Json;
    const span = body.result.resourceSpans[0].scopeSpans[0].spans[0];
    span.attributes = [...(span.attributes ?? []), { key: '@jaeger@warnings', value: { arrayValue: { values: [{ stringValue: 'clock skew adjustment disabled' }] } } }];
    const result = await decodeOk(JSON.stringify(body));
    expect(result.warnings).toContain(`Jaeger warns about span "${span.name}": clock skew adjustment disabled`);
  });

  it('Tempo v2 docs response: base64 ids and enum names', async () => {
    const result = await decodeOk(read('tempo/tempo-docs-v2-trace-by-id-response.json'));
    expect(result.spans[0]).toMatchObject({ traceId: '5b8efff798038103d269b633813fc700', spanId: 'eee19b7ec3c1b100', kind: 'server' });
    expect(result.spans[0]!.startNs).toBe(1689969302000000000n);
  });

  it('Tempo v2 empty trace {} is no-spans with a not-found message', async () => {
    const outcome = await decodeInput('{"trace":{},"metrics":{}}');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('no-spans');
      expect(outcome.error.message).toMatch(/not found/);
    }
  });

  it('Tempo v1 hand-written batches: upper-case hex ids, numeric kind, scope attributes', async () => {
    const result = await decodeOk(read('tempo/tempopb-trace.batches.json'));
    expect(result.spans[0]).toMatchObject({ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', parentSpanId: 'eee19b7ec3c1b173', kind: 'server' });
    expect(result.spans[0]!.scope).toMatchObject({ name: 'my.library', version: '1.0.0' });
    expect(result.spans[0]!.scope.attributes).toHaveLength(1);
  });

  it('Jaeger v3 {result} with omitted zero fields', async () => {
    const result = await decodeOk(read('jaeger/v3-gettrace-response.json'));
    expect(result.envelope).toBe('Jaeger API v3 response');
    expect(result.spans[0]).toMatchObject({ traceId: '00000000000000000000000000000001', spanId: '0000000000000002', parentSpanId: null, kind: 'server', name: 'foobar' });
    expect(result.spans[0]!.status.code).toBe('error');
    expect(result.spans[0]!.startNs).toBe(0n);
  });

  it('a JSON array of TracesData', async () => {
    const text = read('tempo/tempo-vulture-trace-with-events.resourceSpans.json');
    const result = await decodeOk(`[${text},${read('jaeger/otlp-tracesdata-rich.json')}]`);
    expect(result.spans).toHaveLength(6 + 4);
  });

  it('a JSON array of bare spans', async () => {
    const spans = resourceSpans.flatMap((rs: Json) => rs.scopeSpans.flatMap((ss: Json) => ss.spans));
    const result = await decodeOk(JSON.stringify(spans));
    expect(result.spans).toHaveLength(19);
    expect(result.warnings.join()).toMatch(/resource/);
  });

  it('legacy instrumentationLibrarySpans and snake_case proto names', async () => {
    const doc = {
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'loki' } }] },
          instrumentation_library_spans: [
            {
              instrumentation_library: { name: 'old-lib', version: '0.1' },
              spans: [{ trace_id: 'AAAAAAAAAABguiq7RPE+rg==', span_id: 'YLoqu0TxPq4=', start_time_unix_nano: 1000, end_time_unix_nano: 2000, kind: 'SPAN_KIND_CLIENT' }],
            },
          ],
        },
      ],
    };
    const result = await decodeOk(JSON.stringify(doc));
    expect(result.spans[0]).toMatchObject({ traceId: '000000000000000060ba2abb44f13eae', spanId: '60ba2abb44f13eae', kind: 'client' });
    expect(result.spans[0]!.scope.name).toBe('old-lib');
    expect(result.spans[0]!.resource.serviceName).toBe('loki');
    const legacy = { batches: [{ instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'lib' }, spans: doc.resource_spans[0]!.instrumentation_library_spans[0]!.spans }] }] };
    expect((await decodeOk(JSON.stringify(legacy))).spans[0]!.scope.name).toBe('lib');
  });
});

describe('OTLP JSON Lines and gzip', () => {
  const lines = [
    read('tempo/tempo-vulture-trace-with-events.resourceSpans.json').trim(),
    '{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "aa"',
    JSON.stringify(JSON.parse(read('jaeger/otlp-tracesdata-rich.json'))),
  ];

  it('skips one bad line by number and keeps the rest', async () => {
    const result = await decodeOk(lines.join('\n') + '\n');
    expect(result.format).toBe('otlp-jsonl');
    expect(result.spans).toHaveLength(6 + 4);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]!.line).toBe(2);
    expect(result.skipped[0]!.reason).toMatch(/not valid JSON/);
  });

  it('opens gzip bytes', async () => {
    const text = read('tempo/tempo-trace-queue-database.resourceSpans.json');
    const result = await decodeOk(new Uint8Array(gzipSync(text)));
    expect(result.spans).toHaveLength(19);
  });

  it('opens gzipped JSON Lines', async () => {
    const result = await decodeOk(new Uint8Array(gzipSync(lines.join('\n'))));
    expect(result.spans).toHaveLength(10);
  });
});
