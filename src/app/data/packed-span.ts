/**
 * A span read from the packed columns (packed-traces.ts) when its fields are read, not rebuilt up front.
 *
 * Rebuilding every span of a 100,000-span trace as plain objects (half a million attributes, their
 * values, the events) took over a second and most of the page's heap before the first row could
 * paint, though the waterfall shows a few dozen rows. A `PackedSpan` is one small object per span:
 * its fields are getters over the set's columns, its attribute and event lists are built on first
 * read and kept (each distinct attribute once per set, shared by the spans that had it in the
 * worker), so the cost follows what the views read. Reads give the same values, of the same shapes,
 * as the plain spans the worker built (`Span`); only `Object.keys`/spread see no fields.
 */
import type { Attribute, AttrValue } from '../../core/model/attributes.ts';
import type { Resource, Scope, Span, SpanEvent, SpanKind, SpanLink, SpanStatus } from '../../core/model/span.ts';
import { epochNs } from '../../core/model/time.ts';
import { kinds, T_BIG_TEXT, T_BOOL, T_DOUBLE, T_INT, T_STRING, type PackedSpans, type PackedStrings } from './packed-traces.ts';

const noAttributes: readonly Attribute[] = Object.freeze([]);
const noEvents: readonly SpanEvent[] = Object.freeze([]);
const utf8 = new TextDecoder();


/**
 * The string table. An all-ASCII table (byte offsets are then the UTF-16 offsets) gives its first
 * strings one by one, each decoded from its own bytes when first asked for: the first screen reads a
 * few hundred of the table's hundreds of thousands (decoding all 9 MB of a 100,000-span trace's table
 * took most of a 100 ms task). After `singleReads` of them, an ASCII table is decoded a block of
 * `blockStrings` strings at a time (one decoder call each, never the whole text in one task: a view
 * that reads every span's name then spends its time in slices it can yield between); a table with
 * other characters (whose byte offsets are not its UTF-16 offsets) is decoded whole in one call.
 */
export class StringList {
  private readonly cut: (string | undefined)[];
  private joined: string | undefined;
  private singlesLeft: number;
  /** All-ASCII text: byte offsets are UTF-16 offsets, so any run of strings decodes on its own. */
  private readonly ascii: boolean;
  /** The decoded text of each block of `blockStrings` strings (ASCII tables), when read. */
  private readonly blocks: (string | undefined)[] = [];

  constructor(
    private readonly packed: PackedStrings,
    singleReads = 20_000,
    private readonly blockStrings = 4096,
  ) {
    this.cut = Array.isArray(packed) ? (packed as string[]) : [];
    const table = packed as Exclude<PackedStrings, readonly string[]>;
    this.ascii = !Array.isArray(packed) && table.starts[table.starts.length - 1] === table.text.byteLength;
    this.singlesLeft = this.ascii ? singleReads : 0;
  }

  /** How many strings the table holds. */
  get count(): number {
    return Array.isArray(this.packed) ? this.packed.length : (this.packed as Exclude<PackedStrings, readonly string[]>).starts.length - 1;
  }

  at(i: number): string {
    let text = this.cut[i];
    if (text === undefined) {
      const { text: bytes, starts } = this.packed as Exclude<PackedStrings, readonly string[]>;
      if (this.singlesLeft > 0) {
        this.singlesLeft--;
        text = asciiText(bytes, starts[i]!, starts[i + 1]!);
      } else if (this.ascii) {
        const b = Math.floor(i / this.blockStrings);
        const base = starts[b * this.blockStrings]!;
        const block = (this.blocks[b] ??= utf8.decode(bytes.subarray(base, starts[Math.min((b + 1) * this.blockStrings, starts.length - 1)]!)));
        text = block.slice(starts[i]! - base, starts[i + 1]! - base);
      } else {
        this.joined ??= utf8.decode(bytes);
        text = this.joined.slice(starts[i]!, starts[i + 1]!);
      }
      this.cut[i] = text;
    }
    return text;
  }
}

