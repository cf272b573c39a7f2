import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { g3SampleSpans } from '../../../scripts/lib/junjo-samples.ts';
import { withTraceId } from '../../../scripts/lib/otlp-sender.ts';
import { decodeAnyValue } from '../../core/formats/any-value.ts';
import { DecodeSink } from '../../core/formats/decode-sink.ts';
import { encodeResource, encodeScope, encodeSpanRecord } from '../../core/formats/encode-otlp-json.ts';
import { decodeTracesData } from '../../core/formats/otlp-json.ts';
import { decodeOk } from '../../core/formats/test-fixtures.ts';
import type { SpanRecord } from '../../core/model/span.ts';
import { inMemory, storeFileName } from '../store/open-database.ts';
import { bigintOfLong, lazyRequestType, otlpObjectOptions, otlpTypes, type LazyRequest } from '../store/otlp-types.ts';
import { summaryAttributeKeys } from '../store/run-summary.ts';
import { TraceStore } from '../store/trace-store.ts';
import { decodeTraceRequest } from './otlp-proto.ts';
import { decodeProtoSpans } from './proto-spans.ts';

const open = (location: string = inMemory): TraceStore => {
  const opened = TraceStore.open(location);
  if (!opened.ok) throw new Error(opened.message);
  return opened.store;
};
const plain = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

// A real protobuf encoder (protobufjs over the vendored .proto files), for requests the
// OpenTelemetry SDK never writes: every AnyValue kind, events, links, odd numbers.
const root = new protobuf.Root();
const protoDir = fileURLToPath(new URL('../store/proto', import.meta.url));
root.resolvePath = (_origin, target) => `${protoDir}/${target}`;
root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto', { keepCase: false });
const requestType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
const encode = (request: object): Buffer => Buffer.from(requestType.encode(requestType.fromObject(request)).finish());

/** The store of the protobuf path and the store of the core OTLP/JSON path, each given `body`. */
function bothPaths(body: Buffer): { fast: TraceStore; core: TraceStore } {
  const fast = open();
  const decoded = decodeProtoSpans(body);
  if (!decoded.ok) throw new Error(decoded.message);
  fast.insertBatches([decoded.result.spans]);
  return { fast, core: coreStore(body) };
}

/** A store holding the body as the core OTLP decoder (protobufjs, then the span model) reads it. */
function coreStore(body: Buffer): TraceStore {
  const core = open();
  const request = decodeTraceRequest(body);
  if (!request.ok) throw new Error(request.message);
  const sink = new DecodeSink();
  decodeTracesData(request.request, sink);
  core.insert(sink.spans);
  return core;
}

const id = (hex: string) => Buffer.from(hex, 'hex');
const str = (stringValue: string) => ({ stringValue });
const traceA = '0123456789abcdef0123456789abcdef';
const everyKind = [
  { key: 'text', value: str('quotes " and \\ and ünïcödé ✓ and a newline\n') },
  { key: 'yes', value: { boolValue: true } },
  { key: 'no', value: { boolValue: false } },
  { key: 'negative', value: { intValue: '-5' } },
  { key: 'past 2^53', value: { intValue: '9007199254740993' } },
  { key: 'min int64', value: { intValue: '-9223372036854775808' } },
  { key: 'double', value: { doubleValue: 1.5 } },
  { key: 'zero double', value: { doubleValue: 0 } },
  { key: 'nan', value: { doubleValue: NaN } },
  { key: 'infinity', value: { doubleValue: -Infinity } },
  { key: 'bytes', value: { bytesValue: Buffer.from([0, 1, 2, 250, 255]) } },
  { key: 'list', value: { arrayValue: { values: [str('a'), { intValue: '7' }, { arrayValue: { values: [{ boolValue: true }] } }, {}] } } },
  { key: 'map', value: { kvlistValue: { values: [{ key: 'inner', value: str('x') }, { key: 'deeper', value: { kvlistValue: { values: [{ key: 'n', value: { doubleValue: 2.25 } }] } } }] } } },
  { key: 'empty value', value: {} },
  { key: 'no value' },
  { key: '' , value: str('empty key') },
];

