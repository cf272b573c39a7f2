/**
 * One bounded GET to an upstream, with node:http/https (not fetch, for exact control):
 *
 * - connect timeout (until the TCP connection is up) and total timeout (until the last byte);
 * - a size limit on the bytes received AND on the decompressed bytes (gzip, deflate, br), checked
 *   while streaming: past the limit the request is aborted, so a huge or endless response (or a
 *   decompression bomb) never fills memory;
 * - redirects are never followed (a 3xx is reported as a failure);
 * - an AbortSignal (the browser went away) cancels the request;
 * - at most 8 run at once server-wide (concurrency-gate.ts), so their memory stays bounded.
 *
 * It never throws: the outcome is a value. The caller builds and checks the URL (source-request.ts).
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { ConcurrencyGate } from './concurrency-gate.ts';

export interface FetchLimits {
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The decompressed body. */
  readonly body: Buffer;
}

export type UpstreamFailure =
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly phase: 'connect' | 'response'; readonly ms: number }
  | { readonly kind: 'too-large'; readonly limit: number }
  | { readonly kind: 'redirect'; readonly status: number }
  | { readonly kind: 'bad-encoding'; readonly detail: string }
  | { readonly kind: 'aborted' };

export type FetchOutcome = { readonly ok: true; readonly response: UpstreamResponse } | { readonly ok: false; readonly failure: UpstreamFailure };

export interface FetchOptions {
  /** GET unless given; POST only for a sign-in (junjo-session.ts). */
  readonly method?: 'GET' | 'POST';
  /** A request body (POST). */
  readonly body?: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  readonly limits: FetchLimits;
  readonly signal?: AbortSignal;
}

function decoderFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null | undefined {
  if (encoding === '' || encoding === 'identity') return null;
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
  if (encoding === 'deflate') return zlib.createInflate();
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return undefined;
}

/** Upstream requests the whole server runs at once; the rest wait (their abort signal still applies). */
const maxConcurrentUpstream = 8;
const gate = new ConcurrencyGate(maxConcurrentUpstream);

export async function fetchUpstream(url: URL, options: FetchOptions): Promise<FetchOutcome> {
  const outcome = await gate.run(() => fetchNow(url, options), options.signal);
  return outcome === 'aborted' ? { ok: false, failure: { kind: 'aborted' } } : outcome;
}

function fetchNow(url: URL, options: FetchOptions): Promise<FetchOutcome> {
  const { limits, signal } = options;
  return new Promise<FetchOutcome>((resolveOutcome) => {
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    const cleanups: (() => void)[] = [];
    const finish = (outcome: FetchOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      signal?.removeEventListener('abort', onAbort);
      resolveOutcome(outcome);
      if (!outcome.ok) for (const cleanup of cleanups) cleanup();
    };
    const failWith = (failure: UpstreamFailure): void => finish({ ok: false, failure });

    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: options.method ?? 'GET',
      headers: {
        ...options.headers,
        'Accept-Encoding': 'gzip, deflate, br',
        'User-Agent': 'junjo-trace-viewer',
        ...(options.body ? { 'Content-Length': String(options.body.byteLength) } : {}),
      },
    });
    cleanups.push(() => request.destroy());

    const totalTimer = setTimeout(() => failWith({ kind: 'timeout', phase: 'response', ms: limits.timeoutMs }), limits.timeoutMs);
    const onAbort = (): void => failWith({ kind: 'aborted' });
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort);

    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => failWith({ kind: 'timeout', phase: 'connect', ms: limits.connectTimeoutMs }), limits.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    request.on('error', (error: NodeJS.ErrnoException) => failWith({ kind: 'unreachable', detail: error.code ?? error.message }));

    request.on('response', (response) => {
      cleanups.push(() => response.destroy());
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) return failWith({ kind: 'redirect', status });
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxResponseBytes) return failWith({ kind: 'too-large', limit: limits.maxResponseBytes });

      const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
      const decoder = decoderFor(encoding);
      if (decoder === undefined) return failWith({ kind: 'bad-encoding', detail: `unsupported Content-Encoding "${encoding.slice(0, 40)}"` });
      let body: Readable = response;
      if (decoder !== null) {
        cleanups.push(() => decoder.destroy());
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > limits.maxResponseBytes) failWith({ kind: 'too-large', limit: limits.maxResponseBytes });
        });
        decoder.on('error', (error) => failWith({ kind: 'bad-encoding', detail: `${encoding} data is corrupt (${error.message})` }));
        body = response.pipe(decoder);
      }

      const chunks: Buffer[] = [];
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > limits.maxResponseBytes) return failWith({ kind: 'too-large', limit: limits.maxResponseBytes });
        chunks.push(chunk);
      });
      body.on('end', () => finish({ ok: true, response: { status, headers: response.headers, body: Buffer.concat(chunks, size) } }));
      response.on('aborted', () => failWith({ kind: 'unreachable', detail: 'connection closed mid-response' }));
      response.on('error', (error: NodeJS.ErrnoException) => failWith({ kind: 'unreachable', detail: error.code ?? error.message }));
    });
    request.end(options.body);
  });
}
