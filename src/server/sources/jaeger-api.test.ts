import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText, json, rawGet, startFakeUpstream, startViewer, type FakeUpstream, type Viewer } from '../test-support.ts';

const user = 'viewer-bot';
const password = 'jaeger-pass-9a8b7c6d';
const v3Trace = fixtureText('jaeger/v3-gettrace-response.json');
const rich = fixtureJson('jaeger/otlp-tracesdata-rich.json') as { resourceSpans: unknown[] };
const big = fixtureJson('jaeger/v1-trace-57spans-10services.json') as { traceID: string };
const envelope = { data: [big], total: 0, limit: 0, offset: 0, errors: [{ code: 500, msg: 'one storage shard timed out' }] };
const traceId = '4a1b2c3d4e5f60718293a4b5c6d7e8f9';
const plain404 = (res: import('node:http').ServerResponse) => res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
const v3NotFound = { error: { httpCode: 404, message: 'No traces found' } };
/** Jaeger's UI answers any unknown path with its index.html and status 200. */
const uiPage = (res: import('node:http').ServerResponse) =>
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><head><title>Jaeger UI</title></head><body><div id="jaeger-ui-root"></div></body></html>');

let upstream: FakeUpstream;
let viewer: Viewer;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  viewer = await startViewer(
    { sources: [{ name: 'jaeger', kind: 'jaeger', url: `${upstream.url}/jaeger`, basicAuth: { usernameEnv: 'TEST_J_USER', passwordEnv: 'TEST_J_PASS' } }] },
    { TEST_J_USER: user, TEST_J_PASS: password },
  );
});
afterAll(async () => {
  await viewer.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
});

const get = (path: string) => rawGet(viewer.url, path);
const basic = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Jaeger trace by id', () => {
  it('reads API v3 with basic auth', async () => {
    upstream.handler = (_req, res) => json(res, 200, v3Trace);
    const res = await get('/api/sources/jaeger/traces/1');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ endpoint: 'jaeger-v3', traceId: '00000000000000000000000000000001', warnings: [], body: JSON.parse(v3Trace) });
    expect(upstream.requests[0]?.path).toBe('/jaeger/api/v3/traces/00000000000000000000000000000001');
    expect(upstream.requests[0]?.headers.authorization).toBe(basic);
  });

  it('sends the optional range as RFC 3339', async () => {
    upstream.handler = (_req, res) => json(res, 200, v3Trace);
    await get(`/api/sources/jaeger/traces/${traceId}?start=1700000000&end=1700003600`);
    expect(Object.fromEntries(upstream.requests[0]?.query ?? [])).toEqual({ start_time: '2023-11-14T22:13:20Z', end_time: '2023-11-14T23:13:20Z' });
  });

  it('treats the v3 JSON 404 as not found, without falling back', async () => {
    upstream.handler = (_req, res) => json(res, 404, v3NotFound);
    const res = await get(`/api/sources/jaeger/traces/${traceId}`);
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not-found', message: expect.stringContaining('"jaeger"') } });
    expect(res.json<{ error: { message: string } }>().error.message).toContain('Time range: none given, so Jaeger searched all of its storage');
    expect(upstream.requests).toHaveLength(1);
  });

  it('falls back to the internal API when v3 is missing, passing envelope errors as warnings', async () => {
    upstream.handler = (_req, res, path) => (path.includes('/v3/') ? plain404(res) : json(res, 200, envelope));
    const res = await get(`/api/sources/jaeger/traces/${traceId}?start=1700000000&end=1700003600`);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ endpoint: 'jaeger-internal', warnings: ['one storage shard timed out'], body: { data: [{ traceID: traceId }] } });
    expect(upstream.requests[1]?.path).toBe(`/jaeger/api/traces/${traceId}`);
    expect(Object.fromEntries(upstream.requests[1]?.query ?? [])).toEqual({ start: '1700000000000000', end: '1700003600000000' });
    expect(upstream.requests[1]?.headers.authorization).toBe(basic);
  });

  it('falls back to the internal API when v3 paths answer with the UI page (200, text/html)', async () => {
    upstream.handler = (_req, res, path) => (path.includes('/v3/') ? uiPage(res) : json(res, 200, envelope));
    const res = await get(`/api/sources/jaeger/traces/${traceId}`);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ endpoint: 'jaeger-internal', body: { data: [{ traceID: traceId }] } });
    expect(upstream.requests.map((r) => r.path)).toEqual([`/jaeger/api/v3/traces/${traceId}`, `/jaeger/api/traces/${traceId}`]);
  });

  it('says not found when the internal API answers 404 too', async () => {
    upstream.handler = (_req, res, path) => (path.includes('/v3/') ? plain404(res) : json(res, 404, { data: null, errors: [{ code: 404, msg: 'trace not found' }] }));
    const res = await get(`/api/sources/jaeger/traces/${traceId}?start=1700000000&end=1700003600`);
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not-found', message: expect.stringContaining('Time range: 2023-11-14T22:13:20Z – 2023-11-14T23:13:20Z (UTC)') } });
  });
});