function richRequest(): object {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: str('svc-a') }, { key: 'host', value: { kvlistValue: { values: [{ key: 'cores', value: { intValue: '2' } }] } } }], droppedAttributesCount: 3 },
        scopeSpans: [
          {
            scope: { name: 'junjo', version: '0.70.0', attributes: [{ key: 'scope.kind', value: str('library') }] },
            spans: [
              {
                traceId: id(traceA), spanId: id('1111111111111111'), traceState: 'k=v', name: 'root span', kind: 2,
                startTimeUnixNano: '1700000000123456789', endTimeUnixNano: '1700000001987654321',
                attributes: [...everyKind, { key: 'junjo.span_type', value: str('workflow') }, { key: 'junjo.id', value: str('wf-1') }, { key: 'junjo.executable_runtime_id', value: str('rt') }],
                droppedAttributesCount: 2,
                events: [
                  { timeUnixNano: '1700000000500000001', name: 'set_state', attributes: [{ key: 'junjo.state_json_patch', value: str('[{"op":"add"}]') }], droppedAttributesCount: 1 },
                  { timeUnixNano: '1700000000600000000', name: 'plain event' },
                ],
                droppedEventsCount: 4,
                links: [
                  { traceId: id('fedcba9876543210fedcba9876543210'), spanId: id('2222222222222222'), traceState: 'a=b', attributes: [{ key: 'why', value: str('follows') }] },
                  { traceId: id('00000000000000000000000000000000'), spanId: id('3333333333333333') },
                ],
                droppedLinksCount: 5,
                status: { code: 2, message: 'it failed: "badly"' },
                flags: 0x301,
              },
              {
                traceId: id(traceA), spanId: id('4444444444444444'), parentSpanId: id('1111111111111111'), name: 'child ✓', kind: 1,
                startTimeUnixNano: '1700000000200000000', endTimeUnixNano: '1700000000300000000',
                attributes: [{ key: 'junjo.span_type', value: str('node') }, { key: 'junjo.parent_id', value: str('wf-1') }],
                status: { code: 1 },
              },
              { traceId: id(traceA), spanId: id('5555555555555555'), parentSpanId: id('1111111111111111'), name: '', startTimeUnixNano: '1700000000250000000', status: { message: 'only a message' } },
            ],
          },
          { spans: [{ traceId: id(traceA), spanId: id('6666666666666666'), parentSpanId: id('4444444444444444'), name: 'no scope', kind: 9, startTimeUnixNano: '1', endTimeUnixNano: '9223372036854775807' }] },
        ],
      },
      { scopeSpans: [{ scope: { name: 'other' }, spans: [{ traceId: id(traceA), spanId: id('7777777777777777'), name: 'no resource', startTimeUnixNano: '1700000000400000000', endTimeUnixNano: '1700000000400000001' }] }] },
    ],
  };
}

