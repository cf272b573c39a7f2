import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, rawGet, startFakeUpstream, startViewer, tempoBodies, type FakeUpstream, type RawResponse, type Viewer } from './test-support.ts';

const token = 'sekret-bearer-0c9d8e7f6a5b';
const apiKey = 'sekret-apikey-1a2b3c4d5e6f';
const id = tempoBodies('tempo/tempo-trace-queue-database.resourceSpans.json');

let upstream: FakeUpstream;
let evil: FakeUpstream;
let viewer: Viewer;
let closedPort: number;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  evil = await startFakeUpstream((_req, res) => res.writeHead(200).end('root:x:0:0'));
  const probe = http.createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', () => done()));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((done) => probe.close(() => done()));
  viewer = await startViewer(
    {
      server: { timeoutMs: 400, connectTimeoutMs: 400 },
      sources: [
        { name: 'tempo', kind: 'tempo', url: `${upstream.url}/tempo`, bearerTokenEnv: 'T_TOKEN', headersFromEnv: { 'X-Api-Key': 'T_KEY' } },
        { name: 'limited', kind: 'tempo', url: upstream.url, maxResponseBytes: 64 * 1024 },
        { name: 'down', kind: 'jaeger', url: `http://127.0.0.1:${closedPort}` },
      ],
    },
    { T_TOKEN: token, T_KEY: apiKey },
  );
});
afterAll(async () => {
  await viewer.close();
  await upstream.close();
  await evil.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
  evil.requests.length = 0;
  upstream.handler = (_req, res) => json(res, 200, id.v2);
});

const get = (path: string, headers?: Record<string, string>) => rawGet(viewer.url, path, headers ? { headers } : {});
const everything = (res: RawResponse) => `${JSON.stringify(res.headers)}\n${res.text}`;

