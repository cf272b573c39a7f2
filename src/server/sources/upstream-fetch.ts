/**
 * One bounded GET to an upstream, with node:http/https (not fetch, for exact control):
 *
 * - connect timeout (until the TCP connection is up) and total timeout (until the last byte);
 * - a size limit on the bytes received AND on the decompressed bytes (gzip, deflate, br), checked
 *   while streaming: past the limit the request is aborted, so a huge or endless response (or a
 *   decompression bomb) never fills memory;
 * - redirects are never followed (a 3xx is reported as a failure);
 * - an AbortSignal (the browser went away) cancels the request;
 * - each source (the `bulkhead` key) has its own bulkhead (concurrency-gate.ts): at most
 *   `maxConcurrent` requests at once and `maxQueued` waiting; a full queue is refused at once
 *   ('busy'), and time spent waiting counts against the total timeout;
 * - identical requests in flight at the same time (same source, URL and headers) share one
 *   upstream request and one body, so a hundred browsers asking for one large trace cost one
 *   download and one copy in memory. The shared request is cancelled only when every caller has
 *   gone away.
 *
 * The request itself (upstream-request.ts) runs on the upstream thread (fetch-thread.ts), so a large
 * answer is read off the event loop. It never throws: the outcome is a value. The caller builds and
 * checks the URL (source-request.ts).
 */
import type http from 'node:http';
import { ReceivedBody } from './body-collector.ts';
import { ConcurrencyGate } from './concurrency-gate.ts';
import { fetchThread } from './fetch-thread.ts';
import { requestNow, type RawOutcome, type RequestOptions } from './upstream-request.ts';

export interface FetchLimits {
  readonly connectTimeoutMs: number;
  /** Total time from the call (queueing included) until the last byte. */
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** Requests to this source at once (default 4). */
  readonly maxConcurrent?: number;
  /** Requests to this source waiting for a slot (default 16); more are refused as 'busy'. */
  readonly maxQueued?: number;
}

export const defaultMaxConcurrent = 4;
export const defaultMaxQueued = 16;

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The decompressed body in one buffer, joined on first use: for small answers (errors, lists). */
  readonly body: Buffer;
  /** The decompressed body as it arrived, in parts (no copy): how large answers are read. */
  readonly parts: readonly Buffer[];
  /**
   * No other caller got this body (no identical request shared it): the caller may lend it to a
   * body thread (off-thread.ts), which empties it until it comes back.
   */
  readonly exclusive?: boolean;
}

/** A response whose `body` is joined from its parts only when read. */
function upstreamResponse(status: number, headers: http.IncomingHttpHeaders, received: ReceivedBody, exclusive?: boolean): UpstreamResponse {
  return {
    status,
    headers,
    parts: received.parts,
    get body() {
      return received.joined();
    },
    ...(exclusive ? { exclusive } : {}),
  };
}

const receivedBodies = new WeakMap<UpstreamResponse, { readonly status: number; readonly headers: http.IncomingHttpHeaders; readonly received: ReceivedBody }>();

export type UpstreamFailure =
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly phase: 'connect' | 'response' | 'queue'; readonly ms: number }
  | { readonly kind: 'busy'; readonly running: number; readonly queued: number; readonly retryAfterS: number }
  | { readonly kind: 'too-large'; readonly limit: number }
  | { readonly kind: 'redirect'; readonly status: number }
  | { readonly kind: 'bad-encoding'; readonly detail: string }
  | { readonly kind: 'aborted' };

export type FetchOutcome = { readonly ok: true; readonly response: UpstreamResponse } | { readonly ok: false; readonly failure: UpstreamFailure };

/** A request's options (POST only for a sign-in: junjo-session.ts), and the bulkhead it waits in. */
export interface FetchOptions extends RequestOptions {
  /** Whose bulkhead the request waits in (a source name); default: the URL's origin. */
  readonly bulkhead?: string;
}

const bulkheads = new Map<string, ConcurrencyGate>();