describe('decodeProtoSpans (the receivers’ protobuf hot path)', () => {
  it('stores what the core OTLP/JSON path stores: the same trace text and the same run summaries', () => {
    const sample = g3SampleSpans();
    const a = 'ab'.repeat(16);
    const b = 'cd'.repeat(16);
    const body = Buffer.from(ProtobufTraceSerializer.serializeRequest([...withTraceId(sample, a), ...withTraceId(sample, b)])!);

    const fast = open();
    const decoded = decodeProtoSpans(body);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.result).toMatchObject({ total: sample.length * 2, rejected: 0 });
    expect(fast.insertBatches([decoded.result.spans])[0]).toMatchObject({ stored: sample.length * 2, duplicates: 0 });

    const core = coreStore(body);

    for (const id of [a, b]) expect(fast.readTrace(id)?.json).toBe(core.readTrace(id)?.json);
    expect(plain(fast.listRuns({ limit: 10 }))).toBe(plain(core.listRuns({ limit: 10 })));
    // The same export again (an exporter retry) is kept once.
    expect(fast.insertBatches([decoded.result.spans])[0]).toMatchObject({ stored: 0, duplicates: sample.length * 2 });
    fast.close();
    core.close();
  });

  it('rejects spans with ids of the wrong size, with a reason, and keeps the others', () => {
    const sample = g3SampleSpans().slice(0, 3);
    const good = withTraceId(sample, 'ef'.repeat(16));
    const badContext = { ...good[0]!.spanContext(), spanId: '00'.repeat(8) };
    const bad = { ...good[0]!, spanContext: () => badContext };
    const body = Buffer.from(ProtobufTraceSerializer.serializeRequest([bad, ...good.slice(1)])!);
    expect(sameAsOfficial(body)).toBe(true);
    const decoded = decodeProtoSpans(body);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.result.total).toBe(3);
    expect(decoded.result.rejected).toBe(1);
    expect(decoded.result.rejectReasons[0]).toMatch(/span id is missing, all zeros/);
    expect(decoded.result.spans).toHaveLength(2);

    // Ids of every wrong size, zeros, or missing.
    const span = (traceId: Buffer, spanId: Buffer, parentSpanId?: Buffer) => ({ traceId, spanId, ...(parentSpanId && { parentSpanId }), name: 'odd', startTimeUnixNano: '5' });
    const odd = encode({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                span(id('ab'.repeat(15)), id('11'.repeat(8))),
                span(id('00'.repeat(16)), id('11'.repeat(8))),
                span(Buffer.alloc(0), id('11'.repeat(8))),
                span(id('ab'.repeat(16)), id('11'.repeat(9))),
                span(id('ab'.repeat(16)), Buffer.alloc(0)),
                span(id('ab'.repeat(16)), id('11'.repeat(8)), id('22'.repeat(7))),
                span(id('ab'.repeat(16)), id('12'.repeat(8)), id('00'.repeat(8))),
                span(id('ab'.repeat(16)), id('13'.repeat(8)), id('00'.repeat(3))),
              ],
            },
          ],
        },
      ],
    });
    expect(sameAsOfficial(odd)).toBe(true);
    const oddDecoded = decodeProtoSpans(odd);
    if (!oddDecoded.ok) throw new Error(oddDecoded.message);
    expect(oddDecoded.result).toMatchObject({ total: 8, rejected: 7 });
    expect(oddDecoded.result.rejectReasons).toEqual([
      'span 1111111111111111: the trace id is missing, all zeros or not 16 bytes; the span was skipped.',
      'span 1111111111111111: the trace id is missing, all zeros or not 16 bytes; the span was skipped.',
      'span 1111111111111111: the trace id is missing, all zeros or not 16 bytes; the span was skipped.',
      `a span of trace ${'ab'.repeat(16)}: the span id is missing, all zeros or not 8 bytes; the span was skipped.`,
      `a span of trace ${'ab'.repeat(16)}: the span id is missing, all zeros or not 8 bytes; the span was skipped.`,
    ]);
    // An all-zero parent id of 8 bytes means no parent.
    expect(oddDecoded.result.spans.map((s) => [s.spanId, s.summary.parentSpanId])).toEqual([['12'.repeat(8), null]]);
  });

  it('answers a body that is not protobuf with a message, without throwing', () => {
    const decoded = decodeProtoSpans(Buffer.from('this is not protobuf at all, just text'));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.message).toMatch(/not a protobuf ExportTraceServiceRequest/);
  });

  it('reads back every field of a span stored as protobuf bytes as the OTLP/JSON path stores it: each AnyValue kind, events, links, exact nanoseconds, resource and scope', () => {
    const { fast, core } = bothPaths(encode(richRequest()));
    const expected = core.readTrace(traceA)?.json;
    expect(expected).toBeDefined();
    expect(fast.readTrace(traceA)?.json).toBe(expected);
    // The protobuf path kept the bytes, not JSON text.
    expect(fast.database.prepare("SELECT count(*) FROM chunks WHERE proto IS NOT NULL AND json = ''").pluck().get()).toBeGreaterThan(0);
    expect(plain(fast.listRuns({ limit: 10 }))).toBe(plain(core.listRuns({ limit: 10 })));
    const text = fast.readTrace(traceA)!.json;
    expect(text).toContain('"startTimeUnixNano":"1700000000123456789"');
    expect(text).toContain('"intValue":"-9223372036854775808"');
    expect(text).toContain('"traceState":"k=v"');
    // The link with an all-zero trace id is dropped, as the core decoder drops it.
    expect(text).not.toContain('"spanId":"3333333333333333"');
    expect(fast.listRuns({ limit: 1 })[0]).toMatchObject({ workflowName: 'root span', generation: 'G2', status: 'error', spanCount: 5 });
  });

  it('reads a trace whose spans arrived partly as OTLP/JSON and partly as protobuf, and keeps a span sent both ways once', () => {
    const body = encode(richRequest());
    const request = decodeTraceRequest(body);
    if (!request.ok) throw new Error(request.message);
    const sink = new DecodeSink();
    decodeTracesData(request.request, sink);
    const mixed = open();
    mixed.insert(sink.spans.slice(0, 2));
    const decoded = decodeProtoSpans(body);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(mixed.insertBatches([decoded.result.spans])[0]).toMatchObject({ stored: 3, duplicates: 2 });
    const back = new DecodeSink();
    decodeTracesData(JSON.parse(mixed.readTrace(traceA)!.json), back);
    expect(back.spans.map((span) => span.spanId).sort()).toEqual(sink.spans.map((span) => span.spanId).sort());
    expect(back.spans.map(plain).sort()).toEqual(sink.spans.map(plain).sort());
  });

  it('upgrades a store of version 2 (JSON chunks only) and then keeps protobuf chunks beside them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jtv-v2-'));
    const body = encode(richRequest());
    const request = decodeTraceRequest(body);
    if (!request.ok) throw new Error(request.message);
    const sink = new DecodeSink();
    decodeTracesData(request.request, sink);
    const before = open(dir);
    before.insert(sink.spans.slice(0, 3));
    const expected = before.readTrace(traceA)!.json;
    before.close();
    // Rewrite the file as version 2 wrote it: chunks without the proto column.
    const db = new Database(join(dir, storeFileName));
    db.exec('ALTER TABLE chunks DROP COLUMN proto; PRAGMA user_version = 2;');
    db.close();
    const after = open(dir);
    expect(after.database.pragma('user_version', { simple: true })).toBe(3);
    expect(after.readTrace(traceA)?.json).toBe(expected);
    const decoded = decodeProtoSpans(body);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(after.insertBatches([decoded.result.spans])[0]).toMatchObject({ stored: 2, duplicates: 3 });
    expect(after.readTrace(traceA)?.spanCount).toBe(5);
    after.close();
  });

  // protobufjs refuses to encode such bytes, so they are written here.
  const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(n >>> 7)]);
  const field = (tag: number, bytes: Buffer): Buffer => Buffer.concat([Buffer.from([tag, ...varint(bytes.length)]), bytes]);
  /** A request of one span whose attribute "deep" holds a string inside `levels` nested array values. */
  function nestedRequest(levels: number): Buffer {
    let value = field(0x0a, Buffer.from('bottom')); // AnyValue { string_value }
    for (let i = 0; i < levels; i++) value = field(0x2a, field(0x0a, value)); // AnyValue { array_value { values } }
    const span = Buffer.concat([field(0x0a, id(traceA)), field(0x12, id('1111111111111111')), Buffer.from([0x39, 1, 0, 0, 0, 0, 0, 0, 0]), field(0x4a, Buffer.concat([field(0x0a, Buffer.from('deep')), field(0x12, value)]))]);
    return field(0x0a, field(0x12, field(0x12, span)));
  }

  it('refuses a cut-off body, a field that runs past its message, garbage and values nested without end, with a message', () => {
    const body = encode(richRequest());
    const cutOff = /not a protobuf ExportTraceServiceRequest \(the message is cut off: a field runs past the end of its message or of the body/;
    for (const bad of [
      body.subarray(0, body.length - 7),
      body.subarray(0, body.length - 1),
      // ResourceSpans of 5 bytes holding a ScopeSpans that claims 100.
      Buffer.from([0x0a, 0x05, 0x12, 0x64, 0x0a, 0x00, 0x00]),
      // ResourceSpans of 2 bytes holding a ScopeSpans that claims 5: bytes that are there, but past its message.
      Buffer.from([0x0a, 0x02, 0x12, 0x05, 0x0a, 0x03, 0x0a, 0x01, 0x00]),
      // A span whose status claims more bytes than the span has.
      field(0x0a, field(0x12, field(0x12, Buffer.concat([field(0x0a, id(traceA)), field(0x12, id('1111111111111111')), Buffer.from([0x7a, 0x40, 0x18, 0x01])])))),
    ]) {
      const decoded = decodeProtoSpans(bad);
      expect(decoded.ok, bad.toString('hex')).toBe(false);
      if (!decoded.ok) expect(decoded.message).toMatch(cutOff);
    }
    // Text, and bytes of an invalid wire type (7).
    for (const garbage of [Buffer.from('{"resourceSpans": []}'), Buffer.from([0x0f, 0x01])]) {
      const decoded = decodeProtoSpans(garbage);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.message).toMatch(/not a protobuf ExportTraceServiceRequest \(.+\)\.$/);
    }
    const deep = decodeProtoSpans(nestedRequest(100));
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.message).toMatch(/nested more than 100 levels deep/);
  });

  it('keeps a span whose attribute values are nested deep but within protobufjs’ limit, and reads it back as the OTLP/JSON path does', () => {
    for (const levels of [20, 40]) {
      const { fast, core } = bothPaths(nestedRequest(levels));
      const expected = core.readTrace(traceA)!.json;
      expect(fast.readTrace(traceA)!.json).toBe(expected);
      // The core decoder keeps values up to 32 levels deep and leaves deeper ones out.
      expect(expected.includes('"key":"deep"')).toBe(levels < 32);
      fast.close();
      core.close();
    }
  });

  it('refuses a span whose structure is broken deep inside: an attribute value past its attribute, a text past its value, a wrong wire type in an event', () => {
    const spanIds = Buffer.concat([field(0x0a, id(traceA)), field(0x12, id('1111111111111111'))]);
    const request = (...spanFields: Buffer[]) => field(0x0a, field(0x12, field(0x12, Buffer.concat([spanIds, ...spanFields]))));
    const attribute = (keyValue: Buffer) => field(0x4a, keyValue);
    const event = (eventFields: Buffer) => field(0x5a, eventFields);
    // Well-formed, for comparison: an attribute { "k": "short" } and an event named "e" with the same attribute.
    const value = field(0x0a, Buffer.from('short'));
    const keyValue = Buffer.concat([field(0x0a, Buffer.from('k')), field(0x12, value)]);
    const good = decodeProtoSpans(request(attribute(keyValue), event(Buffer.concat([field(0x12, Buffer.from('e')), field(0x1a, keyValue)]))));
    expect(good.ok && good.result.spans.length).toBe(1);

    const cutOff = /not a protobuf ExportTraceServiceRequest \(the message is cut off: a field runs past the end of its message or of the body/;
    for (const bad of [
      // The AnyValue claims 9 bytes where its KeyValue holds 7.
      request(attribute(Buffer.concat([field(0x0a, Buffer.from('k')), Buffer.from([0x12, 9]), value]))),
      // The text claims 20 bytes where its AnyValue holds 5 (protobufjs' string reader would read the 5).
      request(attribute(Buffer.concat([field(0x0a, Buffer.from('k')), field(0x12, Buffer.from([0x0a, 20, ...Buffer.from('short')]))]))),
      // The same inside an event's attribute, and an event name past its event.
      request(event(Buffer.concat([field(0x12, Buffer.from('e')), field(0x1a, Buffer.concat([field(0x0a, Buffer.from('k')), Buffer.from([0x12, 9]), value]))]))),
      request(event(Buffer.from([0x12, 30, ...Buffer.from('event')]))),
    ]) {
      const decoded = decodeProtoSpans(bad);
      expect(decoded.ok, bad.toString('hex')).toBe(false);
      if (!decoded.ok) expect(decoded.message).toMatch(cutOff);
    }
    // An AnyValue field (number 15, unknown to AnyValue) of wire type 7 (there is none) inside an event's attribute.
    const wrongWireType = request(event(Buffer.concat([field(0x12, Buffer.from('e')), field(0x1a, Buffer.concat([field(0x0a, Buffer.from('k')), field(0x12, Buffer.from([0x7f, 0x01]))]))])));
    const decoded = decodeProtoSpans(wrongWireType);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.message).toMatch(/not a protobuf ExportTraceServiceRequest \(.*wire type 7.*\)\.$/);
  });

  it('stores a span whose texts are not valid UTF-8 and reads it back, and sums it up, as the OTLP/JSON path does', () => {
    const request = richRequest() as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
    const root = request.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    root.name = 'PLACEHOLDER-NAME';
    root.attributes = [...(root.attributes as object[]), { key: 'bad value', value: str('PLACEHOLDER-VALUE') }, { key: 'PLACEHOLDER-KEY', value: str('v') }];
    (root.attributes as { key: string; value: unknown }[]).find((a) => a.key === 'junjo.span_type')!.value = str('workflow');
    const child = request.resourceSpans[0]!.scopeSpans[0]!.spans[1]!;
    (child.attributes as { key: string; value: unknown }[]).find((a) => a.key === 'junjo.span_type')!.value = str('PLACEHOLDER-TYPE');
    let body = encode(request);
    const invalid = Buffer.from([0xff, 0x61, 0xc3, 0x28, 0xe2, 0x82, 0xfe]);
    for (const placeholder of ['PLACEHOLDER-NAME', 'PLACEHOLDER-VALUE', 'PLACEHOLDER-KEY', 'PLACEHOLDER-TYPE']) {
      const at = body.indexOf(placeholder);
      expect(at).toBeGreaterThan(0);
      body = Buffer.from(body);
      body.fill(0x7a, at, at + placeholder.length);
      invalid.copy(body, at);
    }
    const { fast, core } = bothPaths(body);
    const expected = core.readTrace(traceA)!.json;
    expect(expected).toContain('\ufffd');
    expect(fast.readTrace(traceA)!.json).toBe(expected);
    expect(plain(fast.listRuns({ limit: 10 }))).toBe(plain(core.listRuns({ limit: 10 })));
    expect(fast.listRuns({ limit: 1 })[0]!.workflowName).toMatch(/^\ufffda\ufffd\(\ufffd+zz/);
    expect(sameAsOfficial(body)).toBe(true);
    fast.close();
    core.close();
  });

  it('gives the store spans (ids, summary, bytes) that decoding each span with the official Span type gives, for the Junjo sample runs and the real fixtures', async () => {
    const bodies: [string, Buffer][] = [
      ['the G3 sample run', Buffer.from(ProtobufTraceSerializer.serializeRequest(withTraceId(g3SampleSpans(), 'ab'.repeat(16)))!)],
      ['every field', encode(richRequest())],
      ['summary attributes of every kind', encode(summaryKindsRequest())],
    ];
    for (const file of [
      'junjo/workflow/basic_workflow_success.json',
      'junjo/workflow/run_concurrent_success.json',
      'junjo/workflow/subflow_with_parent_store.json',
      'junjo/workflow/cancelled_executable.json',
      'jaeger/otlp-tracesdata-rich.json',
      'jaeger/v1-trace-57spans-10services.json',
      'tempo/tempo-vulture-trace-with-events.resourceSpans.json',
      'tempo/tempo-trace-queue-database.resourceSpans.json',
    ]) {
      const { spans } = await decodeOk(readFileSync(join('fixtures', file), 'utf8'));
      bodies.push([file, protobufOf(spans)]);
    }
    for (const [name, body] of bodies) {
      const decoded = decodeProtoSpans(body);
      expect(decoded.ok && decoded.result.spans.length, name).toBeGreaterThan(0);
      expect(sameAsOfficial(body), name).toBe(true);
    }
    // The summary's attributes of every kind make the run summaries the core OTLP/JSON path makes.
    const { fast, core } = bothPaths(encode(summaryKindsRequest()));
    expect(plain(fast.listRuns({ limit: 10 }))).toBe(plain(core.listRuns({ limit: 10 })));
    expect(fast.readTrace(traceA)!.json).toBe(core.readTrace(traceA)!.json);
    fast.close();
    core.close();
    // The Junjo bodies carry the summary's attributes.
    const junjo = decodeProtoSpans(bodies[0]![1]);
    expect(junjo.ok && junjo.result.spans.filter((span) => span.summary.attributes.length >= 2).length).toBeGreaterThan(5);
  });
});

