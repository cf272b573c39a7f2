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

/**
 * A body given as one buffer or as the parts it arrived in (an upstream answer's chunks, kept
 * as received so no one copies them into one buffer): read as if joined, with offsets into the
 * whole. Structural reads (`at`) are few; the long stretches are skipped part by part.
 */
class Parts {
  readonly parts: readonly Uint8Array[];
  /** Offset of each part in the whole. */
  private readonly starts: number[] = [];
  readonly length: number;
  /** The part `at` read last (reads move forward, so this is almost always it or the next). */
  private current = 0;

  constructor(bytes: Uint8Array | readonly Uint8Array[]) {
    this.parts = bytes instanceof Uint8Array ? [bytes] : bytes.filter((part) => part.byteLength > 0);
    let offset = 0;
    for (const part of this.parts) {
      this.starts.push(offset);
      offset += part.byteLength;
    }
    this.length = offset;
  }

  /** Index of the part holding byte `i` (0 ≤ i < length). */
  partOf(i: number): number {
    let k = this.current;
    if (i < (this.starts[k] ?? 0)) k = 0;
    while (k + 1 < this.parts.length && (this.starts[k + 1] as number) <= i) k++;
    this.current = k;
    return k;
  }

  startOf(k: number): number {
    return this.starts[k] as number;
  }

  at(i: number): number | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const k = this.partOf(i);
    return (this.parts[k] as Uint8Array)[i - (this.starts[k] as number)];
  }

  /** Bytes [start, end): a view when they lie in one part, else a copy. */
  slice(start: number, end: number): Uint8Array {
    if (end <= start) return new Uint8Array(0);
    const k = this.partOf(start);
    const part = this.parts[k] as Uint8Array;
    const from = start - (this.starts[k] as number);
    if (from + (end - start) <= part.byteLength) return part.subarray(from, from + (end - start));
    const out = new Uint8Array(end - start);
    let written = 0;
    for (let j = k; written < out.length && j < this.parts.length; j++) {
      const piece = (this.parts[j] as Uint8Array).subarray(j === k ? from : 0, (j === k ? from : 0) + (out.length - written));
      out.set(piece, written);
      written += piece.byteLength;
    }
    return out;
  }
}

function skipSpace(bytes: Parts, i: number): number {
  while (i < bytes.length && isSpace(bytes.at(i))) i++;
  return i;
}

/**
 * i at an opening quote (`string`) or at `{`/`[` (`composite`); returns the index after the
 * closing quote or the matching closer, or -1 when the body ends first. One pass, part by part.
 */
function skipValue(bytes: Parts, i: number, what: 'string' | 'composite'): number {
  let depth = 0;
  let inString = what === 'string';
  let escaped = false;
  let first = true;
  for (let k = bytes.partOf(i); k < bytes.parts.length; k++) {
    const part = bytes.parts[k] as Uint8Array;
    const base = bytes.startOf(k);
    let j = first ? i - base : 0;
    if (first && what === 'string') j++; // past the opening quote
    first = false;
    const n = part.length;
    while (j < n) {
      if (inString) {
        // The tight loop: most of a trace's bytes are inside strings.
        for (; j < n; j++) {
          const c = part[j];
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) break;
        }
        if (j === n) break;
        j++;
        if (what === 'string') return base + j;
        inString = false;
        continue;
      }
      const c = part[j++];
      if (c === QUOTE) inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return base + j;
      }
    }
  }
  return -1;
}

function skipScalar(bytes: Parts, i: number): number {
  let j = i;
  while (j < bytes.length && !isSpace(bytes.at(j)) && bytes.at(j) !== COMMA && bytes.at(j) !== CLOSE_OBJECT) j++;
  const text = decoder.decode(bytes.slice(i, j));
  return /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/.test(text) ? j : -1;
}

/** Scans a JSON object given as one buffer or as its parts in order (offsets are into the whole). */
export function scanTopLevelObject(body: Uint8Array | readonly Uint8Array[]): TopLevelScan {
  const fail = (reason: string): TopLevelScan => ({ ok: false, reason });
  const bytes = new Parts(body);
  let i = bytes.at(0) === 0xef && bytes.at(1) === 0xbb && bytes.at(2) === 0xbf ? 3 : 0;
  i = skipSpace(bytes, i);
  const bodyStart = i;
  if (i >= bytes.length) return fail('the body is empty');
  if (bytes.at(i) !== OPEN_OBJECT) return fail('the body is not a JSON object');
  const entries = new Map<string, TopLevelValue>();
  i = skipSpace(bytes, i + 1);
  if (bytes.at(i) === CLOSE_OBJECT) i++;
  else {
    for (;;) {
      if (bytes.at(i) !== QUOTE) return fail(`expected a key at byte ${i}`);
      const keyEnd = skipValue(bytes, i, 'string');
      if (keyEnd < 0) return fail('the body ends inside a key');
      let key: string;
      try {
        key = JSON.parse(decoder.decode(bytes.slice(i, keyEnd))) as string;
      } catch {
        return fail(`a key at byte ${i} is not valid JSON`);
      }
      i = skipSpace(bytes, keyEnd);
      if (bytes.at(i) !== COLON) return fail(`expected ":" at byte ${i}`);
      i = skipSpace(bytes, i + 1);
      const start = i;
      const c = bytes.at(i);
      let kind: TopLevelValue['kind'];
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        kind = c === OPEN_OBJECT ? 'object' : 'array';
        i = skipValue(bytes, i, 'composite');
      } else if (c === QUOTE) {
        kind = 'string';
        i = skipValue(bytes, i, 'string');
      } else {
        kind = 'scalar';
        i = skipScalar(bytes, i);
      }
      if (i < 0) return fail(`the value of "${key}" is cut off or invalid`);
      const empty = (kind === 'object' || kind === 'array') && skipSpace(bytes, start + 1) === i - 1;
      entries.set(key, { kind, start, end: i, empty });
      i = skipSpace(bytes, i);
      if (bytes.at(i) === COMMA) {
        i = skipSpace(bytes, i + 1);
        continue;
      }
      if (bytes.at(i) === CLOSE_OBJECT) {
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
export function readTopLevelValue(body: Uint8Array | readonly Uint8Array[], value: TopLevelValue | undefined, maxBytes = 65_536): unknown {
  if (value === undefined || value.end - value.start > maxBytes) return undefined;
  try {
    return JSON.parse(decoder.decode(new Parts(body).slice(value.start, value.end))) as unknown;
  } catch {
    return undefined;
  }
}

/** The parts of `body` from byte `start` on (views, no copy). */
export function partsFrom(body: readonly Uint8Array[], start: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let offset = 0;
  for (const part of body) {
    const end = offset + part.byteLength;
    if (end > start) out.push(offset >= start ? part : part.subarray(start - offset));
    offset = end;
  }
  return out;
}
