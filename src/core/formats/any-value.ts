/**
 * OTLP/JSON AnyValue and KeyValue lists → typed attributes (formats.md §6).
 * Presence is tested with `key in value` because `{"boolValue": false}` is real. Proto field
 * names (`string_value`, …) are accepted too. int64 stays exact (bigint); doubles accept
 * "NaN"/"Infinity" strings; bytes stay base64. Nesting is capped so a hostile file cannot
 * recurse without bound.
 */
import type { Attribute, AttrValue } from '../model/attributes.ts';
import type { AttributeInterner } from './attribute-interner.ts';
import type { DecodeSink } from './decode-sink.ts';
import { isRecord, parseInt64, preview } from './wire-values.ts';

const maxDepth = 32;
export const noAttributes: readonly Attribute[] = Object.freeze([]);
const emptyValue: AttrValue = Object.freeze({ type: 'empty' });

/** Decodes one AnyValue. Returns the value, or a string saying why it could not be read. */
export function decodeAnyValue(raw: unknown, depth = 0): AttrValue | string {
  if (!isRecord(raw)) return raw === undefined || raw === null ? emptyValue : `expected an AnyValue object, got ${preview(raw)}`;
  if ('stringValue' in raw) return stringOf(raw.stringValue);
  if ('intValue' in raw) return intOf(raw.intValue);
  if ('boolValue' in raw) return boolOf(raw.boolValue);
  if ('doubleValue' in raw) return doubleOf(raw.doubleValue);
  if ('arrayValue' in raw) return arrayOf(raw.arrayValue, depth);
  if ('kvlistValue' in raw) return kvlistOf(raw.kvlistValue, depth);
  if ('bytesValue' in raw) return bytesOf(raw.bytesValue);
  if ('string_value' in raw) return stringOf(raw.string_value);
  if ('int_value' in raw) return intOf(raw.int_value);
  if ('bool_value' in raw) return boolOf(raw.bool_value);
  if ('double_value' in raw) return doubleOf(raw.double_value);
  if ('array_value' in raw) return arrayOf(raw.array_value, depth);
  if ('kvlist_value' in raw) return kvlistOf(raw.kvlist_value, depth);
  if ('bytes_value' in raw) return bytesOf(raw.bytes_value);
  for (const key in raw) return `unknown AnyValue field "${key}"`;
  return emptyValue;
}

function stringOf(raw: unknown): AttrValue | string {
  if (typeof raw === 'string') return { type: 'string', value: raw };
  if (raw === null || raw === undefined) return { type: 'string', value: '' };
  if (typeof raw === 'number' || typeof raw === 'boolean') return { type: 'string', value: String(raw) };
  return `stringValue is ${preview(raw)}, not text`;
}

function intOf(raw: unknown): AttrValue | string {
  const value = parseInt64(raw);
  return value === undefined ? `intValue ${preview(raw)} is not an integer` : { type: 'int', value };
}

function boolOf(raw: unknown): AttrValue | string {
  if (typeof raw === 'boolean') return { type: 'bool', value: raw };
  if (raw === 'true' || raw === 'false') return { type: 'bool', value: raw === 'true' };
  return `boolValue ${preview(raw)} is not true or false`;
}

const specialDoubles: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function doubleOf(raw: unknown): AttrValue | string {
  if (typeof raw === 'number') return { type: 'double', value: raw };
  if (typeof raw === 'string') {
    const special = specialDoubles[raw];
    if (special !== undefined) return { type: 'double', value: special };
    const value = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isNaN(value)) return { type: 'double', value };
  }
  return `doubleValue ${preview(raw)} is not a number`;
}

function bytesOf(raw: unknown): AttrValue | string {
  return typeof raw === 'string' ? { type: 'bytes', base64: raw } : `bytesValue ${preview(raw)} is not base64 text`;
}

