import * as grpc from '@grpc/grpc-js';
import type http from 'node:http';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Child processes (the sender) start slowly on a shared 2-core machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });
import { g3ContractV2Sample } from '../../../scripts/lib/junjo-samples.ts';
import type { SearchResponse, TraceResponse } from '../../core/backends/api-types.ts';
import { loadConfig } from '../config.ts';
import { startServer } from '../http-server.ts';
import type { LocalState } from '../local-source.ts';
import { junjoFingerprint, runSender } from './ingest-test-support.ts';
import { encodeTraceResponse } from './otlp-proto.ts';
import { startReceivers, type Receivers } from './start-receivers.ts';

interface Setup {
  readonly api: string;
  readonly grpcUrl: string;
  readonly httpUrl: string;
  readonly receivers: Receivers;
  readonly local: LocalState;
  close(): Promise<void>;
}

async function setUp(env: NodeJS.ProcessEnv = {}): Promise<Setup> {
  const config = loadConfig(['--port', '0', '--data', ':memory:', '--grpc-port', '0', '--otlp-http-port', '0', '--junjo-ports', 'none'], env, process.cwd());
  if (!config.ok) throw new Error(config.message);
  const { server, url, local } = await startServer(config.value);
  if (!local.ok) throw new Error(local.message);
  const receivers = await startReceivers(config.value.receivers, local.source.queue, () => undefined);
  const grpcUrl = receivers.listening.find((l) => l.protocol === 'grpc')!.url;
  const httpUrl = receivers.listening.find((l) => l.protocol === 'http')!.url;
  return {
    api: url,
    grpcUrl,
    httpUrl,
    receivers,
    local,
    close: async () => {
      await receivers.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

async function getJson<T>(url: string): Promise<{ status: number; body: T; text: string }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as T, text };
}

interface Posted {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A raw POST (no client-side checks), optionally streaming `chunks` of `chunkBytes` instead of a body. */
function post(url: string, headers: Record<string, string>, body?: Buffer, stream?: { chunks: number; chunkBytes: number }): Promise<Posted> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', (error) => reject(error));
    if (!stream) return void req.end(body);
    const chunk = Buffer.alloc(stream.chunkBytes, 0x0a);
    let sent = 0;
    const pump = () => {
      while (sent < stream.chunks) {
        sent++;
        if (req.destroyed) return;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.on('error', () => undefined);
    pump();
  });
}

const expected = junjoFingerprint(JSON.stringify(g3ContractV2Sample().data));
const hexId = (n: number, width: number) => n.toString(16).padStart(width, '0');

function jsonExport(traceId: string, spanId: string, extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'probe' } }] },
          scopeSpans: [{ scope: { name: 'probe' }, spans: [{ traceId, spanId, name: 'probe', kind: 1, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000', ...extra }] }],
        },
      ],
    }),
  );
}

describe('the receivers with the real OpenTelemetry exporters (no API key configured)', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp();
  });
  afterAll(async () => {
    await setup.close();
  });

  const cases = [
    { name: 'OTLP/gRPC', protocol: 'grpc', url: () => setup.grpcUrl, extra: [] },
    { name: 'OTLP/gRPC with gzip', protocol: 'grpc', url: () => setup.grpcUrl, extra: ['--gzip'] },
    { name: 'OTLP/HTTP protobuf', protocol: 'http-proto', url: () => setup.httpUrl, extra: [] },
    { name: 'OTLP/HTTP protobuf with gzip', protocol: 'http-proto', url: () => setup.httpUrl, extra: ['--gzip'] },
    { name: 'OTLP/HTTP JSON', protocol: 'http-json', url: () => setup.httpUrl, extra: [] },
  ];
  it.each(cases)('$name: the sample workflow arrives whole, with its graph and state', async ({ protocol, url, extra }) => {
    const prefix = hexId(Math.floor(Math.random() * 0xffffffff), 8);
    const lines = await runSender(['--protocol', protocol, '--url', url(), '--runs', '2', '--trace-prefix', prefix, ...extra]).done;
    const sent = lines.filter((l) => l.ok);
    expect(sent).toHaveLength(2);
    for (const traceId of sent.flatMap((l) => l.traceIds ?? [])) {
      const { status, body } = await getJson<TraceResponse>(`${setup.api}/api/sources/local/traces/${traceId}`);
      expect(status).toBe(200);
      expect(body.inProgress).toBe(false);
      expect(await junjoFingerprint(JSON.stringify(body.body))).toBe(await expected);
    }
    const search = await getJson<SearchResponse>(`${setup.api}/api/sources/local/search?limit=1000`);
    const run = search.body.traces.find((t) => t.traceId === sent[0]!.traceIds![0]);
    expect(run).toMatchObject({ status: 'ok', workflowName: 'demo_base_workflow', rootService: 'joke-workflow-api', junjoGeneration: 'G3', spanCount: lines.at(-1)!.spansPerRun });
  });

  it('answers MetricsService and LogsService exports with success, and a second copy of a span is kept once', async () => {
    const client = new grpc.Client(setup.grpcUrl.replace('http://', ''), grpc.credentials.createInsecure());
    const call = (path: string) =>
      new Promise<grpc.ServiceError | null>((resolve) =>
        client.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, Buffer.from([0x0a, 0x00]), new grpc.Metadata(), (error) => resolve(error)),
      );
    expect(await call('/opentelemetry.proto.collector.metrics.v1.MetricsService/Export')).toBeNull();
    expect(await call('/opentelemetry.proto.collector.logs.v1.LogsService/Export')).toBeNull();
    client.close();
    const traceId = hexId(0xd0b1e, 32);
    const body = jsonExport(traceId, hexId(1, 16));
    for (let i = 0; i < 2; i++) expect((await post(`${setup.httpUrl}/v1/traces`, { 'Content-Type': 'application/json' }, body)).status).toBe(200);
    expect((await getJson<SearchResponse>(`${setup.api}/api/sources/local/search?limit=1000`)).body.traces.find((t) => t.traceId === traceId)?.spanCount).toBe(1);
  });
});

