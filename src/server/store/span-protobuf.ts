/**
 * Spans kept as the protobuf bytes they were received in (OTLP/gRPC, OTLP/HTTP protobuf), turned
 * into OTLP/JSON text when a trace is read. A chunk's bytes are its spans as the `spans` fields
 * (number 2) of a ScopeSpans message, each exactly as received. The text is the shape the core
 * encoder writes (encode-otlp-json.ts): lower-case hex ids, int64 and times as exact decimal
 * strings, numeric enums, zero values omitted; so a span reads back the same whether it came as
 * protobuf or as OTLP/JSON.
 *
 * The receivers check every span's structure before storing it (ingest/proto-spans.ts), so this
 * reader does not meet malformed bytes; if it does (a damaged file), it stops at the damage and
 * keeps what it read before.
 */
import { WireReader, wireFixed64, wireLen, wireVarint } from './protobuf-wire.ts';

const str = JSON.stringify;

const isZero = (buf: Buffer, start: number, end: number): boolean => {
  for (let i = start; i < end; i++) if (buf[i] !== 0) return false;
  return true;
};

/** The hex of an id field of `size` bytes at the cursor, or '' when absent, zero or of another size. */
function idField(r: WireReader, size: number): string {
  const n = r.length();
  const start = r.pos;
  r.pos += n;
  return n === size && !isZero(r.buf, start, start + n) ? r.buf.toString('hex', start, start + n) : '';
}

/** One AnyValue message (the cursor at its first byte, ending at `end`) as OTLP/JSON text. */
function anyValueJson(r: WireReader, end: number): string {
  let json = '{}';
  while (r.pos < end) {
    const tag = r.varint();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1 && wire === wireLen) json = `{"stringValue":${str(r.string())}}`;
    else if (field === 2 && wire === wireVarint) json = `{"boolValue":${r.varint() !== 0}}`;
    else if (field === 3 && wire === wireVarint) json = `{"intValue":"${r.int64()}"}`;
    else if (field === 4 && wire === wireFixed64) {
      const d = r.double();
      json = `{"doubleValue":${Number.isFinite(d) ? str(d) : `"${d}"`}}`;
    } else if (field === 5 && wire === wireLen) {
      const n = r.length();
      const stop = r.pos + n;
      const values: string[] = [];
      while (r.pos < stop) {
        const t = r.varint();
        if (t === ((1 << 3) | wireLen)) {
          const m = r.length();
          values.push(anyValueJson(r, r.pos + m));
        } else r.skip(t & 7);
      }
      json = `{"arrayValue":{"values":[${values.join(',')}]}}`;
    } else if (field === 6 && wire === wireLen) {
      const n = r.length();
      json = `{"kvlistValue":{"values":${attributesJson(r, r.pos + n, 1)}}}`;
    } else if (field === 7 && wire === wireLen) {
      const n = r.length();
      json = `{"bytesValue":"${r.buf.toString('base64', r.pos, r.pos + n)}"}`;
      r.pos += n;
    } else if (field === 8) {
      // string_value_strindex (profiles only): not a value the viewer shows.
      r.skip(wire);
      json = '{}';
    } else r.skip(wire);
  }
  r.pos = end;
  return json;
}

/** One KeyValue message as OTLP/JSON text. */
function keyValueJson(r: WireReader, end: number): string {
  let key = '';
  let value = '{}';
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === ((1 << 3) | wireLen)) key = r.string();
    else if (tag === ((2 << 3) | wireLen)) {
      const n = r.length();
      value = anyValueJson(r, r.pos + n);
    } else r.skip(tag & 7);
  }
  r.pos = end;
  return `{"key":${str(key)},"value":${value}}`;
}

/** The KeyValue fields numbered `field` of the message ending at `end`, as an OTLP/JSON list. */
export function attributesJson(r: WireReader, end: number, field: number): string {
  const wanted = (field << 3) | wireLen;
  const out: string[] = [];
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === wanted) {
      const n = r.length();
      out.push(keyValueJson(r, r.pos + n));
    } else r.skip(tag & 7);
  }
  r.pos = end;
  return `[${out.join(',')}]`;
}

function eventJson(r: WireReader, end: number): string {
  let time = 0n;
  let name = '';
  const attributes: string[] = [];
  let dropped = 0;
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === ((1 << 3) | wireFixed64)) time = r.fixed64();
    else if (tag === ((2 << 3) | wireLen)) name = r.string();
    else if (tag === ((3 << 3) | wireLen)) {
      const n = r.length();
      attributes.push(keyValueJson(r, r.pos + n));
    } else if (tag === ((4 << 3) | wireVarint)) dropped = r.varint();
    else r.skip(tag & 7);
  }
  r.pos = end;
  let out = `{"timeUnixNano":"${time}","name":${str(name)}`;
  if (attributes.length > 0) out += `,"attributes":[${attributes.join(',')}]`;
  if (dropped) out += `,"droppedAttributesCount":${dropped}`;
  return `${out}}`;
}

