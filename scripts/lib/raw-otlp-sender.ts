/**
 * A sender that costs its process almost nothing per export, so that `npm run bench:ingest`
 * measures the receiving server and not the exporter: the sample runs are encoded to one
 * protobuf ExportTraceServiceRequest once, by the real OpenTelemetry serializer
 * (@opentelemetry/otlp-transformer, what the OTLP exporters send); each export is a copy of
 * those bytes with fresh trace ids written in place (a trace id is 16 raw bytes in protobuf, so
 * nothing else moves), sent through a raw grpc-js client, a raw HTTP/2 gRPC client
 * (`rawHttp2GrpcSender`: the same gRPC requests on the wire without grpc-js' per-message copies)
 * or `http.request` with keep-alive. A sender that reuses its buffers passes the body of its
 * previous (answered) export to `next`, which then writes the copy into it instead of allocating.
 */
import * as grpc from '@grpc/grpc-js';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import http from 'node:http';
import http2 from 'node:http2';
import { withTraceId } from './otlp-sender.ts';

const exportPath = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

export interface PreencodedBatch {
  readonly body: Buffer;
  readonly spans: number;
  readonly traceIds: string[];
}

/**
 * `runs` copies of a sample run in one encoded request; `next()` gives a new copy with trace ids
 * `<prefix 4 bytes><run 2 bytes>ffff<counter 8 bytes>`, unique per call.
 */
export function preencoder(sample: readonly ReadableSpan[], runs: number, prefixHex: string): (reuse?: Buffer) => PreencodedBatch {
  const prefix = prefixHex.padStart(8, '0').slice(0, 8);
  const templateId = (run: number) => `${prefix}${run.toString(16).padStart(4, '0')}ffff${'ff'.repeat(8)}`;
  const spans: ReadableSpan[] = [];
  for (let run = 0; run < runs; run++) spans.push(...withTraceId(sample, templateId(run)));
  const template = Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);
  const offsets: number[][] = [];
  for (let run = 0; run < runs; run++) {
    const needle = Buffer.from(templateId(run), 'hex');
    const at: number[] = [];
    for (let i = template.indexOf(needle); i >= 0; i = template.indexOf(needle, i + 16)) at.push(i);
    if (at.length !== sample.length) throw new Error(`expected ${sample.length} trace ids of run ${run} in the encoded request, found ${at.length}`);
    offsets.push(at);
  }
  let counter = 0n;
  return (reuse?: Buffer) => {
    const body = reuse?.length === template.length ? reuse : Buffer.from(template);
    if (body === reuse) template.copy(body);
    const traceIds: string[] = [];
    for (let run = 0; run < runs; run++) {
      counter++;
      for (const at of offsets[run]!) body.writeBigUInt64BE(counter, at + 8);
      traceIds.push(body.toString('hex', offsets[run]![0]!, offsets[run]![0]! + 16));
    }
    return { body, spans: spans.length, traceIds };
  };
}

export type RawSend = (body: Buffer) => Promise<string | null>;

/** Sends bodies through OTLP/gRPC (raw bytes through grpc-js); resolves null or the error. */
export function rawGrpcSender(url: string, apiKey?: string): { send: RawSend; close: () => void } {
  const client = new grpc.Client(url.replace(/^https?:\/\//, ''), grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': -1 });
  const identity = (b: Buffer) => b;
  const send: RawSend = (body) =>
    new Promise((resolve) => {
      const metadata = new grpc.Metadata();
      if (apiKey !== undefined) metadata.set('x-junjo-api-key', apiKey);
      client.makeUnaryRequest(exportPath, identity, identity, body, metadata, { deadline: Date.now() + 30_000 }, (error) =>
        resolve(error ? `${grpc.status[error.code] ?? error.code}: ${error.details}` : null),
      );
    });
  return { send, close: () => client.close() };
}

/**
 * Sends bodies through OTLP/gRPC with node:http2 directly: one connection, one stream per export
 * with the 5-byte gRPC message prefix and the body written as they are (grpc-js copies each
 * message into a framed buffer). Resolves null, or the error as `<STATUS>: <message>`.
 */
export function rawHttp2GrpcSender(url: string, apiKey?: string): { send: RawSend; close: () => void } {
  const session = http2.connect(url);
  session.on('error', () => undefined);
  const send: RawSend = (body) =>
    new Promise((resolve) => {
      const headers: http2.OutgoingHttpHeaders = { ':method': 'POST', ':path': exportPath, 'content-type': 'application/grpc', te: 'trailers' };
      if (apiKey !== undefined) headers['x-junjo-api-key'] = apiKey;
      const stream = session.request(headers);
      let status: string | undefined;
      let message = '';
      const read = (h: http2.IncomingHttpHeaders) => {
        if (h['grpc-status'] === undefined) return;
        status = String(h['grpc-status']);
        message = decodeURIComponent(String(h['grpc-message'] ?? ''));
      };
      stream.on('response', read);
      stream.on('trailers', read);
      stream.on('data', () => undefined);
      stream.on('end', () => resolve(status === '0' ? null : `${grpc.status[Number(status)] ?? status ?? 'no status'}: ${message}`));
      stream.on('error', (error) => resolve(error.message));
      const prefix = Buffer.alloc(5);
      prefix.writeUInt32BE(body.length, 1);
      stream.write(prefix);
      stream.end(body);
    });
  return { send, close: () => session.close() };
}

/** Sends bodies through OTLP/HTTP protobuf with keep-alive connections. */
export function rawHttpSender(url: string, concurrency: number, apiKey?: string): { send: RawSend; close: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL('/v1/traces', url);
  const send: RawSend = (body) =>
    new Promise((resolve) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/x-protobuf', 'Content-Length': String(body.length) };
      if (apiKey !== undefined) headers['x-junjo-api-key'] = apiKey;
      const req = http.request(target, { method: 'POST', agent, headers, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(res.statusCode === 200 ? null : `HTTP ${res.statusCode} (Retry-After ${res.headers['retry-after'] ?? '-'})`));
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => resolve(error.message));
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}
