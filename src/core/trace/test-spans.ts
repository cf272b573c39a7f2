/**
 * Test data helper: SpanRecords from a few fields, for this folder's tests and anyone else's.
 * `start`/`end` are nanoseconds after TEST_EPOCH_NS (exact bigint epochs are derived from them);
 * `service` builds a resource with `service.name`. Everything else has a plain default.
 */
import { str, type Attribute } from '../model/attributes.ts';
import type { EventRecord, Resource, Scope, SpanRecord } from '../model/span.ts';
import { epochNs, type EpochNs } from '../model/time.ts';

export const TEST_EPOCH_NS: EpochNs = epochNs(1_700_000_000_000_000_000n);
const TEST_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

export interface SpanRecordInit extends Partial<Omit<SpanRecord, 'startNs' | 'endNs' | 'events'>> {
  /** ns after TEST_EPOCH_NS; default 0. Ignored when `startNs` is given. */
  readonly start?: number;
  /** ns after TEST_EPOCH_NS; default start + 1000. Ignored when `endNs` is given. */
  readonly end?: number;
  readonly startNs?: EpochNs;
  readonly endNs?: EpochNs;
  /** Service name for a fresh resource; ignored when `resource` is given. */
  readonly service?: string;
  /** Events with `at` in ns after TEST_EPOCH_NS. */
  readonly events?: readonly (Partial<EventRecord> & { readonly at?: number })[];
}

const scope: Scope = { name: 'test', version: '1', attributes: [] };
const resources = new Map<string, Resource>();

/** One shared Resource per service name, like a decoder shares them within a group. */
function testResource(service: string): Resource {
  let resource = resources.get(service);
  if (!resource) {
    resource = { serviceName: service, attributes: [{ key: 'service.name', value: str(service) }] };
    resources.set(service, resource);
  }
  return resource;
}

let counter = 0;

/** A 16-digit hex span id from a number: spanIdOf(1) = '0000000000000001'. */
export const spanIdOf = (n: number): string => n.toString(16).padStart(16, '0');

export function makeSpanRecord(init: SpanRecordInit = {}): SpanRecord {
  const { start = 0, service = 'test-service', events = [], ...rest } = init;
  const end = init.end ?? start + 1000;
  return {
    traceId: TEST_TRACE_ID,
    spanId: spanIdOf(++counter),
    parentSpanId: null,
    name: 'span',
    kind: 'internal',
    attributes: [],
    links: [],
    status: { code: 'unset', message: '' },
    resource: testResource(service),
    scope,
    traceState: '',
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    ...rest,
    startNs: init.startNs ?? epochNs(TEST_EPOCH_NS + BigInt(start)),
    endNs: init.endNs ?? epochNs(TEST_EPOCH_NS + BigInt(end)),
    events: events.map((event) => ({
      name: event.name ?? 'event',
      timeNs: event.timeNs ?? epochNs(TEST_EPOCH_NS + BigInt(event.at ?? start)),
      attributes: event.attributes ?? [],
      droppedAttributesCount: event.droppedAttributesCount ?? 0,
    })),
  };
}

/** Shorthand for the common case: id, parent id, start, end (ns after TEST_EPOCH_NS), name = id. */
export function span(
  spanId: string,
  parentSpanId: string | null,
  start: number,
  end: number,
  more: SpanRecordInit = {},
): SpanRecord {
  return makeSpanRecord({ name: spanId, ...more, spanId, parentSpanId, start, end });
}

/** Attributes from a plain object of strings. */
export const attrs = (entries: Record<string, string>): Attribute[] =>
  Object.entries(entries).map(([key, value]) => ({ key, value: str(value) }));
