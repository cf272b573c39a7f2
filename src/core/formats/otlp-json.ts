/**
 * OTLP/JSON TracesData → SpanRecords (formats.md §6).
 * Accepts `resourceSpans` or Tempo v1 `batches`, `scopeSpans` or the old
 * `instrumentationLibrarySpans`/`instrumentationLibrary`, and proto (snake_case) field names.
 * One linear pass; the Resource and Scope objects of a group are shared by its spans.
 * Bad spans, events, links and attributes are skipped with a path and a reason.
 */
import type { EventRecord, Resource, Scope, SpanLink, SpanRecord } from '../model/span.ts';
import { normalizeId } from '../model/ids.ts';
import { epochNs } from '../model/time.ts';
import { decodeKeyValues } from './any-value.ts';
import type { DecodeSink } from './decode-sink.ts';
import { emptyScope, makeResource, unknownResource } from './resource-scope.ts';
import { isRecord, parseCount, parseInt64, parseSpanKind, parseStatusCode, preview } from './wire-values.ts';

const noEvents: readonly EventRecord[] = Object.freeze([]);
const noLinks: readonly SpanLink[] = Object.freeze([]);
const unsetStatus = Object.freeze({ code: 'unset' as const, message: '' });
/** The statuses without a message, one shared object each. */
const sharedStatus = {
  unset: unsetStatus,
  ok: Object.freeze({ code: 'ok' as const, message: '' }),
  error: Object.freeze({ code: 'error' as const, message: '' }),
};

/** The list of ResourceSpans in a TracesData-like object, or undefined if it has none. */
function resourceSpansOf(doc: Record<string, unknown>): unknown {
  return doc.resourceSpans ?? doc.batches ?? doc.resource_spans;
}

export const looksLikeTracesData = (doc: Record<string, unknown>): boolean =>
  'resourceSpans' in doc || 'batches' in doc || 'resource_spans' in doc;

/** Decodes one TracesData object. `path` prefixes every reported location. */
export function decodeTracesData(doc: Record<string, unknown>, sink: DecodeSink, path = '', line?: number): void {
  const key = 'resourceSpans' in doc ? 'resourceSpans' : 'batches' in doc ? 'batches' : 'resource_spans';
  const list = resourceSpansOf(doc);
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    sink.skip(`${path}${key}`, `expected a list, got ${preview(list)}`, line);
    return;
  }
  for (let r = 0; r < list.length; r++) {
    const item: unknown = list[r];
    const here = `${path}${key}[${r}]`;
    if (line === undefined) sink.done = r / list.length;
    if (!isRecord(item)) {
      sink.skip(here, `expected a ResourceSpans object, got ${preview(item)}`, line);
      continue;
    }
    decodeResourceSpans(item, sink, here, line);
  }
}

function decodeResourceSpans(group: Record<string, unknown>, sink: DecodeSink, path: string, line?: number): void {
  const rawResource = group.resource;
  const resource: Resource = isRecord(rawResource)
    ? makeResource(decodeKeyValues(rawResource.attributes, sink, path, 'resource.attributes', line))
    : unknownResource;
  const scopeKey =
    'scopeSpans' in group ? 'scopeSpans' : 'instrumentationLibrarySpans' in group ? 'instrumentationLibrarySpans' : 'scope_spans';
  const scopes = group.scopeSpans ?? group.instrumentationLibrarySpans ?? group.scope_spans ?? group.instrumentation_library_spans;
  if (scopes === undefined || scopes === null) return;
  if (!Array.isArray(scopes)) {
    sink.skip(`${path}.${scopeKey}`, `expected a list, got ${preview(scopes)}`, line);
    return;
  }
  for (let s = 0; s < scopes.length; s++) {
    const scopeGroup: unknown = scopes[s];
    const here = `${path}.${scopeKey}[${s}]`;
    if (!isRecord(scopeGroup)) {
      sink.skip(here, `expected a ScopeSpans object, got ${preview(scopeGroup)}`, line);
      continue;
    }
    const scope = decodeScope(scopeGroup.scope ?? scopeGroup.instrumentationLibrary ?? scopeGroup.instrumentation_library, sink, here, line);
    decodeSpanList(scopeGroup.spans, resource, scope, sink, `${here}.spans`, line);
  }
}

