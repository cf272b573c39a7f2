/**
 * What the store keeps of one span, ready to write: its ids, its OTLP/JSON Span text or the
 * protobuf bytes it was received in, the
 * OTLP/JSON text of its resource and scope (shared by the spans of a group), and the few fields
 * the run summary reads. Spans of the core model (files, OTLP/JSON bodies) become store spans
 * through `fromSpanRecords`; OTLP protobuf bodies become store spans directly
 * (ingest/proto-spans.ts), without building the core model on the hot path.
 */
import { encodeResource, encodeScope, encodeSpanRecord } from '../../core/formats/encode-otlp-json.ts';
import type { Attribute } from '../../core/model/attributes.ts';
import type { Resource, Scope, SpanRecord, StatusCode } from '../../core/model/span.ts';

/** The fields of a span that the run summary (run-summary.ts) reads. */
export interface SummarySpan {
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly parentSpanId: string | null;
  readonly name: string;
  readonly status: { readonly code: StatusCode };
  readonly resource: { readonly serviceName: string };
  /** At least the span's attributes named in run-summary.ts' `summaryAttributeKeys` (the summary looks for nothing else). */
  readonly attributes: readonly Attribute[];
}

export interface StoreSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** OTLP/JSON Resource text; spans of one group share the same string. */
  readonly resourceJson: string;
  /** OTLP/JSON InstrumentationScope text. */
  readonly scopeJson: string;
  /**
   * OTLP/JSON Span text, or (OTLP protobuf bodies) the span's `spans` field of a ScopeSpans
   * message exactly as received: tag, length and Span message (store/span-protobuf.ts reads it).
   */
  readonly encoded: string | Uint8Array;
  readonly summary: SummarySpan;
}

/** Core-model spans as store spans (resource and scope text encoded once per object). */
export function fromSpanRecords(spans: readonly SpanRecord[]): StoreSpan[] {
  const resources = new Map<Resource, string>();
  const scopes = new Map<Scope, string>();
  return spans.map((span) => {
    let resourceJson = resources.get(span.resource);
    if (resourceJson === undefined) resources.set(span.resource, (resourceJson = JSON.stringify(encodeResource(span.resource))));
    let scopeJson = scopes.get(span.scope);
    if (scopeJson === undefined) scopes.set(span.scope, (scopeJson = JSON.stringify(encodeScope(span.scope))));
    return { traceId: span.traceId, spanId: span.spanId, resourceJson, scopeJson, encoded: JSON.stringify(encodeSpanRecord(span)), summary: span };
  });
}
