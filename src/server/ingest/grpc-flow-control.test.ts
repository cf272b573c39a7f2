import * as grpc from '@grpc/grpc-js';
import type { EventEmitter } from 'node:events';
import type { Http2Session } from 'node:http2';
import { describe, expect, it } from 'vitest';
import { inMemory } from '../store/open-database.ts';
import { TraceStore } from '../store/trace-store.ts';
import { WriteQueue } from '../store/write-queue.ts';
import { ApiKeys } from './api-keys.ts';
import { bindGrpc, createGrpcServer } from './grpc-receiver.ts';

describe('OTLP/gRPC receiver flow control', () => {
  // The windows are set through grpc-js internals (grpc-receiver.ts): this fails when a grpc-js
  // update moves them, so the receiver does not silently fall back to 64 KiB windows.
  it('gives each client connection a 4 MiB receive window instead of HTTP/2’s 64 KiB', async () => {
    const opened = TraceStore.open(inMemory);
    if (!opened.ok) throw new Error(opened.message);
    const queue = new WriteQueue(opened.store);
    const server = createGrpcServer({ queue, keys: new ApiKeys([]), maxMessageBytes: 64 * 1024 * 1024, log: () => undefined });
    const bound = await bindGrpc(server, '127.0.0.1', 0);
    if (!bound.ok) throw new Error(bound.message);
    const sessions: Http2Session[] = [];
    const http2Servers = (server as unknown as { http2Servers: Map<EventEmitter, unknown> }).http2Servers;
    for (const http2Server of http2Servers.keys()) http2Server.on('session', (session: Http2Session) => sessions.push(session));
    const client = new grpc.Client(`127.0.0.1:${bound.port}`, grpc.credentials.createInsecure());
    const error = await new Promise<grpc.ServiceError | null>((resolve) =>
      client.makeUnaryRequest('/opentelemetry.proto.collector.metrics.v1.MetricsService/Export', (b: Buffer) => b, (b: Buffer) => b, Buffer.alloc(0), (e) => resolve(e)),
    );
    expect(error).toBeNull();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.state.effectiveLocalWindowSize).toBe(4 * 1024 * 1024);
    client.close();
    server.forceShutdown();
    queue.close();
    opened.store.close();
  });
});
