import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSaveResponse, SearchResponse, TraceResponse } from '../core/backends/api-types.ts';
import { decodeOk } from '../core/formats/test-fixtures.ts';
import { storeFileName } from './store/open-database.ts';
import { startViewer, type Viewer } from './test-support.ts';

const fixture = (path: string) => readFileSync(join('fixtures', path));
const junjoFile = 'junjo/workflow/subflow_with_parent_store.json';
const mutate = { 'X-Requested-With': 'junjo-trace-viewer' };

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

function request(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T,>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

let viewer: Viewer;
const call = (method: string, path: string, headers?: Record<string, string>, body?: Buffer) => request(viewer.url, method, path, headers, body);

beforeAll(async () => {
  viewer = await startViewer({}, { JTV_DATA: ':memory:' });
});
afterAll(async () => {
  await viewer.close();
});

describe('the local source API', () => {
  it('is listed first among the sources', async () => {
    const res = await call('GET', '/api/sources');
    expect(res.json()).toEqual({ sources: [{ name: 'local', kind: 'local' }] });
  });

  it('answers a lookup that expects misses (X-Trace-Lookup: 1) with 200 and notFound, not a 404', async () => {
    const missing = '/api/sources/local/traces/0123456789abcdef0123456789abcdef';
    const plain = await call('GET', missing);
    expect(plain.status).toBe(404);
    expect(plain.json()).toMatchObject({ error: { code: 'not-found' } });
    const lookup = await call('GET', missing, { 'X-Trace-Lookup': '1' });
    expect(lookup.status).toBe(200);
    expect(lookup.json()).toMatchObject({ notFound: { code: 'not-found', message: expect.any(String) } });
    // Other failures stay failures.
    expect((await call('GET', '/api/sources/local/traces/not-hex', { 'X-Trace-Lookup': '1' })).status).toBe(400);
  });

  it('saves a file, gives the trace back as OTLP JSON, lists and deletes it', async () => {
    const saved = await call('POST', '/api/sources/local/traces', mutate, fixture(junjoFile));
    expect(saved.status).toBe(200);
    const { traceIds, spanCount } = saved.json<LocalSaveResponse>();
    const original = await decodeOk(fixture(junjoFile));
    expect(spanCount).toBe(original.spans.length);
    expect(traceIds).toEqual([...new Set(original.spans.map((s) => s.traceId))]);

    const res = await call('GET', `/api/sources/local/traces/${traceIds[0]}`);
    expect(res.status).toBe(200);
    const trace = res.json<TraceResponse>();
    expect(trace).toMatchObject({ source: 'local', kind: 'local', endpoint: 'local', traceId: traceIds[0], inProgress: false, partial: null });
    const back = await decodeOk(JSON.stringify(trace.body));
    expect(back.spans.map((s) => `${s.spanId} ${s.startNs} ${s.endNs} ${s.scope.name}`).sort()).toEqual(
      original.spans.filter((s) => s.traceId === traceIds[0]).map((s) => `${s.spanId} ${s.startNs} ${s.endNs} ${s.scope.name}`).sort(),
    );

    const search = (await call('GET', '/api/sources/local/search?limit=10')).json<SearchResponse>();
    expect(search).toMatchObject({ source: 'local', kind: 'local', endpoint: 'local' });
    const run = search.traces.find((t) => t.traceId === traceIds[0]);
    expect(run).toMatchObject({ status: 'ok', inProgress: false, errorCount: 0, spanCount: original.spans.length });
    expect(run?.workflowName).toBeTruthy();
    expect(run?.startNs).toMatch(/^\d{19}$/);
    expect(run!.durationMs).toBeGreaterThan(0);
    const services = (await call('GET', '/api/sources/local/services')).json<{ services: string[] }>();
    expect(services.services).toContain(run!.rootService);
    const filtered = (await call('GET', `/api/sources/local/search?workflow=${encodeURIComponent(run!.workflowName!)}&status=ok`)).json<SearchResponse>();
    expect(filtered.traces.map((t) => t.traceId)).toContain(traceIds[0]);
    expect((await call('GET', '/api/sources/local/search?status=error')).json<SearchResponse>().traces).toEqual([]);

    expect((await call('DELETE', `/api/sources/local/traces/${traceIds[0]}`, mutate)).json()).toEqual({ deleted: 1 });
    const again = await call('DELETE', `/api/sources/local/traces/${traceIds[0]}`, mutate);
    expect(again.status).toBe(404);
    expect((await call('GET', `/api/sources/local/traces/${traceIds[0]}`)).json()).toMatchObject({ error: { code: 'not-found' } });
  });

  it('reads gzip and other formats; says what is wrong with a file it cannot read', async () => {
    const gz = await call('POST', '/api/sources/local/traces', mutate, gzipSync(fixture('jaeger/v1-trace-57spans-10services.json')));
    expect(gz.status).toBe(200);
    expect(gz.json<LocalSaveResponse>().spanCount).toBe(57);
    const bad = await call('POST', '/api/sources/local/traces', mutate, Buffer.from('{"hello": "world"}'));
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/hello/);
    const cut = await call('POST', '/api/sources/local/traces', mutate, gzipSync(fixture(junjoFile)).subarray(0, 200));
    expect(cut.status).toBe(400);
    expect(cut.json<{ error: { message: string; hint: string } }>().error.message.length).toBeGreaterThan(10);
  });

  it('refuses a body over the limit with 413', async () => {
    const url = new URL(viewer.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: '/api/sources/local/traces', method: 'POST', headers: { ...mutate, 'Content-Length': String(200 * 1024 * 1024) }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(Buffer.alloc(1024, 32));
    });
    expect(status).toBe(413);
    expect((await call('GET', '/api/sources/local/search')).status).toBe(200);
  });

  it('deletes everything on DELETE ?all=true', async () => {
    await call('POST', '/api/sources/local/traces', mutate, fixture('junjo/workflow/basic_workflow_success.json'));
    const before = (await call('GET', '/api/sources/local/search?limit=100')).json<SearchResponse>().traces.length;
    expect(before).toBeGreaterThan(0);
    expect((await call('DELETE', '/api/sources/local/traces', mutate)).status).toBe(400);
    expect((await call('DELETE', '/api/sources/local/traces?all=true', mutate)).json()).toEqual({ deleted: before });
    expect((await call('GET', '/api/sources/local/search')).json<SearchResponse>().traces).toEqual([]);
  });

  it('refuses forged changes: no header, cross-site, a foreign origin', async () => {
    const body = fixture(junjoFile);
    const noHeader = await call('POST', '/api/sources/local/traces', {}, body);
    expect(noHeader.status).toBe(403);
    expect(noHeader.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await call('POST', '/api/sources/local/traces', { ...mutate, 'Sec-Fetch-Site': 'cross-site' }, body)).status).toBe(403);
    expect((await call('DELETE', '/api/sources/local/traces?all=true', { ...mutate, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('DELETE', '/api/sources/local/traces?all=true', { ...mutate, Host: 'evil.example' })).status).toBe(403);
    const host = new URL(viewer.url).host;
    expect((await call('DELETE', '/api/sources/local/traces?all=true', { ...mutate, Origin: `http://${host}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await call('PUT', '/api/sources/local/traces', mutate)).status).toBe(405);
    expect((await call('POST', '/api/sources/local/search', mutate)).status).toBe(405);
  });

  it('checks search parameters', async () => {
    expect((await call('GET', '/api/sources/local/search?status=done')).status).toBe(400);
    expect((await call('GET', '/api/sources/local/search?limit=0')).status).toBe(400);
    expect((await call('GET', '/api/sources/local/search?limit=10001')).status).toBe(400);
    expect((await call('GET', '/api/sources/local/search?limit=10000')).status).toBe(200);
    expect((await call('GET', '/api/sources/local/search?bogus=1')).status).toBe(400);
    expect((await call('GET', '/api/sources/local/search?start=10&end=5')).status).toBe(400);
    expect((await call('GET', '/api/sources/local/traces/not-hex')).status).toBe(400);
    expect((await call('GET', '/api/sources/local/nothing')).status).toBe(404);
  });

  it('streams events: a trace gaining spans, a deletion', async () => {
    const url = new URL(viewer.url);
    const received: string[] = [];
    let res: http.IncomingMessage | undefined;
    const req = http.request({ host: url.hostname, port: url.port, path: '/api/sources/local/events', agent: false });
    const opened = new Promise<void>((resolve) => {
      req.on('response', (r) => {
        res = r;
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => received.push(chunk));
        resolve();
      });
    });
    req.end();
    await opened;
    expect(res?.headers['content-type']).toMatch(/text\/event-stream/);
    const saved = (await call('POST', '/api/sources/local/traces', mutate, fixture(junjoFile))).json<LocalSaveResponse>();
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 100 && !pattern.test(received.join('')); i++) await new Promise((r) => setTimeout(r, 50));
      return received.join('');
    };
    const traceId = saved.traceIds[0]!;
    const text = await waitFor(new RegExp(`event: trace\\ndata: \\{"traceId":"${traceId}"`));
    const data = /event: trace\ndata: (.*)\n/.exec(text)?.[1];
    expect(JSON.parse(data ?? '{}')).toEqual({ traceId, spanCount: saved.spanCount, inProgress: false });
    await call('DELETE', `/api/sources/local/traces/${traceId}`, mutate);
    expect(await waitFor(/event: deleted/)).toContain(`event: deleted\ndata: {"traceId":"${traceId}"}`);
    await call('DELETE', '/api/sources/local/traces?all=true', mutate);
    expect(await waitFor(/"all":true/)).toContain('event: deleted\ndata: {"all":true}');
    req.destroy();
  });
});

describe('a store that cannot be opened', () => {
  it('is reported by the local API while the rest keeps working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jtv-broken-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', storeFileName), 'not a database at all, just text '.repeat(200));
    const broken = await startViewer({}, { JTV_DATA: join(dir, 'data') });
    try {
      const res = await request(broken.url, 'GET', '/api/sources/local/search');
      expect(res.status).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'store-unavailable', message: expect.stringContaining('not a readable SQLite database') } });
      expect((await request(broken.url, 'GET', '/api/sources')).status).toBe(200);
    } finally {
      await broken.close();
    }
  });
});
