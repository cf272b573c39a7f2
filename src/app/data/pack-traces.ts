/**
 * Worker side of packed-traces.ts: built traces → columns, plus the buffers to transfer.
 *
 * Strings and shared objects (resources, scopes, statuses, event and link lists, odd attribute
 * values) go through first-seen tables, so each is posted once and identity survives on the page.
 * The trace's own index arrays are copied before transfer, since the worker may still read them.
 */
import type { Attribute } from '../../core/model/attributes.ts';
import type { Span, SpanKind } from '../../core/model/span.ts';
import type { LoadedTrace } from './load-protocol.ts';
import { kinds, T_BOOL, T_DOUBLE, T_INT, T_OBJECT, T_STRING, type PackedSpans, type PackedTrace } from './packed-traces.ts';

const kindCode = new Map<SpanKind, number>(kinds.map((kind, i) => [kind, i]));

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** Packs built traces for posting. Returns the message part and the buffers to transfer. */
export function packTraces(traces: readonly LoadedTrace[]): { packed: PackedTrace[]; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const packed = traces.map(({ trace, junjo }) => {
    const spans = packSpans(trace.spans, trace.parent);
    for (const value of Object.values(spans)) if (ArrayBuffer.isView(value)) transfer.push(value.buffer as ArrayBuffer);
    // The trace's own index arrays may be views the worker still reads; copies are cheap and safe to move.
    const parent = trace.parent.slice();
    const depth = trace.depth.slice();
    const descendants = trace.descendants.slice();
    transfer.push(parent.buffer, depth.buffer, descendants.buffer);
    return {
      traceId: trace.traceId,
      startNs: trace.startNs,
      duration: trace.duration,
      spans,
      parent,
      depth,
      descendants,
      roots: trace.roots,
      issues: trace.issues,
      services: trace.services,
      junjo,
    };
  });
  return { packed, transfer };
}

/** Distinct items in first-seen order, each with its index. */
class Table<T> {
  readonly items: T[] = [];
  private readonly index = new Map<T, number>();

  of(item: T): number {
    let i = this.index.get(item);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.index.set(item, i);
    }
    return i;
  }

  /** A lookup for one column: consecutive spans often repeat a value, so that is checked first. */
  column(): (item: T) => number {
    let last: T | undefined;
    let lastIndex = -1;
    return (item) => {
      if (item !== last || lastIndex < 0) {
        last = item;
        lastIndex = this.of(item);
      }
      return lastIndex;
    };
  }
}

function packSpans(spans: readonly Span[], parentIndex: Int32Array): PackedSpans {
  const n = spans.length;
  const strings = new Table<string>();
  const objects = new Table<unknown>();
  const attributes = new Table<Attribute>();
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const inputIndex = new Int32Array(n);
  const traceId = new Int32Array(n);
  const spanId = new Array<string>(n);
  const parentSpanId = new Int32Array(n);
  const name = new Int32Array(n);
  const traceState = new Int32Array(n);
  const kind = new Uint8Array(n);
  const resource = new Int32Array(n);
  const scope = new Int32Array(n);
  const status = new Int32Array(n);
  const events = new Int32Array(n);
  const links = new Int32Array(n);
  const dropped = new Float64Array(3 * n);
  const traceIdOf = strings.column();
  const nameOf = strings.column();
  const traceStateOf = strings.column();
  const resourceOf = objects.column();
  const scopeOf = objects.column();
  const statusOf = objects.column();
  const eventsOf = objects.column();
  const linksOf = objects.column();
  const attrStart = new Int32Array(n + 1);
  let attrCount = 0;
  for (let i = 0; i < n; i++) attrCount += spans[i]!.attributes.length;
  const attrList = new Int32Array(attrCount);
  let a = 0;
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    start[i] = span.start;
    end[i] = span.end;
    inputIndex[i] = span.inputIndex;
    traceId[i] = traceIdOf(span.traceId);
    spanId[i] = span.spanId;
    const p = parentIndex[i]!;
    const parentId = span.parentSpanId;
    parentSpanId[i] = parentId === null ? -1 : p >= 0 && spans[p]!.spanId === parentId ? -2 : strings.of(parentId);
    name[i] = nameOf(span.name);
    traceState[i] = traceStateOf(span.traceState);
    kind[i] = kindCode.get(span.kind) ?? 0;
    resource[i] = resourceOf(span.resource);
    scope[i] = scopeOf(span.scope);
    status[i] = statusOf(span.status);
    events[i] = eventsOf(span.events);
    links[i] = linksOf(span.links);
    dropped[3 * i] = span.droppedAttributesCount;
    dropped[3 * i + 1] = span.droppedEventsCount;
    dropped[3 * i + 2] = span.droppedLinksCount;
    attrStart[i] = a;
    const list = span.attributes;
    for (let j = 0; j < list.length; j++) attrList[a++] = attributes.of(list[j]!);
  }
  attrStart[n] = a;

  const table = attributes.items;
  const m = table.length;
  const attrKey = new Int32Array(m);
  const attrType = new Uint8Array(m);
  const attrNumber = new Float64Array(m);
  const attrInt = new BigInt64Array(m);
  for (let k = 0; k < m; k++) {
    const { key, value } = table[k]!;
    attrKey[k] = strings.of(key);
    switch (value.type) {
      case 'string':
        attrType[k] = T_STRING;
        attrNumber[k] = strings.of(value.value);
        break;
      case 'bool':
        attrType[k] = T_BOOL;
        attrNumber[k] = value.value ? 1 : 0;
        break;
      case 'double':
        attrType[k] = T_DOUBLE;
        attrNumber[k] = value.value;
        break;
      case 'int':
        if (value.value >= int64Min && value.value <= int64Max) {
          attrType[k] = T_INT;
          attrInt[k] = value.value;
          break;
        }
        attrType[k] = T_OBJECT;
        attrNumber[k] = objects.of(value);
        break;
      default:
        attrType[k] = T_OBJECT;
        attrNumber[k] = objects.of(value);
    }
  }
  return {
    count: n,
    strings: strings.items,
    objects: objects.items,
    start,
    end,
    inputIndex,
    traceId,
    spanId,
    parentSpanId,
    name,
    traceState,
    kind,
    resource,
    scope,
    status,
    events,
    links,
    dropped,
    attrStart,
    attrList,
    attrKey,
    attrType,
    attrNumber,
    attrInt,
  };
}
