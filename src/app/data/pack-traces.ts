/**
 * Worker side of packed-traces.ts: built traces → columns, plus the buffers to transfer.
 *
 * Strings and shared objects (resources, scopes, statuses, event and link lists, odd attribute
 * values) go through first-seen tables, so each is posted once and identity survives on the page.
 * The traces' own index arrays are copied into the set's columns, since the worker still reads them.
 */
import type { Attribute } from '../../core/model/attributes.ts';
import type { Span, SpanEvent, SpanKind, SpanLink, SpanStatus } from '../../core/model/span.ts';
import type { EpochNs } from '../../core/model/time.ts';
import type { Trace, TraceIssue } from '../../core/model/trace.ts';
import { traceTokens } from '../../core/trace/llm-call.ts';
import { BIG_TEXT_CHARS, kinds, T_BIG_TEXT, T_BOOL, T_DOUBLE, T_INT, T_OBJECT, T_STRING, type PackedSpans, type PackedStrings, type PackedTraceSet } from './packed-traces.ts';

const kindCode = new Map<SpanKind, number>(kinds.map((kind, i) => [kind, i]));

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/**
 * Packs built traces for posting, all of them in one set of columns (packed-traces.ts). Returns the
 * message part and the buffers to transfer (a few dozen, however many traces).
 */
export interface PackOptions {
  /**
   * Leave the long string values out of `packed` (its `bigText` is empty and `bigTextLater` set), so
   * the spans can be posted before those megabytes are encoded; `bigText()` encodes them afterwards,
   * for a second message (see TraceSet.receiveBigText on the page).
   */
  readonly deferBigText?: boolean;
}

export interface PackedParts {
  readonly packed: PackedTraceSet;
  readonly transfer: ArrayBuffer[];
  /** With `deferBigText`: the long string values as UTF-8, big text k at `bigText[bigTextStart[k] .. bigTextStart[k + 1])`. */
  readonly bigText?: () => { bigText: Uint8Array; bigTextStart: Float64Array };
}

