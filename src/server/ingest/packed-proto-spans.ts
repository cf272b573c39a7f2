/**
 * What proto-spans.ts decoded from a body, in a form that crosses a thread cheaply (the decode
 * thread, decode-pool.ts): a few typed arrays and string lists instead of an object per span,
 * so the structured clone costs little on either side. A span's protobuf bytes are not copied:
 * they are a byte range of the body, which both threads share (a SharedArrayBuffer); `unpack`
 * rebuilds the store spans as views of that same body.
 */
import type { Attribute } from '../../core/model/attributes.ts';
import type { StatusCode } from '../../core/model/span.ts';
import type { StoreSpan } from '../store/store-span.ts';
import type { ProtoDecoded, ProtoSpans } from './proto-spans.ts';

/** Integers per span in `PackedSpans.ints`. */
const intsPerSpan = 6;
const statusCodes: readonly StatusCode[] = ['unset', 'ok', 'error'];
/** Status objects shared by all spans (proto-spans.ts shares them the same way). */
const statuses: readonly { readonly code: StatusCode }[] = statusCodes.map((code) => ({ code }));
const noAttributes: readonly Attribute[] = [];

export interface PackedSpans {
  readonly total: number;
  readonly rejected: number;
  readonly rejectReasons: readonly string[];
  /** Resource and scope OTLP/JSON texts and service names, each once. */
  readonly texts: readonly string[];
  /** Per span: trace id, span id, parent span id ('' for none), name. */
  readonly strings: readonly string[];
  /** Per span: resource text, scope text, service name (indexes into `texts`), byte offset and length in the body, status. */
  readonly ints: Int32Array;
  /** Per span: start and end time (ns). */
  readonly times: BigUint64Array;
  /** Spans that carry summary attributes: [span index, attributes]. */
  readonly attributes: readonly (readonly [number, readonly Attribute[]])[];
  /** Spans whose bytes are not a range of the body (framed anew): [span index, bytes]. */
  readonly copies: readonly (readonly [number, Uint8Array])[];
}

export type PackedDecoded = { readonly ok: true; readonly packed: PackedSpans } | { readonly ok: false; readonly message: string };

/** Decoded spans of `body` in packed form. */
export function packProtoSpans(decoded: ProtoDecoded, body: Uint8Array): PackedDecoded {
  if (!decoded.ok) return decoded;
  const { spans, total, rejected, rejectReasons } = decoded.result;
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const indexOf = (text: string): number => {
    let index = textIndex.get(text);
    if (index === undefined) {
      textIndex.set(text, (index = texts.length));
      texts.push(text);
    }
    return index;
  };
  const strings: string[] = [];
  const ints = new Int32Array(spans.length * intsPerSpan);
  const times = new BigUint64Array(spans.length * 2);
  const attributes: [number, readonly Attribute[]][] = [];
  const copies: [number, Uint8Array][] = [];
  spans.forEach((span, i) => {
    const { summary } = span;
    strings.push(span.traceId, span.spanId, summary.parentSpanId ?? '', summary.name);
    const encoded = span.encoded as Uint8Array;
    const at = i * intsPerSpan;
    ints[at] = indexOf(span.resourceJson);
    ints[at + 1] = indexOf(span.scopeJson);
    ints[at + 2] = indexOf(summary.resource.serviceName);
    if (encoded.buffer === body.buffer) {
      ints[at + 3] = encoded.byteOffset - body.byteOffset;
      ints[at + 4] = encoded.byteLength;
    } else {
      ints[at + 3] = -1;
      copies.push([i, encoded]);
    }
    ints[at + 5] = statusCodes.indexOf(summary.status.code);
    times[i * 2] = summary.startNs;
    times[i * 2 + 1] = summary.endNs;
    if (summary.attributes.length > 0) attributes.push([i, summary.attributes]);
  });
  return { ok: true, packed: { total, rejected, rejectReasons, texts, strings, ints, times, attributes, copies } };
}

/** The store spans of a packed decode, their bytes views of `body` (the body that was decoded). */
export function unpackProtoSpans(packed: PackedSpans, body: Buffer): ProtoSpans {
  const count = packed.ints.length / intsPerSpan;
  const { texts, strings, ints, times } = packed;
  const resources = new Map<number, { readonly serviceName: string }>();
  const attributesOf = new Map(packed.attributes);
  const copiesOf = new Map(packed.copies);
  const spans: StoreSpan[] = new Array<StoreSpan>(count);
  for (let i = 0; i < count; i++) {
    const at = i * intsPerSpan;
    const service = ints[at + 2]!;
    let resource = resources.get(service);
    if (resource === undefined) resources.set(service, (resource = { serviceName: texts[service]! }));
    const start = ints[at + 3]!;
    const encoded = start >= 0 ? body.subarray(start, start + ints[at + 4]!) : Buffer.from(copiesOf.get(i)!);
    const parent = strings[i * 4 + 2]!;
    spans[i] = {
      traceId: strings[i * 4]!,
      spanId: strings[i * 4 + 1]!,
      resourceJson: texts[ints[at]!]!,
      scopeJson: texts[ints[at + 1]!]!,
      encoded,
      summary: {
        startNs: times[i * 2]!,
        endNs: times[i * 2 + 1]!,
        parentSpanId: parent === '' ? null : parent,
        name: strings[i * 4 + 3]!,
        status: statuses[ints[at + 5]!] ?? statuses[0]!,
        resource,
        attributes: attributesOf.get(i) ?? noAttributes,
      },
    };
  }
  return { spans, total: packed.total, rejected: packed.rejected, rejectReasons: packed.rejectReasons };
}

