/**
 * Spans kept as the protobuf bytes they were received in (OTLP/gRPC, OTLP/HTTP protobuf), turned
 * into OTLP/JSON text when a trace is read. A chunk's bytes are its spans as the `spans` fields of
 * a ScopeSpans message, each exactly as received. Reading decodes them with protobufjs from the
 * official definitions (otlp-types.ts): the lazy ScopeSpans view splits the chunk into span bytes,
 * the official Span type decodes each one, and the core OTLP/JSON decoder and encoder make the text
 * (the one OTLP/JSON encoder, core/formats/encode-otlp-json.ts): so a span reads back the same
 * whether it came as protobuf or as OTLP/JSON.
 *
 * The receivers check every span's structure before storing it (ingest/proto-spans.ts, through a
 * view of the same type that is stricter about lengths), so this reader does not meet malformed bytes; if it does (a damaged file), a span that does not
 * decode is left out, and a chunk whose framing is damaged keeps the spans before the damage.
 */
import protobuf from 'protobufjs';
import { DecodeSink } from '../../core/formats/decode-sink.ts';
import { encodeSpanRecord } from '../../core/formats/encode-otlp-json.ts';
import { decodeSpanList } from '../../core/formats/otlp-json.ts';
import { emptyScope, unknownResource } from '../../core/formats/resource-scope.ts';
import { lazyScopeSpansType, otlpObjectOptions, otlpTypes, spansFieldNumber, type LazyScopeSpans } from './otlp-types.ts';

/** The tag of a ScopeSpans `spans` field (length-delimited). */
const spansTag = (spansFieldNumber << 3) | 2;

/** The tag and length of a `spans` field of `length` bytes, as protobufjs' Writer writes them (kept per length: spans of a size recur). */
const prefixes = new Map<number, Uint8Array>();
function fieldPrefix(length: number): Uint8Array {
  let prefix = prefixes.get(length);
  if (prefix === undefined) {
    if (prefixes.size >= 8192) prefixes.clear();
    prefixes.set(length, (prefix = protobuf.Writer.create().uint32(spansTag).uint32(length).finish()));
  }
  return prefix;
}

/**
 * A span's `spans` field (tag, length, Span message) as chunks hold it: a view of `body` when the
 * span (a view of `body`) is framed there as protobufjs' Writer frames it, else a framed copy.
 */
export function spanField(body: Uint8Array, span: Uint8Array): Buffer {
  const prefix = fieldPrefix(span.length);
  const start = span.byteOffset - prefix.length;
  if (span.buffer === body.buffer && start >= body.byteOffset) {
    let framed = true;
    for (let i = 0; i < prefix.length && framed; i++) framed = body[start - body.byteOffset + i] === prefix[i];
    if (framed) return Buffer.from(body.buffer, start, prefix.length + span.length);
  }
  const field = Buffer.allocUnsafe(prefix.length + span.length);
  field.set(prefix, 0);
  field.set(span, prefix.length);
  return field;
}

/** The span messages of a chunk, each a view of its bytes. */
function spanMessagesOf(chunk: Buffer): readonly Uint8Array[] {
  try {
    return (lazyScopeSpansType.decode(chunk) as unknown as LazyScopeSpans).spans ?? [];
  } catch {
    // Damaged framing: the spans before the damage, field by field with protobufjs' Reader.
    const spans: Uint8Array[] = [];
    const reader = protobuf.Reader.create(chunk);
    try {
      while (reader.pos < reader.len) {
        const tag = reader.uint32();
        if (tag === spansTag) spans.push(reader.bytes());
        else reader.skipType(tag & 7);
      }
    } catch {
      // The rest of the chunk is unreadable.
    }
    return spans;
  }
}

/**
 * A chunk's protobuf bytes (its spans as ScopeSpans `spans` fields) as the OTLP/JSON text of its
 * spans, comma-separated, the way JSON chunks hold them.
 */
export function chunkSpansJson(bytes: Buffer): string {
  const objects: Record<string, unknown>[] = [];
  for (const span of spanMessagesOf(bytes)) {
    try {
      objects.push(otlpTypes.span.toObject(otlpTypes.span.decode(span), otlpObjectOptions));
    } catch {
      // A damaged span is left out.
    }
  }
  const sink = new DecodeSink();
  decodeSpanList(objects, unknownResource, emptyScope, sink, 'spans');
  // The list's text without its brackets: the spans, comma-separated.
  return sink.spans.length === 0 ? '' : JSON.stringify(sink.spans.map(encodeSpanRecord)).slice(1, -1);
}
