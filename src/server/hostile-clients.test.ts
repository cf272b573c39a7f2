/**
 * Hostile clients and a slow upstream, over real sockets: clients that ask for a large trace and
 * never read it, many clients asking for the same trace, a full response budget, and one hung
 * source next to a healthy one.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, largeTempoBody, rawGet, startFakeUpstream, startViewer, tempoBodies, type FakeUpstream, type Viewer } from './test-support.ts';

const fixture = 'tempo/tempo-trace-queue-database.resourceSpans.json';
const id = tempoBodies(fixture);
const big = largeTempoBody(fixture, 8 * 1024 * 1024);
const idFor = (n: number) => n.toString(16).padStart(32, 'c');

/** A client that sends a GET and then reads nothing (after the first chunk, when `peek`). */
function nonReadingClient(base: string, path: string, peek = false): { closed: Promise<void>; firstBytes: Promise<void>; socket: net.Socket } {
  const url = new URL(base);
  const socket = net.connect(Number(url.port), url.hostname);
  socket.setNoDelay(true);
  let gotFirst!: () => void;
  const firstBytes = new Promise<void>((done) => (gotFirst = done));
  socket.on('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${url.port}\r\n\r\n`));
  if (peek)
    socket.once('data', () => {
      socket.pause();
      gotFirst();
    });
  else socket.pause();
  socket.on('error', () => undefined);
  const closed = new Promise<void>((done) => socket.on('close', () => done()));
  return { closed, firstBytes, socket };
}

let upstream: FakeUpstream;
let slow: FakeUpstream;
let viewer: Viewer;
let budgeted: Viewer;
const hung: (() => void)[] = [];

beforeAll(async () => {
  upstream = await startFakeUpstream((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(big));
  slow = await startFakeUpstream((_req, res) => hung.push(() => json(res, 200, id.v2)));
  viewer = await startViewer({
    server: { writeTimeoutMs: 300 },
    sources: [
      { name: 'tempo', kind: 'tempo', url: upstream.url },
      { name: 'slow', kind: 'tempo', url: slow.url, maxConcurrent: 2, maxQueued: 2, timeoutMs: 20_000 },
    ],
  });
  budgeted = await startViewer({ server: { writeTimeoutMs: 20_000, maxHeldResponseBytes: 12 * 1024 * 1024 }, sources: [{ name: 'tempo', kind: 'tempo', url: upstream.url }] });
});
afterAll(async () => {
  for (const release of hung.splice(0)) release();
  await viewer.close();
  await budgeted.close();
  await upstream.close();
  await slow.close();
});

describe('clients that do not read', () => {
  it('are dropped when their answer makes no progress, and the server keeps answering others', async () => {
    const clients = Array.from({ length: 6 }, () => nonReadingClient(viewer.url, `/api/sources/tempo/traces/${id.traceIdHex}`));
    while ((await viewer.connections()) < 6) await new Promise((done) => setTimeout(done, 20));
    // Before: held open (with the answer in memory) for as long as the clients liked.
    while ((await viewer.connections()) > 0) await new Promise((done) => setTimeout(done, 50));
    // A client that reads now finds its answer cut short: the server let go of it.
    const received = await Promise.all(
      clients.map(({ socket, closed }) => {
        let bytes = 0;
        socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
        socket.resume();
        return closed.then(() => bytes);
      }),
    );
    for (const bytes of received) expect(bytes).toBeLessThan(big.length);
    const res = await rawGet(viewer.url, `/api/sources/tempo/traces/${id.traceIdHex}`);
    expect(res.status).toBe(200);
    expect(res.text.length).toBeGreaterThan(big.length);
    // The body was read on a thread (lent there and back, sources/off-thread.ts): it comes back intact.
    expect(res.text.endsWith(`"body":${big.toString()}}`)).toBe(true);
  });

  it('share one upstream request (and one body in memory) when they ask for the same trace at once', async () => {
    const before = upstream.requests.length;
    let release!: () => void;
    const gate = new Promise<void>((done) => (release = done));
    upstream.handler = (_req, res) => void gate.then(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(big));
    try {
      const answers = Array.from({ length: 10 }, () => rawGet(budgeted.url, `/api/sources/tempo/traces/${idFor(1)}`));
      while (upstream.requests.length === before) await new Promise((done) => setTimeout(done, 10));
      await new Promise((done) => setTimeout(done, 300)); // let the other nine arrive
      release();
      const responses = await Promise.all(answers);
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(upstream.requests.length - before).toBe(1);
    } finally {
      upstream.handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(big);
    }
  });

  it('asking one after another for a trace still being sent to the others, share its one body: one fetch, held once, let go when they are dropped', async () => {
    const budget = 12 * 1024 * 1024; // room for one 8 MB answer, not two
    const before = upstream.requests.length;
    const path = `/api/sources/tempo/traces/${idFor(4)}`;
    const clients: ReturnType<typeof nonReadingClient>[] = [];
    for (let i = 0; i < 6; i++) {
      const client = nonReadingClient(budgeted.url, path, true);
      await client.firstBytes; // its answer is being sent (and held) before the next client asks
      clients.push(client);
      expect(budgeted.heldResponseBytes()).toBeLessThanOrEqual(budget);
    }
    // Before: each client after the first fetched the trace again, and was refused (503) for want of room.
    expect(upstream.requests.length - before).toBe(1);
    expect(budgeted.heldResponseBytes()).toBeGreaterThan(big.length);
    expect(budgeted.heldResponseBytes()).toBeLessThan(big.length + 64 * 1024);
    for (const client of clients) client.socket.destroy();
    await Promise.all(clients.map((client) => client.closed));
    while (budgeted.heldResponseBytes() > 0) await new Promise((done) => setTimeout(done, 20));
    // Once nobody is receiving it, the next client gets a fresh answer from the upstream.
    const fresh = await rawGet(budgeted.url, path);
    expect(fresh.status).toBe(200);
    expect(upstream.requests.length - before).toBe(2);
  });

  it('cannot make the server hold more than its response budget: the next answer is 503 with Retry-After', async () => {
    const holder = nonReadingClient(budgeted.url, `/api/sources/tempo/traces/${idFor(2)}`, true);
    await holder.firstBytes; // its 8 MB answer is now being held
    const refused = await rawGet(budgeted.url, `/api/sources/tempo/traces/${idFor(3)}`);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.json()).toMatchObject({ error: { code: 'overloaded', message: expect.stringContaining('not read yet') } });
    holder.socket.destroy();
    await holder.closed;
    await new Promise((done) => setTimeout(done, 50));
    const after = await rawGet(budgeted.url, `/api/sources/tempo/traces/${idFor(3)}`);
    expect(after.status).toBe(200);
  });
});

describe('an answer larger than the whole response budget', () => {
  it('is sent when nothing else is held, and while it is held other answers are refused without asking the upstream', async () => {
    const small = await startViewer({ server: { writeTimeoutMs: 20_000, maxHeldResponseBytes: 4 * 1024 * 1024 }, sources: [{ name: 'tempo', kind: 'tempo', url: upstream.url }] });
    try {
      const holder = nonReadingClient(small.url, `/api/sources/tempo/traces/${idFor(5)}`, true);
      await holder.firstBytes; // before: 503 for good, as 8 MB can never fit in 4 MB
      expect(small.heldResponseBytes()).toBeGreaterThan(big.length);
      const before = upstream.requests.length;
      const refused = await rawGet(small.url, `/api/sources/tempo/traces/${idFor(6)}`);
      expect(refused.status).toBe(503);
      expect(refused.json()).toMatchObject({ error: { code: 'overloaded' } });
      expect(upstream.requests.length).toBe(before);
      holder.socket.destroy();
      await holder.closed;
      while (small.heldResponseBytes() > 0) await new Promise((done) => setTimeout(done, 20));
      expect((await rawGet(small.url, `/api/sources/tempo/traces/${idFor(6)}`)).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe('one hung source', () => {
  it('fills only its own bulkhead: extra requests get 503 with Retry-After at once, and a healthy source still answers', async () => {
    const before = slow.requests.length;
    const admitted = Array.from({ length: 4 }, (_, i) => rawGet(viewer.url, `/api/sources/slow/traces/${idFor(100 + i)}`));
    while (slow.requests.length < before + 2) await new Promise((done) => setTimeout(done, 10));
    const refused = await Promise.all(Array.from({ length: 5 }, (_, i) => rawGet(viewer.url, `/api/sources/slow/traces/${idFor(200 + i)}`)));
    for (const res of refused) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.json()).toMatchObject({ error: { code: 'overloaded', message: expect.stringContaining('source "slow" is busy') } });
    }
    const healthy = await rawGet(viewer.url, `/api/sources/tempo/traces/${id.traceIdHex}`);
    expect(healthy.status).toBe(200);
    expect(slow.requests.length - before).toBe(2); // the hung ones still hold their slots
    while (slow.requests.length < before + 4 || hung.length > 0) {
      for (const release of hung.splice(0)) release();
      await new Promise((done) => setTimeout(done, 10));
    }
    expect((await Promise.all(admitted)).map((res) => res.status)).toEqual([200, 200, 200, 200]);
  });
});
