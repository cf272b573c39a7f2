/**
 * Plain JSON (Junjo rows, the Python console exporter, Jaeger log fields) → typed attributes.
 * Strings stay strings (Junjo keeps graphs and state as JSON text), integral numbers become
 * int, other numbers double, arrays array and objects map. Nesting is capped.
 */
import type { Attribute, AttrValue } from '../model/attributes.ts';
import { noAttributes } from './any-value.ts';
import { isRecord } from './wire-values.ts';

const maxDepth = 32;

export function plainToAttrValue(raw: unknown, depth = 0): AttrValue {
  switch (typeof raw) {
    case 'string':
      return { type: 'string', value: raw };
    case 'boolean':
      return { type: 'bool', value: raw };
    case 'number':
      return Number.isInteger(raw) ? { type: 'int', value: BigInt(raw) } : { type: 'double', value: raw };
    case 'bigint':
      return { type: 'int', value: raw };
    default:
      break;
  }
  if (raw === null || raw === undefined) return { type: 'empty' };
  if (depth >= maxDepth) return { type: 'string', value: '[nested too deeply to show]' };
  if (Array.isArray(raw)) return { type: 'array', values: raw.map((item) => plainToAttrValue(item, depth + 1)) };
  if (isRecord(raw)) return { type: 'map', entries: plainAttributes(raw, depth + 1) };
  return { type: 'string', value: String(raw) };
}

/** An object's entries as attributes, in key order. Non-objects give no attributes. */
export function plainAttributes(raw: unknown, depth = 0): readonly Attribute[] {
  if (!isRecord(raw)) return noAttributes;
  const attributes: Attribute[] = [];
  for (const key in raw) attributes.push({ key, value: plainToAttrValue(raw[key], depth) });
  return attributes.length === 0 ? noAttributes : attributes;
}