/** Spans whose summary attributes (run-summary.ts) hold every AnyValue kind, one kind per span. */
function summaryKindsRequest(): object {
  const kinds = [
    str('workflow'),
    str(''),
    { intValue: '2' },
    { intValue: '-9223372036854775808' },
    { intValue: '9007199254740993' },
    { doubleValue: 2 },
    { doubleValue: NaN },
    { boolValue: false },
    { bytesValue: Buffer.from([0, 255]) },
    { arrayValue: { values: [str('a'), { intValue: '1' }] } },
    { kvlistValue: { values: [{ key: 'k', value: str('v') }] } },
    {},
    // Two members of the oneof set (protobufjs writes both): the text is read, as decodeAnyValue reads it.
    { stringValue: 'both', intValue: '5' },
    { intValue: '6', doubleValue: 7.5 },
  ];
  const spans = kinds.map((value, i) => ({
    traceId: id(traceA),
    spanId: id(`${(i + 1).toString(16).padStart(2, '0')}`.repeat(8)),
    name: `kind ${i}`,
    startTimeUnixNano: String(1700000000000000000n + BigInt(i)),
    attributes: [...summaryAttributeKeys].map((key) => ({ key, value })),
  }));
  return { resourceSpans: [{ scopeSpans: [{ spans }] }] };
}

