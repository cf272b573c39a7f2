import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { g3SampleSpans } from '../../../scripts/lib/junjo-samples.ts';
import { withTraceId } from '../../../scripts/lib/otlp-sender.ts';
import { DecodeSink } from '../../core/formats/decode-sink.ts';
import { decodeTracesData } from '../../core/formats/otlp-json.ts';
import { inMemory } from '../store/open-database.ts';
import { TraceStore } from '../store/trace-store.ts';
import { decodeTraceRequest } from './otlp-proto.ts';
import { decodeProtoSpans } from './proto-spans.ts';

const open = (): TraceStore => {
  const opened = TraceStore.open(inMemory);
  if (!opened.ok) throw new Error(opened.message);
  return opened.store;
};
const plain = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

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

    const core = open();
    const request = decodeTraceRequest(body);
    if (!request.ok) throw new Error(request.message);
    const sink = new DecodeSink();
    decodeTracesData(request.request, sink);
    core.insert(sink.spans);

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
});
