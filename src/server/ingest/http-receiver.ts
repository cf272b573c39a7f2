/**
 * OTLP/HTTP receiver (OTLP specification, "OTLP/HTTP"): `POST /v1/traces` with
 * `application/x-protobuf` or `application/json`, optionally `Content-Encoding: gzip`;
 * `/v1/metrics` and `/v1/logs` are read and discarded. Answers in the request's encoding:
 * ExportTraceServiceResponse (with partial_success when spans were rejected), or a Status
 * message with 400 (undecodable), 401 (API key), 404, 405, 413 (over the limit, also once
 * decompressed), 415 (another content type or encoding), 429/503 with Retry-After (memory or
 * store pressure). CORS headers only for the origins the configuration lists.
 */
import http from 'node:http';
import protobuf from 'protobufjs';
import { gunzip } from 'node:zlib';
import type { WriteQueue } from '../store/write-queue.ts';
import { acceptExport, acceptProtobuf, checkRequestShape, type ExportOutcome } from './accept-export.ts';
import type { ApiKeys } from './api-keys.ts';
import { bodyBuffers } from './body-buffers.ts';
import { sharedDecodePool } from './decode-pool.ts';
import { encodeTraceResponse } from './otlp-proto.ts';

export interface HttpReceiverOptions {
  readonly queue: WriteQueue;
  readonly keys: ApiKeys;
  readonly maxMessageBytes: number;
  readonly corsOrigins: readonly string[];
  readonly log: (line: string) => void;
}

type Encoding = 'protobuf' | 'json';
const paths = new Set(['/v1/traces', '/v1/metrics', '/v1/logs']);

/** google.rpc.Status, the error body OTLP/HTTP specifies (encoded by protobufjs). */
const statusType = new protobuf.Type('Status').add(new protobuf.Field('code', 1, 'int32')).add(new protobuf.Field('message', 2, 'string'));
const statusProtobuf = (code: number, message: string): Buffer => Buffer.from(statusType.encode(statusType.create({ code, message })).finish());

/** gRPC status codes of the HTTP statuses the receiver answers, for the Status message. */
const grpcCodeOf: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 405: 12, 413: 8, 415: 3, 429: 8, 503: 14 };

function reply(res: http.ServerResponse, status: number, encoding: Encoding, body: Buffer | string, headers: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': encoding === 'json' ? 'application/json' : 'application/x-protobuf', 'Content-Length': String(bytes.length), ...headers });
  res.end(bytes);
}

function fail(res: http.ServerResponse, status: number, encoding: Encoding, message: string, headers: Record<string, string> = {}): void {
  const code = grpcCodeOf[status] ?? 2;
  reply(res, status, encoding, encoding === 'json' ? JSON.stringify({ code, message }) : statusProtobuf(code, message), headers);
}

function encodingOf(contentType: string | undefined): Encoding | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return undefined;
}

