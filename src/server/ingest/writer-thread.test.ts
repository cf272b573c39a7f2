import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { g3SampleSpans } from '../../../scripts/lib/junjo-samples.ts';
import { preencoder } from '../../../scripts/lib/raw-otlp-sender.ts';
import { TraceStore } from '../store/trace-store.ts';
import { WriteQueue } from '../store/write-queue.ts';
import { acceptProtobuf, type ExportOutcome } from './accept-export.ts';
import { decodeProtoSpans } from './proto-spans.ts';

vi.setConfig({ testTimeout: 120_000 });

const sample = g3SampleSpans();
const open: { store: TraceStore; queue: WriteQueue }[] = [];
afterEach(() => {
  for (const { store, queue } of open.splice(0)) {
    queue.close();
    store.close();
  }
});

function openStore(dir: string, checkpointBytes?: number): { store: TraceStore; queue: WriteQueue; lines: string[] } {
  const opened = TraceStore.open(dir);
  if (!opened.ok) throw new Error(opened.message);
  const lines: string[] = [];
  const queue = new WriteQueue(opened.store, { log: (line) => lines.push(line), checkpointBytes });
  open.push({ store: opened.store, queue });
  return { store: opened.store, queue, lines };
}

const spanCount = (store: TraceStore, traceId: string) => store.readTrace(traceId)?.spanCount ?? 0;

