import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureText, json, rawGet, startFakeUpstream, startViewer, tempoBodies, type FakeUpstream, type Viewer } from '../test-support.ts';

const token = 'tempo-token-6f1e2d3c4b5a';
const queue = tempoBodies('tempo/tempo-trace-queue-database.resourceSpans.json');
const vulture = tempoBodies('tempo/tempo-vulture-trace-with-events.resourceSpans.json');
const searchFixture = fixtureText('tempo/tempo-docs-search-response.json');

let upstream: FakeUpstream;
let viewer: Viewer;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  viewer = await startViewer(
    {
      sources: [
        { name: 'tempo', kind: 'tempo', url: `${upstream.url}/tempo/`, bearerTokenEnv: 'TEST_TEMPO_TOKEN', tenant: 'team-a' },
        { name: 'tempo-no-tenant', kind: 'tempo', url: `${upstream.url}/tempo` },
      ],
    },
    { TEST_TEMPO_TOKEN: token },
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

describe('Tempo trace by id', () => {
  it('reads API v2 with the credentials and tenant from the config, and passes the body on', async () => {
    upstream.handler = (_req, res, path) => (path.endsWith(`/api/v2/traces/${queue.traceIdHex}`) ? json(res, 200, queue.v2) : json(res, 404, ''));
    const res = await get(`/api/sources/tempo/traces/${queue.traceIdHex.toUpperCase()}`);
    expect(res.status).toBe(200);
    const body = res.json<{ endpoint: string; traceId: string; partial: unknown; body: unknown; source: string }>();
    expect(body).toMatchObject({ source: 'tempo', endpoint: 'tempo-v2', traceId: queue.traceIdHex, partial: null });
    expect(body.body).toEqual(JSON.parse(queue.v2));
    const [request] = upstream.requests;
    expect(request?.path).toBe(`/tempo/api/v2/traces/${queue.traceIdHex}`);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    expect(request?.headers['x-scope-orgid']).toBe('team-a');
    expect(res.text).not.toContain(token);
  });

  it('pads a 16-digit id to 32 and passes start/end in seconds', async () => {
    upstream.handler = (_req, res) => json(res, 200, vulture.v2);
    const res = await get('/api/sources/tempo/traces/47b48efe8ecc1b0?start=1700000000&end=1700003600');
    expect(res.status).toBe(200);
    expect(upstream.requests[0]?.path).toBe('/tempo/api/v2/traces/0000000000000000047b48efe8ecc1b0');
    expect(upstream.requests[0]?.query.get('start')).toBe('1700000000');
    expect(upstream.requests[0]?.query.get('end')).toBe('1700003600');
  });

  it('falls back to API v1 on a 404 from v2 (older Tempo)', async () => {
    upstream.handler = (_req, res, path) => (path.includes('/api/v2/') ? res.writeHead(404).end('404 page not found\n') : json(res, 200, queue.v1));
    const res = await get(`/api/sources/tempo/traces/${queue.traceIdHex}`);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ endpoint: 'tempo-v1', body: { batches: expect.any(Array) } });
    expect(upstream.requests.map((r) => r.path)).toEqual([`/tempo/api/v2/traces/${queue.traceIdHex}`, `/tempo/api/traces/${queue.traceIdHex}`]);
    expect(upstream.requests[1]?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('reads gzip and brotli encoded answers', async () => {
    for (const [encoding, compress] of [['gzip', gzipSync], ['br', brotliCompressSync]] as const) {
      upstream.handler = (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding });
        res.end(compress(Buffer.from(queue.v2)));
      };
      const res = await get(`/api/sources/tempo/traces/${queue.traceIdHex}`);
      expect(res.status).toBe(200);
      expect(res.json<{ body: unknown }>().body).toEqual(JSON.parse(queue.v2));
    }
    expect(upstream.requests[0]?.headers['accept-encoding']).toContain('gzip');
  });

  it('treats the empty v2 trace as not found, naming the source and range', async () => {
    upstream.handler = (_req, res) => json(res, 200, { trace: {}, metrics: {} });
    const res = await get(`/api/sources/tempo/traces/${queue.traceIdHex}?start=1700000000&end=1700003600`);
    expect(res.status).toBe(404);
    const { error } = res.json<{ error: { code: string; message: string; hint: string } }>();
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('"tempo"');
    expect(error.message).toContain('2023-11-14T22:13:20Z');
    expect(error.hint).not.toBe('');
    expect(upstream.requests).toHaveLength(1); // no v1 call
  });

  it('says not found after v2 and v1 both answer 404', async () => {
    upstream.handler = (_req, res) => res.writeHead(404).end();
    const res = await get(`/api/sources/tempo/traces/${queue.traceIdHex}`);
    expect(res.status).toBe(404);
    const { message } = res.json<{ error: { message: string } }>().error;
    expect(message).toContain('v2 and v1');
    expect(message).toContain('Time range: none given, so Tempo searched its ingesters and all blocks');
  });

  it('passes a PARTIAL status and its message on', async () => {
    const partial = JSON.stringify({ trace: JSON.parse(queue.v2).trace, status: 'PARTIAL', message: 'Trace exceeds maximum size of 5000000 bytes, a partial trace is returned' });
    upstream.handler = (_req, res) => json(res, 200, partial);
    const res = await get(`/api/sources/tempo/traces/${queue.traceIdHex}`);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ partial: { message: expect.stringContaining('partial trace') }, endpoint: 'tempo-v2' });
  });

  it('explains a missing tenant (401 "no org id") and other refusals', async () => {
    upstream.handler = (req, res) => (req.headers['x-scope-orgid'] ? json(res, 200, queue.v2) : res.writeHead(401).end('no org id\n'));
    const missing = await get(`/api/sources/tempo-no-tenant/traces/${queue.traceIdHex}`);
    expect(missing.status).toBe(401);
    expect(missing.json()).toMatchObject({ error: { code: 'tenant-missing', hint: expect.stringContaining('tenant') } });
    expect((await get(`/api/sources/tempo/traces/${queue.traceIdHex}`)).status).toBe(200);

    for (const status of [401, 403]) {
      upstream.handler = (_req, res) => res.writeHead(status).end('unauthorized');
      const res = await get(`/api/sources/tempo/traces/${queue.traceIdHex}`);
      expect(res.status).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'unauthorized', message: `Source "tempo" refused access: unauthorized (HTTP ${status}).` } });
    }
  });

  it('reports malformed bodies and upstream errors', async () => {
    upstream.handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>');
    const html = await get(`/api/sources/tempo/traces/${queue.traceIdHex}`);
    expect(html.status).toBe(502);
    expect(html.json()).toMatchObject({ error: { code: 'malformed-response' } });

    upstream.handler = (_req, res) => json(res, 200, queue.v2.slice(0, 500));
    expect((await get(`/api/sources/tempo/traces/${queue.traceIdHex}`)).json()).toMatchObject({ error: { code: 'malformed-response' } });

    upstream.handler = (_req, res) => res.writeHead(500).end('internal error: querier down');
    const failed = await get(`/api/sources/tempo/traces/${queue.traceIdHex}`);
    expect(failed.status).toBe(502);
    expect(failed.json()).toMatchObject({ error: { code: 'upstream-error', message: expect.stringContaining('querier down') } });
  });
});

