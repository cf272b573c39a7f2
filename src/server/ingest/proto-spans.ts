/**
 * The receivers' hot path for protobuf bodies (OTLP/gRPC and OTLP/HTTP protobuf): the request is
 * walked on the wire (store/protobuf-wire.ts), each span's structure checked, the few fields the
 * run summary reads taken out (ids, name, times, status, service, the few `junjo.*` attributes), and the
 * span kept as the bytes it arrived in. The store writes those bytes as they are and turns them
 * into OTLP/JSON text only when the trace is read (store/span-protobuf.ts). No protobufjs objects,
 * no JSON text per span: those cost more than the rest of an export.
 *
 * A span whose trace or span id is not 16/8 bytes (or all zeros), or whose parent id is neither
 * empty nor 8 bytes, is rejected with a reason (partial_success), as the OTLP/JSON path does. A
 * body that is not a well-formed ExportTraceServiceRequest is refused whole.
 */
import type { Attribute } from '../../core/model/attributes.ts';
import type { StatusCode } from '../../core/model/span.ts';
import { WireError, WireReader, asBuffer, wireFixed64, wireLen, wireVarint } from '../store/protobuf-wire.ts';
import { attributesJson } from '../store/span-protobuf.ts';
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

/** Summary statuses by OTLP status code, shared by all spans. */
const statuses: readonly { readonly code: StatusCode }[] = [{ code: 'unset' }, { code: 'ok' }, { code: 'error' }];
const maxReasons = 5;
const maxDepth = 64;
const noAttributes: readonly Attribute[] = [];
/** The UTF-8 bytes of the attribute keys the run summary reads, by byte length. */
const summaryKeys = new Map<number, { readonly key: string; readonly bytes: Buffer }[]>();
for (const key of summaryAttributeKeys) {
  const bytes = Buffer.from(key, 'utf8');
  summaryKeys.set(bytes.length, [...(summaryKeys.get(bytes.length) ?? []), { key, bytes }]);
}

/** The summary key spelled by bytes `start`…`start + n` of `buf`, if any. */
function summaryKeyAt(buf: Buffer, start: number, n: number): string | undefined {
  const candidates = summaryKeys.get(n);
  if (candidates === undefined) return undefined;
  for (const candidate of candidates) if (buf.compare(candidate.bytes, 0, n, start, start + n) === 0) return candidate.key;
  return undefined;
}

const tagOf = (field: number, wire: number): number => (field << 3) | wire;

/** The length of a length-delimited field, checked against the end of the message holding it. */
function lengthWithin(r: WireReader, end: number): number {
  const n = r.length();
  if (r.pos + n > end) throw new WireError(`a field runs past the end of its message at offset ${r.pos}`);
  return n;
}

function checkEnd(r: WireReader, end: number): void {
  if (r.pos !== end) throw new WireError(`a field runs past the end of its message at offset ${end}`);
}

/** Checks an AnyValue message's structure (ending at `end`). */
function checkAnyValue(r: WireReader, end: number, depth: number): void {
  if (depth > maxDepth) throw new WireError(`attribute values are nested more than ${maxDepth} levels deep`);
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === tagOf(5, wireLen) || tag === tagOf(6, wireLen)) {
      // array_value (values: AnyValue) or kvlist_value (values: KeyValue)
      const stopLength = lengthWithin(r, end);
      const stop = r.pos + stopLength;
      while (r.pos < stop) {
        const t = r.varint();
        if (t === tagOf(1, wireLen)) {
          const n = lengthWithin(r, stop);
          if (tag === tagOf(5, wireLen)) checkAnyValue(r, r.pos + n, depth + 1);
          else checkKeyValue(r, r.pos + n, depth + 1);
        } else r.skip(t & 7);
      }
      checkEnd(r, stop);
    } else r.skip(tag & 7);
  }
  checkEnd(r, end);
}

