/**
 * Writing API answers, for every route (sources and the local store): JSON with the API's headers,
 * every configured secret removed, sent within the server's response budget (response-budget.ts);
 * errors with their status (and Retry-After); and the query readers shared by the routes.
 */
import type http from 'node:http';
import { traceLookupHeader, type ApiError, type ApiErrorBody, type TraceLookupMiss } from '../core/backends/api-types.ts';
import type { TimeRange } from './sources/adapter-types.ts';
import { apiError, badRequest, errorStatus, redact } from './api-errors.ts';
import type { ResponseBudget } from './response-budget.ts';

import { offThread } from './sources/off-thread.ts';

export { redactBytes } from './redact.ts';

/**
 * A body in parts without any configured secret: the same parts when nothing had to change. A large
 * body is checked (and redacted) on a body thread, lent there and back when no one else holds it
 * (`exclusive`), so the event loop never decodes or copies it.
 */
export async function redactedParts(parts: readonly Uint8Array[], secrets: readonly string[], exclusive: boolean): Promise<readonly Uint8Array[]> {
  if (secrets.length === 0) return parts;
  if (!exclusive) return (await offThread.run('redact', parts, { secrets })) ?? parts;
  const lent = await offThread.lend('redact', parts, { secrets });
  return lent.result ?? lent.parts;
}

/** What a route needs to answer: the secrets to scrub and the budget answers are sent within. */
export interface Responder {
  readonly secrets: readonly string[];
  readonly responses: ResponseBudget;
}

export const apiHeaders = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

/** 503: the response budget has no room for this answer. */
export const budgetFull = (ctx: Responder): ApiError => ({
  ...apiError(
    'overloaded',
    `The viewer server is already holding ${Math.round(ctx.responses.heldBytes / 1024 / 1024)} MB of answers that clients have not read yet (its limit is ${Math.round(ctx.responses.maxHeldBytes / 1024 / 1024)} MB).`,
    'Try again in a few seconds. An operator can raise "maxHeldResponseBytes" in the server config.',
  ),
  retryAfterSeconds: 5,
});

/** Sends answer parts within the response budget, or 503 when the budget is full; says whether the parts are being sent. */
export function sendParts(res: http.ServerResponse, status: number, parts: readonly Uint8Array[], ctx: Responder): boolean {
  if (ctx.responses.send(res, status, apiHeaders, parts)) return true;
  sendError(res, budgetFull(ctx), ctx);
  return false;
}

export function send(res: http.ServerResponse, status: number, value: unknown, ctx: Responder): void {
  void sendParts(res, status, [Buffer.from(redact(JSON.stringify(value), ctx.secrets), 'utf8')], ctx);
}

/** Errors are small: written at once, outside the budget, so a full budget can still be reported. */
export function sendError(res: http.ServerResponse, error: ApiError, ctx: Pick<Responder, 'secrets'>, extraHeaders: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  // A lookup that expects misses ("All sources") gets its not-found as an answer, not a failed resource.
  const lookup = error.code === 'not-found' && res.req?.headers[traceLookupHeader.name.toLowerCase()] === traceLookupHeader.value;
  const body: ApiErrorBody | TraceLookupMiss = lookup ? { notFound: error } : { error };
  const text = redact(JSON.stringify(body), ctx.secrets);
  res.writeHead(lookup ? 200 : errorStatus[error.code], { ...apiHeaders, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
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
