/**
 * Page side of packed-traces.ts: columns → the `Trace`/`Span` shapes the views read.
 *
 * Each distinct attribute is rebuilt once and shared by every span that had it in the worker;
 * spans without attributes (or events) share one frozen empty list. `Trace.children` is rebuilt
 * from `parent`. A long string value stays UTF-8 bytes until something reads its `value`: then it
 * is decoded once and kept (an own getter, so the value looks like any other string value).
 */
import type { Attribute, AttrValue } from '../../core/model/attributes.ts';
import type { Resource, Scope, Span, SpanEvent, SpanLink, SpanStatus } from '../../core/model/span.ts';
import { epochNs } from '../../core/model/time.ts';
import type { Trace } from '../../core/model/trace.ts';
import { childrenFromParents } from '../../core/trace/span-tree.ts';
import { rememberTraceTokens } from '../../core/trace/llm-call.ts';
import { kinds, T_BIG_TEXT, T_BOOL, T_DOUBLE, T_INT, T_STRING, type PackedSpans, type PackedStrings, type PackedTraceSet } from './packed-traces.ts';

const noAttributes: readonly Attribute[] = Object.freeze([]);
const noEvents: readonly SpanEvent[] = Object.freeze([]);
const utf8 = new TextDecoder();

/**
 * The traces of one posted set, each rebuilt when first read and then kept: opening a file of
 * 50,000 traces rebuilds none of them until the picker shows a row or the user opens one.
 */
export class TraceSet {
  private readonly built: (Trace | undefined)[];
  private attributes: Attribute[] | undefined;
  private strings: StringList | undefined;
  private readonly big: BigTexts;

  constructor(private readonly set: PackedTraceSet) {
    this.built = new Array<Trace | undefined>(set.count);
    const { bigText, bigTextStart, bigTextLater } = set.spans;
    this.big = bigTextLater ? { bytes: undefined, starts: undefined, readEarly: false } : { bytes: bigText, starts: bigTextStart, readEarly: false };
  }

  /** Whether the long string values are still to come (PackedSpans.bigTextLater). */
  get awaitsBigText(): boolean {
    return this.big.bytes === undefined;
  }

  /**
   * The long string values, posted after the spans. Returns true when a view read one of them
   * before they came (it read ''): then the traces built so far are replaced by copies, so views
   * that keep results per trace compute them again with the real text.
   */
  receiveBigText(bytes: Uint8Array, starts: Float64Array): boolean {
    this.big.bytes = bytes;
    this.big.starts = starts;
    if (!this.big.readEarly) return false;
    for (let t = 0; t < this.built.length; t++) {
      const trace = this.built[t];
      if (trace) this.built[t] = this.withTokens(t, { ...trace });
    }
    return true;
  }

  get count(): number {
    return this.set.count;
  }

  traceId(t: number): string {
    return this.stringList().at(this.set.traceId[t]!);
  }

  private stringList(): StringList {
    return (this.strings ??= new StringList(this.set.spans.strings));
  }

  trace(t: number): Trace {
    let trace = this.built[t];
    if (!trace) {
      trace = this.withTokens(t, this.unpack(t));
      this.built[t] = trace;
    }
    return trace;
  }

  /** Seeds `traceTokens` with the worker's figures for trace `t` (see PackedTraceSet.tokens). */
  private withTokens(t: number, trace: Trace): Trace {
    const tokens = this.set.tokens;
    if (!tokens) return trace;
    const from = this.set.spanStart[t]!;
    const to = this.set.spanStart[t + 1]!;
    const totals = tokens.tokenTotals;
    rememberTraceTokens(trace, {
      subtree: tokens.tokenSubtree.subarray(from, to),
      subtreeOut: tokens.tokenSubtreeOut.subarray(from, to),
      calls: totals[3 * t]!,
      input: totals[3 * t + 1]!,
      output: totals[3 * t + 2]!,
    });
    return trace;
  }

  private unpack(t: number): Trace {
    const p = this.set;
    const from = p.spanStart[t]!;
    const to = p.spanStart[t + 1]!;
    const parent = p.parent.subarray(from, to);
    const issueAt = p.issueTraces.indexOf(t);
    const services: string[] = [];
    for (let j = p.serviceStart[t]!; j < p.serviceStart[t + 1]!; j++) services.push(p.serviceNames[p.services[j]!]!);
    const strings = this.stringList();
    this.attributes ??= unpackAttributes(p.spans, strings, this.big);
    return {
      traceId: strings.at(p.traceId[t]!),
      startNs: epochNs(p.startNs[t]!),
      duration: p.duration[t]!,
      spans: unpackSpans(p.spans, strings, this.attributes, from, to, parent),
      parent,
      depth: p.depth.subarray(from, to),
      descendants: p.descendants.subarray(from, to),
      children: childrenFromParents(parent),
      roots: Array.from(p.roots.subarray(p.rootStart[t]!, p.rootStart[t + 1]!)),
      issues: issueAt >= 0 ? p.issueLists[issueAt]! : [],
      services,
    };
  }
}

/** Rebuilds every trace of a set at once (tests; the app reads a TraceSet lazily). */
export function unpackTraces(packed: PackedTraceSet): Trace[] {
  const set = new TraceSet(packed);
  return Array.from({ length: set.count }, (_, t) => set.trace(t));
}

/**
 * The string table: the UTF-8 text is decoded in one call when a string is first asked for, and
 * each string is cut out of it when first asked for (a file of 50,000 traces needs a few of them).
 */
