/**
 * A single fast pass over a JSON object's bytes that finds its top-level keys and where each
 * value lies, without building the tree. The server uses it on trace bodies of up to tens of MB:
 * enough to tell Tempo's empty `"trace":{}` from a real trace, read `status`/`message`, and
 * reject bodies that are not a JSON object or are cut off, while the full parse is left to the
 * browser's decoder (which parses once, in a worker).
 *
 * It checks structure (strings, nesting, separators at the top level), not every JSON rule
 * inside nested values. Small values can be read exactly with `readTopLevelValue`.
 */

export interface TopLevelValue {
  readonly kind: 'object' | 'array' | 'string' | 'scalar';
  /** Byte offsets of the value: [start, end). */
  readonly start: number;
  readonly end: number;
  /** `{}` or `[]` (whitespace allowed inside). */
  readonly empty: boolean;
}

export type TopLevelScan =
  | { readonly ok: true; readonly bodyStart: number; readonly entries: ReadonlyMap<string, TopLevelValue> }
  | { readonly ok: false; readonly reason: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const decoder = new TextDecoder();

function skipSpace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && isSpace(bytes[i])) i++;
  return i;
}

/** i at an opening quote; returns the index after the closing quote, or -1. */
function skipString(bytes: Uint8Array, i: number): number {
  for (let j = i + 1; j < bytes.length; j++) {
    const c = bytes[j];
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

/** i at `{` or `[`; returns the index after the matching closer, or -1. */
function skipComposite(bytes: Uint8Array, i: number): number {
  let depth = 0;
  for (let j = i; j < bytes.length; j++) {
    const c = bytes[j];
    if (c === QUOTE) {
      j = skipString(bytes, j);
      if (j < 0) return -1;
      j--;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

function skipScalar(bytes: Uint8Array, i: number): number {
  let j = i;
  while (j < bytes.length && !isSpace(bytes[j]) && bytes[j] !== COMMA && bytes[j] !== CLOSE_OBJECT) j++;
  const text = decoder.decode(bytes.subarray(i, j));
  return /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/.test(text) ? j : -1;
}

export function scanTopLevelObject(bytes: Uint8Array): TopLevelScan {
  const fail = (reason: string): TopLevelScan => ({ ok: false, reason });
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  i = skipSpace(bytes, i);
  const bodyStart = i;
  if (i >= bytes.length) return fail('the body is empty');
  if (bytes[i] !== OPEN_OBJECT) return fail('the body is not a JSON object');
  const entries = new Map<string, TopLevelValue>();
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_OBJECT) i++;
  else {
    for (;;) {
      if (bytes[i] !== QUOTE) return fail(`expected a key at byte ${i}`);
      const keyEnd = skipString(bytes, i);
      if (keyEnd < 0) return fail('the body ends inside a key');
      let key: string;
      try {
        key = JSON.parse(decoder.decode(bytes.subarray(i, keyEnd))) as string;
      } catch {
        return fail(`a key at byte ${i} is not valid JSON`);
      }
      i = skipSpace(bytes, keyEnd);
      if (bytes[i] !== COLON) return fail(`expected ":" at byte ${i}`);
      i = skipSpace(bytes, i + 1);
      const start = i;
      const c = bytes[i];
      let kind: TopLevelValue['kind'];
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        kind = c === OPEN_OBJECT ? 'object' : 'array';
        i = skipComposite(bytes, i);
      } else if (c === QUOTE) {
        kind = 'string';
        i = skipString(bytes, i);
      } else {
        kind = 'scalar';
        i = skipScalar(bytes, i);
      }
      if (i < 0) return fail(`the value of "${key}" is cut off or invalid`);
      const empty = (kind === 'object' || kind === 'array') && skipSpace(bytes, start + 1) === i - 1;
      entries.set(key, { kind, start, end: i, empty });
      i = skipSpace(bytes, i);
      if (bytes[i] === COMMA) {
        i = skipSpace(bytes, i + 1);
        continue;
      }
      if (bytes[i] === CLOSE_OBJECT) {
        i++;
        break;
      }
      return i >= bytes.length ? fail('the body is cut off') : fail(`expected "," or "}" at byte ${i}`);
    }
  }
  if (skipSpace(bytes, i) !== bytes.length) return fail('there is text after the JSON object');
  return { ok: true, bodyStart, entries };
}

/** Parses one top-level value exactly, if it is at most `maxBytes` long. */
export function readTopLevelValue(bytes: Uint8Array, value: TopLevelValue | undefined, maxBytes = 65_536): unknown {
  if (value === undefined || value.end - value.start > maxBytes) return undefined;
  try {
    return JSON.parse(decoder.decode(bytes.subarray(value.start, value.end))) as unknown;
  } catch {
    return undefined;
  }
}
