import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findAttr } from '../model/attributes.ts';
import { normalizeId } from '../model/ids.ts';
import { decodeOk, fixturesDir } from './test-fixtures.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const read = (name: string) => readFileSync(`${fixturesDir}/jaeger/${name}`, 'utf8');

describe('Jaeger internal JSON fixtures', () => {
  it.each(['v1-response-envelope.json', 'v1-trace-57spans-10services.json', 'v1-trace-logs-refs-types.json'])(
    '%s: every span with its times, parent and service',
    async (name) => {
      const doc: Json = JSON.parse(read(name));
      const trace: Json = doc.data ? doc.data[0] : doc;
      const result = await decodeOk(read(name));
      expect(result.format).toBe('jaeger-json');
      expect(result.spans).toHaveLength(trace.spans.length);
      trace.spans.forEach((raw: Json, i: number) => {
        const span = result.spans[i]!; // input order is kept, duplicates included
        expect(span.spanId).toBe(raw.spanID);
        expect(span.traceId).toBe(normalizeId(raw.traceID, 'trace'));
        expect(span.name).toBe(raw.operationName);
        expect(span.startNs).toBe(BigInt(raw.startTime) * 1000n);
        expect(span.endNs - span.startNs).toBe(BigInt(raw.duration) * 1000n);
        const parentRef = raw.references.find((r: Json) => r.refType === 'CHILD_OF' && r.traceID === raw.traceID);
        expect(span.parentSpanId).toBe(parentRef ? parentRef.spanID : null);
        expect(span.links).toHaveLength(raw.references.length - (parentRef ? 1 : 0));
        expect(span.resource.serviceName).toBe(trace.processes[raw.processID].serviceName);
        expect(span.events).toHaveLength(raw.logs.length);
        const kindTag = raw.tags.find((t: Json) => t.key === 'span.kind');
        expect(span.kind).toBe(kindTag ? kindTag.value : 'unspecified');
        const isError = raw.tags.some((t: Json) => t.key === 'error' && t.value === true);
        expect(span.status.code).toBe(isError ? 'error' : 'unset');
      });
    },
  );

  it('types every tag kind, keeping int64 beyond 2^53 exact', async () => {
    const result = await decodeOk(read('v1-trace-logs-refs-types.json'));
    const span = result.spans[1]!;
    expect(findAttr(span.attributes, 'peer.ipv4')).toEqual({ type: 'int', value: 23456n });
    expect(findAttr(span.attributes, 'javascript_limit')).toEqual({ type: 'int', value: 9223372036854775222n });
    expect(findAttr(span.attributes, 'error')).toEqual({ type: 'bool', value: true });
    expect(findAttr(span.attributes, 'temperature')).toEqual({ type: 'double', value: 72.5 });
    expect(findAttr(span.attributes, 'blob')).toEqual({ type: 'bytes', base64: 'AAAwOQ==' });
    expect(span.status.code).toBe('error');
  });

  it('logs become events named by their event field; references become parent and links', async () => {
    const result = await decodeOk(read('v1-trace-logs-refs-types.json'));
    const [first] = result.spans;
    expect(first!.events.map((e) => e.name)).toEqual(['some-event', '']);
    expect(first!.events[0]!.timeNs).toBe(1485467191639875000n);
    expect(findAttr(first!.events[1]!.attributes, 'x')).toEqual({ type: 'string', value: 'y' });
    const refs = result.spans.find((s) => s.name === 'reference-test')!;
    expect(refs.parentSpanId).toBe('0000000000000002');
    expect(refs.links.map((l) => [l.traceId, l.spanId, findAttr(l.attributes, 'opentracing.ref_type')])).toEqual([
      ['000000000000000000000000000000ff', '00000000000000ff', { type: 'string', value: 'child_of' }],
      ['00000000000000000000000000000001', '0000000000000002', { type: 'string', value: 'follows_from' }],
    ]);
    expect(result.warnings).toContain('Jaeger: some trace warning');
    expect(result.warnings.some((w) => w.includes('some span warning'))).toBe(true);
  });

  it('span.kind and otel.scope.name tags become fields; duplicates are kept', async () => {
    const result = await decodeOk(read('v1-response-envelope.json'));
    expect(result.envelope).toMatch(/\{data\}/);
    expect(result.spans).toHaveLength(2);
    expect(result.spans[0]!.spanId).toBe(result.spans[1]!.spanId);
    expect(result.spans[0]!.kind).toBe('server');
    expect(result.spans[0]!.scope.name).toBe('telemetrygen');
    expect(findAttr(result.spans[0]!.attributes, 'span.kind')).toBeUndefined();
    expect(result.spans[0]!.resource).toBe(result.spans[1]!.resource);
  });

  it('the 57-span trace has 10 services and int64 tags', async () => {
    const result = await decodeOk(read('v1-trace-57spans-10services.json'));
    expect(new Set(result.spans.map((s) => s.resource)).size).toBe(10);
    expect(findAttr(result.spans[0]!.attributes, 'http.response.status_code')).toEqual({ type: 'int', value: 200n });
  });

  it('several traces in one {data} envelope, otel.status_code wins over error', async () => {
    const one: Json = JSON.parse(read('v1-trace-logs-refs-types.json'));
    const two: Json = JSON.parse(read('v1-response-envelope.json')).data[0];
    two.spans[0].tags.push({ key: 'otel.status_code', type: 'string', value: 'OK' }, { key: 'error', type: 'bool', value: true });
    const result = await decodeOk(JSON.stringify({ data: [one, two], total: 0, limit: 0, offset: 0, errors: null }));
    expect(result.spans).toHaveLength(one.spans.length + two.spans.length);
    expect(result.spans[one.spans.length]!.status.code).toBe('ok');
  });
});