function checkKeyValue(r: WireReader, end: number, depth: number): void {
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === tagOf(2, wireLen)) {
      const n = lengthWithin(r, end);
      checkAnyValue(r, r.pos + n, depth);
    } else r.skip(tag & 7);
  }
  checkEnd(r, end);
}

/** Checks a message whose field `attributesField` is a repeated KeyValue and the rest are scalars. */
function checkWithAttributes(r: WireReader, end: number, attributesField: number): void {
  const wanted = tagOf(attributesField, wireLen);
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === wanted) {
      const n = lengthWithin(r, end);
      checkKeyValue(r, r.pos + n, 0);
    } else r.skip(tag & 7);
  }
  checkEnd(r, end);
}

/** A KeyValue (ending at `end`) as a summary attribute when the run summary reads it, else checked and skipped. */
function junjoAttribute(r: WireReader, end: number): Attribute | undefined {
  let key: string | undefined;
  let attribute: Attribute | undefined;
  let valueStart = -1;
  let valueEnd = -1;
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === tagOf(1, wireLen)) {
      const n = lengthWithin(r, end);
      key = summaryKeyAt(r.buf, r.pos, n);
      r.pos += n;
    } else if (tag === tagOf(2, wireLen)) {
      const n = lengthWithin(r, end);
      valueStart = r.pos;
      valueEnd = r.pos + n;
      checkAnyValue(r, valueEnd, 0);
    } else r.skip(tag & 7);
  }
  checkEnd(r, end);
  if (key === undefined || valueStart < 0) return undefined;
  // The value's last oneof field wins, as in protobufjs.
  r.pos = valueStart;
  while (r.pos < valueEnd) {
    const tag = r.varint();
    if (tag === tagOf(1, wireLen)) attribute = { key, value: { type: 'string', value: r.string() } };
    else if (tag === tagOf(3, wireVarint)) attribute = { key, value: { type: 'int', value: r.int64() } };
    else if (tag === tagOf(4, wireFixed64)) attribute = { key, value: { type: 'double', value: r.double() } };
    else {
      if ((tag >>> 3) >= 2 && (tag >>> 3) <= 8) attribute = undefined;
      r.skip(tag & 7);
    }
  }
  r.pos = end;
  return attribute;
}

interface Id {
  /** Byte offset of the id in the body, or -1 when absent. */
  start: number;
  length: number;
}

/** An id of `size` bytes as hex; '' when missing or all zeros; undefined when of another size. */
function idOf(buf: Buffer, id: Id, size: number): string | undefined {
  if (id.start < 0 || id.length === 0) return '';
  let zero = true;
  for (let i = id.start; i < id.start + id.length; i++)
    if (buf[i] !== 0) {
      zero = false;
      break;
    }
  if (zero) return id.length !== size ? undefined : '';
  return id.length === size ? buf.toString('hex', id.start, id.start + id.length) : undefined;
}

interface ScannedSpan {
  traceId: Id;
  spanId: Id;
  parentSpanId: Id;
  name: string;
  startNs: bigint;
  endNs: bigint;
  code: number;
  attributes: Attribute[] | undefined;
}

/** The one ScannedSpan scanSpan fills (its result is used before the next span is scanned). */
const scanned: ScannedSpan = {
  traceId: { start: -1, length: 0 },
  spanId: { start: -1, length: 0 },
  parentSpanId: { start: -1, length: 0 },
  name: '',
  startNs: 0n,
  endNs: 0n,
  code: 0,
  attributes: undefined,
};