/** An OTLP/JSON InstrumentationScope object as a Scope (emptyScope when there is none). */
export function decodeScope(raw: unknown, sink: DecodeSink, path: string, line?: number): Scope {
  if (!isRecord(raw)) return emptyScope;
  const name = typeof raw.name === 'string' ? raw.name : '';
  const version = typeof raw.version === 'string' ? raw.version : '';
  const attributes = decodeKeyValues(raw.attributes, sink, path, 'scope.attributes', line);
  return name === '' && version === '' && attributes.length === 0 ? emptyScope : { name, version, attributes };
}

/** Decodes a list of OTLP spans that share one resource and scope. */
export function decodeSpanList(
  list: unknown,
  resource: Resource,
  scope: Scope,
  sink: DecodeSink,
  path: string,
  line?: number,
): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    sink.skip(path, `expected a list of spans, got ${preview(list)}`, line);
    return;
  }
  for (let i = 0; i < list.length; i++) {
    const span = decodeOtlpSpan(list[i], resource, scope, sink, path, i, line);
    if (!span) continue;
    sink.add(span);
    if (span.attributes.length > 0) reportJaegerWarnings(span, sink);
  }
}

/** Jaeger API v3 carries its own warnings about a span (clock skew, dropped data) in this attribute. */
const jaegerWarningsKey = '@jaeger@warnings';

function reportJaegerWarnings(span: SpanRecord, sink: DecodeSink): void {
  for (const attribute of span.attributes) {
    if (attribute.key !== jaegerWarningsKey) continue;
    const value = attribute.value;
    const texts = value.type === 'array' ? value.values.map((v) => (v.type === 'string' ? v.value : '')) : value.type === 'string' ? [value.value] : [];
    for (const text of texts) if (text !== '') sink.warn(`Jaeger warns about span "${span.name}": ${text}`);
  }
}

/**
 * One OTLP span (item `index` of the list at `listPath`), or undefined (with a skip entry) when
 * its ids or times cannot be read. Its path string is built only when something is reported.
 */
function decodeOtlpSpan(
  raw: unknown,
  resource: Resource,
  scope: Scope,
  sink: DecodeSink,
  listPath: string,
  index: number,
  line?: number,
): SpanRecord | undefined {
  if (!isRecord(raw)) {
    sink.skip(`${listPath}[${index}]`, `expected a span object, got ${preview(raw)}`, line);
    return undefined;
  }
  const rawTraceId = raw.traceId ?? raw.trace_id;
  const traceId = normalizeId(rawTraceId, 'trace');
  if (!traceId) return skipId(sink, `${listPath}[${index}].traceId`, 'trace id', rawTraceId, line);
  const rawSpanId = raw.spanId ?? raw.span_id;
  const spanId = normalizeId(rawSpanId, 'span');
  if (!spanId) return skipId(sink, `${listPath}[${index}].spanId`, 'span id', rawSpanId, line);
  const rawParent = raw.parentSpanId ?? raw.parent_span_id;
  const parentSpanId = normalizeId(rawParent, 'span');
  if (parentSpanId === undefined) return skipId(sink, `${listPath}[${index}].parentSpanId`, 'parent span id', rawParent, line);

  const rawStart = raw.startTimeUnixNano ?? raw.start_time_unix_nano ?? 0;
  const rawEnd = raw.endTimeUnixNano ?? raw.end_time_unix_nano ?? 0;
  const start = parseInt64(rawStart);
  const end = parseInt64(rawEnd);
  // The sink's time policy only has something to say when a time is missing, negative or reversed.
  if (start === undefined || end === undefined || start < 0n || end < start) {
    const fields = ['startTimeUnixNano', 'endTimeUnixNano', rawStart, rawEnd] as const;
    if (!sink.acceptTimes(start, end, `${listPath}[${index}]`, fields, line)) return undefined;
  }
  let kind = parseSpanKind(raw.kind);
  if (kind === undefined) {
    sink.skip(`${listPath}[${index}].kind`, `unknown span kind ${preview(raw.kind)}; shown as unspecified`, line);
    kind = 'unspecified';
  }
  const name = typeof raw.name === 'string' ? raw.name : raw.name == null ? '' : String(raw.name);
  const rawState = raw.traceState ?? raw.trace_state;
  // Paths are built only when something is reported (this runs for every span of big files),
  // so the helpers get the list path and the index.
  return {
    traceId,
    spanId,
    parentSpanId: parentSpanId === '' ? null : parentSpanId,
    name,
    kind,
    startNs: epochNs(start!),
    endNs: epochNs(end!),
    attributes: decodeKeyValues(raw.attributes, sink, listPath, 'attributes', line, index),
    events: decodeEvents(raw.events, sink, listPath, index, line),
    links: decodeLinks(raw.links, sink, listPath, index, line),
    status: decodeStatus(raw.status, sink, listPath, index, line),
    resource,
    scope,
    traceState: typeof rawState === 'string' ? rawState : '',
    droppedAttributesCount: count(raw.droppedAttributesCount ?? raw.dropped_attributes_count),
    droppedEventsCount: count(raw.droppedEventsCount ?? raw.dropped_events_count),
    droppedLinksCount: count(raw.droppedLinksCount ?? raw.dropped_links_count),
  };
}

