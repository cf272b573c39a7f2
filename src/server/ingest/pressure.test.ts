import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { g3SampleSpans } from '../../../scripts/lib/junjo-samples.ts';
import { preencoder, rawGrpcSender } from '../../../scripts/lib/raw-otlp-sender.ts';
import { loadConfig } from '../config.ts';
import { TraceStore } from '../store/trace-store.ts';
import { WriteQueue, type WriteQueueOptions } from '../store/write-queue.ts';
import { startReceivers, type Receivers } from './start-receivers.ts';

vi.setConfig({ testTimeout: 120_000 });

interface Rig {
  readonly store: TraceStore;
  readonly queue: WriteQueue;
  readonly receivers: Receivers;
  readonly httpUrl: string;
  readonly grpcUrl: string;
}
const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.receivers.close();
    rig.queue.close();
    rig.store.close();
  }
});

/** The real receivers on port 0 over a real store on disk, with the queue limits of the test. */
async function rig(options: WriteQueueOptions): Promise<Rig> {
  const config = loadConfig(['--port', '0', '--grpc-port', '0', '--otlp-http-port', '0', '--junjo-ports', 'none'], {}, process.cwd());
  if (!config.ok) throw new Error(config.message);
  const opened = TraceStore.open(mkdtempSync(join(tmpdir(), 'jtv-pressure-')));
  if (!opened.ok) throw new Error(opened.message);
  const queue = new WriteQueue(opened.store, options);
  const receivers = await startReceivers(config.value.receivers, queue, () => undefined);
  const r = {
    store: opened.store,
    queue,
    receivers,
    httpUrl: receivers.listening.find((l) => l.protocol === 'http')!.url,
    grpcUrl: receivers.listening.find((l) => l.protocol === 'grpc')!.url,
  };
  rigs.push(r);
  return r;
}

/** POSTs a protobuf export, with a Content-Length or (`chunked`) without one. */
function post(url: string, body: Buffer, chunked = false): Promise<{ status: number; retryAfter: string | undefined }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-protobuf', ...(chunked ? {} : { 'Content-Length': String(body.length) }) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/v1/traces`, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sample = g3SampleSpans();
const stored = (store: TraceStore, traceId: string) => store.readTrace(traceId)?.spanCount ?? 0;

describe('receivers under write pressure', () => {
  it('refuse a flood past the pending-bytes limit with retryable codes, keep every acknowledged span, and accept again', async () => {
    const next = preencoder(sample, 4, 'a1b2c3d4');
    const slow = next();
    const { store, queue, httpUrl, grpcUrl } = await rig({ maxPendingBytes: slow.body.length });
    // A client that declares its body and sends half of it holds that room in the queue.
    const slowRequest = httpRequest(`${httpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-protobuf', 'Content-Length': String(slow.body.length) },
    });
    const slowAnswer = new Promise<number>((resolve, reject) => {
      slowRequest.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      slowRequest.on('error', reject);
    });
    slowRequest.write(slow.body.subarray(0, slow.body.length >> 1));
    while (queue.pressure() === undefined) await new Promise((done) => setTimeout(done, 20));

    // The flood while the queue is full: every export is refused with a retryable answer.
    const batches = Array.from({ length: 40 }, () => next());
    const grpcSender = rawGrpcSender(grpcUrl);
    const [httpAnswers, grpcAnswers] = await Promise.all([
      Promise.all(batches.slice(0, 20).map((b, i) => post(httpUrl, b.body, i % 2 === 1))),
      Promise.all(batches.slice(20).map((b) => grpcSender.send(b.body))),
    ]);
    for (const answer of httpAnswers) {
      expect(answer.status).toBe(503);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    for (const answer of grpcAnswers) expect(answer).toMatch(/^UNAVAILABLE: .*retry/);
    for (const batch of batches) for (const id of batch.traceIds) expect(stored(store, id)).toBe(0);

    // The slow export completes and is acknowledged: it is stored whole.
    slowRequest.end(slow.body.subarray(slow.body.length >> 1));
    expect(await slowAnswer).toBe(200);
    for (const id of slow.traceIds) expect(stored(store, id)).toBe(sample.length);

    // The pressure is gone: exports are accepted again through both receivers, and stored.
    const again = next();
    expect((await post(httpUrl, again.body)).status).toBe(200);
    const viaGrpc = next();
    expect(await grpcSender.send(viaGrpc.body)).toBeNull();
    grpcSender.close();
    for (const id of [...again.traceIds, ...viaGrpc.traceIds]) expect(stored(store, id)).toBe(sample.length);
  });

  it('under a concurrent flood, answer each export 200 or a retryable code, and store every acknowledged one whole', async () => {
    const next = preencoder(sample, 4, 'c1b2c3d4');
    const first = next();
    const { store, httpUrl, grpcUrl } = await rig({ maxPendingBytes: first.body.length });
    const batches = [first, ...Array.from({ length: 39 }, () => next())];
    const grpcSender = rawGrpcSender(grpcUrl);
    const [httpAnswers, grpcAnswers] = await Promise.all([
      Promise.all(batches.slice(0, 20).map((b) => post(httpUrl, b.body))),
      Promise.all(batches.slice(20).map((b) => grpcSender.send(b.body))),
    ]);
    grpcSender.close();
    for (const answer of httpAnswers) if (answer.status !== 200) expect([429, 503]).toContain(answer.status);
    for (const answer of grpcAnswers) if (answer !== null) expect(answer).toMatch(/^(UNAVAILABLE|RESOURCE_EXHAUSTED): /);
    const acknowledged = [...batches.slice(0, 20).filter((_, i) => httpAnswers[i]!.status === 200), ...batches.slice(20).filter((_, i) => grpcAnswers[i] === null)];
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const batch of batches) for (const id of batch.traceIds) expect(stored(store, id)).toBe(acknowledged.includes(batch) ? sample.length : 0);
  });

  it('refuse every export while memory is high (429 / RESOURCE_EXHAUSTED) and accept again when it falls', async () => {
    let rss = 10 * 1024 * 1024 * 1024;
    const { store, httpUrl, grpcUrl } = await rig({ maxRssBytes: 1024 * 1024 * 1024, readRss: () => rss });
    const next = preencoder(sample, 2, 'b1b2c3d4');
    await new Promise((done) => setTimeout(done, 600)); // the memory reading is taken every 250 ms
    const refusedHttp = await post(httpUrl, next().body);
    expect(refusedHttp.status).toBe(429);
    expect(Number(refusedHttp.retryAfter)).toBeGreaterThan(0);
    const grpcSender = rawGrpcSender(grpcUrl);
    expect(await grpcSender.send(next().body)).toMatch(/^RESOURCE_EXHAUSTED: .*memory/);
    expect(store.traceCount()).toBe(0);

    rss = 100 * 1024 * 1024;
    await new Promise((done) => setTimeout(done, 600));
    const again = next();
    expect((await post(httpUrl, again.body)).status).toBe(200);
    const viaGrpc = next();
    expect(await grpcSender.send(viaGrpc.body)).toBeNull();
    grpcSender.close();
    for (const id of [...again.traceIds, ...viaGrpc.traceIds]) expect(stored(store, id)).toBe(sample.length);
  });
});
