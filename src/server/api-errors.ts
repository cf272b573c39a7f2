/**
 * The API's errors in one place: each code's HTTP status, and constructors that say what went
 * wrong, where, and what to do next. Upstream failures name the source, never its URL or headers.
 */
import type { ApiError, ApiErrorCode } from '../core/backends/api-types.ts';
import { redactText } from './redact.ts';

export const errorStatus: Readonly<Record<ApiErrorCode, number>> = {
  'bad-request': 400,
  'bad-trace-id': 400,
  'unknown-source': 404,
  'unknown-route': 404,
  'method-not-allowed': 405,
  'host-not-allowed': 403,
  'not-found': 404,
  unauthorized: 401, // the upstream refused our credentials (401 or 403 upstream)
  'tenant-missing': 401,
  'upstream-unreachable': 502,
  timeout: 504,
  'response-too-large': 502,
  'malformed-response': 502,
  'upstream-redirect': 502,
  'upstream-error': 502,
  overloaded: 503, // this source's bulkhead is full; Retry-After says when to come back
  'cross-origin': 403, // a page on another site asked (Sec-Fetch-Site / Origin)
  unsupported: 501,
};

export const apiError = (code: ApiErrorCode, message: string, hint: string): ApiError => ({ code, message, hint });

export const badRequest = (message: string, hint: string): ApiError => apiError('bad-request', message, hint);

export const badTraceId = (raw: string): ApiError =>
  apiError(
    'bad-trace-id',
    `"${raw.length > 80 ? `${raw.slice(0, 80)}…` : raw}" is not a trace ID.`,
    'A trace ID is 1 to 32 hex digits (0–9, a–f), not all zeros. Paste links and traceparents into the trace ID box.',
  );

export const unknownSource = (name: string, known: readonly string[]): ApiError =>
  apiError(
    'unknown-source',
    `There is no source named "${name.length > 80 ? `${name.slice(0, 80)}…` : name}".`,
    known.length > 0 ? `Configured sources: ${known.join(', ')}.` : 'No Tempo or Jaeger source is configured; see docs/sources.md.',
  );

/**
 * What a trace lookup searched, for not-found messages: the range the request gave, or, without
 * one, what the backend searches by default (`whenUnbounded`, from the adapter).
 */
export function describeRange(start: number | undefined, end: number | undefined, whenUnbounded = 'none given, so the backend searched its default range'): string {
  if (start === undefined || end === undefined) return whenUnbounded;
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
  return `${iso(start)} – ${iso(end)} (UTC)`;
}

/** What Tempo and Jaeger search for a trace id when the request has no start/end. */
export const defaultTraceRange = {
  tempo: 'none given, so Tempo searched its ingesters and all blocks in its backend (the whole retention period)',
  jaeger: 'none given, so Jaeger searched all of its storage (with Elasticsearch/OpenSearch: the last es.max-span-age, 72 h by default)',
} as const;

export const traceNotFound = (source: string, traceId: string, tried: string, start?: number, end?: number, whenUnbounded?: string): ApiError =>
  apiError(
    'not-found',
    `Trace ${traceId} was not found in source "${source}" (asked ${tried}). Time range: ${describeRange(start, end, whenUnbounded)}.`,
    'Check the ID and the source. Recent traces can take a few seconds to appear; old ones may have passed the retention period.',
  );

export const unauthorized = (source: string, status: number): ApiError =>
  apiError(
    'unauthorized',
    `Source "${source}" refused access: unauthorized (HTTP ${status}).`,
    'Check the credentials configured for this source (bearerTokenEnv, basicAuth or headersFromEnv) and that the environment variables are set where the server runs.',
  );

export const tenantMissing = (source: string): ApiError =>
  apiError(
    'tenant-missing',
    `Source "${source}" needs a tenant: Tempo answered 401 "no org id".`,
    'This Tempo runs with multitenancy. Add "tenant": "<org id>" (sent as X-Scope-OrgID) to the source in the config.',
  );

/** Removes every configured secret, in any form it may be written in (redact.ts), from text. */
export function redact(text: string, secrets: readonly string[]): string {
  return redactText(text, secrets);
}

/** How much of an upstream error body is read for an excerpt; redacted whole before it is cut. */
const excerptWindowBytes = 64 * 1024;

/**
 * A short, single-line, secret-free excerpt of an upstream error body for a message. The whole
 * window is redacted first and only then cut, so no part of a secret survives at the cut.
 */
export function bodyExcerpt(body: Buffer, secrets: readonly string[]): string {
  const text = redact(body.subarray(0, excerptWindowBytes).toString('utf8'), secrets).replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
