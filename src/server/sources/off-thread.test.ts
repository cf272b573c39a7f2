import { afterAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../test-support.ts';
import { runBodyTask } from './body-tasks.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { OffThread } from './off-thread.ts';
import { bodyThreadNice } from './thread-priority.ts';

const pool = new OffThread({ inlineBytes: 1024, threads: 2 });
afterAll(() => pool.close());

const jaegerTrace = JSON.parse(fixtureText('jaeger/v1-trace-57spans-10services.json')) as { traceID: string; spans: { traceID: string; spanID: string }[] };
const tempoSearch = fixtureText('tempo/tempo-docs-search-response.json');

/** A Jaeger internal-API search answer with `copies` traces (ids changed), a few MB for 40 copies. */
function jaegerSearchBody(copies: number): Buffer {
  const data = Array.from({ length: copies }, (_, i) => {
    const traceID = `${i.toString(16).padStart(4, '0')}${jaegerTrace.traceID.slice(4)}`;
    return { ...jaegerTrace, traceID, spans: jaegerTrace.spans.map((span) => ({ ...span, traceID })) };
  });
  return Buffer.from(JSON.stringify({ data, total: copies, limit: 0, offset: 0, errors: null }));
}

/** Counts event-loop turns while `work` runs: a task on a thread lets the loop turn, inline work does not. */
async function loopTurnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const spin = () => {
    if (!running) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  const result = await work();
  running = false;
  return { result, turns };
}

describe('OffThread', () => {
  it('summarizes a large Jaeger search answer on a thread, with the same rows as inline, while the event loop keeps turning', async () => {
    const body = jaegerSearchBody(40);
    expect(body.byteLength).toBeGreaterThan(1024);
    const inline = await runBodyTask('summarize-search', body);
    const { result, turns } = await loopTurnsDuring(() => pool.run('summarize-search', body));
    expect(result).toEqual(inline);
    expect(result.ok && result.traces.length).toBe(40);
    expect(turns).toBeGreaterThan(0);
    expect(pool.threadRuns).toBe(1);
  });

  it('scans a trace body and reads a Tempo search answer on a thread', async () => {
    const body = Buffer.from(JSON.stringify({ data: [jaegerTrace], total: 0, limit: 0, offset: 0, errors: [{ code: 500, msg: 'shard timed out' }] }));
    const scan = await pool.run('scan-top-level', body);
    expect(scan.ok && [...scan.entries.keys()]).toEqual(['data', 'total', 'limit', 'offset', 'errors']);
    expect(scan).toEqual(await runBodyTask('scan-top-level', body));
    const padded = Buffer.from(tempoSearch + ' '.repeat(2048));
    const traces = await pool.run('tempo-search', padded);
    expect(traces).toEqual(await runBodyTask('tempo-search', Buffer.from(tempoSearch)));
    expect(traces?.length).toBeGreaterThan(0);
    expect(pool.threadRuns).toBe(3);
  });

  it('answers unreadable bodies with the same outcome as inline (not valid JSON, not an object)', async () => {
    const notJson = Buffer.from(`{"data": [${'1,'.repeat(2000)}`);
    expect(await pool.run('tempo-search', notJson)).toBeUndefined();
    const scan = await pool.run('scan-top-level', notJson);
    expect(scan.ok).toBe(false);
    const summaries = await pool.run('summarize-search', Buffer.from(`[${' '.repeat(2048)}"not a trace"]`));
    expect(summaries).toEqual(await runBodyTask('summarize-search', Buffer.from(`[${' '.repeat(2048)}"not a trace"]`)));
  });

  /** A body as separate chunks of its own memory, as an upstream answer arrives. */
  const chunksOf = (body: Buffer, size: number): Buffer[] => Array.from({ length: Math.ceil(body.byteLength / size) }, (_, i) => Buffer.from(body.subarray(i * size, (i + 1) * size)));

  it("lends a body's parts to a thread and gets them back whole, without a copy: the caller holds nothing meanwhile", async () => {
    const body = jaegerSearchBody(40);
    const parts = chunksOf(body, 64 * 1024);
    const runsBefore = pool.threadRuns;
    const lent = await pool.lend('scan-top-level', parts);
    expect(parts.every((part) => part.byteLength === 0)).toBe(true); // moved to the thread (and back into lent.parts), not copied
    expect(pool.threadRuns).toBe(runsBefore + 1);
    expect(lent.result).toEqual(await runBodyTask('scan-top-level', body));
    expect(lent.parts.length).toBe(parts.length);
    expect(Buffer.concat(lent.parts).equals(body)).toBe(true);
  });

  it('gives a body it no longer needs to a thread (moved, not copied, not sent back) and gets the result', async () => {
    const body = jaegerSearchBody(40);
    const parts = chunksOf(body, 64 * 1024);
    const result = await pool.give('summarize-search', parts);
    expect(parts.every((part) => part.byteLength === 0)).toBe(true);
    expect(result).toEqual(await runBodyTask('summarize-search', body));
  });

  it('copies the parts it must not move (small ones, a view into a larger buffer), leaving them with the caller', async () => {
    const body = jaegerSearchBody(40);
    const larger = Buffer.alloc(body.byteLength * 3);
    body.copy(larger, 10);
    const view = larger.subarray(10, 10 + body.byteLength - 2);
    const small = Buffer.from(body.subarray(body.byteLength - 2)); // from Node's shared pool
    const lent = await pool.lend('scan-top-level', [view, small]);
    expect(view.byteLength).toBe(body.byteLength - 2);
    expect(small.byteLength).toBe(2);
    expect(lent.result.ok).toBe(true);
    expect(Buffer.concat(lent.parts).equals(body)).toBe(true);
  });

  it('removes a secret cut between two parts, on a thread, and leaves a body without secrets as it was', async () => {
    const secret = 'tok-0123456789abcdef';
    const body = Buffer.from(JSON.stringify({ trace: { note: `key=${secret}`, pad: 'x'.repeat(300_000) } }));
    const at = body.indexOf(secret) + 5;
    const parts = [Buffer.from(body.subarray(0, at)), Buffer.from(body.subarray(at))];
    const redacted = await pool.run('redact', parts, { secrets: [secret] });
    expect(redacted).not.toBeNull();
    const text = Buffer.concat(redacted ?? []).toString();
    expect(text).not.toContain(secret);
    expect(text).toContain('key=[redacted]');
    const clean = chunksOf(Buffer.from(JSON.stringify({ trace: { pad: 'y'.repeat(300_000) } })), 64 * 1024);
    const lent = await pool.lend('redact', clean, { secrets: [secret] });
    expect(lent.result).toBeNull();
    expect(lent.parts.length).toBe(clean.length);
  });

  it.runIf(existsSync('/proc/thread-self'))('runs its threads at a lower priority than the event loop (Linux)', async () => {
    // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value; the command name (field 2) may hold spaces.
    const niceOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[16]);
    const niceThreads = () => readdirSync('/proc/self/task').filter((tid) => niceOf(tid) === bodyThreadNice);
    const mainNice = niceOf(String(process.pid));
    await pool.run('scan-top-level', Buffer.from(JSON.stringify({ trace: { resourceSpans: [] }, pad: 'x'.repeat(4096) })));
    expect(mainNice).toBe(0);
    expect(niceOf(String(process.pid))).toBe(0);
    expect(niceThreads().length).toBeGreaterThan(0);
  });

  it('runs small bodies inline, without a thread round trip', async () => {
    const { result, turns } = await loopTurnsDuring(() => pool.run('scan-top-level', Buffer.from('{"a":1}')));
    expect(result.ok).toBe(true);
    expect(turns).toBe(0);
  });
});
