/**
 * Starts the OTLP receivers of the configuration (receiver-config.ts) in this process, writing
 * into the local store's queue. Each port is tried on its own: one that is taken gives one line
 * and is skipped, the others still start. Resolves with what listens where, and lines for the
 * start-up message.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WriteQueue } from '../store/write-queue.ts';
import { ApiKeys } from './api-keys.ts';
import { bindGrpc, createGrpcServer } from './grpc-receiver.ts';
import { createHttpReceiver } from './http-receiver.ts';
import type { ReceiverConfig } from './receiver-config.ts';

export interface Listening {
  readonly protocol: 'grpc' | 'http';
  readonly label: string;
  /** The configured port (0 = any). */
  readonly requested: number;
  readonly port: number;
  readonly url: string;
}

export interface Receivers {
  readonly listening: readonly Listening[];
  /** Start-up lines: where each receiver listens, ports skipped, the API key mode. */
  readonly lines: readonly string[];
  close(): Promise<void>;
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

export async function startReceivers(config: ReceiverConfig, queue: WriteQueue, log: (line: string) => void): Promise<Receivers> {
  const lines: string[] = [];
  const listening: Listening[] = [];
  const keys = new ApiKeys(config.apiKeys);
  const grpcServer = config.grpcPorts.length > 0 ? createGrpcServer({ queue, keys, maxMessageBytes: config.maxMessageBytes, log }) : undefined;
  for (const { port, label } of config.grpcPorts) {
    const bound = await bindGrpc(grpcServer!, config.host, port);
    if (!bound.ok) {
      lines.push(`  ${label} on port ${port} skipped: ${bound.message}.`);
      continue;
    }
    const url = `http://${hostForUrl(config.host)}:${bound.port}`;
    listening.push({ protocol: 'grpc', label, requested: port, port: bound.port, url });
    lines.push(`  ${label}: ${hostForUrl(config.host)}:${bound.port}`);
  }
  let httpServer: http.Server | undefined;
  if (config.httpPort !== null) {
    const server = createHttpReceiver({ queue, keys, maxMessageBytes: config.maxMessageBytes, corsOrigins: config.corsOrigins, log });
    const result = await new Promise<{ ok: true; port: number } | { ok: false; message: string }>((resolve) => {
      server.once('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, message: error.code === 'EADDRINUSE' ? 'the port is already taken' : error.message }));
      server.listen(config.httpPort!, config.host, () => resolve({ ok: true, port: (server.address() as AddressInfo).port }));
    });
    if (result.ok) {
      httpServer = server;
      const url = `http://${hostForUrl(config.host)}:${result.port}`;
      listening.push({ protocol: 'http', label: 'OTLP/HTTP', requested: config.httpPort, port: result.port, url });
      lines.push(`  OTLP/HTTP: ${url}/v1/traces`);
    } else lines.push(`  OTLP/HTTP on port ${config.httpPort} skipped: ${result.message}.`);
  }
  lines.push(
    keys.required
      ? `  API keys: required (${config.apiKeys.length} configured; header x-junjo-api-key, x-api-key or Authorization: Bearer).`
      : '  API keys: none configured, so any request is accepted (set JTV_API_KEYS to require one).',
  );
  return {
    listening,
    lines,
    close: async () => {
      await Promise.all([
        grpcServer
          ? new Promise<void>((done) => {
              const force = setTimeout(() => grpcServer.forceShutdown(), 2_000);
              grpcServer.tryShutdown(() => {
                clearTimeout(force);
                done();
              });
            })
          : undefined,
        httpServer
          ? new Promise<void>((done) => {
              httpServer.close(() => done());
              httpServer.closeAllConnections();
            })
          : undefined,
      ]);
    },
  };
}
