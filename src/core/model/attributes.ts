/**
 * Typed attribute values, as OpenTelemetry defines them (AnyValue), decoded once at the boundary.
 * Integers stay exact as bigint (OTLP int64 exceeds 2^53); bytes stay base64 text.
 */
export type AttrValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'bytes'; readonly base64: string }
  | { readonly type: 'array'; readonly values: readonly AttrValue[] }
  | { readonly type: 'map'; readonly entries: readonly Attribute[] }
  | { readonly type: 'empty' };

export interface Attribute {
  readonly key: string;
  readonly value: AttrValue;
}

export const str = (value: string): AttrValue => ({ type: 'string', value });

/** The first attribute with this key, or undefined. Attribute lists are short; a scan is fine. */
export function findAttr(attributes: readonly Attribute[], key: string): AttrValue | undefined {
  for (const attribute of attributes) if (attribute.key === key) return attribute.value;
  return undefined;
}

/** A string attribute's text; other types are not coerced (returns undefined). */
export function stringAttr(attributes: readonly Attribute[], key: string): string | undefined {
  const value = findAttr(attributes, key);
  return value?.type === 'string' ? value.value : undefined;
}

/** A numeric attribute as a JS number: int, double, or a string holding an integer. */
export function numberAttr(attributes: readonly Attribute[], key: string): number | undefined {
  const value = findAttr(attributes, key);
  if (value === undefined) return undefined;
  if (value.type === 'int') return Number(value.value);
  if (value.type === 'double') return value.value;
  if (value.type === 'string' && /^-?\d+$/.test(value.value.trim())) return Number(value.value);
  return undefined;
}

/** A boolean attribute: bool, or the strings "true"/"false" (Jaeger and Python exporters write those). */
export function boolAttr(attributes: readonly Attribute[], key: string): boolean | undefined {
  const value = findAttr(attributes, key);
  if (value === undefined) return undefined;
  if (value.type === 'bool') return value.value;
  if (value.type === 'string') {
    const text = value.value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  return undefined;
}

/** Human-readable text of a value, as shown in tables and used by search. */
export function formatAttrValue(value: AttrValue): string {
  switch (value.type) {
    case 'string':
      return value.value;
    case 'bool':
      return String(value.value);
    case 'int':
      return value.value.toString();
    case 'double':
      return Number.isNaN(value.value) ? 'NaN' : String(value.value);
    case 'bytes':
      return value.base64;
    case 'array':
      return `[${value.values.map(formatAttrValue).join(', ')}]`;
    case 'map':
      return `{${value.entries.map((entry) => `${entry.key}: ${formatAttrValue(entry.value)}`).join(', ')}}`;
    case 'empty':
      return '';
  }
}
