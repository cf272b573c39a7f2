/**
 * The only way adapters reach an upstream. The server builds every upstream URL itself from the
 * source's configured base URL plus fixed path segments chosen by the adapter, and query values
 * it encodes; the browser never supplies a URL or a path. Each segment must be a plain token
 * (letters, digits, `.`, `_`, `-`; never `.` or `..`), and the finished URL is checked to stay on
 * the base URL's origin and under its path prefix before anything is sent.
 *
 * Transport failures become ApiErrors naming the source (never its URL or credentials).
 */
import type { ApiError, ApiResult } from '../../core/backends/api-types.ts';
import { apiError, bodyExcerpt, tenantMissing, unauthorized } from '../api-errors.ts';
import type { ResolvedSource } from './source-config.ts';
import { fetchUpstream, type UpstreamFailure, type UpstreamResponse } from './upstream-fetch.ts';

/** Plain tokens, or percent-encoded text made by `pathSegment` (e.g. a service name). */
const segmentPattern = /^(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+$/;

/** A value (a service name) as one percent-encoded path segment; `.` and `..` cannot result. */
export const pathSegment = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/^\.\.?$/, (dots) => dots.replace(/\./g, '%2E'));

/** base + "/" + segments + "?" + query, or undefined if that would leave the base URL. */
export function buildUpstreamUrl(base: URL, segments: readonly string[], query: readonly (readonly [string, string])[] = []): URL | undefined {
  for (const segment of segments) if (!segmentPattern.test(segment) || segment === '.' || segment === '..') return undefined;
  const prefix = base.pathname.replace(/\/+$/, '');
  const url = new URL(base.origin);
  url.pathname = `${prefix}/${segments.join('/')}`;
  url.search = query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  if (url.origin !== base.origin || !url.pathname.startsWith(`${prefix}/`) || url.username !== '' || url.password !== '') return undefined;
  return url;
}

export interface UpstreamCall {
  readonly segments: readonly string[];
  readonly query?: readonly (readonly [string, string])[];
  readonly accept?: string;
  readonly signal?: AbortSignal;
  /** Extra headers for this call only (a session cookie, a CSRF token). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly method?: 'GET' | 'POST';
  readonly body?: Uint8Array;
}

function failureToError(source: ResolvedSource, failure: UpstreamFailure): ApiError {
  const at = `source "${source.name}"`;
  switch (failure.kind) {
    case 'unreachable':
      return apiError('upstream-unreachable', `Could not reach ${at} (${failure.detail}).`, 'Check that the backend is running and that its URL in the config is right and reachable from the server.');
    case 'busy':
      return {
        ...apiError(
          'overloaded',
          `${at} is busy: ${failure.running} requests to it are running and ${failure.queued} are waiting, the most allowed.`,
          `Try again in ${failure.retryAfterS} s. The backend is slow or many requests arrived at once; other sources are not affected. An operator can raise "maxConcurrent" or "maxQueued" for this source.`,
        ),
        retryAfterSeconds: failure.retryAfterS,
      };
    case 'timeout':
      if (failure.phase === 'queue')
        return apiError('timeout', `${at} did not answer within ${failure.ms} ms: the request spent all of it waiting behind other requests to this source.`, 'The backend is slow or many requests arrived at once. Try again shortly, or raise "timeoutMs" or "maxConcurrent" for this source.');
      return failure.phase === 'connect'
        ? apiError('timeout', `Connecting to ${at} took longer than ${failure.ms} ms.`, 'The backend may be down or behind a firewall. Check the URL, or raise "connectTimeoutMs".')
        : apiError('timeout', `${at} did not answer within ${failure.ms} ms.`, 'The backend is slow or overloaded. Try a shorter time range, or raise "timeoutMs" for this source.');
    case 'too-large':
      return apiError('response-too-large', `The response from ${at} is larger than ${Math.round(failure.limit / 1024 / 1024)} MB (the limit is ${failure.limit} bytes).`, 'Raise "maxResponseBytes" in the config if the server has the memory, or search a shorter time range.');
    case 'redirect':
      return apiError('upstream-redirect', `${at} answered with a redirect (HTTP ${failure.status}), which the viewer does not follow.`, 'Set the source URL to the final address (check http vs https and the path prefix).');
    case 'bad-encoding':
      return apiError('malformed-response', `The response from ${at} could not be decompressed: ${failure.detail}.`, 'Check what sits between the viewer and the backend (a proxy may alter the response).');
    case 'aborted':
      return apiError('timeout', 'The request was cancelled.', 'Retry the request.');
  }
}

/** Sends one GET to the source with its credentials and limits. */
export async function callSource(source: ResolvedSource, call: UpstreamCall): Promise<ApiResult<UpstreamResponse>> {
  const url = buildUpstreamUrl(source.baseUrl, call.segments, call.query);
  if (url === undefined) return { ok: false, error: apiError('bad-request', 'The request would leave the configured source.', 'Only trace IDs and search parameters can be sent.') };
  const outcome = await fetchUpstream(url, {
    headers: { Accept: call.accept ?? 'application/json', ...source.headers, ...call.headers },
    limits: source.limits,
    bulkhead: `${source.name} ${source.baseUrl.href}`,
    ...(call.method ? { method: call.method } : {}),
    ...(call.body ? { body: call.body } : {}),
    ...(call.signal ? { signal: call.signal } : {}),
  });
  return outcome.ok ? { ok: true, value: outcome.response } : { ok: false, error: failureToError(source, outcome.failure) };
}

/** Parses a JSON body (a UTF-8 BOM allowed). */
export function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    const text = body.toString('utf8');
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown };
  } catch {
    return { ok: false };
  }
}

export const malformed = (source: ResolvedSource, what: string): ApiError =>
  apiError('malformed-response', `Source "${source.name}" sent ${what} that is not valid JSON or not in the expected shape.`, `Check that the source's "kind" (${source.kind}) and URL (including any path prefix) point at the backend's query API.`);

/** An upstream HTTP status other than success, as an ApiError (401/403, Tempo's "no org id", others). */
export function statusError(source: ResolvedSource, status: number, body: Buffer): ApiError {
  const excerpt = bodyExcerpt(body, source.secrets);
  if (status === 401 && /no org id/i.test(excerpt)) return tenantMissing(source.name);
  if (status === 401 || status === 403) return unauthorized(source.name, status);
  if (status === 422 && /exceeds max size/i.test(excerpt))
    return apiError('upstream-error', `Source "${source.name}" refuses this trace: it is larger than the backend's max_bytes_per_trace.`, 'Tempo 2.6+ returns such traces cut to size through its v2 API; or ask the operator to raise max_bytes_per_trace.');
  const detail = excerpt === '' ? '' : `: ${excerpt}`;
  return apiError(
    'upstream-error',
    `Source "${source.name}" answered HTTP ${status}${detail}`,
    status >= 500 ? 'The backend had a problem. Try again, or check its logs.' : 'The backend rejected the query. Check the search parameters and the backend version.',
  );
}