export function packTraces(traces: readonly Trace[], options: PackOptions = {}): PackedParts {
  const count = traces.length;
  let total = 0;
  let rootTotal = 0;
  let serviceTotal = 0;
  let startsFit = true;
  for (const trace of traces) {
    total += trace.spans.length;
    rootTotal += trace.roots.length;
    serviceTotal += trace.services.length;
    if (trace.startNs < int64Min || trace.startNs > int64Max) startsFit = false;
  }
  const spanStart = new Int32Array(count + 1);
  const parent = new Int32Array(total);
  const depth = new Int32Array(total);
  const descendants = new Int32Array(total);
  // Parents as indexes into all spans, for packSpans; the posted `parent` keeps each trace's own indexes.
  const globalParent = new Int32Array(total);
  const rootStart = new Int32Array(count + 1);
  const roots = new Int32Array(rootTotal);
  const serviceStart = new Int32Array(count + 1);
  const services = new Int32Array(serviceTotal);
  const serviceNames = new Table<string>();
  const strings = new Table<string>();
  const traceId = new Int32Array(count);
  const startNs = startsFit ? new BigInt64Array(count) : new Array<EpochNs>(count);
  const duration = new Float64Array(count);
  const issueTraces: number[] = [];
  const issueLists: (readonly TraceIssue[])[] = [];
  // One trace: its span list as is; several: one list of all spans, trace after trace.
  const spans: Span[] | readonly Span[] = count === 1 ? traces[0]!.spans : new Array<Span>(total);
  let at = 0;
  let r = 0;
  let v = 0;
  for (let t = 0; t < count; t++) {
    const trace = traces[t]!;
    spanStart[t] = at;
    traceId[t] = strings.of(trace.traceId);
    startNs[t] = trace.startNs;
    duration[t] = trace.duration;
    parent.set(trace.parent, at);
    depth.set(trace.depth, at);
    descendants.set(trace.descendants, at);
    const n = trace.spans.length;
    for (let i = 0; i < n; i++) {
      const p = trace.parent[i]!;
      globalParent[at + i] = p < 0 ? p : p + at;
      if (count !== 1) (spans as Span[])[at + i] = trace.spans[i]!;
    }
    rootStart[t] = r;
    for (const root of trace.roots) roots[r++] = root;
    serviceStart[t] = v;
    for (const service of trace.services) services[v++] = serviceNames.of(service);
    if (trace.issues.length > 0) {
      issueTraces.push(t);
      issueLists.push(trace.issues);
    }
    at += n;
  }
  spanStart[count] = at;
  rootStart[count] = r;
  serviceStart[count] = v;
  const deferred: string[] | undefined = options.deferBigText ? [] : undefined;
  const packedSpans = packSpans(spans, globalParent, strings, deferred);
  // The page would read the long texts for its header's token totals before they come: send the totals.
  const tokens = deferred && deferred.length > 0 ? packTokens(traces, total) : undefined;
  const packed: PackedTraceSet = {
    count,
    spans: packedSpans,
    spanStart,
    traceId,
    startNs,
    duration,
    parent,
    depth,
    descendants,
    roots,
    rootStart,
    services,
    serviceStart,
    serviceNames: serviceNames.items,
    issueTraces: Int32Array.from(issueTraces),
    issueLists,
    ...(tokens ? { tokens } : {}),
  };
  const transfer: ArrayBuffer[] = [];
  // The string table's buffers too (one level down): copied, its 9 MB cost the page ~0.1 s at 100,000 spans.
  for (const part of [packedSpans, packed, tokens ?? {}, Array.isArray(packedSpans.strings) ? {} : packedSpans.strings])
    for (const value of Object.values(part)) if (ArrayBuffer.isView(value)) transfer.push(value.buffer as ArrayBuffer);
  // Some views may share a buffer (bigText is a subarray): transfer each buffer once.
  const bigText =
    deferred && deferred.length > 0
      ? () => {
          let chars = 0;
          for (const text of deferred) chars += text.length;
          const writer = new BigTextWriter(chars);
          for (const text of deferred) writer.add(text);
          return writer.finish();
        }
      : undefined;
  return { packed, transfer: [...new Set(transfer)], ...(bigText ? { bigText } : {}) };
}

