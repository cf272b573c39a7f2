/**
 * SpanRecord → Span for one built trace. The caller passes the span's output index, input
 * position and start/end offsets; event times become offsets from the trace's zero (`EpochNs`).
 * Every Span is listed field by field so all spans share one object shape; spans without events
 * share one empty list. The page's unpacking (app/data/unpack-traces.ts) keeps the same order.
 */
import type { EventRecord, SpanRecord, Span, SpanEvent } from '../model/span.ts';
import type { EpochNs } from '../model/time.ts';

export function toSpan(record: SpanRecord, index: number, inputIndex: number, start: number, end: number, zero: EpochNs): Span {
  // Listed field by field (not spread) so every Span has one object shape; keep in step with Span.
  return {
    traceId: record.traceId,
    spanId: record.spanId,
    parentSpanId: record.parentSpanId,
    name: record.name,
    kind: record.kind,
    attributes: record.attributes,
    links: record.links,
    status: record.status,
    resource: record.resource,
    scope: record.scope,
    traceState: record.traceState,
    droppedAttributesCount: record.droppedAttributesCount,
    droppedEventsCount: record.droppedEventsCount,
    droppedLinksCount: record.droppedLinksCount,
    index,
    inputIndex,
    start,
    end,
    events: record.events.length === 0 ? noEvents : record.events.map((event) => toSpanEvent(event, zero)),
  };
}

const noEvents: readonly SpanEvent[] = [];

function toSpanEvent(event: EventRecord, zero: EpochNs): SpanEvent {
  return {
    name: event.name,
    time: Number(event.timeNs - zero),
    timeNs: event.timeNs,
    attributes: event.attributes,
    droppedAttributesCount: event.droppedAttributesCount,
  };
}
