import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { lazyRequestType, lazySpansView, loadOfficialRoot, otlpTypes, spansFieldNumber, type LazyRequest } from './otlp-types.ts';

const scopeSpansName = 'opentelemetry.proto.trace.v1.ScopeSpans';
const id = (hex: string) => Buffer.from(hex, 'hex');
/** JSON text with object keys sorted (so the order fields were declared in does not count). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

describe('the OTLP types and their lazy view', () => {
  it('declares ScopeSpans.spans as repeated bytes under the official field number, and changes nothing else', () => {
    const official = loadOfficialRoot();
    const before = canonical(official.toJSON());
    const view = lazySpansView(official);
    const officialSpans = official.lookupType(scopeSpansName).fields.spans!;
    const lazySpans = view.lookupType(scopeSpansName).fields.spans!;
    expect(officialSpans.type).toBe('Span');
    expect(lazySpans).toMatchObject({ id: officialSpans.id, type: 'bytes', repeated: true });
    expect(spansFieldNumber).toBe(officialSpans.id);
    // The official root is left as it was, and the view differs from it in that one field only.
    expect(canonical(official.toJSON())).toBe(before);
    const scopeSpans = protobuf.Root.fromJSON(view.toJSON()).lookupType(scopeSpansName);
    scopeSpans.remove(scopeSpans.fields.spans!);
    scopeSpans.add(new protobuf.Field('spans', officialSpans.id, 'Span', 'repeated'));
    expect(canonical(scopeSpans.root.toJSON())).toBe(before);
  });

  it('refuses to derive the view from definitions whose ScopeSpans.spans is not a list of Span', () => {
    const odd = protobuf.Root.fromJSON({
      nested: { opentelemetry: { nested: { proto: { nested: { trace: { nested: { v1: { nested: { Span: { fields: {} }, ScopeSpans: { fields: { spans: { type: 'Span', id: 2 } } } } } } } } } } } },
    });
    odd.resolveAll();
    expect(() => lazySpansView(odd)).toThrow(/no ScopeSpans.spans of type Span/);
  });

  it('gives each span as the exact bytes the official encoder wrote, a view of the body (no copy)', () => {
    const spans = [
      { traceId: id('0123456789abcdef0123456789abcdef'), spanId: id('1111111111111111'), name: 'one', startTimeUnixNano: '1700000000123456789', attributes: [{ key: 'k', value: { stringValue: 'v' } }] },
      { traceId: id('0123456789abcdef0123456789abcdef'), spanId: id('2222222222222222'), parentSpanId: id('1111111111111111'), name: 'two', events: [{ name: 'e', timeUnixNano: '5' }] },
    ];
    const request = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ scope: { name: 'lib' }, spans }] }] };
    const body = Buffer.from(otlpTypes.request.encode(otlpTypes.request.fromObject(request)).finish());
    const decoded = lazyRequestType.decode(body) as unknown as LazyRequest;
    const group = decoded.resourceSpans![0]!;
    // Resource and scope are decoded by the official types.
    expect(otlpTypes.resource.toObject(group.resource!)).toMatchObject({ attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] });
    expect(otlpTypes.scope.toObject(group.scopeSpans![0]!.scope!)).toMatchObject({ name: 'lib' });
    const lazySpans = group.scopeSpans![0]!.spans!;
    expect(lazySpans).toHaveLength(2);
    lazySpans.forEach((bytes, i) => {
      expect(Buffer.compare(bytes, otlpTypes.span.encode(otlpTypes.span.fromObject(spans[i]!)).finish())).toBe(0);
      expect(bytes.buffer).toBe(body.buffer);
    });
    expect(otlpTypes.span.toObject(otlpTypes.span.decode(lazySpans[0]!), { longs: String })).toMatchObject({ name: 'one', startTimeUnixNano: '1700000000123456789' });
  });
});