/** Each trace's token totals (traceTokens) as columns, for the page to take instead of computing them. */
function packTokens(traces: readonly Trace[], total: number): NonNullable<PackedTraceSet['tokens']> {
  const tokenSubtree = new Float64Array(total);
  const tokenSubtreeOut = new Float64Array(total);
  const tokenTotals = new Float64Array(3 * traces.length);
  let at = 0;
  for (let t = 0; t < traces.length; t++) {
    const trace = traces[t]!;
    const tokens = traceTokens(trace);
    tokenSubtree.set(tokens.subtree, at);
    tokenSubtreeOut.set(tokens.subtreeOut, at);
    tokenTotals[3 * t] = tokens.calls;
    tokenTotals[3 * t + 1] = tokens.input;
    tokenTotals[3 * t + 2] = tokens.output;
    at += trace.spans.length;
  }
  return { tokenSubtree, tokenSubtreeOut, tokenTotals };
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

  /** Adds an item without looking for an equal one (values that are nearly all distinct, like span ids). */
  append(item: T): number {
    this.items.push(item);
    return this.items.length - 1;
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

/** `deferred`: when given, long string values are listed there (in big-text order) instead of encoded. */
function packSpans(spans: readonly Span[], parentIndex: Int32Array, strings: Table<string>, deferred?: string[]): PackedSpans {
  const n = spans.length;
  const objects = new Table<unknown>();
  const attributes = new Table<Attribute>();
  // Long string values are never shared by the decoders' interners: listed without a lookup (were one
  // shared after all, it would go twice, equal), which spares a map entry per prompt or state.
  const attributeOf = (attribute: Attribute) =>
    attribute.value.type === 'string' && attribute.value.value.length >= BIG_TEXT_CHARS ? attributes.append(attribute) : attributes.of(attribute);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const inputIndex = new Int32Array(n);
  const traceId = new Int32Array(n);
  const spanId = new Int32Array(n);
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
  const statusOf = sharedStatuses(objects);
  const eventsOf = objects.column();
  const linksOf = objects.column();
  // Decoders give each span its own empty link list: post one, shared (50,000 empty lists cost the page a long task).
  let emptyLinks: readonly SpanLink[] | undefined;
  const attrStart = new Int32Array(n + 1);
  let attrCount = 0;
  let eventCount = 0;
  let eventAttrCount = 0;
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    attrCount += span.attributes.length;
    if (!eventsFitColumns(span.events)) continue;
    eventCount += span.events.length;
    for (const event of span.events) eventAttrCount += event.attributes.length;
  }
  const attrList = new Int32Array(attrCount);
  const eventStart = new Int32Array(n + 1);
  const eventName = new Int32Array(eventCount);
  const eventTime = new Float64Array(eventCount);
  const eventTimeNs = new BigInt64Array(eventCount);
  const eventDropped = new Float64Array(eventCount);
  const eventAttrStart = new Int32Array(eventCount + 1);
  const eventAttrList = new Int32Array(eventAttrCount);
  const eventNameOf = strings.column();
  let e = 0;
  let ea = 0;
  let a = 0;
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    start[i] = span.start;
    end[i] = span.end;
    inputIndex[i] = span.inputIndex;
    traceId[i] = traceIdOf(span.traceId);
    spanId[i] = strings.append(span.spanId);
    const p = parentIndex[i]!;
    const parentId = span.parentSpanId;
    parentSpanId[i] = parentId === null ? -1 : p >= 0 && spans[p]!.spanId === parentId ? -2 : strings.of(parentId);
    name[i] = nameOf(span.name);
    traceState[i] = traceStateOf(span.traceState);
    kind[i] = kindCode.get(span.kind) ?? 0;
    resource[i] = resourceOf(span.resource);
    scope[i] = scopeOf(span.scope);
    status[i] = statusOf(span.status);
    eventStart[i] = e;
    if (eventsFitColumns(span.events)) {
      events[i] = -1;
      for (const event of span.events) {
        eventName[e] = eventNameOf(event.name);
        eventTime[e] = event.time;
        eventTimeNs[e] = event.timeNs;
        eventDropped[e] = event.droppedAttributesCount;
        eventAttrStart[e] = ea;
        for (const attribute of event.attributes) eventAttrList[ea++] = attributeOf(attribute);
        e++;
      }
    } else events[i] = eventsOf(span.events);
    links[i] = linksOf(span.links.length === 0 ? (emptyLinks ??= span.links) : span.links);
    dropped[3 * i] = span.droppedAttributesCount;
    dropped[3 * i + 1] = span.droppedEventsCount;
    dropped[3 * i + 2] = span.droppedLinksCount;
    attrStart[i] = a;
    const list = span.attributes;
    for (let j = 0; j < list.length; j++) attrList[a++] = attributeOf(list[j]!);
  }
  attrStart[n] = a;
  eventStart[n] = e;
  eventAttrStart[e] = ea;

  const table = attributes.items;
  const m = table.length;
  const attrKey = new Int32Array(m);
  const attrType = new Uint8Array(m);
  const attrNumber = new Float64Array(m);
  const attrInt = new BigInt64Array(m);
  let bigChars = 0;
  for (let k = 0; k < m && !deferred; k++) {
    const value = table[k]!.value;
    if (value.type === 'string' && value.value.length >= BIG_TEXT_CHARS) bigChars += value.value.length;
  }
  const big = new BigTextWriter(bigChars);
  for (let k = 0; k < m; k++) {
    const { key, value } = table[k]!;
    attrKey[k] = strings.of(key);
    switch (value.type) {
      case 'string':
        if (value.value.length >= BIG_TEXT_CHARS) {
          attrType[k] = T_BIG_TEXT;
          attrNumber[k] = deferred ? deferred.push(value.value) - 1 : big.add(value.value);
        } else {
          attrType[k] = T_STRING;
          attrNumber[k] = strings.of(value.value);
        }
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
    strings: encodeStrings(strings.items),
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
    ...big.finish(),
    ...(deferred && deferred.length > 0 ? { bigTextLater: true } : {}),
    eventStart,
    eventName,
    eventTime,
    eventTimeNs,
    eventDropped,
    eventAttrStart,
    eventAttrList,
  };
}

/**
 * Statuses by value: decoders build one status object per span, but a trace has a few distinct
 * ones, so each distinct code and message is posted once (structured clone costs per object).
 */
function sharedStatuses(objects: Table<unknown>): (status: SpanStatus) => number {
  const byValue = new Map<string, number>();
  let last: SpanStatus | undefined;
  let lastIndex = -1;
  return (status) => {
    if (status === last) return lastIndex;
    const key = `${status.code}\n${status.message}`;
    let index = byValue.get(key);
    if (index === undefined) {
      index = objects.of(status);
      byValue.set(key, index);
    }
    last = status;
    lastIndex = index;
    return index;
  };
}

/**
 * The string table as one UTF-8 buffer and the UTF-16 offsets of its strings: a structured clone of
 * 150,000 short strings (ids and names of 50,000 traces) costs the page a long task; one buffer costs
 * nothing. Text with lone surrogates (which UTF-8 cannot carry) goes as a plain list.
 */
function encodeStrings(items: readonly string[]): PackedStrings {
  const joined = items.join('');
  if (!isWellFormed(joined)) return items;
  const starts = new Float64Array(items.length + 1);
  let at = 0;
  for (let i = 0; i < items.length; i++) {
    starts[i] = at;
    at += items[i]!.length;
  }
  starts[items.length] = at;
  return { text: new TextEncoder().encode(joined), starts };
}

/** No lone surrogate (String.prototype.isWellFormed, where the runtime has it). */
function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (native) return native.call(text);
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Event lists go as columns unless an event time does not fit int64 (then as one object, as before). */
function eventsFitColumns(events: readonly SpanEvent[]): boolean {
  for (const event of events) if (event.timeNs < int64Min || event.timeNs > int64Max) return false;
  return true;
}

/**
 * Long strings as UTF-8 in one buffer. Most of this text is ASCII, so the buffer starts at one byte
 * per character (plus a little) and grows when the text needs more.
 */
class BigTextWriter {
  private bytes: Uint8Array;
  private length = 0;
  private readonly starts: number[] = [0];
  private readonly encoder = new TextEncoder();

  constructor(chars: number) {
    this.bytes = new Uint8Array(chars + Math.min(chars >> 3, 1 << 20) + 16);
  }

  add(text: string): number {
    const n = text.length;
    if (this.bytes.length - this.length < n) this.grow(n);
    // ASCII (nearly all of this text) byte by byte: several times faster than encodeInto per string.
    const bytes = this.bytes;
    let at = this.length;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[at++] = c;
    }
    this.length = at;
    if (i < n) {
      const rest = text.slice(i);
      for (;;) {
        const { read, written } = this.encoder.encodeInto(rest, this.bytes.subarray(this.length));
        if (read === rest.length) {
          this.length += written;
          break;
        }
        this.grow(rest.length * 3);
      }
    }
    this.starts.push(this.length);
    return this.starts.length - 2;
  }

  private grow(atLeast: number): void {
    const grown = new Uint8Array(Math.max(Math.ceil(this.bytes.length * 1.5), this.length + atLeast));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  finish(): { bigText: Uint8Array; bigTextStart: Float64Array } {
    return { bigText: this.bytes.subarray(0, this.length), bigTextStart: Float64Array.from(this.starts) };
  }
}
