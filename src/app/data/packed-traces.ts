/**
 * Built traces in the compact form the trace worker posts to the page, and back.
 *
 * Structured clone costs about a microsecond per object and per property on each side, so
 * posting 100k Span objects (each with its attribute list and values) took longer than decoding
 * the file. Instead the spans go as columns: typed arrays (transferred, not copied) of numbers
 * and of indexes into one string table and one table of shared objects (resources, scopes,
 * statuses, event and link lists, rare nested attribute values). Attributes are encoded once
 * per distinct attribute object (the decoders share identical short ones) and rebuilt once on
 * the page, so spans that shared an attribute in the worker share it on the page too.
 * `Trace.children` is not posted: the page rebuilds it from `parent`.
 *
 * The page gets the same `Trace`/`Span` shapes the views always read.
 */
import type { Attribute, AttrValue } from '../../core/model/attributes.ts';
import type { Resource, Scope, Span, SpanEvent, SpanKind, SpanLink, SpanStatus } from '../../core/model/span.ts';
import type { EpochNs } from '../../core/model/time.ts';
import type { Trace, TraceIssue } from '../../core/model/trace.ts';
import { childrenFromParents } from '../../core/trace/build-traces.ts';
import type { JunjoAnalysis } from '../../core/junjo/analyze-junjo.ts';
import type { LoadedTrace } from './load-protocol.ts';

export interface PackedSpans {
  readonly count: number;
  /** Every string the columns refer to (ids, names, attribute keys and text values), each once. */
  readonly strings: readonly string[];
  /** Shared objects the columns refer to, posted by structured clone (identity is kept). */
  readonly objects: readonly unknown[];
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly inputIndex: Int32Array;
  /** String indexes. */
  readonly traceId: Int32Array;
  /** Span ids are (nearly) all distinct, so they go as a plain list rather than through `strings`. */
  readonly spanId: readonly string[];
  /** String index; -1 for null; -2 for "the span id of `parent[i]`" (every attached span). */
  readonly parentSpanId: Int32Array;
  readonly name: Int32Array;
  readonly traceState: Int32Array;
  /** Index into `kinds`. */
  readonly kind: Uint8Array;
  /** Object indexes. */
  readonly resource: Int32Array;
  readonly scope: Int32Array;
  readonly status: Int32Array;
  readonly events: Int32Array;
  readonly links: Int32Array;
  /** dropped attributes, events, links counts: three per span. */
  readonly dropped: Float64Array;
  /** Span i's attributes are `attrList[attrStart[i] .. attrStart[i + 1])`, indexes into the attribute table. */
  readonly attrStart: Int32Array;
  readonly attrList: Int32Array;
  /** The attribute table: key (string index), value type, and the value in one of three columns. */
  readonly attrKey: Int32Array;
  readonly attrType: Uint8Array;
  /** string: string index; bool: 0/1; double: the number; array/map/bytes/empty or out-of-range int: object index. */
  readonly attrNumber: Float64Array;
  /** int values that fit int64. */
  readonly attrInt: BigInt64Array;
}

export interface PackedTrace {
  readonly traceId: string;
  readonly startNs: EpochNs;
  readonly duration: number;
  readonly spans: PackedSpans;
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  readonly descendants: Int32Array;
  readonly roots: readonly number[];
  readonly issues: readonly TraceIssue[];
  readonly services: readonly string[];
  readonly junjo: JunjoAnalysis;
}

const kinds: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const kindCode = new Map<SpanKind, number>(kinds.map((kind, i) => [kind, i]));

// Attribute value type codes.
const T_STRING = 0;
const T_BOOL = 1;
const T_DOUBLE = 2;
const T_INT = 3;
/** Any other value (bytes, array, map, empty, int beyond int64), posted as an object. */
const T_OBJECT = 4;

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

const noAttributes: readonly Attribute[] = Object.freeze([]);

/** Rebuilds the traces on the page, with the shapes the views read. */
export function unpackTraces(packed: readonly PackedTrace[]): LoadedTrace[] {
  return packed.map((p) => {
    const trace: Trace = {
      traceId: p.traceId,
      startNs: p.startNs,
      duration: p.duration,
      spans: unpackSpans(p.spans, p.parent),
      parent: p.parent,
      depth: p.depth,
      descendants: p.descendants,
      children: childrenFromParents(p.parent),
      roots: p.roots,
      issues: p.issues,
      services: p.services,
    };
    return { trace, junjo: p.junjo };
  });
}

function unpackSpans(packed: PackedSpans, parentIndex: Int32Array): Span[] {
  const { count: n, strings, objects } = packed;
  const attributes = unpackAttributes(packed);
  const { attrStart, attrList, dropped } = packed;
  const spans = new Array<Span>(n);
  for (let i = 0; i < n; i++) {
    const from = attrStart[i]!;
    const to = attrStart[i + 1]!;
    let list: readonly Attribute[] = noAttributes;
    if (to > from) {
      const own = new Array<Attribute>(to - from);
      for (let j = from; j < to; j++) own[j - from] = attributes[attrList[j]!]!;
      list = own;
    }
    const parentId = packed.parentSpanId[i]!;
    const spanId = packed.spanId[i]!;
    // Field by field in the order build-traces' toSpan uses, so page and worker spans share one shape.
    spans[i] = {
      traceId: strings[packed.traceId[i]!]!,
      spanId,
      parentSpanId: parentId === -1 ? null : parentId === -2 ? spans[parentIndex[i]!]!.spanId : strings[parentId]!,
      name: strings[packed.name[i]!]!,
      kind: kinds[packed.kind[i]!]!,
      attributes: list,
      links: objects[packed.links[i]!] as readonly SpanLink[],
      status: objects[packed.status[i]!] as SpanStatus,
      resource: objects[packed.resource[i]!] as Resource,
      scope: objects[packed.scope[i]!] as Scope,
      traceState: strings[packed.traceState[i]!]!,
      droppedAttributesCount: dropped[3 * i]!,
      droppedEventsCount: dropped[3 * i + 1]!,
      droppedLinksCount: dropped[3 * i + 2]!,
      index: i,
      inputIndex: packed.inputIndex[i]!,
      start: packed.start[i]!,
      end: packed.end[i]!,
      events: objects[packed.events[i]!] as readonly SpanEvent[],
    };
  }
  return spans;
}

function unpackAttributes(packed: PackedSpans): Attribute[] {
  const { strings, objects, attrKey, attrType, attrNumber, attrInt } = packed;
  const m = attrKey.length;
  const out = new Array<Attribute>(m);
  for (let k = 0; k < m; k++) {
    let value: AttrValue;
    switch (attrType[k]) {
      case T_STRING:
        value = { type: 'string', value: strings[attrNumber[k]!]! };
        break;
      case T_BOOL:
        value = { type: 'bool', value: attrNumber[k] === 1 };
        break;
      case T_DOUBLE:
        value = { type: 'double', value: attrNumber[k]! };
        break;
      case T_INT:
        value = { type: 'int', value: attrInt[k]! };
        break;
      default:
        value = objects[attrNumber[k]!] as AttrValue;
    }
    out[k] = { key: strings[attrKey[k]!]!, value };
  }
  return out;
}
