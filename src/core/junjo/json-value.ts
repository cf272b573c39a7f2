/**
 * Plain JSON values and JSON Pointers (RFC 6901) for state replay.
 * Pointers are split into unescaped tokens; "" is the whole document.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const noTokens: readonly string[] = Object.freeze([]);
/** Parsed pointers, shared: replay, race detection and key history meet the same few paths many times. */
const pointerCache = new Map<string, readonly string[]>();
const POINTER_CACHE_SIZE = 4096;

/**
 * Pointer text to tokens (a shared, frozen array: do not modify); undefined when the pointer is
 * malformed (must be "" or start with "/").
 */
export function parsePointer(pointer: string): readonly string[] | undefined {
  if (pointer === '') return noTokens;
  if (pointer.charCodeAt(0) !== 47 /* / */) return undefined;
  const cached = pointerCache.get(pointer);
  if (cached) return cached;
  const parts = pointer.slice(1).split('/');
  const tokens = Object.freeze(pointer.includes('~') ? parts.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~')) : parts);
  if (pointerCache.size >= POINTER_CACHE_SIZE) pointerCache.clear();
  pointerCache.set(pointer, tokens);
  return tokens;
}

export const formatPointer = (tokens: readonly string[]): string =>
  tokens.map((token) => '/' + token.replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/** True when one pointer equals, contains or is contained by the other (token-wise prefix). */
export function pointersOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const ta = parsePointer(a);
  const tb = parsePointer(b);
  if (!ta || !tb) return a === b;
  const n = Math.min(ta.length, tb.length);
  for (let i = 0; i < n; i++) if (ta[i] !== tb[i]) return false;
  return true;
}

/** The value a pointer names, or `{ found: false }`. */
export function getAtPointer(doc: JsonValue, tokens: readonly string[]): { found: true; value: JsonValue } | { found: false } {
  let current: JsonValue = doc;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      const index = arrayIndex(token, current.length - 1);
      if (index === undefined) return { found: false };
      current = current[index] as JsonValue;
    } else if (isJsonObject(current) && Object.prototype.hasOwnProperty.call(current, token)) {
      current = current[token] as JsonValue;
    } else return { found: false };
  }
  return { found: true, value: current };
}

/** An array index token (no leading zeros) within 0..max, else undefined. */
export function arrayIndex(token: string, max: number): number | undefined {
  if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
  const index = Number(token);
  return index <= max ? index : undefined;
}

export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  return firstDifference(a, b) === undefined;
}

/** Pointer of the first place where two values differ, or undefined when they are equal. */
export function firstDifference(a: JsonValue, b: JsonValue, at = ''): string | undefined {
  if (a === b) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return at;
    for (let i = 0; i < a.length; i++) {
      const diff = firstDifference(a[i] as JsonValue, b[i] as JsonValue, `${at}/${i}`);
      if (diff !== undefined) return diff;
    }
    return undefined;
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keysA = Object.keys(a);
    if (keysA.length !== Object.keys(b).length) return at;
    for (const key of keysA) {
      if (!Object.prototype.hasOwnProperty.call(b, key)) return `${at}${formatPointer([key])}`;
      const diff = firstDifference(a[key] as JsonValue, b[key] as JsonValue, `${at}${formatPointer([key])}`);
      if (diff !== undefined) return diff;
    }
    return undefined;
  }
  return at;
}

/** Deep copy of a JSON value (patch values must not alias the replayed state). */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) setOwn(copy, key, cloneJson((value as JsonObject)[key] as JsonValue));
  return copy as T;
}

/** Sets an own property, also for "__proto__" (plain assignment would change the prototype). */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
