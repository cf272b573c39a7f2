/**
 * One bounded request to an upstream, now (upstream-fetch.ts has already given it its bulkhead
 * slot), with node:http/https: the connect and total timeouts, the size limits on the bytes
 * received and decompressed (checked while streaming), no redirects, cancellation by an
 * AbortSignal. The body is kept as the chunks it arrived in (body-collector.ts). It runs on the
 * fetch thread (fetch-thread.ts), so a large answer's bytes are read, parsed and held off the
 * event loop, or inline where no thread can start. It never throws: the outcome is a value.
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { BodyCollector } from './body-collector.ts';
import type { FetchLimits, UpstreamFailure } from './upstream-fetch.ts';

export interface RequestOptions {
  /** GET unless given. */
  readonly method?: 'GET' | 'POST';
  /** A request body (POST). */
  readonly body?: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  readonly limits: FetchLimits;
  readonly signal?: AbortSignal;
}

/** The answer as received: its status, headers and decompressed body in parts. */
export type RawOutcome =
  | { readonly ok: true; readonly status: number; readonly headers: http.IncomingHttpHeaders; readonly parts: readonly Buffer[]; readonly bytes: number }
  | { readonly ok: false; readonly failure: UpstreamFailure };

function decoderFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null | undefined {
  if (encoding === '' || encoding === 'identity') return null;
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
  if (encoding === 'deflate') return zlib.createInflate();
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return undefined;
}


/** One bounded request now (the caller has its bulkhead slot); never throws. */
export function requestNow(url: URL, options: RequestOptions, deadline: number): Promise<RawOutcome> {
  const { limits, signal } = options;
  return new Promise<RawOutcome>((resolveOutcome) => {
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    const cleanups: (() => void)[] = [];
    const finish = (outcome: RawOutcome): void => {
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

    const totalTimer = setTimeout(() => failWith({ kind: 'timeout', phase: 'response', ms: limits.timeoutMs }), Math.max(0, deadline - Date.now()));
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

      // The chunks as they come, never joined here (body-collector.ts).
      const collector = new BodyCollector();
      body.on('data', (chunk: Buffer) => {
        if (settled) return;
        if (collector.bytes + chunk.length > limits.maxResponseBytes) return failWith({ kind: 'too-large', limit: limits.maxResponseBytes });
        collector.add(chunk);
      });
      body.on('end', () => {
        if (settled) return;
        const received = collector.finish();
        finish({ ok: true, status, headers: response.headers, parts: received.parts, bytes: received.bytes });
      });
      response.on('aborted', () => failWith({ kind: 'unreachable', detail: 'connection closed mid-response' }));
      response.on('error', (error: NodeJS.ErrnoException) => failWith({ kind: 'unreachable', detail: error.code ?? error.message }));
    });
    request.end(options.body);
  });
}
