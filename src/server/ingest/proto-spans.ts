/**
 * The receivers' hot path for protobuf bodies (OTLP/gRPC and OTLP/HTTP protobuf), decoded by
 * protobufjs from the official OpenTelemetry definitions (store/otlp-types.ts): the request through
 * the lazy view (resources and scopes decoded, each span kept as the bytes it arrived in), then each
 * span through the official Span type, which checks its whole structure and gives the few fields
 * the run summary reads (ids, name, times, status, the `junjo.*` attributes of run-summary.ts). The
 * store writes the span's bytes as they are and turns them into OTLP/JSON text only when the trace
 * is read (store/span-protobuf.ts); resource and scope become OTLP/JSON text once per group, through
 * the core OTLP/JSON decoder and encoder, as OTLP/JSON bodies do.
 *
 * A span whose trace or span id is not 16/8 bytes (or all zeros), or whose parent id is neither
 * empty nor 8 bytes, is rejected with a reason (partial_success), as the OTLP/JSON path does. A
 * body that is not a well-formed ExportTraceServiceRequest (cut off, a field past the end of its
 * message, values nested deeper than protobufjs' limit, a wrong wire type) is refused whole.
 */
import protobuf from 'protobufjs';
import { decodeAnyValue, decodeKeyValues } from '../../core/formats/any-value.ts';
import { DecodeSink } from '../../core/formats/decode-sink.ts';
import { encodeResource, encodeScope } from '../../core/formats/encode-otlp-json.ts';
import { decodeScope } from '../../core/formats/otlp-json.ts';
import { makeResource, unknownResource } from '../../core/formats/resource-scope.ts';
import type { Attribute } from '../../core/model/attributes.ts';
import type { StatusCode } from '../../core/model/span.ts';
import { lazyRequestType, otlpObjectOptions, otlpTypes, bigintOfLong, type LazyRequest } from '../store/otlp-types.ts';
import { spanField } from '../store/span-protobuf.ts';
import { summaryAttributeKeys } from '../store/run-summary.ts';
import type { StoreSpan, SummarySpan } from '../store/store-span.ts';

export interface ProtoSpans {
  readonly spans: StoreSpan[];
  /** Spans in the body (stored or not). */
  readonly total: number;
  readonly rejected: number;
  readonly rejectReasons: readonly string[];
}

export type ProtoDecoded = { readonly ok: true; readonly result: ProtoSpans } | { readonly ok: false; readonly message: string };

/** The fields of an official Span message (protobufjs' decode) that the hot path reads. */
interface SpanMessage {
  readonly traceId: Uint8Array;
  readonly spanId: Uint8Array;
  readonly parentSpanId: Uint8Array;
  readonly name: string;
  readonly startTimeUnixNano: number | protobuf.Long;
  readonly endTimeUnixNano: number | protobuf.Long;
  readonly attributes: readonly { readonly key: string; readonly value: protobuf.Message | null }[];
  readonly status: { readonly code: number } | null;
}

/** Summary statuses by OTLP status code, shared by all spans. */
const statuses: readonly { readonly code: StatusCode }[] = [{ code: 'unset' }, { code: 'ok' }, { code: 'error' }];
const maxReasons = 5;
const noAttributes: readonly Attribute[] = [];
const protobufjsNestingLimit = protobuf.Reader.recursionLimit;

/** The bytes as a Buffer over the same memory (no copy): protobufjs then reads them with its Buffer reader. */
const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/** An id of `size` bytes as hex; '' when missing or all zeros; undefined when of another size. */
function idOf(bytes: Uint8Array, size: number): string | undefined {
  if (bytes.length === 0) return '';
  let zero = true;
  for (let i = 0; i < bytes.length; i++)
    if (bytes[i] !== 0) {
      zero = false;
      break;
    }
  if (zero) return bytes.length !== size ? undefined : '';
  return bytes.length === size ? asBuffer(bytes).toString('hex') : undefined;
}

/** The lengths of the summary's attribute keys: most keys are passed over on their length alone. */
const summaryKeyLengths = new Set([...summaryAttributeKeys].map((key) => key.length));

