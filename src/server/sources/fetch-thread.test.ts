import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../test-support.ts';
import { FetchThread } from './fetch-thread.ts';

const thread = new FetchThread();
let upstream: FakeUpstream;
const big = Buffer.from(JSON.stringify({ trace: { resourceSpans: Array.from({ length: 20_000 }, (_, i) => ({ i, name: `span ${i}` })) } }));
const limits = { connectTimeoutMs: 5000, timeoutMs: 10_000, maxResponseBytes: 4 * 1024 * 1024 };

beforeAll(async () => {
  upstream = await startFakeUpstream((req, res) => {
    if (req.url === '/big') res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': big.byteLength }).end(big);
    else if (req.url === '/gzip') res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync(big));
    else if (req.url === '/huge') res.writeHead(200).end(Buffer.alloc(5 * 1024 * 1024, 0x20));
    // '/hang': accepted, never answered
  });
  expect(await thread.started()).toBe(true);
});
afterAll(async () => {
  await thread.close();
  await upstream.close();
});

describe('FetchThread', () => {
  it('reads a large answer on its thread and hands over its chunks as Buffers, byte for byte', async () => {
    const outcome = await thread.request(new URL(`${upstream.url}/big`), { headers: {}, limits }, Date.now() + limits.timeoutMs);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.status).toBe(200);
    expect(outcome.headers['content-type']).toBe('application/json');
    expect(outcome.parts.length).toBeGreaterThan(1);
    expect(outcome.parts.every((part) => Buffer.isBuffer(part))).toBe(true);
    expect(outcome.bytes).toBe(big.byteLength);
    expect(Buffer.concat(outcome.parts).equals(big)).toBe(true);
  });

  it('decompresses on its thread and keeps the limits there', async () => {
    const gzip = await thread.request(new URL(`${upstream.url}/gzip`), { headers: {}, limits }, Date.now() + limits.timeoutMs);
    expect(gzip.ok && Buffer.concat(gzip.parts).equals(big)).toBe(true);
    const huge = await thread.request(new URL(`${upstream.url}/huge`), { headers: {}, limits }, Date.now() + limits.timeoutMs);
    expect(huge).toEqual({ ok: false, failure: { kind: 'too-large', limit: limits.maxResponseBytes } });
  });

  it('cancels a request on its thread when its signal aborts, and times out there', async () => {
    const controller = new AbortController();
    const before = upstream.requests.length;
    const pending = thread.request(new URL(`${upstream.url}/hang`), { headers: {}, limits, signal: controller.signal }, Date.now() + limits.timeoutMs);
    while (upstream.requests.length === before) await new Promise((done) => setTimeout(done, 10));
    expect(thread.inFlight).toBe(1);
    controller.abort();
    expect(await pending).toEqual({ ok: false, failure: { kind: 'aborted' } });
    expect(thread.inFlight).toBe(0);
    const timedOut = await thread.request(new URL(`${upstream.url}/hang`), { headers: {}, limits: { ...limits, timeoutMs: 200 } }, Date.now() + 200);
    expect(timedOut).toEqual({ ok: false, failure: { kind: 'timeout', phase: 'response', ms: 200 } });
  });

  it('fails the requests it holds as unreachable when it stops, and runs later ones inline', async () => {
    const pending = thread.request(new URL(`${upstream.url}/hang`), { headers: {}, limits }, Date.now() + limits.timeoutMs);
    while (thread.inFlight === 0) await new Promise((done) => setTimeout(done, 10));
    await thread.close();
    expect(await pending).toEqual({ ok: false, failure: { kind: 'unreachable', detail: 'the server is shutting down' } });
    const inline = await thread.request(new URL(`${upstream.url}/big`), { headers: {}, limits }, Date.now() + limits.timeoutMs);
    expect(inline.ok && inline.bytes).toBe(big.byteLength);
  });
});
