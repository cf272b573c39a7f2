/**
 * Writing API answers: JSON with the API's headers, every configured secret removed; errors
 * with their status; and the query readers shared by the routes.
 */
import type http from 'node:http';
import type { ApiError, ApiErrorBody } from '../core/backends/api-types.ts';
import type { TimeRange } from './sources/adapter-types.ts';
import { badRequest, errorStatus, redact } from './api-errors.ts';

interface Secrets {
  readonly secrets: readonly string[];
}

export const apiHeaders = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

/** Removes secrets from bytes; returns the same buffer when none occurs (the common case). */
export function redactBytes(bytes: Uint8Array, secrets: readonly string[]): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!secrets.some((secret) => buffer.includes(secret))) return bytes;
  return Buffer.from(redact(buffer.toString('utf8'), secrets), 'utf8');
}

export function send(res: http.ServerResponse, status: number, value: unknown, ctx: Secrets): void {
  const text = redact(JSON.stringify(value), ctx.secrets);
  res.writeHead(status, { ...apiHeaders, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: http.ServerResponse, error: ApiError, ctx: Secrets, extraHeaders: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  const body: ApiErrorBody = { error };
  send(res, errorStatus[error.code], body, ctx);
}

export type Query = { ok: true; get: (key: string) => string | undefined } | { ok: false; error: ApiError };

export function readQuery(rawQuery: string, allowed: readonly string[]): Query {
  const params = new URLSearchParams(rawQuery);
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!allowed.includes(key))
      return { ok: false, error: badRequest(`Unknown parameter "${key.slice(0, 40)}".`, allowed.length > 0 ? `Allowed here: ${allowed.join(', ')}.` : 'This route takes no parameters.') };
    if (seen.has(key)) return { ok: false, error: badRequest(`Parameter "${key}" is given twice.`, 'Give each parameter once.') };
    seen.add(key);
  }
  return { ok: true, get: (key) => params.get(key) ?? undefined };
}

/** start/end in Unix seconds: both or neither; defaults to the last `lookback` seconds when given. */
export function readRange(get: (key: string) => string | undefined, lookback: number | undefined): { ok: true; range: TimeRange | undefined } | { ok: false; error: ApiError } {
  const start = get('start');
  const end = get('end');
  const hint = 'start and end are whole Unix seconds, start before end.';
  if (start === undefined && end === undefined) {
    if (lookback === undefined) return { ok: true, range: undefined };
    const now = Math.floor(Date.now() / 1000);
    return { ok: true, range: { start: now - lookback, end: now } };
  }
  if (start === undefined || end === undefined) return { ok: false, error: badRequest('Give both start and end, or neither.', hint) };
  if (!/^\d{1,11}$/.test(start) || !/^\d{1,11}$/.test(end)) return { ok: false, error: badRequest('start and end must be Unix seconds.', hint) };
  if (Number(start) >= Number(end)) return { ok: false, error: badRequest('start must be before end.', hint) };
  return { ok: true, range: { start: Number(start), end: Number(end) } };
}