/** ASCII bytes `from .. to` as a string: short ones by char codes (cheaper than a decoder call). */
function asciiText(bytes: Uint8Array, from: number, to: number): string {
  if (to - from > 64) return utf8.decode(bytes.subarray(from, to));
  let text = '';
  for (let i = from; i < to; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/** The long string values of a set: UTF-8 bytes, given later when posted after the spans. */
export interface BigTexts {
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

/** What the spans of one posted set share: the columns, the string table and the attribute table, filled as read. */
export class SpanSource {
  private readonly attributes: (Attribute | undefined)[];
  /** String indexes of attribute keys looked up by `stringAttrs`. */
  private readonly keys = new Map<string, number>();

  constructor(
    readonly packed: PackedSpans,
    readonly strings: StringList,
    readonly big: BigTexts,
  ) {
    this.attributes = new Array<Attribute | undefined>(packed.attrKey.length);
  }

  /**
   * The string index of the attribute key `key`, or -1 when no attribute has it: found among the
   * keys the table uses (a few dozen distinct ones), so the rest of the string table is not read.
   */
  keyIndex(key: string): number {
    let found = this.keys.get(key);
    if (found === undefined) {
      found = -1;
      const { attrKey } = this.packed;
      const seen = new Uint8Array(this.strings.count);
      for (let k = 0; k < attrKey.length; k++) {
        const s = attrKey[k]!;
        if (seen[s]) continue;
        seen[s] = 1;
        if (this.strings.at(s) === key) {
          found = s;
          break;
        }
      }
      this.keys.set(key, found);
    }
    return found;
  }

  /** Attribute `k` of the table, built on first read and then shared. */
  attribute(k: number): Attribute {
    let attribute = this.attributes[k];
    if (attribute === undefined) {
      attribute = { key: this.strings.at(this.packed.attrKey[k]!), value: this.value(k) };
      this.attributes[k] = attribute;
    }
    return attribute;
  }

  /** The attributes `list[from .. to)` (indexes into the table). */
  attributeList(list: Int32Array, from: number, to: number): readonly Attribute[] {
    if (to <= from) return noAttributes;
    const out = new Array<Attribute>(to - from);
    for (let j = from; j < to; j++) out[j - from] = this.attribute(list[j]!);
    return out;
  }

  private value(k: number): AttrValue {
    const { objects, attrType, attrNumber, attrInt } = this.packed;
    switch (attrType[k]) {
      case T_STRING:
        return { type: 'string', value: this.strings.at(attrNumber[k]!) };
      case T_BOOL:
        return { type: 'bool', value: attrNumber[k] === 1 };
      case T_DOUBLE:
        return { type: 'double', value: attrNumber[k]! };
      case T_INT:
        return { type: 'int', value: attrInt[k]! };
      case T_BIG_TEXT:
        return lazyText(this.big, attrNumber[k]!);
      default:
        return objects[attrNumber[k]!] as AttrValue;
    }
  }

  /** Events `from .. to` of the event columns. */
  events(from: number, to: number): readonly SpanEvent[] {
    if (from === to) return noEvents;
    const { eventName, eventTime, eventTimeNs, eventDropped, eventAttrStart, eventAttrList } = this.packed;
    const events = new Array<SpanEvent>(to - from);
    for (let e = from; e < to; e++) {
      // Field order as core/trace/to-span.ts builds events.
      events[e - from] = {
        name: this.strings.at(eventName[e]!),
        time: eventTime[e]!,
        timeNs: epochNs(eventTimeNs[e]!),
        attributes: this.attributeList(eventAttrList, eventAttrStart[e]!, eventAttrStart[e + 1]!),
        droppedAttributesCount: eventDropped[e]!,
      };
    }
    return events;
  }

  /**
   * The string value of the first attribute named `key` of each span `from .. to` (as `stringAttr`
   * reads it), straight from the columns, without building any attribute; `undefined` where there is
   * none or it is not a string. A long value (still to come, or not) is read through `fallback`.
   */
  stringAttrs(key: string, from: number, to: number, fallback: (local: number) => string | undefined): (string | undefined)[] {
    const out = new Array<string | undefined>(to - from).fill(undefined);
    const keyIndex = this.keyIndex(key);
    if (keyIndex < 0) return out;
    const { attrStart, attrList, attrKey, attrType, attrNumber } = this.packed;
    for (let i = from; i < to; i++) {
      const end = attrStart[i + 1]!;
      for (let j = attrStart[i]!; j < end; j++) {
        const k = attrList[j]!;
        if (attrKey[k] !== keyIndex) continue;
        const type = attrType[k];
        out[i - from] = type === T_STRING ? this.strings.at(attrNumber[k]!) : type === T_BIG_TEXT ? fallback(i - from) : undefined;
        break;
      }
    }
    return out;
  }
}

/** The spans of one trace of a set: where they start in the columns, and the trace's own parent indexes. */
export interface TraceSpans {
  readonly source: SpanSource;
  /** Index of the trace's first span in the set's columns. */
  readonly from: number;
  /** Parent per span, local to the trace. */
  readonly parent: Int32Array;
  readonly spans: readonly Span[];
}

/** One span, read from the columns (see the top of this file). */
export class PackedSpan implements Span {
  readonly #of: TraceSpans;
  /** Position in the set's columns. */
  readonly #at: number;
  #attributes: readonly Attribute[] | undefined;
  #events: readonly SpanEvent[] | undefined;

  constructor(
    of: TraceSpans,
    /** Position of this span in `Trace.spans`. */
    readonly index: number,
  ) {
    this.#of = of;
    this.#at = of.from + index;
    this.#attributes = undefined;
    this.#events = undefined;
  }

  get traceId(): string {
    const { source } = this.#of;
    return source.strings.at(source.packed.traceId[this.#at]!);
  }

  get spanId(): string {
    const { source } = this.#of;
    return source.strings.at(source.packed.spanId[this.#at]!);
  }

  get parentSpanId(): string | null {
    const of = this.#of;
    const id = of.source.packed.parentSpanId[this.#at]!;
    if (id === -1) return null;
    if (id === -2) return of.spans[of.parent[this.index]!]!.spanId;
    return of.source.strings.at(id);
  }

  get name(): string {
    const { source } = this.#of;
    return source.strings.at(source.packed.name[this.#at]!);
  }

  get kind(): SpanKind {
    return kinds[this.#of.source.packed.kind[this.#at]!]!;
  }

  get attributes(): readonly Attribute[] {
    let list = this.#attributes;
    if (list === undefined) {
      const { source } = this.#of;
      const { attrStart, attrList } = source.packed;
      list = source.attributeList(attrList, attrStart[this.#at]!, attrStart[this.#at + 1]!);
      this.#attributes = list;
    }
    return list;
  }

  get links(): readonly SpanLink[] {
    const { packed } = this.#of.source;
    return packed.objects[packed.links[this.#at]!] as readonly SpanLink[];
  }

  get status(): SpanStatus {
    const { packed } = this.#of.source;
    return packed.objects[packed.status[this.#at]!] as SpanStatus;
  }

  get resource(): Resource {
    const { packed } = this.#of.source;
    return packed.objects[packed.resource[this.#at]!] as Resource;
  }

  get scope(): Scope {
    const { packed } = this.#of.source;
    return packed.objects[packed.scope[this.#at]!] as Scope;
  }

  get traceState(): string {
    const { source } = this.#of;
    return source.strings.at(source.packed.traceState[this.#at]!);
  }

  get droppedAttributesCount(): number {
    return this.#of.source.packed.dropped[3 * this.#at]!;
  }

  get droppedEventsCount(): number {
    return this.#of.source.packed.dropped[3 * this.#at + 1]!;
  }

  get droppedLinksCount(): number {
    return this.#of.source.packed.dropped[3 * this.#at + 2]!;
  }

  get inputIndex(): number {
    return this.#of.source.packed.inputIndex[this.#at]!;
  }

  get start(): number {
    return this.#of.source.packed.start[this.#at]!;
  }

  get end(): number {
    return this.#of.source.packed.end[this.#at]!;
  }

  get events(): readonly SpanEvent[] {
    let events = this.#events;
    if (events === undefined) {
      const { source } = this.#of;
      const { packed } = source;
      const shared = packed.events[this.#at]!;
      events = shared === -1 ? source.events(packed.eventStart[this.#at]!, packed.eventStart[this.#at + 1]!) : (packed.objects[shared] as readonly SpanEvent[]);
      this.#events = events;
    }
    return events;
  }
}

/** The fields of a span as a plain object (tests compare page spans with the worker's this way). */
export function plainSpan(span: Span): Span {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    attributes: span.attributes,
    links: span.links,
    status: span.status,
    resource: span.resource,
    scope: span.scope,
    traceState: span.traceState,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
    index: span.index,
    inputIndex: span.inputIndex,
    start: span.start,
    end: span.end,
    events: span.events,
  };
}