function bulkheadFor(key: string, limits: FetchLimits): ConcurrencyGate {
  const id = `${key}\u0000${limits.maxConcurrent ?? defaultMaxConcurrent}/${limits.maxQueued ?? defaultMaxQueued}`;
  let gate = bulkheads.get(id);
  if (gate === undefined) {
    gate = new ConcurrencyGate(limits.maxConcurrent ?? defaultMaxConcurrent, limits.maxQueued ?? defaultMaxQueued);
    bulkheads.set(id, gate);
  }
  return gate;
}

interface SharedFetch {
  readonly outcome: Promise<FetchOutcome>;
  readonly controller: AbortController;
  callers: number;
  /** How many callers the outcome went to (fixed when it came: no one joins after). */
  receivers?: number;
}

const inFlight = new Map<string, SharedFetch>();

/** One bounded request; never throws. See the module comment for the rules. */
export function fetchUpstream(url: URL, options: FetchOptions): Promise<FetchOutcome> {
  const { signal } = options;
  if (signal?.aborted) return Promise.resolve({ ok: false, failure: { kind: 'aborted' } });
  const bulkhead = options.bulkhead ?? url.origin;
  // Only identical GETs share one fetch: a POST (a sign-in) has effects and a body of its own.
  if ((options.method ?? 'GET') !== 'GET') return gatedFetch(url, options, bulkhead);
  const key = JSON.stringify([bulkhead, url.href, options.headers, options.limits]);
  let shared = inFlight.get(key);
  if (shared === undefined) {
    const controller = new AbortController();
    const outcome = gatedFetch(url, { ...options, signal: controller.signal }, bulkhead).finally(() => inFlight.delete(key));
    shared = { outcome, controller, callers: 0 };
    inFlight.set(key, shared);
  }
  const joined = shared;
  joined.callers++;
  return new Promise<FetchOutcome>((resolveOutcome) => {
    let done = false;
    const onAbort = (): void => {
      if (done) return;
      done = true;
      if (--joined.callers === 0) joined.controller.abort();
      resolveOutcome({ ok: false, failure: { kind: 'aborted' } });
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    void joined.outcome.then((outcome) => {
      signal?.removeEventListener('abort', onAbort);
      if (done) return;
      done = true;
      joined.receivers ??= joined.callers;
      joined.callers--;
      const made = outcome.ok ? receivedBodies.get(outcome.response) : undefined;
      // (Not a spread: that would read `body`, joining every part.)
      resolveOutcome(made !== undefined && joined.receivers === 1 ? { ok: true, response: upstreamResponse(made.status, made.headers, made.received, true) } : outcome);
    });
  });
}

async function gatedFetch(url: URL, options: FetchOptions, bulkhead: string): Promise<FetchOutcome> {
  const { limits } = options;
  const queuedAt = Date.now();
  const deadline = queuedAt + limits.timeoutMs;
  const gate = bulkheadFor(bulkhead, limits);
  // A GET runs on the upstream thread (its bytes never pass through the event loop until they are
  // whole); a POST (a sign-in: small, with a body of its own) runs here.
  const run = (): Promise<RawOutcome> => ((options.method ?? 'GET') === 'GET' ? fetchThread.request(url, options, deadline) : requestNow(url, options, deadline));
  const outcome = await gate.run(run, { signal: options.signal, deadline });
  if (outcome === 'aborted') return { ok: false, failure: { kind: 'aborted' } };
  if (outcome === 'queue-timeout') return { ok: false, failure: { kind: 'timeout', phase: 'queue', ms: limits.timeoutMs } };
  if (outcome === 'queue-full') {
    const retryAfterS = Math.max(1, Math.min(60, Math.ceil(limits.timeoutMs / 1000)));
    return { ok: false, failure: { kind: 'busy', running: gate.active, queued: gate.queued, retryAfterS } };
  }
  if (!outcome.ok) return outcome;
  const received = new ReceivedBody(outcome.parts, outcome.bytes);
  const made = upstreamResponse(outcome.status, outcome.headers, received);
  receivedBodies.set(made, { status: outcome.status, headers: outcome.headers, received });
  return { ok: true, response: made };
}