describe('Jaeger search', () => {
  it('searches API v3 with the required parameters and summarizes each trace', async () => {
    const merged = { result: { resourceSpans: [...rich.resourceSpans, ...(fixtureJson('tempo/tempo-trace-queue-database.resourceSpans.json') as typeof rich).resourceSpans] } };
    upstream.handler = (_req, res) => json(res, 200, merged);
    const res = await get('/api/sources/jaeger/search?service=frontend&start=1700000000&end=1700003600&limit=10');
    expect(res.status).toBe(200);
    const body = res.json<{ endpoint: string; traces: { traceId: string; spanCount: number; rootService: string }[] }>();
    expect(body.endpoint).toBe('jaeger-v3');
    expect(body.traces.map((t) => t.traceId).sort()).toEqual(['00000000000000010000000000000000', '00000000000000020000000000000000', '4290b5877a9930de79bb428365398ecc']);
    expect(body.traces.find((t) => t.traceId.startsWith('4290'))).toMatchObject({ spanCount: 19, rootService: 'mythical-requester' });
    expect(upstream.requests[0]?.path).toBe('/jaeger/api/v3/traces');
    expect(Object.fromEntries(upstream.requests[0]?.query ?? [])).toEqual({
      'query.service_name': 'frontend',
      'query.start_time_min': '2023-11-14T22:13:20Z',
      'query.start_time_max': '2023-11-14T23:13:20Z',
      'query.num_traces': '10',
    });
  });

  it('reads the v3 JSON 404 as an empty result', async () => {
    upstream.handler = (_req, res) => json(res, 404, v3NotFound);
    const res = await get('/api/sources/jaeger/search?service=frontend');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ endpoint: 'jaeger-v3', traces: [] });
  });

  it('falls back to /api/traces?service= with microseconds when v3 is missing', async () => {
    upstream.handler = (_req, res, path) => (path.includes('/v3/') ? plain404(res) : json(res, 200, envelope));
    const res = await get('/api/sources/jaeger/search?service=frontend&start=1700000000&end=1700003600');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ endpoint: 'jaeger-internal', traces: [{ traceId, spanCount: 57 }] });
    expect(upstream.requests[1]?.path).toBe('/jaeger/api/traces');
    expect(Object.fromEntries(upstream.requests[1]?.query ?? [])).toEqual({ service: 'frontend', start: '1700000000000000', end: '1700003600000000', limit: '20' });
  });

  it('falls back to the internal search and services when v3 answers with the UI page', async () => {
    upstream.handler = (_req, res, path) => (path.includes('/v3/') ? uiPage(res) : path.endsWith('/services') ? json(res, 200, { data: ['db'], total: 1 }) : json(res, 200, envelope));
    const search = await get('/api/sources/jaeger/search?service=frontend&start=1700000000&end=1700003600');
    expect(search.status).toBe(200);
    expect(search.json()).toMatchObject({ endpoint: 'jaeger-internal', traces: [{ traceId, spanCount: 57 }] });
    expect((await get('/api/sources/jaeger/services')).json()).toEqual({ source: 'jaeger', services: ['db'] });
  });

  it('needs a service', async () => {
    const res = await get('/api/sources/jaeger/search');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'bad-request', hint: expect.stringContaining('services') } });
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('Jaeger services', () => {
  it('lists services from v3, falling back to /api/services', async () => {
    upstream.handler = (_req, res) => json(res, 200, { services: ['web', 'api'] });
    expect((await get('/api/sources/jaeger/services')).json()).toEqual({ source: 'jaeger', services: ['api', 'web'] });
    upstream.handler = (_req, res, path) => (path.includes('/v3/') ? plain404(res) : json(res, 200, { data: ['db'], total: 1 }));
    expect((await get('/api/sources/jaeger/services')).json()).toEqual({ source: 'jaeger', services: ['db'] });
    expect(upstream.requests.map((r) => r.path)).toEqual(['/jaeger/api/v3/services', '/jaeger/api/v3/services', '/jaeger/api/services']);
  });
});
