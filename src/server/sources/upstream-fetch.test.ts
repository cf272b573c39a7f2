import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../test-support.ts';
import { fetchUpstream } from './upstream-fetch.ts';

let hung: FakeUpstream;
beforeAll(async () => {
  hung = await startFakeUpstream(() => undefined); // accepts, never answers
});
afterAll(() => hung.close());

describe('a source bulkhead', () => {
  it('counts time spent waiting for a slot in the deadline', async () => {
    const bulkhead = 'queue-deadline';
    const holder = new AbortController();
    const first = fetchUpstream(new URL(`${hung.url}/first`), { headers: {}, bulkhead, signal: holder.signal, limits: { connectTimeoutMs: 5000, timeoutMs: 60_000, maxResponseBytes: 1024, maxConcurrent: 1 } });
    while (hung.requests.length === 0) await new Promise((done) => setTimeout(done, 10));
    // Before: the second request waited for the first (a minute here) and then got its own full timeout.
    const second = await fetchUpstream(new URL(`${hung.url}/second`), { headers: {}, bulkhead, limits: { connectTimeoutMs: 5000, timeoutMs: 300, maxResponseBytes: 1024, maxConcurrent: 1 } });
    expect(second).toEqual({ ok: false, failure: { kind: 'timeout', phase: 'queue', ms: 300 } });
    expect(hung.requests.map((r) => r.path)).toEqual(['/first']);
    holder.abort();
    expect(await first).toEqual({ ok: false, failure: { kind: 'aborted' } });
  });

  it('refuses at once when its queue is full, saying when to retry', async () => {
    const bulkhead = 'queue-full';
    const limits = { connectTimeoutMs: 5000, timeoutMs: 5_000, maxResponseBytes: 1024, maxConcurrent: 1, maxQueued: 1 };
    const holder = new AbortController();
    const running = fetchUpstream(new URL(`${hung.url}/a`), { headers: {}, bulkhead, limits, signal: holder.signal });
    const waiting = fetchUpstream(new URL(`${hung.url}/b`), { headers: {}, bulkhead, limits, signal: holder.signal });
    expect(await fetchUpstream(new URL(`${hung.url}/c`), { headers: {}, bulkhead, limits })).toEqual({ ok: false, failure: { kind: 'busy', running: 1, queued: 1, retryAfterS: 5 } });
    holder.abort();
    await Promise.all([running, waiting]);
  });

  it('cancels a shared upstream request only when every caller has gone', async () => {
    const limits = { connectTimeoutMs: 5000, timeoutMs: 5_000, maxResponseBytes: 1024 };
    const before = hung.requests.length;
    const a = new AbortController();
    const b = new AbortController();
    const first = fetchUpstream(new URL(`${hung.url}/shared`), { headers: { X: '1' }, bulkhead: 'shared', limits, signal: a.signal });
    const second = fetchUpstream(new URL(`${hung.url}/shared`), { headers: { X: '1' }, bulkhead: 'shared', limits, signal: b.signal });
    while (hung.requests.length === before) await new Promise((done) => setTimeout(done, 10));
    a.abort();
    expect(await first).toEqual({ ok: false, failure: { kind: 'aborted' } });
    const third = fetchUpstream(new URL(`${hung.url}/shared`), { headers: { X: '1' }, bulkhead: 'shared', limits, signal: b.signal });
    b.abort();
    expect(await Promise.all([second, third])).toEqual([{ ok: false, failure: { kind: 'aborted' } }, { ok: false, failure: { kind: 'aborted' } }]);
    expect(hung.requests.slice(before).filter((r) => r.path === '/shared')).toHaveLength(1);
  });
});

describe('a shared upstream body', () => {
  it('is marked as its caller\'s own only when no identical request shared it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((done) => (release = done));
    const answering = await startFakeUpstream((_req, res) => void gate.then(() => res.writeHead(200, { 'Content-Length': '2' }).end('{}')));
    try {
      const limits = { connectTimeoutMs: 5000, timeoutMs: 5_000, maxResponseBytes: 1024 };
      const url = new URL(`${answering.url}/trace`);
      const pair = [fetchUpstream(url, { headers: {}, bulkhead: 'own', limits }), fetchUpstream(url, { headers: {}, bulkhead: 'own', limits })];
      while (answering.requests.length === 0) await new Promise((done) => setTimeout(done, 10));
      release();
      const [first, second] = await Promise.all(pair);
      expect(first?.ok && first.response.exclusive).toBeFalsy();
      expect(second?.ok && second.response.exclusive).toBeFalsy();
      expect(answering.requests.length).toBe(1);
      const alone = await fetchUpstream(url, { headers: {}, bulkhead: 'own', limits });
      expect(alone.ok && alone.response.exclusive).toBe(true);
      expect(alone.ok && alone.response.body.toString()).toBe('{}');
    } finally {
      await answering.close();
    }
  });
});