/**
 * The body, or the status to answer: 413 past `limit` (declared or streamed), 400 when cut off.
 * With decode threads (decode-pool.ts), a body of declared length is read into one of the reused
 * SharedArrayBuffer body buffers (body-buffers.ts; the caller gives it back), where the thread
 * reads it; else (and for a chunked body) the chunks are joined. (Without threads the shared
 * buffer measured slower than joining: ~2 µs more per span on the event loop.)
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 413 | 400> {
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if ((declared ?? 0) > limit) return Promise.resolve(413);
  const shared = declared !== undefined && Number.isSafeInteger(declared) && declared > 0 && sharedDecodePool().wants(declared);
  const into = shared ? bodyBuffers.take(declared) : undefined;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (value: Buffer | 413 | 400) => {
      if (done) return;
      done = true;
      if (into !== undefined && value !== into) bodyBuffers.give(into);
      resolve(value);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      if (into !== undefined) {
        if (total + chunk.length > into.length) return finish(400);
        into.set(chunk, total);
        total += chunk.length;
        return;
      }
      total += chunk.length;
      if (total > limit) return finish(413);
      chunks.push(chunk);
    });
    req.on('end', () => finish(into === undefined ? Buffer.concat(chunks) : total === into.length ? into : 400));
    req.on('error', () => finish(400));
    req.on('aborted', () => finish(400));
  });
}

function inflate(body: Buffer, limit: number): Promise<Buffer | { status: 400 | 413; message: string }> {
  return new Promise((resolve) => {
    gunzip(body, { maxOutputLength: limit }, (error, out) => {
      if (!error) return resolve(out);
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
        return resolve({ status: 413, message: `The body is larger than ${limit / (1024 * 1024)} MiB once decompressed.` });
      resolve({ status: 400, message: `The gzip body cannot be decompressed (${error.message}).` });
    });
  });
}

export function createHttpReceiver(options: HttpReceiverOptions): http.Server {
  const { queue, keys, maxMessageBytes, corsOrigins, log } = options;
  sharedDecodePool(log);
  const mb = maxMessageBytes / (1024 * 1024);
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin !== undefined && corsOrigins.includes(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
    const encoding = encodingOf(req.headers['content-type']) ?? 'json';
    const refuse = (status: number, message: string, headers: Record<string, string> = {}) => {
      if (!req.complete) {
        // Do not read what is left of a refused body: answer and close.
        headers = { ...headers, Connection: 'close' };
        res.on('finish', () => req.destroy());
      }
      fail(res, status, encoding, message, { ...cors, ...headers });
    };
    if (!paths.has(path)) return refuse(404, `There is nothing at ${path.slice(0, 100)}: send traces to POST /v1/traces.`);
    if (req.method === 'OPTIONS') {
      if (!cors['Access-Control-Allow-Origin']) return refuse(403, 'This origin may not send spans; list it in JTV_CORS_ORIGINS.');
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding, X-Junjo-Api-Key, X-Api-Key, Authorization',
        'Access-Control-Max-Age': '600',
      });
      return void res.end();
    }
    if (req.method !== 'POST') return refuse(405, 'Use POST.', { Allow: 'POST' });
    const byHeader = encodingOf(req.headers['content-type']);
    if (byHeader === undefined) return refuse(415, `Content-Type ${String(req.headers['content-type'] ?? '(none)').slice(0, 80)} is not supported: send application/x-protobuf or application/json.`);
    const contentEncoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (contentEncoding !== 'gzip' && contentEncoding !== 'identity')
      return refuse(415, `Content-Encoding ${contentEncoding.slice(0, 40)} is not supported: send gzip or no encoding.`);
    const key = keys.check((name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    });
    if (!key.ok) return refuse(401, key.message);
    const isTraces = path === '/v1/traces';
    if (!isTraces) {
      const raw = await readBody(req, maxMessageBytes);
      if (raw === 413) return refuse(413, `The body is larger than ${mb} MiB; send smaller batches.`);
      if (raw === 400) return; // the client went away
      bodyBuffers.give(raw);
      return reply(res, 200, byHeader, byHeader === 'json' ? '{}' : Buffer.alloc(0), cors);
    }
    // Room in the write queue is taken for the declared body before it is read: under pressure
    // the body is not read at all, and bodies being received count against the limit. (A chunked
    // body, with no Content-Length, is counted once it has been read.)
    const declared = Math.min(maxMessageBytes, Math.max(0, Number(req.headers['content-length'] ?? 0) || 0));
    const pressure = queue.reserve(declared);
    if (pressure && !pressure.ok) return refuse(pressure.reason === 'memory' ? 429 : 503, pressure.message, { 'Retry-After': '2' });
    let owned = true;
    let raw: Buffer | 413 | 400 | undefined;
    try {
      raw = await readBody(req, maxMessageBytes);
      if (raw === 413) return refuse(413, `The body is larger than ${mb} MiB; send smaller batches.`);
      if (raw === 400) return; // the client went away
      let body = raw;
      if (contentEncoding === 'gzip') {
        const inflated = await inflate(raw, maxMessageBytes);
        bodyBuffers.give(raw);
        raw = undefined;
        if (!Buffer.isBuffer(inflated)) return refuse(inflated.status, inflated.message);
        body = inflated;
      }
      let outcome: ExportOutcome;
      if (byHeader === 'protobuf') {
        owned = false;
        outcome = await acceptProtobuf(body, queue, declared > 0 ? declared : undefined);
      } else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch (error) {
          return refuse(400, `The body is not valid JSON (${(error as Error).message}).`);
        }
        const shape = checkRequestShape(parsed);
        if (shape) return refuse(400, shape);
        owned = false;
        outcome = await acceptExport(parsed as Record<string, unknown>, queue, body.length, declared > 0 ? declared : undefined);
      }
      if (outcome.kind === 'bad-request') return refuse(400, outcome.message);
      if (outcome.kind === 'retry') return refuse(outcome.reason === 'memory' ? 429 : 503, outcome.message, { 'Retry-After': '2' });
      const response = outcome.rejected > 0 ? { partialSuccess: { rejectedSpans: String(outcome.rejected), errorMessage: outcome.message } } : {};
      reply(res, 200, byHeader, byHeader === 'json' ? JSON.stringify(response) : encodeTraceResponse(response), cors);
    } finally {
      if (owned) queue.release(declared);
      // The spans are committed (or refused): nothing reads the body any more.
      if (Buffer.isBuffer(raw)) bodyBuffers.give(raw);
    }
  };
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`OTLP/HTTP request failed: ${(error as Error).message}`);
      if (!res.headersSent) fail(res, 503, 'json', 'The viewer could not store this export; please retry.', { 'Retry-After': '2' });
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  return server;
}