class StringList {
  private readonly cut: (string | undefined)[];
  private joined: string | undefined;

  constructor(private readonly packed: PackedStrings) {
    this.cut = Array.isArray(packed) ? (packed as string[]) : [];
  }

  at(i: number): string {
    let text = this.cut[i];
    if (text === undefined) {
      const { text: bytes, starts } = this.packed as Exclude<PackedStrings, readonly string[]>;
      this.joined ??= utf8.decode(bytes);
      text = this.joined.slice(starts[i]!, starts[i + 1]!);
      this.cut[i] = text;
    }
    return text;
  }
}

/** The long string values of a set: UTF-8 bytes, given later when posted after the spans. */
interface BigTexts {
  bytes: Uint8Array | undefined;
  starts: Float64Array | undefined;
  /** A value was read before the bytes came. */
  readEarly: boolean;
}

/** Big text `k` of `big`, decoded on first read, then kept; '' (not kept) while its bytes are still to come. */
function lazyText(big: BigTexts, k: number): AttrValue {
  let text: string | undefined;
  return {
    type: 'string',
    get value(): string {
      if (text !== undefined) return text;
      const { bytes, starts } = big;
      if (!bytes || !starts) {
        big.readEarly = true;
        return '';
      }
      return (text = utf8.decode(bytes.subarray(starts[k]!, starts[k + 1]!)));
    },
  };
}

/** Spans `from .. to` of the packed columns, as one trace's spans (`parentIndex` local to it). */
function unpackSpans(packed: PackedSpans, strings: StringList, attributes: readonly Attribute[], from0: number, to0: number, parentIndex: Int32Array): Span[] {
  const { objects } = packed;
  const { attrStart, attrList, dropped, eventStart } = packed;
  const spans = new Array<Span>(to0 - from0);
  for (let i = from0; i < to0; i++) {
    const local = i - from0;
    const from = attrStart[i]!;
    const to = attrStart[i + 1]!;
    let list: readonly Attribute[] = noAttributes;
    if (to > from) {
      const own = new Array<Attribute>(to - from);
      for (let j = from; j < to; j++) own[j - from] = attributes[attrList[j]!]!;
      list = own;
    }
    const parentId = packed.parentSpanId[i]!;
    const spanId = strings.at(packed.spanId[i]!);
    // Field by field in the order core/trace/to-span.ts uses, so page and worker spans share one shape.
    spans[local] = {
      traceId: strings.at(packed.traceId[i]!),
      spanId,
      parentSpanId: parentId === -1 ? null : parentId === -2 ? spans[parentIndex[local]!]!.spanId : strings.at(parentId),
      name: strings.at(packed.name[i]!),
      kind: kinds[packed.kind[i]!]!,
      attributes: list,
      links: objects[packed.links[i]!] as readonly SpanLink[],
      status: objects[packed.status[i]!] as SpanStatus,
      resource: objects[packed.resource[i]!] as Resource,
      scope: objects[packed.scope[i]!] as Scope,
      traceState: strings.at(packed.traceState[i]!),
      droppedAttributesCount: dropped[3 * i]!,
      droppedEventsCount: dropped[3 * i + 1]!,
      droppedLinksCount: dropped[3 * i + 2]!,
      index: local,
      inputIndex: packed.inputIndex[i]!,
      start: packed.start[i]!,
      end: packed.end[i]!,
      events: packed.events[i] === -1 ? unpackEvents(packed, strings, attributes, eventStart[i]!, eventStart[i + 1]!) : (objects[packed.events[i]!] as readonly SpanEvent[]),
    };
  }
  return spans;
}

function unpackEvents(packed: PackedSpans, strings: StringList, attributes: readonly Attribute[], from: number, to: number): readonly SpanEvent[] {
  if (from === to) return noEvents;
  const { eventName, eventTime, eventTimeNs, eventDropped, eventAttrStart, eventAttrList } = packed;
  const events = new Array<SpanEvent>(to - from);
  for (let e = from; e < to; e++) {
    const a0 = eventAttrStart[e]!;
    const a1 = eventAttrStart[e + 1]!;
    let list: readonly Attribute[] = noAttributes;
    if (a1 > a0) {
      const own = new Array<Attribute>(a1 - a0);
      for (let j = a0; j < a1; j++) own[j - a0] = attributes[eventAttrList[j]!]!;
      list = own;
    }
    // Field order as core/trace/to-span.ts builds events.
    events[e - from] = { name: strings.at(eventName[e]!), time: eventTime[e]!, timeNs: epochNs(eventTimeNs[e]!), attributes: list, droppedAttributesCount: eventDropped[e]! };
  }
  return events;
}

function unpackAttributes(packed: PackedSpans, strings: StringList, big: BigTexts): Attribute[] {
  const { objects, attrKey, attrType, attrNumber, attrInt } = packed;
  const m = attrKey.length;
  const out = new Array<Attribute>(m);
  for (let k = 0; k < m; k++) {
    let value: AttrValue;
    switch (attrType[k]) {
      case T_STRING:
        value = { type: 'string', value: strings.at(attrNumber[k]!) };
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
      case T_BIG_TEXT:
        value = lazyText(big, attrNumber[k]!);
        break;
      default:
        value = objects[attrNumber[k]!] as AttrValue;
    }
    out[k] = { key: strings.at(attrKey[k]!), value };
  }
  return out;
}
