import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { g3SampleSpans } from '../../../scripts/lib/junjo-samples.ts';
import { withTraceId } from '../../../scripts/lib/otlp-sender.ts';
import { preencoder } from '../../../scripts/lib/raw-otlp-sender.ts';
import { TraceStore } from '../store/trace-store.ts';
import { WriteQueue } from '../store/write-queue.ts';
import { acceptProtobuf } from './accept-export.ts';
import { BodyBuffers } from './body-buffers.ts';
import { DecodePool } from './decode-pool.ts';
import { decodeProtoSpans, type ProtoDecoded } from './proto-spans.ts';

vi.setConfig({ testTimeout: 60_000 });

const sample = g3SampleSpans();
const buffers = new BodyBuffers();
const pools: DecodePool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
});
const newPool = (log?: (line: string) => void): DecodePool => {
  const pool = new DecodePool({ threads: 1, minBytes: 0, ...(log ? { log } : {}) });
  pools.push(pool);
  return pool;
};

/** The decoded spans as comparable text: every field, the span's bytes as hex. */
const text = (decoded: ProtoDecoded): string =>
  JSON.stringify(decoded, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value));

const inShared = (body: Buffer): Buffer => buffers.shared(body).buffer;

describe('the decode pool', () => {
  it('gives what decoding on the event loop gives: every store span, field for field, and its bytes as a view of the body', async () => {
    const body = inShared(preencoder(sample, 4, 'a1b2c3d4')().body);
    const pool = newPool();
    const decoded = await pool.decode(body);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.result.spans).toHaveLength(sample.length * 4);
    expect(text(decoded)).toBe(text(decodeProtoSpans(body)));
    const encoded = decoded.result.spans[0]!.encoded as Buffer;
    expect(encoded.buffer).toBe(body.buffer);
    expect(pool.problem).toBeUndefined();
  });

  it('rejects what the event loop rejects, with the same reasons: spans with bad ids, a body that is not protobuf, a cut-off body', async () => {
    const good = withTraceId(sample.slice(0, 3), 'ef'.repeat(16));
    const badContext = { ...good[0]!.spanContext(), spanId: '00'.repeat(8) };
    const withBadSpan = Buffer.from(ProtobufTraceSerializer.serializeRequest([{ ...good[0]!, spanContext: () => badContext }, ...good.slice(1)])!);
    const pool = newPool();
    for (const body of [withBadSpan, Buffer.from('this is not protobuf at all, just text'), withBadSpan.subarray(0, withBadSpan.length - 5)]) {
      const shared = inShared(body);
      const decoded = await pool.decode(shared);
      expect(text(decoded)).toBe(text(decodeProtoSpans(body)));
    }
    const rejected = await pool.decode(inShared(withBadSpan));
    expect(rejected.ok && rejected.result.rejected).toBe(1);
  });

  it('decodes on the event loop what a thread held when it stopped, and starts a new thread for the next bodies', async () => {
    const lines: string[] = [];
    const pool = newPool((line) => lines.push(line));
    const next = preencoder(sample, 2, '0badf00d');
    const bodies = Array.from({ length: 6 }, () => inShared(Buffer.from(next().body)));
    const pending = bodies.map((body) => pool.decode(body));
    await pool.crash();
    const decoded = await Promise.all(pending);
    for (const [i, result] of decoded.entries()) expect(text(result)).toBe(text(decodeProtoSpans(bodies[i]!)));
    expect(lines.join('\n')).toMatch(/decode thread stopped .* decoded on the main thread/);
    const after = await pool.decode(bodies[0]!);
    expect(after.ok && after.result.spans.length).toBe(sample.length * 2);
    expect(pool.available).toBe(true);
  });

  it('stores an export decoded on a thread as one decoded on the event loop: same trace text, a retry kept once', async () => {
    const body = preencoder(sample, 2, 'feedbeef')().body;
    const stores = [true, false].map((threads) => {
      const opened = TraceStore.open(':memory:');
      if (!opened.ok) throw new Error(opened.message);
      return { store: opened.store, queue: new WriteQueue(opened.store), pool: threads ? newPool() : new DecodePool({ threads: 0 }) };
    });
    for (const { queue, pool } of stores) {
      expect(await acceptProtobuf(body, queue, undefined, pool)).toMatchObject({ kind: 'stored', stored: sample.length * 2, rejected: 0 });
      expect(await acceptProtobuf(body, queue, undefined, pool)).toMatchObject({ kind: 'stored', stored: sample.length * 2 });
    }
    const traceId = body.toString('hex', body.indexOf(Buffer.from('feedbeef', 'hex')), body.indexOf(Buffer.from('feedbeef', 'hex')) + 16);
    const [threaded, here] = stores.map(({ store }) => store.readTrace(traceId));
    expect(threaded?.spanCount).toBe(sample.length);
    expect(threaded?.json).toBe(here?.json);
    for (const { store, queue } of stores) {
      queue.close();
      store.close();
    }
  });
});

describe('body buffers', () => {
  it('gives a buffer back for the next body instead of a new one, and keeps bodies apart while both are taken', () => {
    const pool = new BodyBuffers();
    const first = pool.take(300_000);
    first.fill(1);
    const second = pool.take(300_000);
    expect(second.buffer).not.toBe(first.buffer);
    pool.give(first);
    const third = pool.take(200_000);
    expect(third.buffer).toBe(first.buffer);
    expect(third.length).toBe(200_000);
    expect(pool.take(200_000).buffer).not.toBe(first.buffer);
  });
});