/** The span's attributes the run summary reads, as the core decoder reads them. */
function summaryAttributes(span: SpanMessage): readonly Attribute[] {
  let out: Attribute[] | undefined;
  for (const { key, value } of span.attributes) {
    if (!summaryKeyLengths.has(key.length) || !summaryAttributeKeys.has(key)) continue;
    const decoded = decodeAnyValue(value === null ? undefined : otlpTypes.anyValue.toObject(value, otlpObjectOptions));
    if (typeof decoded !== 'string') (out ??= []).push({ key, value: decoded });
  }
  return out ?? noAttributes;
}

/** Resource and scope messages as OTLP/JSON text, through the core decoder and encoder. */
class GroupText {
  private readonly sink = new DecodeSink();

  resource(message: protobuf.Message | null | undefined): { json: string; serviceName: string } {
    const raw = message ? otlpTypes.resource.toObject(message, otlpObjectOptions) : undefined;
    const resource = raw ? makeResource(decodeKeyValues(raw.attributes, this.sink, 'resource', 'attributes')) : unknownResource;
    return { json: JSON.stringify(encodeResource(resource)), serviceName: resource.serviceName };
  }

  scope(message: protobuf.Message | null | undefined): string {
    const raw = message ? otlpTypes.scope.toObject(message, otlpObjectOptions) : undefined;
    return JSON.stringify(encodeScope(decodeScope(raw, this.sink, 'scope')));
  }
}

/** What protobufjs' decoder found wrong, for a person. */
function whyNotProtobuf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError || /index out of range/.test(text)) return `the message is cut off: a field runs past the end of its message or of the body; protobufjs: ${text}`;
  if (/nesting depth/.test(text)) return `messages or attribute values are nested more than ${protobufjsNestingLimit} levels deep; protobufjs: ${text}`;
  return text;
}

/** Store spans of a protobuf ExportTraceServiceRequest, or why the body is not one. Never throws. */
export function decodeProtoSpans(received: Uint8Array): ProtoDecoded {
  const body = asBuffer(received);
  const spans: StoreSpan[] = [];
  const rejectReasons: string[] = [];
  let total = 0;
  let rejected = 0;
  const reject = (why: string) => {
    rejected++;
    if (rejectReasons.length < maxReasons) rejectReasons.push(why);
  };
  try {
    const request = lazyRequestType.decode(body) as unknown as LazyRequest;
    const text = new GroupText();
    for (const group of request.resourceSpans ?? []) {
      const resourceFields = text.resource(group.resource);
      const resource = { serviceName: resourceFields.serviceName };
      for (const scopeGroup of group.scopeSpans ?? []) {
        const scopeText = text.scope(scopeGroup.scope);
        for (const bytes of scopeGroup.spans ?? []) {
          total++;
          const span = otlpTypes.span.decode(bytes) as unknown as SpanMessage;
          const traceId = idOf(span.traceId, 16);
          const spanId = idOf(span.spanId, 8);
          const parent = idOf(span.parentSpanId, 8);
          if (!traceId) {
            reject(`span ${spanId || '(no id)'}: the trace id is missing, all zeros or not 16 bytes; the span was skipped.`);
            continue;
          }
          if (!spanId) {
            reject(`a span of trace ${traceId}: the span id is missing, all zeros or not 8 bytes; the span was skipped.`);
            continue;
          }
          if (parent === undefined) {
            reject(`span ${spanId} of trace ${traceId}: the parent span id is not 8 bytes; the span was skipped.`);
            continue;
          }
          const summary: SummarySpan = {
            startNs: bigintOfLong(span.startTimeUnixNano, true),
            endNs: bigintOfLong(span.endTimeUnixNano, true),
            parentSpanId: parent === '' ? null : parent,
            name: span.name,
            status: statuses[span.status?.code ?? 0] ?? statuses[0]!,
            resource,
            attributes: summaryAttributes(span),
          };
          spans.push({ traceId, spanId, resourceJson: resourceFields.json, scopeJson: scopeText, encoded: spanField(body, bytes), summary });
        }
      }
    }
  } catch (error) {
    return { ok: false, message: `The body is not a protobuf ExportTraceServiceRequest (${whyNotProtobuf(error)}).` };
  }
  return { ok: true, result: { spans, total, rejected, rejectReasons } };
}
