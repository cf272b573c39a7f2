import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeOk } from '../../core/formats/test-fixtures.ts';
import type { SpanRecord } from '../../core/model/span.ts';
import { epochNs } from '../../core/model/time.ts';
import { buildTraces } from '../../core/trace/build-traces.ts';
import { analyzeJunjo } from '../../core/junjo/analyze-junjo.ts';
import { inMemory, storeFileName } from './open-database.ts';
import { TraceStore } from './trace-store.ts';

const fixture = (path: string) => readFileSync(join('fixtures', path), 'utf8');
const opened: TraceStore[] = [];
function open(location: string, retention?: { maxAgeMs: number; maxBytes: number }): TraceStore {
  const result = TraceStore.open(location, retention);
  if (!result.ok) throw new Error(result.message);
  opened.push(result.store);
  return result.store;
}
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

/** Plain values of a span record, for comparing two decodes. */
const plain = (span: SpanRecord) => JSON.stringify(span, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
const sorted = (spans: readonly SpanRecord[]) => spans.map(plain).sort();

describe('TraceStore', () => {
  it('gives back a Junjo workflow exactly: typed values, ns times, scope and resource', async () => {
    const input = await decodeOk(fixture('junjo/workflow/subflow_with_parent_store.json'));
    const store = open(inMemory);
    const result = store.insert(input.spans);
    expect(result).toMatchObject({ stored: input.spans.length, duplicates: 0, rejected: 0 });
    const traceId = input.spans[0]!.traceId;
    const stored = store.readTrace(traceId);
    expect(stored?.inProgress).toBe(false);
    const back = await decodeOk(stored!.json);
    expect(back.format).toBe('otlp-json');
    expect(sorted(back.spans)).toEqual(sorted(input.spans.filter((s) => s.traceId === traceId)));
    const [trace] = buildTraces(back.spans);
    const analysis = analyzeJunjo(trace!);
    expect(analysis.kind).toBe('junjo');
    expect(analysis.kind === 'junjo' && analysis.runs.length).toBeGreaterThan(0);
  });

  it('merges batches in any order, keeps a duplicate once, and summarises the run', async () => {
    const input = await decodeOk(fixture('junjo/workflow/basic_workflow_success.json'));
    const spans = input.spans;
    const workflow = spans.find((s) => s.attributes.some((a) => a.key === 'junjo.span_type' && a.value.type === 'string' && a.value.value === 'workflow'))!;
    const others = spans.filter((s) => s !== workflow);
    const store = open(inMemory);
    store.insert(others.slice(0, 2));
    let [run] = store.listRuns({ limit: 10 });
    expect(run).toMatchObject({ status: 'in-progress', spanCount: 2, workflowName: null });
    expect(store.readTrace(workflow.traceId)?.inProgress).toBe(true);
    store.insert([workflow]);
    const again = store.insert(others); // two of these again: an exporter retry
    expect(again.duplicates).toBe(2);
    [run] = store.listRuns({ limit: 10 });
    expect(run).toMatchObject({ traceId: workflow.traceId, status: 'ok', spanCount: spans.length, workflowName: workflow.name });
    expect(run?.startNs).toBe(spans.reduce((min, s) => (s.startNs < min ? s.startNs : min), spans[0]!.startNs));
    expect(run?.generation).toMatch(/^G[0-3]$/);
    expect(store.readTrace(workflow.traceId)?.spanCount).toBe(spans.length);
  });

  it('shows a run whose root span never arrives as incomplete after the quiet period, and in progress again when spans come', async () => {
    const input = await decodeOk(fixture('junjo/workflow/basic_workflow_success.json'));
    const spans = input.spans;
    const root = spans.find((s) => s.parentSpanId === null)!;
    const workflow = spans.find((s) => s.attributes.some((a) => a.key === 'junjo.span_type' && a.value.type === 'string' && a.value.value === 'workflow'))!;
    const nodes = spans.filter((s) => s !== root && s !== workflow);
    const quiet = 60_000;
    const result = TraceStore.open(inMemory, undefined, { incompleteAfterMs: quiet });
    if (!result.ok) throw new Error(result.message);
    const store = result.store;
    opened.push(store);
    const t0 = 1_000_000;
    expect(nodes.length).toBeGreaterThan(1);
    store.insert(nodes.slice(0, 1), t0);

    // Just before the quiet period ends: still in progress.
    expect(store.readTrace(root.traceId, t0 + quiet - 1)).toMatchObject({ inProgress: true, incomplete: false });
    expect(store.listRuns({ limit: 10, nowMs: t0 + quiet - 1 })[0]?.status).toBe('in-progress');
    expect(store.listRuns({ limit: 10, nowMs: t0 + quiet - 1, status: 'incomplete' })).toHaveLength(0);

    // Quiet for the whole period: incomplete, in the trace and in the list and its filter.
    expect(store.readTrace(root.traceId, t0 + quiet)).toMatchObject({ inProgress: false, incomplete: true });
    expect(store.listRuns({ limit: 10, nowMs: t0 + quiet })[0]?.status).toBe('incomplete');
    expect(store.listRuns({ limit: 10, nowMs: t0 + quiet, status: 'incomplete' })).toHaveLength(1);
    expect(store.listRuns({ limit: 10, nowMs: t0 + quiet, status: 'in-progress' })).toHaveLength(0);

    // More nodes arrive late: in progress again; the root and workflow spans arrive: finished.
    store.insert(nodes.slice(1), t0 + 2 * quiet);
    expect(store.readTrace(root.traceId, t0 + 2 * quiet + 1)).toMatchObject({ inProgress: true, incomplete: false });
    store.insert([root, workflow], t0 + 3 * quiet);
    expect(store.readTrace(root.traceId, t0 + 10 * quiet)).toMatchObject({ inProgress: false, incomplete: false });
    expect(store.listRuns({ limit: 10, nowMs: t0 + 10 * quiet })[0]?.status).toBe('ok');
  });

  it('filters runs by service, workflow and status, newest first', async () => {
    const input = await decodeOk(fixture('jaeger/v1-trace-57spans-10services.json'));
    const store = open(inMemory);
    store.insert(input.spans);
    const junjo = await decodeOk(fixture('junjo/workflow/run_concurrent_success.json'));
    store.insert(junjo.spans);
    const all = store.listRuns({ limit: 100 });
    expect(all.length).toBe(2);
    expect(all[0]!.startNs >= all[1]!.startNs).toBe(true);
    const service = all[0]!.service!;
    expect(store.listRuns({ limit: 100, service }).map((r) => r.traceId)).toEqual([all[0]!.traceId]);
    expect(store.listRuns({ limit: 100, status: 'in-progress' })).toEqual([]);
    const wf = all.find((r) => r.workflowName !== null)!;
    expect(store.listRuns({ limit: 100, workflow: wf.workflowName! }).map((r) => r.traceId)).toEqual([wf.traceId]);
    expect(store.services()).toContain(service);
  });

  it('refuses spans it cannot keep and stores the rest', () => {
    const base = { traceId: 'a'.repeat(32), parentSpanId: null, name: 'x', kind: 'internal', attributes: [], events: [], links: [], status: { code: 'unset', message: '' }, resource: { attributes: [], serviceName: 's' }, scope: { name: '', version: '', attributes: [] }, traceState: '', droppedAttributesCount: 0, droppedEventsCount: 0, droppedLinksCount: 0 } as const;
    const store = open(inMemory);
    const result = store.insert([
      { ...base, spanId: '1'.repeat(16), startNs: epochNs(0n), endNs: epochNs(5n) },
      { ...base, spanId: '2'.repeat(16), startNs: epochNs(2n ** 64n - 1n), endNs: epochNs(2n ** 64n - 1n) },
      { ...base, spanId: '3'.repeat(16), startNs: epochNs(1_700_000_000_000_000_000n), endNs: epochNs(1_700_000_000_000_000_001n) },
    ]);
    expect(result).toMatchObject({ stored: 1, rejected: 2 });
    expect(result.rejectReasons.join('\n')).toMatch(/no start time[\s\S]*2262/);
  });

  it('keeps data across a reopen, and deletes one trace or all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jtv-store-'));
    const input = await decodeOk(fixture('tempo/tempo-trace-queue-database.resourceSpans.json'));
    const junjo = await decodeOk(fixture('junjo/workflow/basic_workflow_success.json'));
    const first = open(dir);
    first.insert(input.spans);
    first.insert(junjo.spans);
    first.close();
    const second = open(dir);
    expect(second.traceCount()).toBe(2);
    expect(second.readTrace(junjo.spans[0]!.traceId)?.spanCount).toBe(junjo.spans.length);
    const events: string[] = [];
    second.subscribe((event) => events.push(event.type));
    expect(second.deleteTrace(junjo.spans[0]!.traceId)).toBe(true);
    expect(second.deleteTrace(junjo.spans[0]!.traceId)).toBe(false);
    expect(second.readTrace(junjo.spans[0]!.traceId)).toBeUndefined();
    expect(second.deleteAll()).toBe(1);
    expect(second.traceCount()).toBe(0);
    expect(second.storedBytes()).toBe(0);
    expect(events).toEqual(['deleted', 'deleted-all']);
  });

  it('drops the least recently received traces, whole, by age and by size', async () => {
    const a = await decodeOk(fixture('junjo/workflow/basic_workflow_success.json'));
    const b = await decodeOk(fixture('junjo/workflow/run_concurrent_success.json'));
    const c = await decodeOk(fixture('tempo/tempo-trace-queue-database.resourceSpans.json'));
    const store = open(inMemory, { maxAgeMs: 60_000, maxBytes: 1e12 });
    store.insert(a.spans, 1_000);
    store.insert(b.spans, 100_000);
    expect(store.applyRetention(120_000)).toBe(1);
    expect(store.readTrace(a.spans[0]!.traceId)).toBeUndefined();
    expect(store.readTrace(b.spans[0]!.traceId)).toBeDefined();

    const sizeOf = (spans: readonly SpanRecord[]) => {
      const probe = open(inMemory);
      probe.insert(spans);
      return probe.storedBytes();
    };
    const [older, newer] = [a, b, c].map((d) => d.spans).sort((x, y) => sizeOf(x) - sizeOf(y)).slice(1);
    expect(sizeOf(older!) > 0.2 * sizeOf(newer!)).toBe(true);
    const sized = open(inMemory, { maxAgeMs: 1e12, maxBytes: sizeOf(newer!) / 0.85 });
    sized.insert(older!, 1);
    sized.insert(newer!, 2);
    expect(sized.applyRetention(3)).toBe(1);
    expect(sized.readTrace(older![0]!.traceId)).toBeUndefined();
    expect(sized.readTrace(newer![0]!.traceId)?.spanCount).toBe(newer!.length);
  });

  it('upgrades a store of version 1 (one row per span) and reads its traces as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jtv-v1-'));
    const junjo = await decodeOk(fixture('junjo/workflow/basic_workflow_success.json'));
    const traceId = junjo.spans[0]!.traceId;
    const before = open(dir);
    before.insert(junjo.spans);
    const expected = (await decodeOk(before.readTrace(traceId)!.json)).spans.map(plain);
    before.close();
    // Rewrite the file as version 1 wrote it: a spans table, one row per span.
    const db = new Database(join(dir, storeFileName));
    db.exec(`CREATE TABLE spans (id INTEGER PRIMARY KEY, trace_id TEXT NOT NULL, span_id TEXT NOT NULL, resource_id INTEGER NOT NULL, scope_id INTEGER NOT NULL, json TEXT NOT NULL);
      INSERT INTO spans (trace_id, span_id, resource_id, scope_id, json)
        SELECT c.trace_id, json_extract(j.value, '$.spanId'), c.resource_id, c.scope_id, j.value FROM chunks c, json_each('[' || c.json || ']') j ORDER BY c.id, j.key;
      DROP TABLE chunks; PRAGMA user_version = 1;`);
    expect(db.prepare('SELECT count(*) FROM spans').pluck().get()).toBe(junjo.spans.length);
    db.close();
    const after = open(dir);
    expect((await decodeOk(after.readTrace(traceId)!.json)).spans.map(plain)).toEqual(expected);
    expect(after.insert(junjo.spans)).toMatchObject({ stored: 0, duplicates: junjo.spans.length });
  });

  it('gives a new store 16 KiB pages, and an existing store keeps the page size it was made with', async () => {
    const input = await decodeOk(fixture('junjo/workflow/subflow_with_parent_store.json'));
    const fresh = mkdtempSync(join(tmpdir(), 'jtv-store-'));
    const store = open(fresh);
    expect(store.database.pragma('page_size', { simple: true })).toBe(16384);
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    // A store made by an earlier version with 64 KiB pages: opened, written and read as before.
    const older = mkdtempSync(join(tmpdir(), 'jtv-store-'));
    open(older).close();
    opened.pop();
    const db = new Database(join(older, storeFileName));
    db.pragma('journal_mode = DELETE');
    db.pragma('page_size = 65536');
    db.exec('VACUUM');
    db.close();
    const reopened = open(older);
    expect(reopened.database.pragma('page_size', { simple: true })).toBe(65536);
    expect(reopened.insert(input.spans)).toMatchObject({ stored: input.spans.length, rejected: 0 });
    expect(reopened.readTrace(input.spans[0]!.traceId)?.spanCount).toBe(input.spans.length);
  });

  it('names a foreign or corrupted file instead of failing', () => {
    const foreign = mkdtempSync(join(tmpdir(), 'jtv-foreign-'));
    const db = new Database(join(foreign, storeFileName));
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    const a = TraceStore.open(foreign);
    expect(a.ok).toBe(false);
    expect(!a.ok && a.message).toMatch(/not a Junjo Trace Viewer store.*--data/);

    const garbage = mkdtempSync(join(tmpdir(), 'jtv-garbage-'));
    writeFileSync(join(garbage, storeFileName), 'this is not a database, it is a text file that is long enough '.repeat(100));
    const b = TraceStore.open(garbage);
    expect(b.ok).toBe(false);
    expect(!b.ok && b.message).toMatch(/not a readable SQLite database.*Move the folder/);
  });
});
