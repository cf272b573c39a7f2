/**
 * Jaeger internal/UI JSON traces (formats.md §8) → SpanRecords.
 * Processes become shared resources; typed tags become attributes (int64 beyond 2^53 arrives as a
 * string and stays exact); logs become events (µs, name from the `event` field). The first
 * same-trace CHILD_OF reference is the parent; every other reference becomes a link tagged
 * `opentracing.ref_type`. The tags `span.kind`, `otel.status_code`, `otel.status_description`,
 * `otel.scope.name`/`version` and `w3c.tracestate` become span fields and leave the attribute
 * list; `error=true` marks the status as error and is kept. Duplicate span ids are kept.
 */
import type { Attribute, AttrValue } from '../model/attributes.ts';
import type { EventRecord, Resource, SpanKind, SpanLink, SpanRecord, StatusCode } from '../model/span.ts';
import { normalizeId } from '../model/ids.ts';
import { epochNs } from '../model/time.ts';
import type { DecodeSink } from './decode-sink.ts';
import { plainToAttrValue } from './plain-attributes.ts';
import { isRecord, parseInt64, parseSpanKind, parseStatusCode, preview, safeStringify } from './wire-values.ts';

export const looksLikeJaegerTrace = (value: unknown): boolean =>
  isRecord(value) &&
  Array.isArray(value.spans) &&
  ('processes' in value || 'traceID' in value || (isRecord(value.spans[0]) && 'spanID' in value.spans[0]));

export function decodeJaegerTraces(traces: readonly unknown[], sink: DecodeSink, path: string): void {
  for (let t = 0; t < traces.length; t++) {
    const trace: unknown = traces[t];
    const here = traces.length === 1 && path === '' ? '' : `${path}[${t}]`;
    if (!looksLikeJaegerTrace(trace) || !isRecord(trace)) {
      sink.skip(here || '(trace)', `expected a Jaeger trace object with spans, got ${preview(trace)}`);
      continue;
    }
    if (Array.isArray(trace.warnings)) for (const warning of trace.warnings) sink.warn(`Jaeger: ${String(warning)}`);
    const resources = new Map<string, Resource>();
    const processes = isRecord(trace.processes) ? trace.processes : {};
    const spans = trace.spans as unknown[];
    for (let i = 0; i < spans.length; i++) {
      sink.done = (t + i / spans.length) / traces.length;
      const span = decodeJaegerSpan(spans[i], processes, resources, sink, `${here ? `${here}.` : ''}spans[${i}]`);
      if (span) sink.add(span);
    }
  }
}

function resourceFor(
  raw: Record<string, unknown>,
  processes: Record<string, unknown>,
  cache: Map<string, Resource>,
  sink: DecodeSink,
): Resource {
  const id = typeof raw.processID === 'string' ? raw.processID : '';
  const cached = cache.get(id);
  if (cached && !isRecord(raw.process)) return cached;
  const process = isRecord(raw.process) ? raw.process : processes[id];
  const attributes: Attribute[] = [];
  if (isRecord(process)) {
    if (typeof process.serviceName === 'string') attributes.push({ key: 'service.name', value: { type: 'string', value: process.serviceName } });
    for (const attribute of tagsOf(process.tags, sink)) if (attribute.key !== 'service.name') attributes.push(attribute);
  }
  const resource = sink.groups.resource(attributes);
  if (!isRecord(raw.process)) cache.set(id, resource);
  return resource;
}

