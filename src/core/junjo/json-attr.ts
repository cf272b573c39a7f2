/**
 * Defensive parsing of Junjo's JSON-in-a-string attributes (graphs, state, patches).
 * A value that fails to parse and is ~2048 UTF-8 bytes long was almost certainly cut by Tempo's
 * distributor (`max_attribute_bytes`, default 2048; formats.md §5); the raw text is always kept.
 */
const TEMPO_DEFAULT_MAX_ATTRIBUTE_BYTES = 2048;

export type JsonAttrError =
  | { readonly kind: 'cut-by-tempo'; readonly bytes: number; readonly message: string; readonly raw: string }
  | { readonly kind: 'invalid-json'; readonly message: string; readonly raw: string };

export type JsonAttrResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonAttrError };

export const NOT_VALID_JSON = 'Not valid JSON (possibly cut by a length limit)';

const tempoCutMessage = (bytes: number): string =>
  `Tempo cut this value at ${bytes} bytes (\`max_attribute_bytes\`). ` +
  'Ask the operator to raise or disable it; new runs will be complete.';

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Tempo slices bytes, which can split a multi-byte character; decoding then yields U+FFFD (3 bytes).
 * So accept a small window around the limit rather than exactly 2048.
 */
function looksCutByTempo(text: string): boolean {
  const bytes = utf8Length(text);
  return bytes >= TEMPO_DEFAULT_MAX_ATTRIBUTE_BYTES - 4 && bytes <= TEMPO_DEFAULT_MAX_ATTRIBUTE_BYTES + 2;
}

/**
 * Deepest nesting accepted. Replay, comparison and display walk values recursively (and
 * JSON.stringify overflows the stack a few thousand levels down), so deeper values are refused here.
 */
const MAX_JSON_ATTR_DEPTH = 1000;

/**
 * True when objects/arrays in valid JSON text nest deeper than `limit` levels. Reads the text, not
 * the parsed value (no allocation); text shorter than 2 × limit cannot nest that deep.
 */
function nestsDeeperThan(text: string, limit: number): boolean {
  if (text.length <= 2 * limit) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the string: valid JSON, so it ends at the next quote not escaped by a backslash.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

export function parseJsonAttr(text: string): JsonAttrResult {
  try {
    const value = JSON.parse(text) as unknown;
    if (nestsDeeperThan(text, MAX_JSON_ATTR_DEPTH))
      return { ok: false, error: { kind: 'invalid-json', message: `JSON nested more than ${MAX_JSON_ATTR_DEPTH} levels deep; not shown or replayed`, raw: text } };
    return { ok: true, value };
  } catch {
    if (looksCutByTempo(text)) {
      const bytes = utf8Length(text);
      return { ok: false, error: { kind: 'cut-by-tempo', bytes, message: tempoCutMessage(bytes), raw: text } };
    }
    return { ok: false, error: { kind: 'invalid-json', message: NOT_VALID_JSON, raw: text } };
  }
}
