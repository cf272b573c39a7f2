import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResponse, TraceResponse } from '../../core/backends/api-types.ts';
import { stringAttr } from '../../core/model/attributes.ts';
import { decodeInput } from '../../core/formats/decode-input.ts';
import { seedJunjoServer, startFakeJunjoServer, type JunjoFake } from '../junjo-fakes.ts';
import { loadConfig } from '../config.ts';
import { rawGet, startViewer, type Viewer } from '../test-support.ts';
import { ingestWait } from './junjo-common.ts';

const email = 'viewer@example.com';
const password = 'go-server-pass-3Hk8Vd';
const env = { JS_EMAIL: email, JS_PASSWORD: password, JS_WRONG: 'wrong-password-55' };
/** Covers the fixture's run (2026-11-20 10:00 UTC). */
const range = 'start=1795160000&end=1795170000';

let server: JunjoFake & { csrfChecks: () => number };
let viewer: Viewer;
let traceId: string;
let service: string;
const savedDelays = ingestWait.delaysMs;

beforeAll(async () => {
  ingestWait.delaysMs = [5];
  server = await startFakeJunjoServer({ email, password });
  ({ traceId, service } = seedJunjoServer(server));
  viewer = await startViewer(
    {
      sources: [
        { name: 'junjo', kind: 'junjo-server', url: server.url, signIn: { emailEnv: 'JS_EMAIL', passwordEnv: 'JS_PASSWORD' } },
        { name: 'junjo-wrong', kind: 'junjo-server', url: server.url, signIn: { emailEnv: 'JS_EMAIL', passwordEnv: 'JS_WRONG' } },
      ],
    },
    env,
  );
});
afterAll(async () => {
  ingestWait.delaysMs = savedDelays;
  await viewer.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const get = (path: string) => rawGet(viewer.url, path);
const cookieNames = (header: string | undefined) => (header ?? '').split(';').map((c) => c.split('=')[0]!.trim()).sort();

describe('Junjo Server', () => {
  it('signs in, fetches a CSRF token, and sends cookie + X-CSRF-Token on every read', async () => {
    const res = await get(`/api/sources/junjo/search?${range}`);
    expect(res.status).toBe(200);
    const body = res.json<SearchResponse>();
    expect(body).toMatchObject({ kind: 'junjo-server', endpoint: 'junjo-server-workflows' });
    expect(body.traces).toHaveLength(1);
    expect(body.traces[0]).toMatchObject({ traceId, workflowName: 'demo_base_workflow', rootName: null, rootService: service, status: 'unset' });
    expect(server.requests.slice(0, 2).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /sign-in', 'GET /csrf']);
    const reads = server.requests.filter((r) => r.path.startsWith('/otel/'));
    expect(reads.map((r) => r.path)).toEqual(['/otel/span-service-names', `/otel/spans/type/workflow/${service}`]);
    for (const read of reads) {
      expect(cookieNames(read.headers.cookie)).toEqual(['csrf', 'session']);
      expect(read.headers['x-csrf-token']).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    }
    expect(server.csrfChecks()).toBeGreaterThanOrEqual(2);
    for (const read of reads) expect(res.text).not.toContain(String(read.headers['x-csrf-token']));
    expect(res.text).not.toContain(password);
  });

  it('reads a trace from nested-spans; the rows decode with the legacy columns merged back', async () => {
    const res = await get(`/api/sources/junjo/traces/${traceId}`);
    expect(res.status).toBe(200);
    const body = res.json<TraceResponse>();
    expect(body).toMatchObject({ kind: 'junjo-server', endpoint: 'junjo-server-spans' });
    expect(body.studioEvidence).toBeUndefined();
    expect(server.requests.at(-1)?.path).toBe(`/otel/trace/${traceId}/nested-spans`);
    const decoded = await decodeInput(new TextEncoder().encode(JSON.stringify(body.body)));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const workflow = decoded.result.spans.find((s) => s.name === 'demo_base_workflow')!;
    expect(stringAttr(workflow.attributes, 'junjo.span_type')).toBe('workflow');
    expect(stringAttr(workflow.attributes, 'junjo.workflow.graph_structure')).toBeDefined();
  });

  it('an expired session: one 401, a new sign-in and CSRF token, then the answer', async () => {
    await get('/api/sources/junjo/services');
    const before = server.state.signIns;
    server.revokeAll();
    server.requests.length = 0;
    const res = await get('/api/sources/junjo/services');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ source: 'junjo', services: [service] });
    expect(server.state.signIns).toBe(before + 1);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /otel/span-service-names', 'POST /sign-in', 'GET /csrf', 'GET /otel/span-service-names']);
  });

  it('a trace that is not there: not found, saying it may still be ingesting', async () => {
    const res = await get('/api/sources/junjo/traces/12345678123456781234567812345678');
    expect(res.status).toBe(404);
    expect(res.json<{ error: { message: string; hint: string } }>().error.hint).toMatch(/Junjo Server may still be ingesting/);
  });

  it('a wrong password is named, the password is not', async () => {
    const res = await get('/api/sources/junjo-wrong/services');
    expect(res.status).toBe(401);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/"junjo-wrong" \(Junjo Server\) refused the sign-in: wrong email or password/);
    expect(res.text).not.toContain(env.JS_WRONG);
  });

  it('a URL without the /otel routes is not a Junjo Server: unsupported, pointing at junjo-studio', async () => {
    const saved = server.handler;
    server.handler = (req, res, path) => (path.startsWith('/otel/') ? res.writeHead(404).end('Not Found') : saved(req, res, path));
    try {
      const res = await get('/api/sources/junjo/services');
      expect(res.json<{ error: { code: string; hint: string } }>().error).toMatchObject({ code: 'unsupported', hint: expect.stringMatching(/junjo-studio/) });
    } finally {
      server.handler = saved;
    }
  });

  it('the config needs a user for a Junjo Server, and refuses signIn on other kinds', () => {
    const noUser = loadConfig([], { JTV_SOURCES: JSON.stringify([{ name: 'j', kind: 'junjo-server', url: 'http://localhost:1323' }]) }, '/nonexistent');
    expect(noUser.ok ? '' : noUser.message).toMatch(/needs "signIn"/);
    const tempo = loadConfig([], { E: 'a', P: 'b', JTV_SOURCES: JSON.stringify([{ name: 't', kind: 'tempo', url: 'http://localhost:3200', signIn: { emailEnv: 'E', passwordEnv: 'P' } }]) }, '/nonexistent');
    expect(tempo.ok ? '' : tempo.message).toMatch(/only for "junjo-studio" and "junjo-server"/);
    const unset = loadConfig([], { JTV_SOURCES: JSON.stringify([{ name: 's', kind: 'junjo-studio', url: 'http://localhost:26154', signIn: { emailEnv: 'NOPE', passwordEnv: 'NOPE2' } }]) }, '/nonexistent');
    expect(unset.ok ? '' : unset.message).toMatch(/environment variable NOPE is not set/);
    const prefixed = loadConfig([], { JTV_SOURCE_STUDIO_URL: 'http://localhost:26154', JTV_SOURCE_STUDIO_KIND: 'junjo-studio', JTV_SOURCE_STUDIO_EMAIL: 'a@b.c', JTV_SOURCE_STUDIO_PASSWORD: 'pw-123456' }, '/nonexistent');
    expect(prefixed.ok && prefixed.value.sources[0]).toMatchObject({ name: 'studio', kind: 'junjo-studio', signIn: { email: 'a@b.c' }, secrets: ['pw-123456'] });
  });
});
