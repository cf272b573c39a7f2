/**
 * OTLP/gRPC receiver: `TraceService/Export` stores spans; `MetricsService/Export` and
 * `LogsService/Export` (Junjo SDKs up to 0.65 send metrics every 60 s) are answered with an empty
 * success and their message is never decoded. One grpc-js server listens on several ports
 * (4317, and Junjo's 50051 and 26155); a port that is taken is reported and skipped.
 *
 * The request message reaches the handler as raw bytes: the API key is checked before anything
 * is decoded, and a body that is not protobuf gets INVALID_ARGUMENT instead of grpc-js' INTERNAL.
 * Messages up to 64 MiB after decompression (grpc-js enforces the limit while inflating).
 */
import * as grpc from '@grpc/grpc-js';
import type { EventEmitter } from 'node:events';
import type { Http2Session } from 'node:http2';
import type { WriteQueue } from '../store/write-queue.ts';
import { acceptProtobuf } from './accept-export.ts';
import type { ApiKeys } from './api-keys.ts';
import { sharedDecodePool } from './decode-pool.ts';
import { encodeTraceResponse, traceExportPath } from './otlp-proto.ts';

const identity = (bytes: Buffer): Buffer => bytes;
const empty = (): Buffer => Buffer.alloc(0);

function unary(path: string, responseSerialize: grpc.serialize<any>): grpc.ServiceDefinition { // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    Export: {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize,
      responseDeserialize: identity,
    },
  };
}

const traceService = unary(traceExportPath, encodeTraceResponse);
const metricsService = unary('/opentelemetry.proto.collector.metrics.v1.MetricsService/Export', empty);
const logsService = unary('/opentelemetry.proto.collector.logs.v1.LogsService/Export', empty);

type Call = grpc.ServerUnaryCall<Buffer, unknown>;
type Callback = grpc.sendUnaryData<unknown>;

function refuseWithoutKey(call: Call, keys: ApiKeys): Partial<grpc.StatusObject> | undefined {
  const check = keys.check((name) => {
    const value = call.metadata.get(name)[0];
    return typeof value === 'string' ? value : undefined;
  });
  return check.ok ? undefined : { code: grpc.status.UNAUTHENTICATED, details: check.message };
}

export interface GrpcReceiverOptions {
  readonly queue: WriteQueue;
  readonly keys: ApiKeys;
  readonly maxMessageBytes: number;
  readonly log: (line: string) => void;
}

export function createGrpcServer(options: GrpcReceiverOptions): grpc.Server {
  const { queue, keys, log } = options;
  sharedDecodePool(log);
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxMessageBytes,
    'grpc.max_send_message_length': 4 * 1024 * 1024,
    'grpc.max_concurrent_streams': 256,
  });
  const discard = (call: Call, callback: Callback): void => {
    const refused = refuseWithoutKey(call, keys);
    callback(refused ?? null, refused ? undefined : {});
  };
  widenFlowControl(server);
  server.addService(metricsService, { Export: discard });
  server.addService(logsService, { Export: discard });
  server.addService(traceService, {
    Export: (call: Call, callback: Callback): void => {
      const refused = refuseWithoutKey(call, keys);
      if (refused) return callback(refused);
      acceptProtobuf(call.request, queue).then(
        (outcome) => {
          if (outcome.kind === 'stored')
            return callback(null, outcome.rejected > 0 ? { partialSuccess: { rejectedSpans: String(outcome.rejected), errorMessage: outcome.message } } : {});
          if (outcome.kind === 'bad-request') return callback({ code: grpc.status.INVALID_ARGUMENT, details: outcome.message });
          callback({ code: outcome.reason === 'memory' ? grpc.status.RESOURCE_EXHAUSTED : grpc.status.UNAVAILABLE, details: outcome.message });
        },
        (error: unknown) => {
          log(`gRPC export failed: ${(error as Error).message}`);
          callback({ code: grpc.status.UNAVAILABLE, details: 'The viewer could not store this export; please retry.' });
        },
      );
    },
  });
  return server;
}

/**
 * HTTP/2 flow-control windows of 1 MiB per stream and 4 MiB per connection instead of 64 KiB:
 * with the default, a client sending a 512-span export (~750 KB) waits for the server a dozen
 * times per message, and each wait is a wake-up of both processes. grpc-js has no option for
 * it: its http2 server settings and servers are set here through its internals, and when those
 * are not there (another grpc-js version) nothing changes but speed.
 */
const streamWindowBytes = 1024 * 1024;
const connectionWindowBytes = 4 * 1024 * 1024;
type Http2Internals = { commonServerOptions?: { settings?: Record<string, unknown> }; http2Servers?: Map<EventEmitter, unknown> };
const widened = new WeakSet<EventEmitter>();

function widenFlowControl(server: grpc.Server): void {
  const internals = server as unknown as Http2Internals;
  if (internals.commonServerOptions !== undefined)
    internals.commonServerOptions.settings = { ...internals.commonServerOptions.settings, initialWindowSize: streamWindowBytes };
}

function widenSessions(server: grpc.Server): void {
  const servers = (server as unknown as Http2Internals).http2Servers;
  if (!(servers instanceof Map)) return;
  for (const http2Server of servers.keys()) {
    if (widened.has(http2Server)) continue;
    widened.add(http2Server);
    http2Server.on('session', (session: Http2Session) => {
      try {
        session.setLocalWindowSize(connectionWindowBytes);
      } catch {
        // a session already closing keeps its window
      }
    });
  }
}

/** Binds one more port; resolves with the bound port, or the reason it could not. */
export function bindGrpc(server: grpc.Server, host: string, port: number): Promise<{ ok: true; port: number } | { ok: false; message: string }> {
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, bound) => {
      if (error) resolve({ ok: false, message: /EADDRINUSE|address already in use|No address added/i.test(error.message) ? 'the port is already taken' : error.message });
      else {
        widenSessions(server);
        resolve({ ok: true, port: bound });
      }
    });
  });
}
