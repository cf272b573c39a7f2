/**
 * The browser's side of the viewer server's /api (wire types: core/backends/api-types.ts).
 * Every request either resolves with the parsed answer or throws a `BackendRequestError` that
 * says what kind of failure it was, so retries and messages can depend on it:
 *
 *   network  the viewer server did not answer (fetch itself failed)
 *   no-api   something answered, but not the viewer's API (the app is served without its server)
 *   api      the API answered with an error body {error:{code,message,hint}}
 */
import { traceLookupHeader, type ApiError, type TraceLookupMiss, type TraceResponse } from '../../core/backends/api-types.ts';
import type { ImportError } from '../../core/formats/types.ts';

export type BackendFailure = 'network' | 'no-api' | 'api';

export class BackendRequestError extends Error {
  constructor(
    readonly failure: BackendFailure,
    readonly status: number,
    readonly apiError: ApiError,
  ) {
    super(apiError.message);
    this.name = 'BackendRequestError';
  }
}

const noApi = (path: string, status: number) =>
  new BackendRequestError('no-api', status, {
    code: 'unsupported',
    message: `The viewer's server API is not available here (${path} answered ${status === 200 ? 'without JSON' : `HTTP ${status}`}).`,
    hint: 'Tempo and Jaeger traces are read through the viewer server: start the viewer with `npm start`. Files and samples still work.',
  });

function isApiErrorBody(value: unknown): value is { error: ApiError } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as ApiError).code === 'string' && typeof (error as ApiError).message === 'string';
}

/** What the server requires on every request that changes something (a CSRF guard). */
export const writeHeader = { 'X-Requested-With': 'junjo-trace-viewer' } as const;

export interface ApiWrite {
  readonly method: 'POST' | 'DELETE';
  readonly body?: BodyInit;
  readonly contentType?: string;
}

/**
 * GET an API path (or POST/DELETE with `write`); resolves with the response text of a 2xx
 * JSON answer ('' for a write answered without a body).
 */
export async function fetchApiText(path: string, signal?: AbortSignal, write?: ApiWrite, extraHeaders?: Readonly<Record<string, string>>): Promise<string> {
  let response: Response;
  try {
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    if (write) Object.assign(headers, writeHeader, write.contentType ? { 'Content-Type': write.contentType } : {});
    response = await fetch(path, { signal, headers, method: write?.method ?? 'GET', body: write?.body });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new BackendRequestError('network', 0, {
      code: 'upstream-unreachable',
      message: `The viewer server did not answer (${error instanceof Error ? error.message : String(error)}).`,
      hint: 'Check that the viewer is still running (npm start), then try again.',
    });
  }
  const isJson = (response.headers.get('Content-Type') ?? '').includes('application/json');
  const text = await response.text();
  if (write && response.ok && text.trim() === '') return '';
  if (!isJson) throw noApi(path, response.status);
  if (response.ok) return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!isApiErrorBody(body)) throw noApi(path, response.status);
  throw new BackendRequestError('api', response.status, { code: body.error.code, message: body.error.message, hint: body.error.hint ?? '' });
}

export async function fetchApiJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return JSON.parse(await fetchApiText(path, signal)) as T;
}

/** Worth retrying: the network, and server-side failures that may pass (5xx). Never a 4xx. */
const transientCodes = new Set<ApiError['code']>(['upstream-unreachable', 'upstream-error', 'timeout']);

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!(error instanceof BackendRequestError)) return false;
  if (error.failure === 'network') return failureCount < 2;
  if (error.failure !== 'api' || error.status < 500) return false;
  if (error.apiError.code === 'timeout') return failureCount < 1; // each attempt already waited long
  return transientCodes.has(error.apiError.code) && failureCount < 2;
}

export type TraceHead = Omit<TraceResponse, 'body'>;

export interface FetchedTrace {
  readonly head: TraceHead;
  /** The upstream JSON (`body`) as text, for the decoding worker. */
  readonly bodyText: string;
}

const bodyKey = ',"body":';

/**
 * Splits a TraceResponse into its small head and the upstream body text without parsing the
 * (possibly huge) body on the page: the server writes the head's fixed keys first and `body`
 * last, and inside JSON strings a `"` is always escaped, so the first `,"body":` is the key.
 * Any other shape is parsed whole.
 */
export function splitTraceResponse(text: string): FetchedTrace {
  const at = text.indexOf(bodyKey);
  if (at > 0 && text.startsWith('{"source":') && text.trimEnd().endsWith('}')) {
    try {
      const head = JSON.parse(`${text.slice(0, at)}}`) as TraceHead;
      return { head, bodyText: text.slice(at + bodyKey.length, text.trimEnd().length - 1) };
    } catch {
      // fall through to a full parse
    }
  }
  const { body, ...head } = JSON.parse(text) as TraceResponse;
  return { head, bodyText: JSON.stringify(body) };
}

const traceApiPath = (source: string, traceId: string): string =>
  `/api/sources/${encodeURIComponent(source)}/traces/${encodeURIComponent(traceId)}`;

export async function fetchBackendTrace(source: string, traceId: string, signal?: AbortSignal): Promise<FetchedTrace> {
  return splitTraceResponse(await fetchApiText(traceApiPath(source, traceId), signal));
}

const lookupMissPrefix = '{"notFound":';

/**
 * The same fetch for a lookup that expects misses ("All sources"): the server answers a trace it
 * does not have with 200 and a TraceLookupMiss (no failed resource in the console), thrown here as
 * the same not-found error a plain fetch gets.
 */
export async function lookupBackendTrace(source: string, traceId: string, signal?: AbortSignal): Promise<FetchedTrace> {
  const text = await fetchApiText(traceApiPath(source, traceId), signal, undefined, { [traceLookupHeader.name]: traceLookupHeader.value });
  if (text.startsWith(lookupMissPrefix)) {
    const miss = JSON.parse(text) as TraceLookupMiss;
    throw new BackendRequestError('api', 404, { code: miss.notFound.code, message: miss.notFound.message, hint: miss.notFound.hint ?? '' });
  }
  return splitTraceResponse(text);
}

/** A failed fetch as the loader store shows it (ImportFailure: message and what to do). */
export function toImportError(error: unknown): ImportError {
  if (error instanceof BackendRequestError) {
    const { code, message, hint } = error.apiError;
    return { code: code === 'response-too-large' ? 'too-large' : code === 'malformed-response' ? 'not-json' : code === 'not-found' ? 'no-spans' : 'empty', message, hint };
  }
  return { code: 'empty', message: `The trace could not be fetched: ${error instanceof Error ? error.message : String(error)}.`, hint: 'Try again; if it keeps failing, see the viewer server log.' };
}