describe('API keys', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp({ JTV_API_KEYS: 'key-one,key-two' });
  });
  afterAll(async () => {
    await setup.close();
  });

  it('gRPC: missing and wrong keys are refused as UNAUTHENTICATED, the right one is accepted', async () => {
    const prefix = hexId(0xa11, 8);
    const [missing, wrong, right] = await Promise.all([
      runSender(['--protocol', 'grpc', '--url', setup.grpcUrl, '--trace-prefix', prefix]).done,
      runSender(['--protocol', 'grpc', '--url', setup.grpcUrl, '--key', 'nope', '--trace-prefix', prefix]).done,
      runSender(['--protocol', 'grpc', '--url', setup.grpcUrl, '--key', 'key-two', '--trace-prefix', prefix]).done,
    ]);
    expect(missing[0]).toMatchObject({ ok: false, error: expect.stringMatching(/UNAUTHENTICATED: Missing x-junjo-api-key header/) });
    expect(wrong[0]).toMatchObject({ ok: false, error: expect.stringMatching(/UNAUTHENTICATED: Invalid API key/) });
    expect(right[0]).toMatchObject({ ok: true });
  });

  it('HTTP: 401 without or with a wrong key; x-junjo-api-key, x-api-key and Bearer are accepted', async () => {
    const url = `${setup.httpUrl}/v1/traces`;
    const json = { 'Content-Type': 'application/json' };
    const body = jsonExport(hexId(0xbee, 32), hexId(2, 16));
    const none = await post(url, json, body);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body.toString())).toMatchObject({ message: 'Missing x-junjo-api-key header' });
    expect((await post(url, { ...json, 'x-junjo-api-key': 'nope' }, body)).status).toBe(401);
    expect((await post(url, { ...json, 'x-junjo-api-key': 'key-one' }, body)).status).toBe(200);
    expect((await post(url, { ...json, 'x-api-key': 'key-two' }, body)).status).toBe(200);
    expect((await post(url, { ...json, Authorization: 'Bearer key-one' }, body)).status).toBe(200);
    const proto = await runSender(['--protocol', 'http-proto', '--url', setup.httpUrl, '--key', 'key-one']).done;
    expect(proto[0]).toMatchObject({ ok: true });
    const refused = await runSender(['--protocol', 'http-proto', '--url', setup.httpUrl]).done;
    expect(refused[0]).toMatchObject({ ok: false });
  });
});