/** A link as OTLP/JSON text, or undefined when its ids are not valid (such links are dropped). */
function linkJson(r: WireReader, end: number): string | undefined {
  let traceId = '';
  let spanId = '';
  let traceState = '';
  const attributes: string[] = [];
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === ((1 << 3) | wireLen)) traceId = idField(r, 16);
    else if (tag === ((2 << 3) | wireLen)) spanId = idField(r, 8);
    else if (tag === ((3 << 3) | wireLen)) traceState = r.string();
    else if (tag === ((4 << 3) | wireLen)) {
      const n = r.length();
      attributes.push(keyValueJson(r, r.pos + n));
    } else r.skip(tag & 7);
  }
  r.pos = end;
  if (!traceId || !spanId) return undefined;
  let out = `{"traceId":"${traceId}","spanId":"${spanId}"`;
  if (traceState) out += `,"traceState":${str(traceState)}`;
  if (attributes.length > 0) out += `,"attributes":[${attributes.join(',')}]`;
  return `${out}}`;
}

/** One Span message (bytes `start`…`end` of `r.buf`) as OTLP/JSON Span text. */
export function spanJson(r: WireReader, end: number): string {
  let traceId = '';
  let spanId = '';
  let traceState = '';
  let parentSpanId = '';
  let name = '';
  let kind = 0;
  let startNs = 0n;
  let endNs = 0n;
  const attributes: string[] = [];
  let droppedAttributes = 0;
  const events: string[] = [];
  let droppedEvents = 0;
  const links: string[] = [];
  let droppedLinks = 0;
  let code = 0;
  let message = '';
  while (r.pos < end) {
    const tag = r.varint();
    switch (tag) {
      case (1 << 3) | wireLen:
        traceId = idField(r, 16);
        break;
      case (2 << 3) | wireLen:
        spanId = idField(r, 8);
        break;
      case (3 << 3) | wireLen:
        traceState = r.string();
        break;
      case (4 << 3) | wireLen:
        parentSpanId = idField(r, 8);
        break;
      case (5 << 3) | wireLen:
        name = r.string();
        break;
      case (6 << 3) | wireVarint:
        kind = r.varint();
        break;
      case (7 << 3) | wireFixed64:
        startNs = r.fixed64();
        break;
      case (8 << 3) | wireFixed64:
        endNs = r.fixed64();
        break;
      case (9 << 3) | wireLen: {
        const n = r.length();
        attributes.push(keyValueJson(r, r.pos + n));
        break;
      }
      case (10 << 3) | wireVarint:
        droppedAttributes = r.varint();
        break;
      case (11 << 3) | wireLen: {
        const n = r.length();
        events.push(eventJson(r, r.pos + n));
        break;
      }
      case (12 << 3) | wireVarint:
        droppedEvents = r.varint();
        break;
      case (13 << 3) | wireLen: {
        const n = r.length();
        const link = linkJson(r, r.pos + n);
        if (link !== undefined) links.push(link);
        break;
      }
      case (14 << 3) | wireVarint:
        droppedLinks = r.varint();
        break;
      case (15 << 3) | wireLen: {
        const n = r.length();
        const stop = r.pos + n;
        code = 0;
        message = '';
        while (r.pos < stop) {
          const t = r.varint();
          if (t === ((2 << 3) | wireLen)) message = r.string();
          else if (t === ((3 << 3) | wireVarint)) code = r.varint();
          else r.skip(t & 7);
        }
        r.pos = stop;
        break;
      }
      default:
        r.skip(tag & 7);
    }
  }
  r.pos = end;
  let out = `{"traceId":"${traceId}","spanId":"${spanId}"`;
  if (traceState) out += `,"traceState":${str(traceState)}`;
  if (parentSpanId) out += `,"parentSpanId":"${parentSpanId}"`;
  out += `,"name":${str(name)}`;
  if (kind > 0 && kind <= 5) out += `,"kind":${kind}`;
  out += `,"startTimeUnixNano":"${startNs}","endTimeUnixNano":"${endNs}"`;
  if (attributes.length > 0) out += `,"attributes":[${attributes.join(',')}]`;
  if (droppedAttributes) out += `,"droppedAttributesCount":${droppedAttributes}`;
  if (events.length > 0) out += `,"events":[${events.join(',')}]`;
  if (droppedEvents) out += `,"droppedEventsCount":${droppedEvents}`;
  if (links.length > 0) out += `,"links":[${links.join(',')}]`;
  if (droppedLinks) out += `,"droppedLinksCount":${droppedLinks}`;
  const known = code === 1 || code === 2;
  out += `,"status":{${known ? `"code":${code}` : ''}${message ? `${known ? ',' : ''}"message":${str(message)}` : ''}}}`;
  return out;
}

/**
 * A chunk's protobuf bytes (its spans as ScopeSpans `spans` fields) as the OTLP/JSON text of its
 * spans, comma-separated, the way JSON chunks hold them.
 */
export function chunkSpansJson(bytes: Buffer): string {
  const r = new WireReader(bytes);
  const out: string[] = [];
  try {
    while (r.pos < r.end) {
      const tag = r.varint();
      if (tag !== ((2 << 3) | wireLen)) {
        r.skip(tag & 7);
        continue;
      }
      const n = r.length();
      out.push(spanJson(r, r.pos + n));
    }
  } catch {
    // Damaged bytes: the spans read before the damage are kept.
  }
  return out.join(',');
}
