/**
 * The receivers' hot path for protobuf bodies (OTLP/gRPC and OTLP/HTTP protobuf): the official
 * .proto files (proto/) through protobufjs' generated decoder, then straight to store spans
 * (store/store-span.ts): each span's OTLP/JSON text written once, in the shape the core encoder
 * writes (encode-otlp-json.ts: lower-case hex ids, int64 and times as exact decimal strings,
 * numeric enums, zero values omitted), and the few fields the run summary reads. No protobufjs
 * `toObject`, no core SpanRecord per span: those cost more than the rest of an export.
 *
 * A span whose trace or span id is not 16/8 bytes (or all zeros), or whose parent id is neither
 * empty nor 8 bytes, is rejected with a reason (partial_success), as the OTLP/JSON path does.
 */
import protobuf from 'protobufjs';
import { fileURLToPath } from 'node:url';
import type { Attribute } from '../../core/model/attributes.ts';
import type { StatusCode } from '../../core/model/span.ts';
import type { StoreSpan, SummarySpan } from '../store/store-span.ts';

const protoDir = fileURLToPath(new URL('./proto', import.meta.url));
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => `${protoDir}/${target}`;
root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto', { keepCase: false });
const requestType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');

/** protobufjs' 64-bit integers: a Long (when the `long` package is present) or a number. */
type Int64 = number | { readonly low: number; readonly high: number } | null | undefined;
type Bytes = Uint8Array | null | undefined;

interface PbAnyValue {
  readonly value?: string;
  readonly stringValue?: string;
  readonly boolValue?: boolean;
  readonly intValue?: Int64;
  readonly doubleValue?: number;
  readonly arrayValue?: { readonly values?: readonly PbAnyValue[] } | null;
  readonly kvlistValue?: { readonly values?: readonly PbKeyValue[] } | null;
  readonly bytesValue?: Bytes;
}
interface PbKeyValue {
  readonly key?: string;
  readonly value?: PbAnyValue | null;
}
interface PbEvent {
  readonly timeUnixNano?: Int64;
  readonly name?: string;
  readonly attributes?: readonly PbKeyValue[];
  readonly droppedAttributesCount?: number;
}
interface PbLink {
  readonly traceId?: Bytes;
  readonly spanId?: Bytes;
  readonly traceState?: string;
  readonly attributes?: readonly PbKeyValue[];
}
interface PbSpan {
  readonly traceId?: Bytes;
  readonly spanId?: Bytes;
  readonly traceState?: string;
  readonly parentSpanId?: Bytes;
  readonly name?: string;
  readonly kind?: number;
  readonly startTimeUnixNano?: Int64;
  readonly endTimeUnixNano?: Int64;
  readonly attributes?: readonly PbKeyValue[];
  readonly droppedAttributesCount?: number;
  readonly events?: readonly PbEvent[];
  readonly droppedEventsCount?: number;
  readonly links?: readonly PbLink[];
  readonly droppedLinksCount?: number;
  readonly status?: { readonly message?: string; readonly code?: number } | null;
}
interface PbScope {
  readonly name?: string;
  readonly version?: string;
  readonly attributes?: readonly PbKeyValue[];
}
interface PbRequest {
  readonly resourceSpans?: readonly {
    readonly resource?: { readonly attributes?: readonly PbKeyValue[] } | null;
    readonly scopeSpans?: readonly { readonly scope?: PbScope | null; readonly spans?: readonly PbSpan[] }[];
  }[];
}

export interface ProtoSpans {
  readonly spans: StoreSpan[];
  /** Spans in the body (stored or not). */
  readonly total: number;
  readonly rejected: number;
  readonly rejectReasons: readonly string[];
}

export type ProtoDecoded = { readonly ok: true; readonly result: ProtoSpans } | { readonly ok: false; readonly message: string };

const statusCodes: readonly StatusCode[] = ['unset', 'ok', 'error'];
const maxReasons = 5;
const noAttributes: readonly Attribute[] = [];