/** Spans decoded by the core (from any format) as one protobuf ExportTraceServiceRequest, written by protobufjs. */
function protobufOf(spans: readonly SpanRecord[]): Buffer {
  const groups = new Map<SpanRecord['resource'], Map<SpanRecord['scope'], object[]>>();
  for (const span of spans) {
    let scopes = groups.get(span.resource);
    if (!scopes) groups.set(span.resource, (scopes = new Map()));
    let list = scopes.get(span.scope);
    if (!list) scopes.set(span.scope, (list = []));
    list.push(encodeSpanRecord(span));
  }
  // OTLP/JSON writes ids as hex; protobufjs' fromObject reads bytes as base64.
  const ids = (_key: string, value: unknown): unknown => value;
  const json = JSON.stringify(
    { resourceSpans: [...groups].map(([resource, scopes]) => ({ resource: encodeResource(resource), scopeSpans: [...scopes].map(([scope, list]) => ({ scope: encodeScope(scope), spans: list })) })) },
    ids,
  );
  const request = JSON.parse(json, (key, value: unknown) => (/^(traceId|spanId|parentSpanId)$/.test(key) && typeof value === 'string' ? Buffer.from(value, 'hex').toString('base64') : value)) as object;
  return Buffer.from(otlpTypes.request.encode(otlpTypes.request.fromObject(request)).finish());
}

