/**
 * Junjo AI Studio span rows (formats.md §9) → SpanRecords: the contract fixture envelope
 * `{contract_version, scenario, trace_id, service_name, spans}` or a bare list of rows.
 * `attributes_json` is already-decoded JSON (a JSON string is parsed too); integers become int,
 * other numbers double, and graph/state payloads stay strings. The legacy Junjo Server moved
 * Junjo attributes into columns (`junjo_id`, `junjo_wf_state_start`, …); they are merged back as
 * `junjo.*` attributes unless the row's attributes already hold that key.
 */
import type { Attribute } from '../model/attributes.ts';
import type { EventRecord, SpanLink, SpanRecord, SpanStatus } from '../model/span.ts';
import { normalizeId } from '../model/ids.ts';
import { epochNs, parseIsoToEpochNs } from '../model/time.ts';
import { noAttributes } from './any-value.ts';
import type { DecodeSink } from './decode-sink.ts';
import { plainAttributes, plainToAttrValue } from './plain-attributes.ts';
import type { GroupCache } from './resource-scope.ts';
import { isRecord, parseCount, parseInt64, parseSpanKind, parseStatusCode, preview, safeStringify } from './wire-values.ts';

/** A row is recognised by its snake_case span id plus one row-only column. */
export const looksLikeJunjoRow = (row: unknown): boolean =>
  isRecord(row) && 'span_id' in row && ('start_time' in row || 'attributes_json' in row || 'junjo_span_type' in row);

export const looksLikeJunjoEnvelope = (doc: Record<string, unknown>): boolean =>
  Array.isArray(doc.spans) && (doc.spans.length === 0 ? 'contract_version' in doc : looksLikeJunjoRow(doc.spans[0]));

/** Legacy Junjo Server columns → attribute keys (formats.md §9). */
const legacyColumns: readonly (readonly [string, string])[] = [
  ['junjo_id', 'junjo.id'],
  ['junjo_parent_id', 'junjo.parent_id'],
  ['junjo_span_type', 'junjo.span_type'],
  ['junjo_wf_state_start', 'junjo.workflow.state.start'],
  ['junjo_wf_state_end', 'junjo.workflow.state.end'],
  ['junjo_wf_graph_structure', 'junjo.workflow.graph_structure'],
  ['junjo_wf_store_id', 'junjo.workflow.store.id'],
];

export function decodeJunjoRows(rows: readonly unknown[], sink: DecodeSink, path: string, fallbackService = ''): void {
  const cache = sink.groups;
  for (let i = 0; i < rows.length; i++) {
    sink.done = i / rows.length;
    const span = decodeRow(rows[i], cache, sink, `${path}[${i}]`, fallbackService);
    if (span) sink.add(span);
  }
}

function decodeRow(row: unknown, cache: GroupCache, sink: DecodeSink, path: string, fallbackService: string): SpanRecord | undefined {
  if (!isRecord(row)) {
    sink.skip(path, `expected a span row object, got ${preview(row)}`);
    return undefined;
  }
  const traceId = normalizeId(row.trace_id, 'trace');
  if (!traceId) return skip(sink, `${path}.trace_id`, `trace_id ${preview(row.trace_id)} is missing or unreadable`);
  const spanId = normalizeId(row.span_id, 'span');
  if (!spanId) return skip(sink, `${path}.span_id`, `span_id ${preview(row.span_id)} is missing or unreadable`);
  const parent = normalizeId(row.parent_span_id, 'span');
  if (parent === undefined) return skip(sink, `${path}.parent_span_id`, `parent_span_id ${preview(row.parent_span_id)} is unreadable`);
  const start = rowTime(row.start_time);
  const end = rowTime(row.end_time);
  if (!sink.acceptTimes(start, end, path, ['start_time', 'end_time', row.start_time, row.end_time])) return undefined;

  let kind = parseSpanKind(row.kind);
  // The Go Junjo Server named OTLP kinds off by one: 1 (internal) as "CLIENT", 3 (client) as "INTERNAL".
  if (isLegacyServerRow(row)) kind = kind === 'client' ? 'internal' : kind === 'internal' ? 'client' : kind;
  if (kind === undefined) {
    sink.skip(`${path}.kind`, `unknown span kind ${preview(row.kind)}; shown as unspecified`);
    kind = 'unspecified';
  }
  const resourceAttributes = withService(plainAttributes(parseMaybeJson(row.resource_attributes_json)), row.service_name ?? fallbackService);
  return {
    traceId,
    spanId,
    parentSpanId: parent === '' ? null : parent,
    name: typeof row.name === 'string' ? row.name : row.name == null ? '' : String(row.name),
    kind,
    startNs: epochNs(start!),
    endNs: epochNs(end!),
    attributes: withLegacyColumns(plainAttributes(parseMaybeJson(row.attributes_json)), row),
    events: decodeRowEvents(parseMaybeJson(row.events_json), sink, `${path}.events_json`),
    links: decodeRowLinks(parseMaybeJson(row.links_json), sink, `${path}.links_json`),
    status: rowStatus(row, sink, path),
    resource: cache.resource(resourceAttributes),
    scope: cache.scope(str(row.scope_name), str(row.scope_version)),
    traceState: str(row.trace_state),
    droppedAttributesCount: parseCount(row.dropped_attributes_count) ?? 0,
    droppedEventsCount: parseCount(row.dropped_events_count) ?? 0,
    droppedLinksCount: parseCount(row.dropped_links_count) ?? 0,
  };
}

