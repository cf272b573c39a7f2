/**
 * Trace and span ids are lower-case hex everywhere past the decoders.
 * Rule (formats.md §6): hex digits that fit the width (32 for traces, 16 for spans) are hex,
 * left-padded when shorter (Jaeger's 31-digit ids, Tempo's trimmed search ids, 64-bit Jaeger
 * trace ids); otherwise base64 of 16 or 8 bytes. Padded base64 of 16 or 8 bytes always ends
 * in '=', so an all-hex string is never mistaken for it; unpadded 11-character base64 that
 * happens to be all hex digits is the one ambiguous case and is read as hex.
 */
const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/;

export type IdKind = 'trace' | 'span';

/** Normalizes an id. Returns '' for a missing, empty or all-zero id; undefined when it cannot be read. */
export function normalizeId(raw: unknown, kind: IdKind): string | undefined {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') return undefined;
  const width = kind === 'trace' ? 32 : 16;
  // Fast path: already canonical lower-case hex of the right width.
  if (raw.length === width) {
    const fast = canonicalHex(raw);
    if (fast !== undefined) return fast;
  }
  let text = raw.trim();
  if (text.startsWith('0x') || text.startsWith('0X')) text = text.slice(2);
  if (text === '') return '';
  let hex: string | undefined;
  if (text.length <= width && isHex(text)) hex = text.toLowerCase().padStart(width, '0');
  else if (base64Pattern.test(text)) {
    const decoded = base64ToHex(text);
    if (decoded !== undefined && (decoded.length === 32 || decoded.length === 16) && decoded.length <= width)
      hex = decoded.padStart(width, '0');
  }
  if (hex === undefined) return undefined;
  return isAllZero(hex) ? '' : hex;
}

/** Lower-case hex if `text` is already lower-case hex ('' when all zero); undefined otherwise. */
function canonicalHex(text: string): string | undefined {
  let zero = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 48) continue;
    zero = false;
    if (!((c > 48 && c <= 57) || (c >= 97 && c <= 102))) return undefined;
  }
  return zero ? '' : text;
}

function isHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

function isAllZero(hex: string): boolean {
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== 48) return false;
  return true;
}

export function base64ToHex(text: string): string | undefined {
  const normalized = text.replace(/-/g, '+').replace(/_/g, '/');
  let binary: string;
  try {
    binary = atob(normalized.padEnd(Math.ceil(normalized.length / 4) * 4, '='));
  } catch {
    return undefined;
  }
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

export function hexToBase64(hex: string): string {
  let binary = '';
  for (let i = 0; i + 1 < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}