/**
 * Whether decodeProtoSpans gives, span for span, what the receivers gave when they decoded each
 * span with the official Span type (strings and all): the same ids, rejects, summary and bytes.
 */
function sameAsOfficial(body: Buffer): boolean {
  interface OfficialSpan {
    traceId: Uint8Array;
    spanId: Uint8Array;
    parentSpanId: Uint8Array;
    name: string;
    startTimeUnixNano: protobuf.Long;
    endTimeUnixNano: protobuf.Long;
    attributes: { key: string; value: protobuf.Message | null }[];
    status: { code: number } | null;
  }
  const idOf = (bytes: Uint8Array, size: number): string | undefined =>
    bytes.length === 0 || bytes.every((b) => b === 0) ? (bytes.length === 0 || bytes.length === size ? '' : undefined) : bytes.length === size ? Buffer.from(bytes).toString('hex') : undefined;
  const expected: unknown[] = [];
  let total = 0;
  let rejected = 0;
  const request = lazyRequestType.decode(body) as unknown as LazyRequest;
  for (const group of request.resourceSpans ?? [])
    for (const scopeGroup of group.scopeSpans ?? [])
      for (const bytes of scopeGroup.spans ?? []) {
        const span = otlpTypes.span.decode(bytes) as unknown as OfficialSpan;
        const [traceId, spanId, parent] = [idOf(span.traceId, 16), idOf(span.spanId, 8), idOf(span.parentSpanId, 8)];
        total++;
        if (!traceId || !spanId || parent === undefined) {
          rejected++;
          continue;
        }
        const attributes = span.attributes
          .filter(({ key }) => summaryAttributeKeys.has(key))
          .map(({ key, value }) => ({ key, value: decodeAnyValue(value === null ? undefined : otlpTypes.anyValue.toObject(value, otlpObjectOptions)) }))
          .filter(({ value }) => typeof value !== 'string');
        const summary = {
          startNs: bigintOfLong(span.startTimeUnixNano, true),
          endNs: bigintOfLong(span.endTimeUnixNano, true),
          parentSpanId: parent === '' ? null : parent,
          name: span.name,
          status: { code: ['unset', 'ok', 'error'][span.status?.code ?? 0] ?? 'unset' },
          attributes,
        };
        expected.push({ traceId, spanId, bytes: Buffer.from(bytes).toString('hex'), summary });
      }
  const decoded = decodeProtoSpans(body);
  if (!decoded.ok) return false;
  const actual = decoded.result.spans.map(({ traceId, spanId, encoded, summary }) => {
    const spanBytes = lazyScopeSpansBytes(encoded as Uint8Array);
    const { startNs, endNs, parentSpanId, name, status, attributes } = summary;
    return { traceId, spanId, bytes: spanBytes, summary: { startNs, endNs, parentSpanId, name, status: { code: status.code }, attributes } };
  });
  const counts = { total: decoded.result.total, rejected: decoded.result.rejected };
  const same = plain([counts, actual]) === plain([{ total, rejected }, expected]);
  if (!same) expect(plain([counts, actual])).toBe(plain([{ total, rejected }, expected]));
  return same;
}

/** A stored span field (tag, length, Span) as the Span's bytes in hex. */
function lazyScopeSpansBytes(field: Uint8Array): string {
  const reader = protobuf.Reader.create(field);
  reader.uint32();
  return Buffer.from(reader.bytes()).toString('hex');
}