const str = (raw: unknown): string => (typeof raw === 'string' ? raw : '');

function skip(sink: DecodeSink, path: string, reason: string): undefined {
  sink.skip(path, `${reason}; the span was skipped.`);
  return undefined;
}

/** ISO text (µs in Studio), or integer nanoseconds as a number or digit string. */
function rowTime(raw: unknown): bigint | undefined {
  if (typeof raw === 'string' && raw.includes('-') && !raw.startsWith('-')) return parseIsoToEpochNs(raw);
  return parseInt64(raw);
}

/** Columns holding JSON may arrive as text (older APIs); parse it, keep anything else as is. */
function parseMaybeJson(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function withService(attributes: readonly Attribute[], serviceName: unknown): readonly Attribute[] {
  if (typeof serviceName !== 'string' || serviceName === '' || attributes.some((a) => a.key === 'service.name')) return attributes;
  return [{ key: 'service.name', value: { type: 'string', value: serviceName } }, ...attributes];
}

/** A row of the Go Junjo Server (DuckDB `spans` table): it has the workflow-graph column. */
const isLegacyServerRow = (row: Record<string, unknown>): boolean => 'junjo_wf_graph_structure' in row;

/** The Go server wrote `{}` into the workflow columns of every span that is not a workflow: no value. */
const isEmptyObject = (raw: unknown): boolean =>
  (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.keys(raw).length === 0) || (typeof raw === 'string' && raw.trim() === '{}');

function withLegacyColumns(attributes: readonly Attribute[], row: Record<string, unknown>): readonly Attribute[] {
  let merged: Attribute[] | undefined;
  for (const [column, key] of legacyColumns) {
    const raw = row[column];
    if (raw === undefined || raw === null || raw === '') continue;
    if (column.startsWith('junjo_wf_') && isEmptyObject(raw)) continue;
    if (attributes.some((a) => a.key === key)) continue;
    merged ??= [...attributes];
    merged.push({ key, value: typeof raw === 'object' ? { type: 'string', value: stringify(raw) } : plainToAttrValue(raw) });
  }
  return merged ?? attributes;
}

/** Parsed graph/state columns go back to JSON text (pretty, as G1 writes the graph on the wire). */
const stringify = (raw: unknown): string => safeStringify(raw, 2);

function rowStatus(row: Record<string, unknown>, sink: DecodeSink, path: string): SpanStatus {
  const raw = row.status_code;
  let code = parseStatusCode(typeof raw === 'string' && raw.trim() === '' ? undefined : raw);
  if (code === undefined) {
    sink.skip(`${path}.status_code`, `unknown status code ${preview(raw)}; shown as unset`);
    code = 'unset';
  }
  return { code, message: str(row.status_message) };
}

function decodeRowEvents(raw: unknown, sink: DecodeSink, path: string): readonly EventRecord[] {
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const events: EventRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const event: unknown = raw[i];
    const rawTime = isRecord(event) ? (event.timeUnixNano ?? event.time_unix_nano ?? event.timestamp) : undefined;
    const time = rowTime(rawTime);
    if (!isRecord(event) || time === undefined || time < 0n) {
      sink.skip(`${path}[${i}]`, `event time ${preview(rawTime)} is not readable; the event was skipped`);
      continue;
    }
    events.push({
      name: str(event.name),
      timeNs: epochNs(time),
      attributes: plainAttributes(event.attributes),
      droppedAttributesCount: parseCount(event.droppedAttributesCount ?? event.dropped_attributes_count) ?? 0,
    });
  }
  return events;
}

function decodeRowLinks(raw: unknown, sink: DecodeSink, path: string): readonly SpanLink[] {
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const links: SpanLink[] = [];
  for (let i = 0; i < raw.length; i++) {
    const link: unknown = raw[i];
    const traceId = isRecord(link) ? normalizeId(link.trace_id ?? link.traceId, 'trace') : undefined;
    const spanId = isRecord(link) ? normalizeId(link.span_id ?? link.spanId, 'span') : undefined;
    if (!isRecord(link) || !traceId || !spanId) {
      sink.skip(`${path}[${i}]`, 'link without a readable trace id and span id; the link was skipped');
      continue;
    }
    const state = link.trace_state ?? link.traceState;
    links.push({ traceId, spanId, traceState: str(state), attributes: plainAttributes(link.attributes) ?? noAttributes });
  }
  return links;
}