const count = (raw: unknown): number => parseCount(raw) ?? 0;

function skipId(sink: DecodeSink, path: string, what: string, raw: unknown, line?: number): undefined {
  const why = normalizeId(raw, 'span') === '' || raw === '' ? `the ${what} is missing or all zeros` : `the ${what} ${preview(raw)} is neither hex nor base64`;
  sink.skip(path, `${why}; the span was skipped.`, line);
  return undefined;
}

function decodeStatus(raw: unknown, sink: DecodeSink, listPath: string, index: number, line?: number): SpanRecord['status'] {
  if (!isRecord(raw)) return unsetStatus;
  let code = parseStatusCode(raw.code);
  if (code === undefined) {
    sink.skip(`${listPath}[${index}].status.code`, `unknown status code ${preview(raw.code)}; shown as unset`, line);
    code = 'unset';
  }
  const message = typeof raw.message === 'string' ? raw.message : '';
  if (message === '') return sharedStatus[code];
  return { code, message };
}

function decodeEvents(raw: unknown, sink: DecodeSink, listPath: string, index: number, line?: number): readonly EventRecord[] {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) return noEvents;
  const spanPath = `${listPath}[${index}]`;
  const path = (i?: number): string => (i === undefined ? `${spanPath}.events` : `${spanPath}.events[${i}]`);
  if (!Array.isArray(raw)) {
    sink.skip(path(), `expected a list of events, got ${preview(raw)}`, line);
    return noEvents;
  }
  if (raw.length === 0) return noEvents;
  const events: EventRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const event: unknown = raw[i];
    if (!isRecord(event)) {
      sink.skip(path(i), `expected an event object, got ${preview(event)}`, line);
      continue;
    }
    const rawTime = event.timeUnixNano ?? event.time_unix_nano ?? 0;
    const time = parseInt64(rawTime);
    if (time === undefined || time < 0n) {
      sink.skip(`${path(i)}.timeUnixNano`, `event time ${preview(rawTime)} is not readable; the event was skipped`, line);
      continue;
    }
    events.push({
      name: typeof event.name === 'string' ? event.name : '',
      timeNs: epochNs(time),
      attributes: decodeKeyValues(event.attributes, sink, spanPath, `events[${i}].attributes`, line),
      droppedAttributesCount: count(event.droppedAttributesCount ?? event.dropped_attributes_count),
    });
  }
  return events;
}

function decodeLinks(raw: unknown, sink: DecodeSink, listPath: string, index: number, line?: number): readonly SpanLink[] {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) return noLinks;
  const spanPath = `${listPath}[${index}]`;
  if (!Array.isArray(raw)) {
    sink.skip(`${spanPath}.links`, `expected a list of links, got ${preview(raw)}`, line);
    return noLinks;
  }
  if (raw.length === 0) return noLinks;
  const links: SpanLink[] = [];
  for (let i = 0; i < raw.length; i++) {
    const link: unknown = raw[i];
    const traceId = isRecord(link) ? normalizeId(link.traceId ?? link.trace_id, 'trace') : undefined;
    const spanId = isRecord(link) ? normalizeId(link.spanId ?? link.span_id, 'span') : undefined;
    if (!isRecord(link) || !traceId || !spanId) {
      sink.skip(`${spanPath}.links[${i}]`, 'link without a readable trace id and span id; the link was skipped', line);
      continue;
    }
    const state = link.traceState ?? link.trace_state;
    links.push({
      traceId,
      spanId,
      traceState: typeof state === 'string' ? state : '',
      attributes: decodeKeyValues(link.attributes, sink, spanPath, `links[${i}].attributes`, line),
    });
  }
  return links;
}
