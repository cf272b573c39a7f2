/**
 * Readers for the scalar wire values every decoder meets: int64 as string or number (exact, as
 * bigint), counts, and span kind / status code as numbers or enum names in any of the spellings
 * seen in the wild (`2`, `"2"`, `SPAN_KIND_SERVER`, `SERVER`, `server`, `SpanKind.SERVER`).
 * All return undefined for unreadable input; callers decide whether to skip or default.
 */
import type { SpanKind, StatusCode } from '../model/span.ts';

/** An exact integer from a decimal string, a safe-or-integral number, or a bigint. */
export function parseInt64(raw: unknown): bigint | undefined {
  if (typeof raw === 'string') {
    if (isDecimal(raw)) return BigInt(raw);
    const trimmed = raw.trim();
    return trimmed !== raw && isDecimal(trimmed) ? BigInt(trimmed) : undefined;
  }
  if (typeof raw === 'number') return Number.isInteger(raw) ? BigInt(raw) : undefined;
  if (typeof raw === 'bigint') return raw;
  return undefined;
}

function isDecimal(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 40) return false;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
  if (i === n) return false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A non-negative count (dropped*Count); missing means 0; unreadable is undefined. */
export function parseCount(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return 0;
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 ? raw : undefined;
  const big = parseInt64(raw);
  return big !== undefined && big >= 0n ? Number(big) : undefined;
}

const kindByNumber: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const kindByName = new Map<string, SpanKind>(kindByNumber.map((kind) => [kind.toUpperCase(), kind]));

/** OTLP numbers 0–5, or a name with an optional `SPAN_KIND_` / `SpanKind.` prefix, any case. */
export function parseSpanKind(raw: unknown): SpanKind | undefined {
  if (raw === undefined || raw === null) return 'unspecified';
  if (typeof raw === 'number') return kindByNumber[raw];
  if (typeof raw !== 'string') return undefined;
  const name = stripEnumPrefix(raw.trim().toUpperCase(), 'SPAN_KIND_', 'SPANKIND.');
  if (name === '') return 'unspecified';
  return kindByName.get(name) ?? (/^\d$/.test(name) ? kindByNumber[Number(name)] : undefined);
}

const statusByNumber: readonly StatusCode[] = ['unset', 'ok', 'error'];
const statusByName = new Map<string, StatusCode>(statusByNumber.map((code) => [code.toUpperCase(), code]));

/** OTLP numbers 0–2, or a name with an optional `STATUS_CODE_` / `StatusCode.` prefix, any case. */
export function parseStatusCode(raw: unknown): StatusCode | undefined {
  if (raw === undefined || raw === null) return 'unset';
  if (typeof raw === 'number') return statusByNumber[raw];
  if (typeof raw !== 'string') return undefined;
  const name = stripEnumPrefix(raw.trim().toUpperCase(), 'STATUS_CODE_', 'STATUSCODE.');
  if (name === '') return 'unset';
  return statusByName.get(name) ?? (/^\d$/.test(name) ? statusByNumber[Number(name)] : undefined);
}

function stripEnumPrefix(name: string, ...prefixes: string[]): string {
  for (const prefix of prefixes) if (name.startsWith(prefix)) return name.slice(prefix.length);
  return name;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short, single-line preview of an unexpected value for messages. */
export function preview(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  else if (value === undefined) text = 'nothing';
  else if (Array.isArray(value)) text = 'a list';
  else if (typeof value === 'object' && value !== null) text = 'an object';
  else text = String(value);
  return text;
}

/** JSON text of a value, or a placeholder when it cannot be serialised (too deep, cyclic, bigint). */
export function safeStringify(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent) ?? String(value);
  } catch {
    return '[value too deeply nested to show]';
  }
}