function arrayOf(raw: unknown, depth: number): AttrValue | string {
  if (depth >= maxDepth) return `values nested deeper than ${maxDepth} levels`;
  const list = isRecord(raw) ? raw.values : raw === null || raw === undefined ? undefined : raw;
  if (list === undefined || list === null) return { type: 'array', values: [] };
  if (!Array.isArray(list)) return `arrayValue.values is ${preview(list)}, not a list`;
  const values: AttrValue[] = [];
  for (const item of list) {
    const value = decodeAnyValue(item, depth + 1);
    if (typeof value === 'string') return `arrayValue item: ${value}`;
    values.push(value);
  }
  return { type: 'array', values };
}

function kvlistOf(raw: unknown, depth: number): AttrValue | string {
  if (depth >= maxDepth) return `values nested deeper than ${maxDepth} levels`;
  const list = isRecord(raw) ? raw.values : raw === null || raw === undefined ? undefined : raw;
  if (list === undefined || list === null) return { type: 'map', entries: [] };
  if (!Array.isArray(list)) return `kvlistValue.values is ${preview(list)}, not a list`;
  const entries: Attribute[] = [];
  for (const item of list) {
    if (!isRecord(item) || typeof item.key !== 'string') return 'kvlistValue entry without a text key';
    const value = decodeAnyValue(item.value, depth + 1);
    if (typeof value === 'string') return `kvlistValue "${item.key}": ${value}`;
    entries.push({ key: item.key, value });
  }
  return { type: 'map', entries };
}

/**
 * Decodes a KeyValue list. A bad entry is skipped with a reason at `base.field[i]`; the rest survive.
 * Missing or null lists are empty. Short string, int and bool attributes are shared through the
 * sink's interner (this runs for every span of big files).
 */
export function decodeKeyValues(
  raw: unknown,
  sink: DecodeSink,
  base: string,
  field: string,
  line?: number,
  /** When given, the location is `base[index].field` (saves building the span's path per span). */
  index?: number,
): readonly Attribute[] {
  if (raw === undefined || raw === null) return noAttributes;
  if (!Array.isArray(raw)) {
    sink.skip(pathOf(base, field, index), `expected a list of attributes, got ${preview(raw)}`, line);
    return noAttributes;
  }
  if (raw.length === 0) return noAttributes;
  const interner = sink.attributes;
  const attributes: Attribute[] = [];
  for (let i = 0; i < raw.length; i++) {
    const item: unknown = raw[i];
    const rawKey = isRecord(item) ? item.key : undefined;
    if (typeof rawKey !== 'string' && typeof rawKey !== 'number') {
      sink.skip(`${pathOf(base, field, index)}[${i}]`, 'attribute without a key', line);
      continue;
    }
    const key = typeof rawKey === 'string' ? rawKey : String(rawKey);
    const rawValue = (item as Record<string, unknown>).value;
    const shared = internedAttribute(key, rawValue, interner);
    if (shared !== undefined) {
      attributes.push(shared);
      continue;
    }
    const value = decodeAnyValue(rawValue);
    if (typeof value === 'string') sink.skip(`${pathOf(base, field, index)}[${i}]`, `attribute "${key}": ${value}`, line);
    else attributes.push({ key, value });
  }
  return attributes;
}

// Paths are built only when something is reported.
const pathOf = (base: string, field: string, index?: number): string =>
  index !== undefined ? `${base}[${index}].${field}` : base === '' ? field : `${base}.${field}`;

/**
 * The common OTLP JSON cases (camelCase stringValue, intValue, boolValue) through the interner;
 * undefined for anything else, which `decodeAnyValue` then reads with the full rules (same
 * precedence: stringValue, then intValue, then boolValue).
 */
function internedAttribute(key: string, raw: unknown, interner: AttributeInterner): Attribute | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const value = raw as Record<string, unknown>;
  const text = value.stringValue;
  if (typeof text === 'string') return interner.string(key, text);
  if (text !== undefined || 'stringValue' in value) return undefined;
  const int = value.intValue;
  if (typeof int === 'string' || typeof int === 'number') {
    const known = interner.knownInt(key, int);
    if (known !== undefined) return known;
    const parsed = parseInt64(int);
    return parsed === undefined ? undefined : interner.int(key, int, parsed);
  }
  if (int !== undefined || 'intValue' in value) return undefined;
  const bool = value.boolValue;
  return typeof bool === 'boolean' ? interner.bool(key, bool) : undefined;
}