/** Reads a Span message's summary fields and checks the rest of its structure (into `scanned`). */
function scanSpan(r: WireReader, end: number): ScannedSpan {
  const span = scanned;
  span.traceId.start = span.spanId.start = span.parentSpanId.start = -1;
  span.traceId.length = span.spanId.length = span.parentSpanId.length = 0;
  span.name = '';
  span.startNs = span.endNs = 0n;
  span.code = 0;
  span.attributes = undefined;
  while (r.pos < end) {
    const tag = r.varint();
    switch (tag) {
      case tagOf(1, wireLen):
      case tagOf(2, wireLen):
      case tagOf(4, wireLen): {
        const n = lengthWithin(r, end);
        const id = tag === tagOf(1, wireLen) ? span.traceId : tag === tagOf(2, wireLen) ? span.spanId : span.parentSpanId;
        id.start = r.pos;
        id.length = n;
        r.pos += n;
        break;
      }
      case tagOf(5, wireLen): {
        const n = lengthWithin(r, end);
        span.name = r.buf.toString('utf8', r.pos, r.pos + n);
        r.pos += n;
        break;
      }
      case tagOf(7, wireFixed64):
        span.startNs = r.fixed64();
        break;
      case tagOf(8, wireFixed64):
        span.endNs = r.fixed64();
        break;
      case tagOf(9, wireLen): {
        const n = lengthWithin(r, end);
        const attribute = junjoAttribute(r, r.pos + n);
        if (attribute !== undefined) (span.attributes ??= []).push(attribute);
        break;
      }
      case tagOf(11, wireLen): {
        const n = lengthWithin(r, end);
        checkWithAttributes(r, r.pos + n, 3); // Event
        break;
      }
      case tagOf(13, wireLen): {
        const n = lengthWithin(r, end);
        checkWithAttributes(r, r.pos + n, 4); // Link
        break;
      }
      case tagOf(15, wireLen): {
        const stopLength = lengthWithin(r, end);
        const stop = r.pos + stopLength;
        span.code = 0;
        while (r.pos < stop) {
          const t = r.varint();
          if (t === tagOf(3, wireVarint)) span.code = r.varint();
          else r.skip(t & 7);
        }
        checkEnd(r, stop);
        break;
      }
      default:
        r.skip(tag & 7);
    }
  }
  checkEnd(r, end);
  return span;
}

/** The OTLP/JSON text of a Resource (its attributes) and its service name. */
function readResource(r: WireReader, start: number, end: number): { json: string; serviceName: string } {
  r.pos = start;
  checkWithAttributes(r, end, 1);
  r.pos = start;
  let serviceName: string | undefined;
  while (r.pos < end && serviceName === undefined) {
    const tag = r.varint();
    if (tag !== tagOf(1, wireLen)) {
      r.skip(tag & 7);
      continue;
    }
    const stopLength = r.length();
    const stop = r.pos + stopLength;
    let key = '';
    let value: string | undefined;
    while (r.pos < stop) {
      const t = r.varint();
      if (t === tagOf(1, wireLen)) key = r.string();
      else if (t === tagOf(2, wireLen)) {
        const valueEndLength = r.length();
        const valueEnd = r.pos + valueEndLength;
        value = undefined;
        while (r.pos < valueEnd) {
          const v = r.varint();
          if (v === tagOf(1, wireLen)) value = r.string();
          else {
            if ((v >>> 3) >= 2 && (v >>> 3) <= 8) value = undefined;
            r.skip(v & 7);
          }
        }
      } else r.skip(t & 7);
    }
    if (key === 'service.name' && value) serviceName = value;
  }
  r.pos = start;
  return { json: `{"attributes":${attributesJson(r, end, 1)}}`, serviceName: serviceName ?? 'unknown service' };
}