describe('Tempo search', () => {
  it('searches Junjo workflow runs with start/end and reads the search response', async () => {
    upstream.handler = (_req, res) => json(res, 200, searchFixture);
    const res = await get('/api/sources/tempo/search?start=1694718000&end=1694719000&limit=5');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      source: 'tempo',
      kind: 'tempo',
      endpoint: 'tempo-search',
      start: 1694718000,
      end: 1694719000,
      traces: [
        { traceId: '5b8efff798038103d269b633813fc700', rootName: 'I am a span!', rootService: 'my.service', startNs: '1694718625557000000', durationMs: 10000, spanCount: null, errorCount: null, workflowName: null, workflowSpans: 1 },
      ],
    });
    const [request] = upstream.requests;
    expect(request?.path).toBe('/tempo/api/search');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ q: '{ span.junjo.span_type = "workflow" }', start: '1694718000', end: '1694719000', limit: '5' });
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('filters by service and always sends a time range', async () => {
    upstream.handler = (_req, res) => json(res, 200, { traces: [], metrics: {} });
    const res = await get('/api/sources/tempo/search?service=checkout%20api');
    expect(res.status).toBe(200);
    const query = upstream.requests[0]?.query;
    expect(query?.get('q')).toBe('{ span.junjo.span_type = "workflow" && resource.service.name = "checkout api" }');
    expect(Number(query?.get('end')) - Number(query?.get('start'))).toBe(3600);
    expect(query?.get('limit')).toBe('20');
  });

  it('refuses bad parameters before calling Tempo', async () => {
    for (const query of ['?limit=0', '?limit=1000', '?start=10', '?start=20&end=10', '?start=abc&end=def', '?bogus=1', '?service=a&service=b']) {
      const res = await get(`/api/sources/tempo/search${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'bad-request' } });
    }
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('Tempo services', () => {
  it('lists service names from the v2 tag values API, falling back to v1', async () => {
    upstream.handler = (_req, res) => json(res, 200, { tagValues: [{ type: 'string', value: 'b' }, { type: 'string', value: 'a' }] });
    expect((await get('/api/sources/tempo/services')).json()).toEqual({ source: 'tempo', services: ['a', 'b'] });
    expect(upstream.requests[0]?.path).toBe('/tempo/api/v2/search/tag/resource.service.name/values');

    upstream.requests.length = 0;
    upstream.handler = (_req, res, path) => (path.includes('/v2/') ? res.writeHead(404).end() : json(res, 200, { tagValues: ['z', 'y'] }));
    expect((await get('/api/sources/tempo/services')).json()).toEqual({ source: 'tempo', services: ['y', 'z'] });
    expect(upstream.requests[1]?.path).toBe('/tempo/api/search/tag/service.name/values');
  });
});