describe('only configured upstreams, only the adapter paths', () => {
  const tricks = [
    '/api/sources/tempo/traces/..%2f..%2fetc%2fpasswd',
    '/api/sources/tempo/traces/%2e%2e',
    '/api/sources/tempo/traces/../../../etc/passwd',
    '/api/sources/tempo/traces/abc%2Fdef',
    '/api/sources/tempo/traces/abc%5cdef',
    '/api/sources/tempo/traces/abc\\def',
    '/api/sources/tempo/traces//evil.example',
    '/api/sources/tempo/traces/@evil.example',
    '/api/sources/tempo/traces/abc%00',
    '/api/sources/tempo/traces/abc/..',
    '/api/sources/tempo/traces/0x1',
    '/api/sources/tempo/traces/abc?url=http://evil.example/',
    '/api/sources/%2e%2e/traces/abc',
    '/api/sources/tempo%2f..%2fevil/traces/abc',
    '/api/sources/http:%2f%2fevil.example/traces/abc',
    '/api/sources/tempo/../evil/traces/abc',
    '/api//sources/tempo/traces/abc',
    '/api/sources/tempo/search/../../../../x',
    '/api/sources/tempo/services?start=1&end=2&host=evil.example&start=3',
  ];
  it.each(tricks)('refuses %s without calling any upstream', async (path) => {
    const res = await get(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json<{ error: { code: string } }>().error.code).toMatch(/bad-|unknown-/);
    expect(upstream.requests).toHaveLength(0);
    expect(evil.requests).toHaveLength(0);
  });

  it('refuses an absolute-form request target', async () => {
    const res = await get(`${evil.url}/api/sources/tempo/traces/abc`);
    expect(res.status).toBe(400);
    expect(upstream.requests.length + evil.requests.length).toBe(0);
  });

  it('does not follow a redirect to another host', async () => {
    upstream.handler = (_req, res) => res.writeHead(302, { Location: `${evil.url}/steal` }).end();
    const res = await get(`/api/sources/tempo/traces/${id.traceIdHex}`);
    expect(res.status).toBe(502);
    expect(res.json()).toMatchObject({ error: { code: 'upstream-redirect' } });
    expect(evil.requests).toHaveLength(0);
  });

  it('names an unknown source and lists the known ones', async () => {
    const res = await get('/api/sources/nope/traces/abc');
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'unknown-source', hint: expect.stringContaining('tempo, limited, down') } });
  });

  it('refuses API calls under a foreign Host name (DNS rebinding) and non-GET methods', async () => {
    const rebound = await get('/api/sources', { Host: 'evil.example:8080' });
    expect(rebound.status).toBe(403);
    expect(rebound.json()).toMatchObject({ error: { code: 'host-not-allowed' } });
    const post = await rawGet(viewer.url, `/api/sources/tempo/traces/${id.traceIdHex}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('credentials never reach the browser', () => {
  it('keeps every secret out of every response, even when the upstream echoes them', async () => {
    const responses: RawResponse[] = [];
    responses.push(await get('/api/sources'));
    upstream.handler = (_req, res) => json(res, 200, id.v2);
    responses.push(await get(`/api/sources/tempo/traces/${id.traceIdHex}`));
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(upstream.requests[0]?.headers['x-api-key']).toBe(apiKey);
    upstream.handler = (req, res) => res.writeHead(500).end(`bad request, headers were ${JSON.stringify(req.headers)}`);
    responses.push(await get(`/api/sources/tempo/traces/${id.traceIdHex}`));
    upstream.handler = (req, res) => res.writeHead(401).end(`token ${String(req.headers.authorization)} rejected`);
    responses.push(await get('/api/sources/tempo/search'));
    upstream.handler = (req, res) => json(res, 200, { trace: { resourceSpans: [{ echoed: req.headers }] } });
    responses.push(await get(`/api/sources/tempo/traces/${id.traceIdHex}`));
    upstream.handler = (req, res) => json(res, 200, { traces: [{ traceID: 'abc', rootTraceName: `key ${String(req.headers['x-api-key'])}` }] });
    responses.push(await get('/api/sources/tempo/search'));
    responses.push(await get('/api/sources/down/traces/abc'));

    for (const res of responses) {
      const text = everything(res);
      expect(text).not.toContain(token);
      expect(text).not.toContain(apiKey);
      expect(text).not.toContain(upstream.url);
      expect(text).not.toContain(String(closedPort));
    }
    expect(responses[0]?.json()).toEqual({ sources: [{ name: 'local', kind: 'local' }, { name: 'tempo', kind: 'tempo' }, { name: 'limited', kind: 'tempo' }, { name: 'down', kind: 'jaeger' }] });
    expect(responses[2]?.json()).toMatchObject({ error: { code: 'upstream-error', message: expect.stringContaining('[redacted]') } });
    expect(JSON.parse(responses[4]?.text ?? '')).toMatchObject({ body: { trace: expect.any(Object) } }); // still valid JSON
  });

  it('keeps every secret out of a large trace answer that arrives in many chunks (read on a body thread)', async () => {
    upstream.handler = (req, res) => {
      const echo = `token ${String(req.headers.authorization)} key ${String(req.headers['x-api-key'])}`;
      const text = JSON.stringify({ trace: { resourceSpans: [{ echoed: Array.from({ length: 4000 }, (_, i) => `${i} ${'x'.repeat(i % 97)} ${echo}`) }] } });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // Many small writes: the body arrives as many chunks, some of them cut inside a secret.
      for (let at = 0; at < text.length; at += 1013) res.write(text.slice(at, at + 1013));
      res.end();
    };
    const res = await get(`/api/sources/tempo/traces/${id.traceIdHex}`);
    expect(res.status).toBe(200);
    expect(res.text.length).toBeGreaterThan(300_000); // large enough for a body thread
    expect(res.text).not.toContain(token);
    expect(res.text).not.toContain(apiKey);
    const answer = res.json<{ body: { trace: { resourceSpans: { echoed: string[] }[] } } }>();
    expect(answer.body.trace.resourceSpans[0]?.echoed[3999]).toMatch(/token .*\[redacted\] key \[redacted\]$/);
  });
});

describe('huge, endless or slow upstreams', () => {
  it('refuses a response larger than the limit', async () => {
    upstream.handler = (_req, res) => json(res, 200, { trace: { resourceSpans: [{ pad: 'x'.repeat(200 * 1024) }] } });
    const res = await get(`/api/sources/limited/traces/${id.traceIdHex}`);
    expect(res.status).toBe(502);
    expect(res.json()).toMatchObject({ error: { code: 'response-too-large', hint: expect.stringContaining('maxResponseBytes') } });
  });

  it('aborts an endless stream once past the limit', async () => {
    let closed!: () => void;
    const upstreamClosed = new Promise<void>((done) => (closed = done));
    upstream.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"trace":{"resourceSpans":[');
      const timer = setInterval(() => res.write(`${JSON.stringify({ pad: 'y'.repeat(8192) })},`), 1);
      res.on('close', () => {
        clearInterval(timer);
        closed();
      });
    };
    const res = await get(`/api/sources/limited/traces/${id.traceIdHex}`);
    expect(res.json()).toMatchObject({ error: { code: 'response-too-large' } });
    await upstreamClosed;
  });

  it('applies the limit to the decompressed size (gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    upstream.handler = (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' }).end(bomb);
    const res = await get(`/api/sources/limited/traces/${id.traceIdHex}`);
    expect(res.json()).toMatchObject({ error: { code: 'response-too-large' } });
  });

  it('reports corrupt compressed data as malformed', async () => {
    upstream.handler = (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end('not gzip at all');
    const res = await get(`/api/sources/tempo/traces/${id.traceIdHex}`);
    expect(res.json()).toMatchObject({ error: { code: 'malformed-response' } });
  });

  it('times out an upstream that never answers, or trickles', async () => {
    upstream.handler = () => undefined;
    const silent = await get(`/api/sources/tempo/traces/${id.traceIdHex}`);
    expect(silent.status).toBe(504);
    expect(silent.json()).toMatchObject({ error: { code: 'timeout', message: expect.stringContaining('400 ms') } });

    upstream.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    };
    const trickle = await get(`/api/sources/tempo/traces/${id.traceIdHex}`);
    expect(trickle.status).toBe(504);
  });

  it('holds at most 4 upstream requests to one source at once (its bulkhead); up to 16 more wait and complete', async () => {
    let open = 0;
    let peak = 0;
    const waiting: (() => void)[] = [];
    upstream.handler = (_req, res) => {
      open++;
      peak = Math.max(peak, open);
      waiting.push(() => {
        open--;
        json(res, 200, id.v2);
      });
    };
    // Distinct ids: identical requests in flight would share one upstream request.
    const all = Array.from({ length: 20 }, (_, i) => get(`/api/sources/tempo/traces/${(i + 1).toString(16).padStart(32, 'a')}`));
    // Answer requests as they arrive until all 20 were served (each answer lets a waiting one through).
    let answered = 0;
    while (answered < 20) {
      await new Promise((done) => setTimeout(done, 5));
      for (const answer of waiting.splice(0)) {
        answer();
        answered++;
      }
    }
    const responses = await Promise.all(all);
    expect(responses.map((res) => res.status)).toEqual(Array(20).fill(200));
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBeGreaterThan(1);
  });

  it('reports an unreachable upstream', async () => {
    const res = await get('/api/sources/down/traces/abc');
    expect(res.status).toBe(502);
    expect(res.json()).toMatchObject({ error: { code: 'upstream-unreachable', message: expect.stringContaining('ECONNREFUSED') } });
  });
});
