import { describe, expect, it } from 'vitest';
import { otlpTypes } from './otlp-types.ts';
import { chunkSpansJson, spanField } from './span-protobuf.ts';

const traceId = '0123456789abcdef0123456789abcdef';
const spanBytes = (spanId: string, name: string): Buffer =>
  Buffer.from(otlpTypes.span.encode(otlpTypes.span.fromObject({ traceId: Buffer.from(traceId, 'hex'), spanId: Buffer.from(spanId, 'hex'), name, startTimeUnixNano: '1700000000000000001', endTimeUnixNano: '1700000000000000002' })).finish());
/** A ScopeSpans `spans` field (tag 0x12) as protobufjs frames it. */
const framed = (span: Buffer): Buffer => spanField(span, span);
/** The bytes in memory of their own (Buffer.concat may share Node's pool with other small buffers). */
const own = (bytes: Buffer): Buffer => {
  const out = Buffer.alloc(bytes.length);
  out.set(bytes);
  return out;
};
const namesIn = (json: string): string[] => (JSON.parse(`[${json}]`) as { name: string }[]).map((span) => span.name);

describe('spans kept as protobuf bytes', () => {
  it('frames a span as a view of the body it came in when it is framed there as protobufjs frames it, else as a copy', () => {
    const span = spanBytes('1111111111111111', 'one');
    const body = own(Buffer.concat([Buffer.from([0x12, span.length]), span]));
    const inBody = body.subarray(2);
    const field = spanField(body, inBody);
    expect(field.buffer).toBe(body.buffer);
    expect(field.byteOffset).toBe(body.byteOffset);
    expect(Buffer.compare(field, body)).toBe(0);
    // The same span after a length written in two bytes (legal, not minimal): a framed copy.
    const padded = own(Buffer.concat([Buffer.from([0x12, 0x80 | span.length, 0x00]), span]));
    const copy = spanField(padded, padded.subarray(3));
    expect(copy.buffer).not.toBe(padded.buffer);
    expect(Buffer.compare(copy, body)).toBe(0);
    expect(chunkSpansJson(copy)).toBe(chunkSpansJson(field));
  });

  it('reads a chunk as the core encoder writes the spans', () => {
    const json = chunkSpansJson(Buffer.concat([framed(spanBytes('1111111111111111', 'one')), framed(spanBytes('2222222222222222', 'two'))]));
    expect(json).toBe(
      `{"traceId":"${traceId}","spanId":"1111111111111111","name":"one","startTimeUnixNano":"1700000000000000001","endTimeUnixNano":"1700000000000000002","status":{}},` +
        `{"traceId":"${traceId}","spanId":"2222222222222222","name":"two","startTimeUnixNano":"1700000000000000001","endTimeUnixNano":"1700000000000000002","status":{}}`,
    );
  });

  it('leaves out a damaged span and keeps the others; keeps the spans before damaged framing', () => {
    const one = framed(spanBytes('1111111111111111', 'one'));
    const three = framed(spanBytes('3333333333333333', 'three'));
    // A span whose status (field 15) claims 64 bytes of the 2 it has.
    const damagedSpan = Buffer.concat([spanBytes('2222222222222222', 'two'), Buffer.from([0x7a, 0x40, 0x18, 0x01])]);
    expect(namesIn(chunkSpansJson(Buffer.concat([one, framed(damagedSpan), three])))).toEqual(['one', 'three']);
    // The chunk cut off in the middle of its third span: the first two are read.
    const two = framed(spanBytes('2222222222222222', 'two'));
    expect(namesIn(chunkSpansJson(Buffer.concat([one, two, three.subarray(0, 10)])))).toEqual(['one', 'two']);
    expect(chunkSpansJson(Buffer.from([0xff, 0xff, 0xff]))).toBe('');
  });
});
