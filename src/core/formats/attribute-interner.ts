/**
 * Shares identical short attributes (same key, type and value, e.g. `http.request.method=GET`)
 * between the spans of one decode: one `{key, value}` object instead of one per span. Fewer
 * objects make the decode, the worker's heap and the posting of the result cheaper. Attributes
 * are immutable, so sharing is invisible to readers.
 *
 * Lookups are keyed by the wire value as it came (text, or an int64 as string or number), so a
 * hit skips parsing too. A key whose values keep changing (ids, paths, counters) stops being
 * interned after `maxDistinct` values, so unique values cost almost nothing.
 */
import type { Attribute } from '../model/attributes.ts';

const maxDistinct = 256;
const maxTextLength = 128;

interface Slot {
  readonly strings: Map<string, Attribute>;
  readonly ints: Map<string | number, Attribute>;
  falseAttr: Attribute | undefined;
  trueAttr: Attribute | undefined;
  distinct: number;
}

export class AttributeInterner {
  /** undefined: key not seen yet; null: too many distinct values, no longer interned. */
  private readonly slots = new Map<string, Slot | null>();

  private slot(key: string): Slot | null {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = { strings: new Map(), ints: new Map(), falseAttr: undefined, trueAttr: undefined, distinct: 0 };
      this.slots.set(key, slot);
    }
    return slot;
  }

  private counted(key: string, slot: Slot): void {
    if (++slot.distinct >= maxDistinct) this.slots.set(key, null);
  }

  /** A string attribute. */
  string(key: string, text: string): Attribute {
    const slot = text.length <= maxTextLength ? this.slot(key) : null;
    if (slot === null) return { key, value: { type: 'string', value: text } };
    let attribute = slot.strings.get(text);
    if (attribute === undefined) {
      attribute = { key, value: { type: 'string', value: text } };
      slot.strings.set(text, attribute);
      this.counted(key, slot);
    }
    return attribute;
  }

  /** A bool attribute. */
  bool(key: string, value: boolean): Attribute {
    const slot = this.slot(key);
    if (slot === null) return { key, value: { type: 'bool', value } };
    let attribute = value ? slot.trueAttr : slot.falseAttr;
    if (attribute === undefined) {
      attribute = { key, value: { type: 'bool', value } };
      if (value) slot.trueAttr = attribute;
      else slot.falseAttr = attribute;
    }
    return attribute;
  }

  /** An int attribute seen before with this exact wire value, or undefined. */
  knownInt(key: string, raw: string | number): Attribute | undefined {
    return this.slots.get(key)?.ints.get(raw);
  }

  /** An int attribute (`value` parsed from `raw`), remembered under its wire value. */
  int(key: string, raw: string | number, value: bigint): Attribute {
    const attribute: Attribute = { key, value: { type: 'int', value } };
    const slot = typeof raw === 'string' && raw.length > 24 ? null : this.slot(key);
    if (slot !== null) {
      slot.ints.set(raw, attribute);
      this.counted(key, slot);
    }
    return attribute;
  }
}
