/**
 * A built Trace → standard OTLP/JSON TracesData (the shape the collector's file exporter and
 * OTLP/HTTP JSON use): lower-case hex ids, int64 as decimal strings, numeric enums, zero values
 * omitted. Spans are grouped by their (shared) Resource and Scope objects, in first-seen order.
 * Span times are `trace.startNs` plus the span's offset; events keep their exact `timeNs`.
 */
import type { Attribute, AttrValue } from '../model/attributes.ts';
import type { Resource, Scope, Span, SpanKind, SpanRecord, StatusCode } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';

type JsonObject = Record<string, unknown>;

const kindNumber: Record<SpanKind, number> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const statusNumber: Record<StatusCode, number> = { unset: 0, ok: 1, error: 2 };

export function encodeOtlpJson(trace: Trace): { resourceSpans: JsonObject[] } {
  const groups = new Map<Resource, Map<Scope, JsonObject[]>>();
  for (const span of trace.spans) {
    let scopes = groups.get(span.resource);
    if (!scopes) groups.set(span.resource, (scopes = new Map()));
    let spans = scopes.get(span.scope);
    if (!spans) scopes.set(span.scope, (spans = []));
    spans.push(encodeSpan(span, trace.startNs));
  }
  const resourceSpans: JsonObject[] = [];
  for (const [resource, scopes] of groups) {
    const scopeSpans: JsonObject[] = [];
    for (const [scope, spans] of scopes) scopeSpans.push({ scope: encodeScope(scope), spans });
    resourceSpans.push({ resource: encodeResource(resource), scopeSpans });
  }
  return { resourceSpans };
}

/** A Resource as its OTLP/JSON message (`{attributes}`). */
export function encodeResource(resource: Resource): JsonObject {
  return { attributes: encodeAttributes(resource.attributes) };
}

/**
 * One decoded span (exact epoch times) as an OTLP/JSON Span, for stores that keep spans one by
 * one and group them under their resource and scope when a trace is read back.
 */
export function encodeSpanRecord(span: SpanRecord): JsonObject {
  return encodeSpanAt(span, span.startNs, span.endNs);
}

export function encodeScope(scope: Scope): JsonObject {
  const out: JsonObject = {};
  if (scope.name) out.name = scope.name;
  if (scope.version) out.version = scope.version;
  if (scope.attributes.length > 0) out.attributes = encodeAttributes(scope.attributes);
  return out;
}

function encodeSpan(span: Span, zero: bigint): JsonObject {
  return encodeSpanAt(span, zero + BigInt(Math.round(span.start)), zero + BigInt(Math.round(span.end)));
}

/** A built span and a decoded span share everything the encoder reads but their times. */
function encodeSpanAt(span: Omit<SpanRecord, 'startNs' | 'endNs'>, startNs: bigint, endNs: bigint): JsonObject {
  const out: JsonObject = { traceId: span.traceId, spanId: span.spanId };
  if (span.traceState) out.traceState = span.traceState;
  if (span.parentSpanId) out.parentSpanId = span.parentSpanId;
  out.name = span.name;
  if (span.kind !== 'unspecified') out.kind = kindNumber[span.kind];
  out.startTimeUnixNano = startNs.toString();
  out.endTimeUnixNano = endNs.toString();
  if (span.attributes.length > 0) out.attributes = encodeAttributes(span.attributes);
  if (span.droppedAttributesCount > 0) out.droppedAttributesCount = span.droppedAttributesCount;
  if (span.events.length > 0)
    out.events = span.events.map((event) => {
      const encoded: JsonObject = { timeUnixNano: event.timeNs.toString(), name: event.name };
      if (event.attributes.length > 0) encoded.attributes = encodeAttributes(event.attributes);
      if (event.droppedAttributesCount > 0) encoded.droppedAttributesCount = event.droppedAttributesCount;
      return encoded;
    });
  if (span.droppedEventsCount > 0) out.droppedEventsCount = span.droppedEventsCount;
  if (span.links.length > 0)
    out.links = span.links.map((link) => {
      const encoded: JsonObject = { traceId: link.traceId, spanId: link.spanId };
      if (link.traceState) encoded.traceState = link.traceState;
      if (link.attributes.length > 0) encoded.attributes = encodeAttributes(link.attributes);
      return encoded;
    });
  if (span.droppedLinksCount > 0) out.droppedLinksCount = span.droppedLinksCount;
  const status: JsonObject = {};
  if (span.status.code !== 'unset') status.code = statusNumber[span.status.code];
  if (span.status.message) status.message = span.status.message;
  out.status = status;
  return out;
}

function encodeAttributes(attributes: readonly Attribute[]): JsonObject[] {
  return attributes.map((attribute) => ({ key: attribute.key, value: encodeAnyValue(attribute.value) }));
}

/** One typed value as an OTLP/JSON AnyValue. Non-finite doubles become "NaN"/"Infinity" strings. */
export function encodeAnyValue(value: AttrValue): JsonObject {
  switch (value.type) {
    case 'string':
      return { stringValue: value.value };
    case 'bool':
      return { boolValue: value.value };
    case 'int':
      return { intValue: value.value.toString() };
    case 'double':
      return { doubleValue: Number.isFinite(value.value) ? value.value : String(value.value) };
    case 'bytes':
      return { bytesValue: value.base64 };
    case 'array':
      return { arrayValue: { values: value.values.map(encodeAnyValue) } };
    case 'map':
      return { kvlistValue: { values: encodeAttributes(value.entries) } };
    case 'empty':
      return {};
  }
}
