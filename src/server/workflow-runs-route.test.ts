import { readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowRunsResponse } from '../core/backends/workflow-runs-api.ts';
import { decodeOk } from '../core/formats/test-fixtures.ts';
import { copyRuns } from '../core/runs/run-copies.ts';
import { summarizeRuns } from '../core/runs/summarize-runs.ts';
import { startViewer, type Viewer } from './test-support.ts';
import { localWorkflowRuns } from './workflow-runs-route.ts';
import { TraceStore } from './store/trace-store.ts';

function get(base: string, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    http.get(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

const sample = (name: string) => readFileSync(`public/samples/${name}.json`);

describe('one workflow across runs, from the local store', () => {
  let store: TraceStore;
  let slowTraceId = '';
  beforeAll(async () => {
    const opened = TraceStore.open(':memory:');
    if (!opened.ok) throw new Error(opened.message);
    store = opened.store;
    const ok = (await decodeOk(sample('junjo-g3-contract-v2'))).spans;
    const failed = (await decodeOk(sample('junjo-g3-failure'))).spans;
    const other = (await decodeOk(sample('junjo-g3-debugging'))).spans;
    const copies = copyRuns(ok, { factors: [1, 1.1, 0.9, 1.05, 5], startMs: 1_800_000_000_000, gapMs: 60_000, idPrefix: 'a' });
    for (const copy of copies) store.insert(copy);
    slowTraceId = copies[4]![0]!.traceId;
    for (const copy of copyRuns(failed, { factors: [1], startMs: 1_800_000_030_000, gapMs: 60_000, idPrefix: 'b' })) store.insert(copy);
    for (const copy of copyRuns(other, { factors: [1, 1], startMs: 1_800_000_000_000, gapMs: 60_000, idPrefix: 'c' })) store.insert(copy);
  });
  afterAll(() => store.close());

  it('reads the newest N runs of the workflow only, newest first, with one graph per version', async () => {
    const answer = await localWorkflowRuns(store, { workflow: 'demo_base_workflow', service: undefined, limit: 50 });
    expect(answer.runs).toHaveLength(6);
    expect(answer.traces).toBe(6);
    expect(answer.skippedCount).toBe(0);
    expect(answer.runs.map((r) => r.startMs)).toEqual([...answer.runs.map((r) => r.startMs)].sort((a, b) => b - a));
    expect(Object.keys(answer.graphs)).toEqual([answer.runs[0]!.version]);
    const summary = summarizeRuns(answer.runs);
    expect(summary.failedRuns).toBe(1);
    // durations ×1, ×1.1, ×0.9, ×1.05, ×5 of one run plus the short failed run: only ×5 is past Q3 + 1.5 IQR
    expect(summary.outliers.size).toBe(1);
    const outlier = answer.runs.find((r) => summary.outliers.has(`${r.traceId}/${r.runSpanId}`));
    expect(outlier?.traceId).toBe(slowTraceId);

    const three = await localWorkflowRuns(store, { workflow: 'demo_base_workflow', service: undefined, limit: 3 });
    expect(three.runs.map((r) => r.traceId)).toEqual(answer.runs.slice(0, 3).map((r) => r.traceId));
  });

  it('a trace that cannot be read is skipped and counted, the others still summed', async () => {
    const ok = (await decodeOk(sample('junjo-g3-contract-v2'))).spans;
    const [copy] = copyRuns(ok, { factors: [1], startMs: 1_800_000_500_000, gapMs: 1, idPrefix: 'd' });
    store.insert(copy!);
    const victim = copy![0]!.traceId;
    store.database.prepare('UPDATE chunks SET json = ? WHERE trace_id = ?').run('{"name": ', victim);
    const answer = await localWorkflowRuns(store, { workflow: 'demo_base_workflow', service: undefined, limit: 50 });
    expect(answer.traces).toBe(7);
    expect(answer.runs).toHaveLength(6);
    expect(answer.skippedCount).toBe(1);
    expect(answer.skipped[0]?.traceId).toBe(victim);
    expect(answer.skipped[0]?.reason).toMatch(/JSON|parse|read/i);
  });

  it('a workflow with no runs gives an empty answer, not an error', async () => {
    const answer = await localWorkflowRuns(store, { workflow: 'no_such_workflow', service: undefined, limit: 50 });
    expect(answer).toMatchObject({ runs: [], traces: 0, skippedCount: 0 });
  });
});

describe('GET /api/sources/local/workflow-runs', () => {
  let viewer: Viewer;
  beforeAll(async () => {
    viewer = await startViewer({}, { JTV_DATA: ':memory:' });
  });
  afterAll(() => viewer.close());

  it('answers the digests of the stored runs, and refuses bad parameters with a message', async () => {
    const saved = await new Promise<number>((resolve, reject) => {
      const body = sample('junjo-g1-two-runs');
      const req = http.request(new URL('/api/sources/local/traces', viewer.url), { method: 'POST', agent: false, headers: { 'X-Requested-With': 'junjo-trace-viewer', 'Content-Length': String(body.length) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(saved).toBe(200);
    const ok = await get(viewer.url, '/api/sources/local/workflow-runs?workflow=demo_base_workflow&limit=10');
    expect(ok.status).toBe(200);
    const body = JSON.parse(ok.text) as WorkflowRunsResponse;
    expect(body).toMatchObject({ source: 'local', workflow: 'demo_base_workflow', limit: 10, traces: 1 });
    expect(body.runs).toHaveLength(2);

    const noWorkflow = await get(viewer.url, '/api/sources/local/workflow-runs');
    expect(noWorkflow.status).toBe(400);
    expect(noWorkflow.text).toContain('Name the workflow');
    const tooMany = await get(viewer.url, '/api/sources/local/workflow-runs?workflow=x&limit=1001');
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('from 1 to 1000');
  });
});
