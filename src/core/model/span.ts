import type { Attribute } from './attributes.ts';
import type { EpochNs } from './time.ts';

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type StatusCode = 'unset' | 'ok' | 'error';

export interface Resource {
  readonly attributes: readonly Attribute[];
  /** `service.name`, or "unknown service" when absent. */
  readonly serviceName: string;
}

export interface Scope {
  readonly name: string;
  readonly version: string;
  readonly attributes: readonly Attribute[];
}

export interface SpanStatus {
  readonly code: StatusCode;
  readonly message: string;
}

/**
 * A span as a decoder produces it: ids as lower-case hex, times as exact epoch nanoseconds.
 * Decoders share `resource` and `scope` objects between spans of one group.
 */
export interface SpanRecord {
  readonly traceId: string;
  readonly spanId: string;
  /** null when the span has no parent (missing, empty or all-zero id). */
  readonly parentSpanId: string | null;
  readonly name: string;
  readonly kind: SpanKind;
  readonly startNs: EpochNs;
  readonly endNs: EpochNs;
  readonly attributes: readonly Attribute[];
  readonly events: readonly EventRecord[];
  readonly links: readonly SpanLink[];
  readonly status: SpanStatus;
  readonly resource: Resource;
  readonly scope: Scope;
  readonly traceState: string;
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

export interface EventRecord {
  readonly name: string;
  readonly timeNs: EpochNs;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
}

export interface SpanLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState: string;
  readonly attributes: readonly Attribute[];
}

/** A span inside a built trace: times are nanoseconds from the trace start (plain numbers). */
export interface Span extends Omit<SpanRecord, 'startNs' | 'endNs' | 'events'> {
  /** Position of this span in `Trace.spans`. */
  readonly index: number;
  /** Position of this span in the input, among the spans of its trace ("document order"). */
  readonly inputIndex: number;
  readonly start: number;
  readonly end: number;
  readonly events: readonly SpanEvent[];
}

export interface SpanEvent {
  readonly name: string;
  /** Nanoseconds from the trace start. */
  readonly time: number;
  /** The exact epoch time, kept for ordering ties and display. */
  readonly timeNs: EpochNs;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
}

export const serviceNameOf = (attributes: readonly Attribute[]): string => {
  for (const attribute of attributes)
    if (attribute.key === 'service.name' && attribute.value.type === 'string') return attribute.value.value;
  return 'unknown service';
};
