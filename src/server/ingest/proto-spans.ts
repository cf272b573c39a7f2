/**
 * The receivers' hot path for protobuf bodies (OTLP/gRPC and OTLP/HTTP protobuf), decoded by
 * protobufjs from the official OpenTelemetry definitions (store/otlp-types.ts): the request through
 * the lazy view (resources and scopes decoded, each span kept as the bytes it arrived in), then each
 * span through the checked span view of the official Span type (checked-span-view.ts: its texts
 * declared as bytes), which checks the span's whole structure without turning its texts into
 * strings, and gives the few fields the run summary reads (ids, name, times, status, the `junjo.*`
 * attributes of run-summary.ts, read as the core decoder reads them). The
 * store writes the span's bytes as they are and turns them into OTLP/JSON text only when the trace
 * is read (store/span-protobuf.ts); resource and scope become OTLP/JSON text once per group, through
 * the core OTLP/JSON decoder and encoder, as OTLP/JSON bodies do.
 *
 * A span whose trace or span id is not 16/8 bytes (or all zeros), or whose parent id is neither
 * empty nor 8 bytes, is rejected with a reason (partial_success), as the OTLP/JSON path does. A
 * body that is not a well-formed ExportTraceServiceRequest (cut off, a field past the end of its
 * message, values nested deeper than protobufjs' limit, a wrong wire type) is refused whole; a text
 * field inside a span that runs past its message is refused too (as bytes; protobufjs' string
 * reader would keep the part that is there).
 */
import protobuf from 'protobufjs';
import { decodeAnyValue, decodeKeyValues } from '../../core/formats/any-value.ts';
import { DecodeSink } from '../../core/formats/decode-sink.ts';
import { encodeResource, encodeScope } from '../../core/formats/encode-otlp-json.ts';
import { decodeScope } from '../../core/formats/otlp-json.ts';
import { makeResource, unknownResource } from '../../core/formats/resource-scope.ts';
import type { Attribute, AttrValue } from '../../core/model/attributes.ts';
import type { StatusCode } from '../../core/model/span.ts';
import { lazyRequestType, otlpObjectOptions, otlpTypes, bigintOfLong, type LazyRequest } from '../store/otlp-types.ts';
import { spanField } from '../store/span-protobuf.ts';
import { summaryAttributeKeys } from '../store/run-summary.ts';
import type { StoreSpan, SummarySpan } from '../store/store-span.ts';
import { anyValueObject, asBuffer, decodeCheckedSpan, idIn, textIn, type CheckedSpan, type SpanBytes } from './checked-span-view.ts';

export interface ProtoSpans {
  readonly spans: StoreSpan[];
  /** Spans in the body (stored or not). */
  readonly total: number;
  readonly rejected: number;
  readonly rejectReasons: readonly string[];
}

export type ProtoDecoded = { readonly ok: true; readonly result: ProtoSpans } | { readonly ok: false; readonly message: string };

/** Summary statuses by OTLP status code, shared by all spans. */
const statuses: readonly { readonly code: StatusCode }[] = [{ code: 'unset' }, { code: 'ok' }, { code: 'error' }];
const maxReasons = 5;
const noAttributes: readonly Attribute[] = [];
const protobufjsNestingLimit = protobuf.Reader.recursionLimit;


/** The lengths in bytes (UTF-8) of the summary's attribute keys: most keys are passed over on their length alone. */
const summaryKeyLengths = new Set([...summaryAttributeKeys].map((key) => Buffer.byteLength(key)));

const owns = (value: protobuf.Message, field: string): boolean => Object.prototype.hasOwnProperty.call(value, field);

/**
 * A summary attribute's value as decodeAnyValue reads the official `toObject` of it: a text or an
 * int64 (what Junjo's summary attributes hold) read here directly (decodeAnyValue reads
 * `stringValue` first, then `intValue`), any other kind through `toObject` and decodeAnyValue.
 */
function summaryValue(span: Buffer, value: protobuf.Message | null | undefined): AttrValue | string {
  if (value === null || value === undefined) return decodeAnyValue(undefined);
  if (owns(value, 'stringValue')) return { type: 'string', value: textIn(span, (value as unknown as { stringValue: SpanBytes }).stringValue) };
  if (owns(value, 'intValue')) return { type: 'int', value: bigintOfLong((value as unknown as { intValue: protobuf.Long }).intValue, false) };
  return decodeAnyValue(anyValueObject(span, value));
}

/** The span's attributes the run summary reads, as the core decoder reads them. */
function summaryAttributes(bytes: Buffer, span: CheckedSpan): readonly Attribute[] {
  let out: Attribute[] | undefined;
  for (const { key: keyBytes, value } of span.attributes) {
    // A key of another length in bytes is not a summary key.
    if (!summaryKeyLengths.has(keyBytes.length)) continue;
    const key = textIn(bytes, keyBytes);
    if (!summaryAttributeKeys.has(key)) continue;
    const decoded = summaryValue(bytes, value);
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
  // A Buffer over the same memory: protobufjs then reads it with its Buffer reader.
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
          const span = decodeCheckedSpan(bytes);
          const traceId = idIn(bytes, span.traceId, 16);
          const spanId = idIn(bytes, span.spanId, 8);
          const parent = idIn(bytes, span.parentSpanId, 8);
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
            name: textIn(bytes, span.name),
            status: statuses[span.status?.code ?? 0] ?? statuses[0]!,
            resource,
            attributes: summaryAttributes(bytes, span),
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
