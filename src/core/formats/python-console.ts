/**
 * The Python SDK's ConsoleSpanExporter output → SpanRecords (formats.md §6). Not OTLP: one
 * pretty-printed object per span, concatenated; `context.trace_id`/`span_id` with `0x`,
 * `parent_id`, `kind: "SpanKind.INTERNAL"`, `status.status_code`, ISO times, plain attributes and
 * a `resource` per span (interned, so equal resources are one object). The stream is split into
 * objects by `json-stream.ts`; this module reads one object at a time.
 */
import type { EventRecord, SpanLink, SpanRecord } from '../model/span.ts';
import { normalizeId } from '../model/ids.ts';
import { epochNs, parseIsoToEpochNs } from '../model/time.ts';
import type { DecodeSink } from './decode-sink.ts';
import { plainAttributes } from './plain-attributes.ts';
import { isRecord, parseSpanKind, parseStatusCode, preview } from './wire-values.ts';

export const looksLikeConsoleSpan = (value: unknown): boolean =>
  isRecord(value) && isRecord(value.context) && 'span_id' in value.context && 'trace_id' in value.context;

/** Decodes console span objects; `lines` gives the 1-based line where each object began. */
export function decodeConsoleSpans(objects: readonly unknown[], sink: DecodeSink, path: string, lines?: readonly number[]): void {
  for (let i = 0; i < objects.length; i++) {
    const line = lines?.[i];
    const span = decodeConsoleSpan(objects[i], sink, path || (line === undefined ? `[${i}]` : 'span'), line);
    if (span) sink.add(span);
  }
}

function decodeConsoleSpan(raw: unknown, sink: DecodeSink, path: string, line?: number): SpanRecord | undefined {
  if (!looksLikeConsoleSpan(raw) || !isRecord(raw) || !isRecord(raw.context)) {
    sink.skip(path, `not a console span (no context.trace_id/span_id), got ${preview(raw)}`, line);
    return undefined;
  }
  const context = raw.context;
  const traceId = normalizeId(context.trace_id, 'trace');
  const spanId = normalizeId(context.span_id, 'span');
  const parent = normalizeId(raw.parent_id, 'span');
  if (!traceId || !spanId || parent === undefined) {
    const field = !traceId ? 'context.trace_id' : !spanId ? 'context.span_id' : 'parent_id';
    sink.skip(`${path}.${field}`, `${field} is missing or unreadable; the span was skipped.`, line);
    return undefined;
  }
  const start = typeof raw.start_time === 'string' ? parseIsoToEpochNs(raw.start_time) : undefined;
  const end = typeof raw.end_time === 'string' ? parseIsoToEpochNs(raw.end_time) : undefined;
  if (!sink.acceptTimes(start, end, path, ['start_time', 'end_time', raw.start_time, raw.end_time], line)) return undefined;
  const status = isRecord(raw.status) ? raw.status : {};
  const resource = isRecord(raw.resource) ? raw.resource : {};
  const scope = isRecord(raw.instrumentation_scope) ? raw.instrumentation_scope : {};
  return {
    traceId,
    spanId,
    parentSpanId: parent === '' ? null : parent,
    name: typeof raw.name === 'string' ? raw.name : '',
    kind: parseSpanKind(raw.kind) ?? 'unspecified',
    startNs: epochNs(start!),
    endNs: epochNs(end!),
    attributes: plainAttributes(raw.attributes),
    events: consoleEvents(raw.events, sink, `${path}.events`, line),
    links: consoleLinks(raw.links),
    status: { code: parseStatusCode(status.status_code) ?? 'unset', message: typeof status.description === 'string' ? status.description : '' },
    resource: sink.groups.resource(plainAttributes(resource.attributes)),
    scope: sink.groups.scope(typeof scope.name === 'string' ? scope.name : '', typeof scope.version === 'string' ? scope.version : ''),
    traceState: traceStateOf(context.trace_state),
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

function consoleEvents(raw: unknown, sink: DecodeSink, path: string, line?: number): readonly EventRecord[] {
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const events: EventRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const event: unknown = raw[i];
    const time = isRecord(event) && typeof event.timestamp === 'string' ? parseIsoToEpochNs(event.timestamp) : undefined;
    if (!isRecord(event) || time === undefined) {
      sink.skip(`${path}[${i}].timestamp`, 'event without a readable timestamp; the event was skipped', line);
      continue;
    }
    events.push({ name: typeof event.name === 'string' ? event.name : '', timeNs: epochNs(time), attributes: plainAttributes(event.attributes), droppedAttributesCount: 0 });
  }
  return events;
}

function consoleLinks(raw: unknown): readonly SpanLink[] {
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const links: SpanLink[] = [];
  for (const link of raw) {
    if (!isRecord(link) || !isRecord(link.context)) continue;
    const traceId = normalizeId(link.context.trace_id, 'trace');
    const spanId = normalizeId(link.context.span_id, 'span');
    if (traceId && spanId) links.push({ traceId, spanId, traceState: traceStateOf(link.context.trace_state), attributes: plainAttributes(link.attributes) });
  }
  return links;
}

/** Python prints the TraceState repr: `[]` or `[('k', 'v'), …]`; turn it into `k=v,…`. */
function traceStateOf(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '[]') return '';
  if (!raw.startsWith('[')) return raw;
  const pairs: string[] = [];
  for (const match of raw.matchAll(/\(\s*'([^']*)'\s*,\s*'([^']*)'\s*\)/g)) pairs.push(`${match[1]}=${match[2]}`);
  return pairs.join(',');
}
