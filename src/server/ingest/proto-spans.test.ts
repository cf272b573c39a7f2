import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { g3SampleSpans } from '../../../scripts/lib/junjo-samples.ts';
import { withTraceId } from '../../../scripts/lib/otlp-sender.ts';
import { DecodeSink } from '../../core/formats/decode-sink.ts';
import { decodeTracesData } from '../../core/formats/otlp-json.ts';
import { inMemory, storeFileName } from '../store/open-database.ts';
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
    const decoded = decodeProtoSpans(body);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.result.total).toBe(3);
    expect(decoded.result.rejected).toBe(1);
    expect(decoded.result.rejectReasons[0]).toMatch(/span id is missing, all zeros/);
    expect(decoded.result.spans).toHaveLength(2);
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
});