const unsigned = (v: Int64): bigint =>
  v == null ? 0n : typeof v === 'number' ? BigInt(Math.trunc(v)) : (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
const signed = (v: Int64): bigint => (v == null ? 0n : typeof v === 'number' ? BigInt(Math.trunc(v)) : BigInt.asIntN(64, unsigned(v)));

const hex = (bytes: Uint8Array): string =>
  (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('hex');
const base64 = (bytes: Uint8Array): string =>
  (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('base64');

function isZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** An id of `size` bytes as hex; '' when missing or all zeros; undefined when of another size. */
function idOf(bytes: Bytes, size: number): string | undefined {
  if (bytes == null || bytes.length === 0 || isZero(bytes)) return bytes != null && bytes.length !== 0 && bytes.length !== size ? undefined : '';
  return bytes.length === size ? hex(bytes) : undefined;
}

const str = JSON.stringify;

/** One AnyValue as OTLP/JSON text (encodeAnyValue's shapes). */
function anyValueJson(v: PbAnyValue | null | undefined): string {
  switch (v?.value) {
    case 'stringValue':
      return `{"stringValue":${str(v.stringValue ?? '')}}`;
    case 'boolValue':
      return `{"boolValue":${v.boolValue === true}}`;
    case 'intValue':
      return `{"intValue":"${signed(v.intValue)}"}`;
    case 'doubleValue': {
      const d = v.doubleValue ?? 0;
      return `{"doubleValue":${Number.isFinite(d) ? str(d) : `"${d}"`}}`;
    }
    case 'arrayValue':
      return `{"arrayValue":{"values":[${(v.arrayValue?.values ?? []).map(anyValueJson).join(',')}]}}`;
    case 'kvlistValue':
      return `{"kvlistValue":{"values":${attributesJson(v.kvlistValue?.values ?? [])}}}`;
    case 'bytesValue':
      return `{"bytesValue":"${base64(v.bytesValue ?? new Uint8Array())}"}`;
    default:
      return '{}';
  }
}

function attributesJson(list: readonly PbKeyValue[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    const kv = list[i]!;
    if (i > 0) out += ',';
    out += `{"key":${str(kv.key ?? '')},"value":${anyValueJson(kv.value)}}`;
  }
  return `${out}]`;
}

/** The `junjo.*` attributes of a span in the core model, for the run summary. */
function junjoAttributes(list: readonly PbKeyValue[] | undefined): readonly Attribute[] {
  if (list === undefined || list.length === 0) return noAttributes;
  let out: Attribute[] | undefined;
  for (const kv of list) {
    const key = kv.key;
    if (key === undefined || !key.startsWith('junjo.')) continue;
    const v = kv.value;
    let attribute: Attribute | undefined;
    if (v?.value === 'stringValue') attribute = { key, value: { type: 'string', value: v.stringValue ?? '' } };
    else if (v?.value === 'intValue') attribute = { key, value: { type: 'int', value: signed(v.intValue) } };
    else if (v?.value === 'doubleValue') attribute = { key, value: { type: 'double', value: v.doubleValue ?? 0 } };
    if (attribute !== undefined) (out ??= []).push(attribute);
  }
  return out ?? noAttributes;
}

function resourceJson(attributes: readonly PbKeyValue[]): string {
  return `{"attributes":${attributesJson(attributes)}}`;
}

function scopeJson(scope: PbScope | null | undefined): string {
  const parts: string[] = [];
  if (scope?.name) parts.push(`"name":${str(scope.name)}`);
  if (scope?.version) parts.push(`"version":${str(scope.version)}`);
  if (scope?.attributes && scope.attributes.length > 0) parts.push(`"attributes":${attributesJson(scope.attributes)}`);
  return `{${parts.join(',')}}`;
}

function serviceNameOf(attributes: readonly PbKeyValue[]): string {
  for (const kv of attributes) if (kv.key === 'service.name' && kv.value?.value === 'stringValue' && kv.value.stringValue) return kv.value.stringValue;
  return 'unknown service';
}

/** The OTLP/JSON Span text (encodeSpanRecord's shape). */
function spanJson(span: PbSpan, traceId: string, spanId: string, parentSpanId: string, startNs: bigint, endNs: bigint): string {
  let out = `{"traceId":"${traceId}","spanId":"${spanId}"`;
  if (span.traceState) out += `,"traceState":${str(span.traceState)}`;
  if (parentSpanId) out += `,"parentSpanId":"${parentSpanId}"`;
  out += `,"name":${str(span.name ?? '')}`;
  const kind = span.kind ?? 0;
  if (kind > 0 && kind <= 5) out += `,"kind":${kind}`;
  out += `,"startTimeUnixNano":"${startNs}","endTimeUnixNano":"${endNs}"`;
  if (span.attributes && span.attributes.length > 0) out += `,"attributes":${attributesJson(span.attributes)}`;
  if (span.droppedAttributesCount) out += `,"droppedAttributesCount":${span.droppedAttributesCount}`;
  if (span.events && span.events.length > 0) {
    out += ',"events":[';
    span.events.forEach((event, i) => {
      if (i > 0) out += ',';
      out += `{"timeUnixNano":"${unsigned(event.timeUnixNano)}","name":${str(event.name ?? '')}`;
      if (event.attributes && event.attributes.length > 0) out += `,"attributes":${attributesJson(event.attributes)}`;
      if (event.droppedAttributesCount) out += `,"droppedAttributesCount":${event.droppedAttributesCount}`;
      out += '}';
    });
    out += ']';
  }
  if (span.droppedEventsCount) out += `,"droppedEventsCount":${span.droppedEventsCount}`;
  const links = (span.links ?? []).filter((link) => idOf(link.traceId, 16) && idOf(link.spanId, 8));
  if (links.length > 0) {
    out += ',"links":[';
    links.forEach((link, i) => {
      if (i > 0) out += ',';
      out += `{"traceId":"${hex(link.traceId!)}","spanId":"${hex(link.spanId!)}"`;
      if (link.traceState) out += `,"traceState":${str(link.traceState)}`;
      if (link.attributes && link.attributes.length > 0) out += `,"attributes":${attributesJson(link.attributes)}`;
      out += '}';
    });
    out += ']';
  }
  if (span.droppedLinksCount) out += `,"droppedLinksCount":${span.droppedLinksCount}`;
  const code = span.status?.code ?? 0;
  const message = span.status?.message ?? '';
  out += `,"status":{${code === 1 || code === 2 ? `"code":${code}` : ''}${message ? `${code === 1 || code === 2 ? ',' : ''}"message":${str(message)}` : ''}}}`;
  return out;
}

/** Store spans of a protobuf ExportTraceServiceRequest, or why the body is not one. Never throws. */
export function decodeProtoSpans(body: Uint8Array): ProtoDecoded {
  let request: PbRequest;
  try {
    request = requestType.decode(body) as unknown as PbRequest;
  } catch (error) {
    return { ok: false, message: `The body is not a protobuf ExportTraceServiceRequest (${(error as Error).message}).` };
  }
  const spans: StoreSpan[] = [];
  const rejectReasons: string[] = [];
  let total = 0;
  let rejected = 0;
  const reject = (why: string) => {
    rejected++;
    if (rejectReasons.length < maxReasons) rejectReasons.push(why);
  };
  for (const group of request.resourceSpans ?? []) {
    const resourceAttributes = group.resource?.attributes ?? [];
    const resourceText = resourceJson(resourceAttributes);
    const resource = { serviceName: serviceNameOf(resourceAttributes) };
    for (const scopeGroup of group.scopeSpans ?? []) {
      const scopeText = scopeJson(scopeGroup.scope);
      for (const span of scopeGroup.spans ?? []) {
        total++;
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
        const startNs = unsigned(span.startTimeUnixNano);
        const endNs = unsigned(span.endTimeUnixNano);
        const summary: SummarySpan = {
          startNs,
          endNs,
          parentSpanId: parent === '' ? null : parent,
          name: span.name ?? '',
          status: { code: statusCodes[span.status?.code ?? 0] ?? 'unset' },
          resource,
          attributes: junjoAttributes(span.attributes),
        };
        spans.push({ traceId, spanId, resourceJson: resourceText, scopeJson: scopeText, json: spanJson(span, traceId, spanId, parent, startNs, endNs), summary });
      }
    }
  }
  return { ok: true, result: { spans, total, rejected, rejectReasons } };
}
