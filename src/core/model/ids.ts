/**
 * Trace and span ids are lower-case hex everywhere past the decoders.
 * Rule (formats.md §6): 32 or 16 hex digits are hex; otherwise base64 of 16 or 8 bytes.
 * Unpadded hex (Jaeger's 31-digit ids, Tempo's trimmed search ids) is padded to 32 or 16.
 */
const hexPattern = /^[0-9a-fA-F]+$/;
const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/;

export type IdKind = 'trace' | 'span';

/** Normalizes an id. Returns '' for a missing, empty or all-zero id; undefined when it cannot be read. */
export function normalizeId(raw: unknown, kind: IdKind): string | undefined {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') return undefined;
  let text = raw.trim();
  if (text.startsWith('0x') || text.startsWith('0X')) text = text.slice(2);
  if (text === '') return '';
  const width = kind === 'trace' ? 32 : 16;
  let hex: string | undefined;
  if (hexPattern.test(text) && (text.length === 32 || text.length === 16)) hex = text.toLowerCase();
  else if (base64Pattern.test(text) && (text.length === 24 || text.length === 12 || text.length === 22 || text.length === 11)) {
    hex = base64ToHex(text);
    if (hex !== undefined && hex.length !== 32 && hex.length !== 16) hex = undefined;
  }
  if (hex === undefined && hexPattern.test(text) && text.length < width) hex = text.toLowerCase();
  if (hex === undefined) return undefined;
  if (kind === 'trace' && hex.length < 32) hex = hex.padStart(32, '0');
  if (kind === 'span' && hex.length < 16) hex = hex.padStart(16, '0');
  if (/^0+$/.test(hex)) return '';
  return hex;
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