describe('bad input gets its status and the receivers keep serving', () => {
  let setup: Setup;
  let url: string;
  beforeAll(async () => {
    setup = await setUp();
    url = `${setup.httpUrl}/v1/traces`;
  });
  afterAll(async () => {
    await setup.close();
  });
  const proto = { 'Content-Type': 'application/x-protobuf' };
  const json = { 'Content-Type': 'application/json' };

  it('HTTP: garbage protobuf, wrong JSON, truncated gzip → 400; unknown type → 415; a gzip bomb and 100 MB → 413', async () => {
    const garbage = await post(url, proto, Buffer.from('\xff\xff\xff\xff garbage that is not protobuf', 'latin1'));
    expect(garbage.status).toBe(400);
    expect(garbage.headers['content-type']).toBe('application/x-protobuf');
    const wrongShape = await post(url, json, Buffer.from('{"spans": [1, 2, 3]}'));
    expect(wrongShape.status).toBe(400);
    expect(JSON.parse(wrongShape.body.toString()).message).toMatch(/resourceSpans/);
    expect((await post(url, json, Buffer.from('{"resourceSpans": 5}'))).status).toBe(400);
    expect((await post(url, json, Buffer.from('{"resourceSpans": ['))).status).toBe(400);
    const truncated = gzipSync(jsonExport(hexId(3, 32), hexId(3, 16))).subarray(0, 30);
    const cut = await post(url, { ...json, 'Content-Encoding': 'gzip' }, truncated);
    expect(cut.status).toBe(400);
    expect(JSON.parse(cut.body.toString()).message).toMatch(/gzip/);
    expect((await post(url, { 'Content-Type': 'text/plain' }, Buffer.from('hello'))).status).toBe(415);
    expect((await post(url, { ...json, 'Content-Encoding': 'br' }, Buffer.from('{}'))).status).toBe(415);
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const bombed = await post(url, { ...json, 'Content-Encoding': 'gzip' }, bomb);
    expect(bombed.status).toBe(413);
    const declared = await post(url, { ...json, 'Content-Length': String(100 * 1024 * 1024) }, undefined, { chunks: 4, chunkBytes: 1024 * 1024 }).catch(() => ({ status: 413 }));
    expect(declared.status).toBe(413);
    const streamed = await post(url, { ...json, 'Transfer-Encoding': 'chunked' }, undefined, { chunks: 100, chunkBytes: 1024 * 1024 }).catch(() => ({ status: -1 }));
    expect([413, -1]).toContain(streamed.status); // answered 413, or the connection closed after it
    expect((await post(`${setup.httpUrl}/v1/nothing`, json, Buffer.from('{}'))).status).toBe(404);
    expect((await post(`${setup.httpUrl}/v1/metrics`, json, Buffer.from('{"resourceMetrics":[]}'))).status).toBe(200);
    // Still serving:
    expect((await post(url, json, jsonExport(hexId(4, 32), hexId(4, 16)))).status).toBe(200);
  });

  it('spans with invalid ids or times are rejected in partial_success; the valid ones are stored', async () => {
    const good = { traceId: hexId(5, 32), spanId: hexId(5, 16), name: 'ok', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000000000001' };
    const body = Buffer.from(
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  good,
                  { ...good, spanId: 'not-an-id!' },
                  { ...good, traceId: '' },
                  { ...good, spanId: hexId(6, 16), startTimeUnixNano: 'yesterday' },
                  { ...good, spanId: hexId(7, 16), startTimeUnixNano: '0', endTimeUnixNano: '0' },
                ],
              },
            ],
          },
        ],
      }),
    );
    const res = await post(url, json, body);
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.body.toString()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(answer.partialSuccess.rejectedSpans).toBe('4');
    expect(answer.partialSuccess.errorMessage).toMatch(/span id|trace id|start/);
    const stored = await getJson<SearchResponse>(`${setup.api}/api/sources/local/search?limit=1000`);
    expect(stored.body.traces.find((t) => t.traceId === good.traceId)?.spanCount).toBe(1);
    // The same answer in protobuf for a protobuf request: decodable as ExportTraceServiceResponse.
    expect(encodeTraceResponse({ partialSuccess: { rejectedSpans: '4', errorMessage: 'x' } }).length).toBeGreaterThan(0);
  });

  it('gRPC: garbage → INVALID_ARGUMENT, over 64 MiB → RESOURCE_EXHAUSTED, and still serving', async () => {
    const client = new grpc.Client(setup.grpcUrl.replace('http://', ''), grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': 200 * 1024 * 1024 });
    const call = (body: Buffer) =>
      new Promise<grpc.ServiceError | null>((resolve) =>
        client.makeUnaryRequest('/opentelemetry.proto.collector.trace.v1.TraceService/Export', (b: Buffer) => b, (b: Buffer) => b, body, new grpc.Metadata(), (error) => resolve(error)),
      );
    expect((await call(Buffer.from('\xff\xff\xff\xff not protobuf at all', 'latin1')))?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((await call(Buffer.alloc(65 * 1024 * 1024, 0)))?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    client.close();
    const lines = await runSender(['--protocol', 'grpc', '--url', setup.grpcUrl]).done;
    expect(lines[0]).toMatchObject({ ok: true });
  });

  it('10,000 concurrent small exports: each answered 200 or a retryable 429/503, every 200 stored', async () => {
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const target = new URL(url);
    const one = (i: number) =>
      new Promise<number>((resolve) => {
        const body = jsonExport(`c0ffee${hexId(i, 26)}`, hexId(i + 1, 16));
        const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...json, 'Content-Length': String(body.length) }, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', () => resolve(-1));
        req.end(body);
      });
    const statuses = await Promise.all(Array.from({ length: 10_000 }, (_, i) => one(i)));
    agent.destroy();
    const ok = statuses.filter((s) => s === 200).length;
    expect(statuses.every((s) => s === 200 || s === 429 || s === 503)).toBe(true);
    expect(ok).toBeGreaterThan(0);
    // Counted in the store itself: the search's limit (10,000) would cut the list.
    const stored = setup.local.ok ? setup.local.source.store.database.prepare("SELECT count(*) FROM traces WHERE trace_id LIKE 'c0ffee%'").pluck().get() : -1;
    expect(stored).toBe(ok);
    expect((await post(url, json, jsonExport(hexId(8, 32), hexId(8, 16)))).status).toBe(200);
  });
});