/** The OTLP/JSON text of an InstrumentationScope. */
function readScope(r: WireReader, start: number, end: number): string {
  r.pos = start;
  checkWithAttributes(r, end, 3);
  r.pos = start;
  let name = '';
  let version = '';
  let hasAttributes = false;
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === tagOf(1, wireLen)) name = r.string();
    else if (tag === tagOf(2, wireLen)) version = r.string();
    else {
      if (tag === tagOf(3, wireLen)) hasAttributes = true;
      r.skip(tag & 7);
    }
  }
  const parts: string[] = [];
  if (name) parts.push(`"name":${JSON.stringify(name)}`);
  if (version) parts.push(`"version":${JSON.stringify(version)}`);
  if (hasAttributes) {
    r.pos = start;
    parts.push(`"attributes":${attributesJson(r, end, 3)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Offsets of the length-delimited fields numbered `field` in the message `start`…`end` (in order). */
function fieldsOf(r: WireReader, start: number, end: number, field: number): number[] {
  const wanted = tagOf(field, wireLen);
  const out: number[] = [];
  r.pos = start;
  while (r.pos < end) {
    const tagStart = r.pos;
    const tag = r.varint();
    if (tag === wanted) {
      const n = lengthWithin(r, end);
      out.push(tagStart, r.pos, r.pos + n);
      r.pos += n;
    } else r.skip(tag & 7);
  }
  checkEnd(r, end);
  return out;
}

/** Store spans of a protobuf ExportTraceServiceRequest, or why the body is not one. Never throws. */
export function decodeProtoSpans(body: Uint8Array): ProtoDecoded {
  const buf = asBuffer(body);
  const r = new WireReader(buf);
  const spans: StoreSpan[] = [];
  const rejectReasons: string[] = [];
  let total = 0;
  let rejected = 0;
  const reject = (why: string) => {
    rejected++;
    if (rejectReasons.length < maxReasons) rejectReasons.push(why);
  };
  try {
    const groups = fieldsOf(r, 0, buf.length, 1);
    for (let g = 0; g < groups.length; g += 3) {
      const groupStart = groups[g + 1]!;
      const groupEnd = groups[g + 2]!;
      // The resource (field 1; the last one wins) may come after the scope groups.
      const resources = fieldsOf(r, groupStart, groupEnd, 1);
      const resourceAt = resources.length > 0 ? resources.slice(-2) : [0, 0];
      const resourceFields = readResource(r, resourceAt[0]!, resourceAt[1]!);
      const resourceText = resourceFields.json;
      const resource = { serviceName: resourceFields.serviceName };
      const scopeGroups = fieldsOf(r, groupStart, groupEnd, 2);
      for (let s = 0; s < scopeGroups.length; s += 3) {
        const scopeStart = scopeGroups[s + 1]!;
        const scopeEnd = scopeGroups[s + 2]!;
        const scopes = fieldsOf(r, scopeStart, scopeEnd, 1);
        const scopeText = scopes.length > 0 ? readScope(r, scopes.at(-2)!, scopes.at(-1)!) : '{}';
        const spanFields = fieldsOf(r, scopeStart, scopeEnd, 2);
        for (let i = 0; i < spanFields.length; i += 3) {
          total++;
          const fieldStart = spanFields[i]!;
          r.pos = spanFields[i + 1]!;
          const spanEnd = spanFields[i + 2]!;
          const span = scanSpan(r, spanEnd);
          const traceId = idOf(buf, span.traceId, 16);
          const spanId = idOf(buf, span.spanId, 8);
          const parent = idOf(buf, span.parentSpanId, 8);
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
            startNs: span.startNs,
            endNs: span.endNs,
            parentSpanId: parent === '' ? null : parent,
            name: span.name,
            status: statuses[span.code] ?? statuses[0]!,
            resource,
            attributes: span.attributes ?? noAttributes,
          };
          // The span's field as received (tag, length, message): chunks are these, back to back.
          spans.push({ traceId, spanId, resourceJson: resourceText, scopeJson: scopeText, encoded: buf.subarray(fieldStart, spanEnd), summary });
        }
      }
    }
  } catch (error) {
    const why = error instanceof WireError ? error.message : `${(error as Error).message}`;
    return { ok: false, message: `The body is not a protobuf ExportTraceServiceRequest (${why}).` };
  }
  return { ok: true, result: { spans, total, rejected, rejectReasons } };
}