describe("the store's writer thread", () => {
  it('acknowledges each export of a group commit only once it is committed: all readable after a restart, a retry kept once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jtv-writer-'));
    const next = preencoder(sample, 3, 'd1e2f3a4');
    const exports = Array.from({ length: 12 }, () => next());
    const { store, queue } = openStore(dir);
    expect(queue.writer?.available).toBe(true);
    // All submitted at once: they go to the thread in a few group commits.
    const outcomes = await Promise.all(exports.map((e) => acceptProtobuf(e.body, queue)));
    for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: 'stored', stored: 3 * sample.length, rejected: 0 });
    // Readable through the store's own connection as soon as acknowledged.
    for (const e of exports) for (const id of e.traceIds) expect(spanCount(store, id)).toBe(sample.length);
    // An exporter retry of one export: kept once.
    expect(await acceptProtobuf(exports[0]!.body, queue)).toMatchObject({ kind: 'stored', rejected: 0 });
    open.splice(0).forEach(({ store: s, queue: q }) => {
      q.close();
      s.close();
    });

    const again = openStore(dir);
    for (const e of exports) for (const id of e.traceIds) expect(spanCount(again.store, id)).toBe(sample.length);
    expect(again.store.traceCount()).toBe(12 * 3);
  });

  it('hands an export to an idle writer thread as soon as it is decoded; exports that come during that commit share the next one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jtv-writer-'));
    const { store, queue } = openStore(dir);
    const next = preencoder(sample, 2, 'd9e2f3a4');
    const exports = Array.from({ length: 3 }, () => next());
    const spans = exports.map((e) => {
      const decoded = decodeProtoSpans(e.body);
      if (!decoded.ok) throw new Error(decoded.message);
      return decoded.result.spans;
    });
    // The first export goes to the thread at the end of this task, without waiting for a later turn
    // of the event loop; the other two, submitted in this same turn after that, wait for its commit.
    const first = queue.submit(spans[0]!, 0);
    await Promise.resolve();
    const rest = [queue.submit(spans[1]!, 0), queue.submit(spans[2]!, 0)];
    const outcomes = await Promise.all([first, ...rest]);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: true, result: { stored: 2 * sample.length } });
    expect(queue.commits).toBe(2);
    for (const e of exports) for (const id of e.traceIds) expect(spanCount(store, id)).toBe(sample.length);
  });

  it('copies the WAL back on a checkpoint thread while commits go on: the database file holds the spans, the WAL starts again, all readable after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jtv-writer-'));
    const { store, queue, lines } = openStore(dir, 256 * 1024);
    const next = preencoder(sample, 4, 'd5e2f3a4');
    const exports: ReturnType<typeof next>[] = [];
    const dbFile = store.file;
    const sizes = () => ({ wal: statSync(`${dbFile}-wal`).size, db: statSync(dbFile).size });
    const round = async () => {
      const four = Array.from({ length: 4 }, () => next());
      exports.push(...four);
      const outcomes = await Promise.all(four.map((e) => acceptProtobuf(e.body, queue)));
      for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: 'stored', rejected: 0 });
    };
    // Exports until the checkpoint thread (started with the first copy) has finished two copies.
    for (let n = 0; n < 300 && queue.writer!.checkpoints < 2; n++) {
      await round();
      if (queue.writer!.checkpoints === 0) await new Promise((done) => setTimeout(done, 10));
    }
    expect(queue.writer!.checkpoints).toBeGreaterThanOrEqual(2);
    // From now on, the spans go on into the database file, while the WAL, started again from its
    // beginning after each copy, hardly grows.
    const before = sizes();
    for (let n = 0; n < 12; n++) await round();
    for (let t = 0; t < 200 && (queue.writer as unknown as { checkpointRunning: boolean }).checkpointRunning; t++) await new Promise((done) => setTimeout(done, 25));
    const after = sizes();
    expect(lines.join('\n')).not.toMatch(/checkpoint thread stopped/);
    expect(after.db - before.db).toBeGreaterThan(1024 * 1024);
    expect(after.wal - before.wal).toBeLessThan((after.db - before.db) / 2);
    open.splice(0).forEach(({ store: s, queue: q }) => {
      q.close();
      s.close();
    });
    const again = openStore(dir);
    for (const e of exports) for (const id of e.traceIds) expect(spanCount(again.store, id)).toBe(sample.length);
  });

  it('a thread that dies while writing: its export gets a retryable answer, the retry is stored once, and a new thread takes over', async () => {
    const { store, queue, lines } = openStore(mkdtempSync(join(tmpdir(), 'jtv-writer-')));
    const next = preencoder(sample, 2, 'd2e2f3a4');
    const first = next();
    expect(await acceptProtobuf(first.body, queue)).toMatchObject({ kind: 'stored' });

    // Wait until the export is at the thread, then stop the thread as a crash would. On a loaded
    // machine the thread can commit and answer before it is stopped (the export is then stored and
    // the thread stopped idle): the next export is tried, twice at most, as the thread gives up
    // after 3 deaths in a row.
    let lost = next();
    let outcome: ExportOutcome | undefined;
    for (let attempt = 0; attempt < 2 && outcome?.kind !== 'retry'; attempt++) {
      if (attempt > 0) lost = next();
      const pending = acceptProtobuf(lost.body, queue);
      while (!(queue as unknown as { writing: boolean }).writing) await new Promise((done) => setImmediate(done));
      await queue.writer!.crash();
      outcome = await pending;
    }
    expect(outcome).toMatchObject({ kind: 'retry', reason: 'failed' });
    expect(outcome?.kind === 'retry' && outcome.message).toMatch(/writer thread stopped.*please retry/);
    expect(lines.join('\n')).toMatch(/writer thread stopped.*a new thread starts/);

    // The exporter retries: the spans are stored once, whether or not the lost commit happened.
    expect(await acceptProtobuf(lost.body, queue)).toMatchObject({ kind: 'stored', rejected: 0 });
    const later = next();
    expect(await acceptProtobuf(later.body, queue)).toMatchObject({ kind: 'stored', stored: 2 * sample.length });
    expect(queue.writer?.available).toBe(true);
    for (const id of [...first.traceIds, ...lost.traceIds, ...later.traceIds]) expect(spanCount(store, id)).toBe(sample.length);
  });

  it('a thread that keeps dying: the store says so and writes on the main thread', async () => {
    const { store, queue, lines } = openStore(mkdtempSync(join(tmpdir(), 'jtv-writer-')));
    const next = preencoder(sample, 1, 'd3e2f3a4');
    for (let crash = 0; crash < 3; crash++) {
      const pending = acceptProtobuf(next().body, queue);
      while (!(queue as unknown as { writing: boolean }).writing) await new Promise((done) => setImmediate(done));
      await queue.writer!.crash();
      expect(await pending).toMatchObject({ kind: 'retry' });
    }
    expect(queue.writer?.available).toBe(false);
    expect(queue.writer?.problem).toMatch(/stopped 3 times in a row; writes go through the main thread/);
    expect(lines.join('\n')).toMatch(/stopped 3 times in a row/);
    const after = next();
    expect(await acceptProtobuf(after.body, queue)).toMatchObject({ kind: 'stored', stored: sample.length });
    expect(spanCount(store, after.traceIds[0]!)).toBe(sample.length);
  });

  it('a deletion waits for the commit in progress, and a trace deleted between exports is counted afresh', async () => {
    const { store, queue } = openStore(mkdtempSync(join(tmpdir(), 'jtv-writer-')));
    const next = preencoder(sample, 1, 'd4e2f3a4');
    const batch = next();
    const [traceId] = batch.traceIds;
    const stored = acceptProtobuf(batch.body, queue);
    while (!(queue as unknown as { writing: boolean }).writing) await new Promise((done) => setImmediate(done));
    // Asked while the thread writes the trace: runs after that commit, so it finds and deletes it.
    const deleted = queue.exclusive(() => store.deleteTrace(traceId!));
    expect(await stored).toMatchObject({ kind: 'stored' });
    expect(await deleted).toBe(true);
    expect(spanCount(store, traceId!)).toBe(0);
    // The same spans again: a new trace of the sample's size, not one counted on top of the deleted one.
    expect(await acceptProtobuf(batch.body, queue)).toMatchObject({ kind: 'stored', stored: sample.length });
    expect(spanCount(store, traceId!)).toBe(sample.length);
  });
});