function decodeJaegerSpan(
  raw: unknown,
  processes: Record<string, unknown>,
  resources: Map<string, Resource>,
  sink: DecodeSink,
  path: string,
): SpanRecord | undefined {
  if (!isRecord(raw)) {
    sink.skip(path, `expected a span object, got ${preview(raw)}`);
    return undefined;
  }
  const traceId = normalizeId(raw.traceID, 'trace');
  const spanId = normalizeId(raw.spanID, 'span');
  if (!traceId || !spanId) {
    const field = traceId ? 'spanID' : 'traceID';
    sink.skip(`${path}.${field}`, `${field} ${preview(raw[field])} is missing or unreadable; the span was skipped.`);
    return undefined;
  }
  const startUs = parseInt64(raw.startTime);
  const durationUs = parseInt64(raw.duration ?? 0);
  const start = startUs === undefined ? undefined : startUs * 1000n;
  const end = start === undefined || durationUs === undefined ? undefined : start + durationUs * 1000n;
  if (!sink.acceptTimes(start, end, path, ['startTime', 'duration', raw.startTime, raw.duration])) return undefined;

  let parentSpanId: string | null = null;
  const links: SpanLink[] = [];
  const references = Array.isArray(raw.references) ? raw.references : [];
  for (const ref of references) {
    if (!isRecord(ref)) continue;
    const refTrace: string = normalizeId(ref.traceID, 'trace') || traceId;
    const refSpan = normalizeId(ref.spanID, 'span');
    if (!refSpan) continue;
    const type = ref.refType === 'CHILD_OF' ? 'child_of' : typeof ref.refType === 'string' ? ref.refType.toLowerCase() : 'child_of';
    if (parentSpanId === null && type === 'child_of' && refTrace === traceId) parentSpanId = refSpan;
    else links.push({ traceId: refTrace, spanId: refSpan, traceState: '', attributes: [{ key: 'opentracing.ref_type', value: { type: 'string', value: type } }] });
  }
  if (parentSpanId === null && typeof raw.parentSpanID === 'string') parentSpanId = normalizeId(raw.parentSpanID, 'span') || null;

  let kind: SpanKind = 'unspecified';
  let code: StatusCode = 'unset';
  let message = '';
  let error = false;
  let scopeName = '';
  let scopeVersion = '';
  let traceState = '';
  const attributes: Attribute[] = [];
  for (const attribute of tagsOf(raw.tags, sink)) {
    const { key, value } = attribute;
    const text = value.type === 'string' ? value.value : '';
    if (key === 'span.kind') kind = parseSpanKind(text) ?? 'unspecified';
    else if (key === 'otel.status_code') code = parseStatusCode(text) ?? 'unset';
    else if (key === 'otel.status_description') message = text;
    else if (key === 'otel.scope.name' || key === 'otel.library.name') scopeName = text;
    else if (key === 'otel.scope.version' || key === 'otel.library.version') scopeVersion = text;
    else if (key === 'w3c.tracestate') traceState = text;
    else {
      if (key === 'error' && (value.type === 'bool' ? value.value : text === 'true')) error = true;
      attributes.push(attribute);
    }
  }
  if (code === 'unset' && error) code = 'error';
  if (Array.isArray(raw.warnings)) for (const warning of raw.warnings) sink.warn(`Jaeger, span ${spanId}: ${String(warning)}`);

  return {
    traceId,
    spanId,
    parentSpanId,
    name: typeof raw.operationName === 'string' ? raw.operationName : '',
    kind,
    startNs: epochNs(start!),
    endNs: epochNs(end!),
    attributes,
    events: decodeLogs(raw.logs, sink, `${path}.logs`),
    links,
    status: { code, message },
    resource: resourceFor(raw, processes, resources, sink),
    scope: sink.groups.scope(scopeName, scopeVersion),
    traceState,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/**
 * Typed Jaeger tags/fields as attributes; untyped values are read as plain JSON. Short string, bool
 * and int values go through the decode's interner, so spans share identical ones (and a repeated
 * int skips parsing).
 */
function tagsOf(raw: unknown, sink: DecodeSink): Attribute[] {
  if (!Array.isArray(raw)) return [];
  const out: Attribute[] = [];
  const interner = sink.attributes;
  for (let i = 0; i < raw.length; i++) {
    const tag: unknown = raw[i];
    if (!isRecord(tag)) continue;
    const key = tag.key;
    if (typeof key !== 'string') continue;
    const { type, value } = tag;
    // Jaeger writes the type in lower case; anything else takes the general path below.
    if (type === 'string' && typeof value === 'string') out.push(interner.string(key, value));
    else if (type === 'bool' && typeof value === 'boolean') out.push(interner.bool(key, value));
    else if (type === 'int64' && (typeof value === 'number' || typeof value === 'string')) {
      const known = interner.knownInt(key, value);
      if (known) out.push(known);
      else {
        const int = parseInt64(value);
        out.push(int !== undefined ? interner.int(key, value, int) : { key, value: tagValue(type, value) });
      }
    } else out.push({ key, value: tagValue(type, value) });
  }
  return out;
}

function tagValue(type: unknown, value: unknown): AttrValue {
  switch (typeof type === 'string' ? type.toLowerCase() : '') {
    case 'string':
      return { type: 'string', value: typeof value === 'string' ? value : safeStringify(value) };
    case 'bool':
      if (typeof value === 'boolean' || value === 'true' || value === 'false') return { type: 'bool', value: value === true || value === 'true' };
      break;
    case 'int64': {
      const int = parseInt64(value);
      if (int !== undefined) return { type: 'int', value: int };
      break;
    }
    case 'float64': {
      const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      if (!Number.isNaN(number) || value === 'NaN') return { type: 'double', value: number };
      break;
    }
    case 'binary':
      if (typeof value === 'string') return { type: 'bytes', base64: value };
      break;
  }
  return plainToAttrValue(value);
}

function decodeLogs(raw: unknown, sink: DecodeSink, path: string): readonly EventRecord[] {
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const events: EventRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const log: unknown = raw[i];
    const micros = isRecord(log) ? parseInt64(log.timestamp) : undefined;
    if (!isRecord(log) || micros === undefined || micros < 0n) {
      sink.skip(`${path}[${i}].timestamp`, 'log without a readable timestamp; the event was skipped');
      continue;
    }
    let name = '';
    const attributes: Attribute[] = [];
    for (const attribute of tagsOf(log.fields, sink)) {
      const { key, value } = attribute;
      if (key === 'event' && value.type === 'string' && name === '') name = value.value;
      else attributes.push(attribute);
    }
    events.push({ name, timeNs: epochNs(micros * 1000n), attributes, droppedAttributesCount: 0 });
  }
  return events;
}
