import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResponse, TraceResponse } from '../../core/backends/api-types.ts';
import { decodeInput } from '../../core/formats/decode-input.ts';
import { seedStudio, startFakeStudio, type JunjoFake } from '../junjo-fakes.ts';
import { fixtureJson, json, rawGet, startFakeUpstream, startViewer, type FakeUpstream, type Viewer } from '../test-support.ts';
import { ingestWait } from './junjo-common.ts';

const email = 'viewer@example.com';
const password = 'studio-pass-9Zq4LmW2';
const env = { STUDIO_EMAIL: email, STUDIO_PASSWORD: password, STUDIO_WRONG_PASSWORD: 'not-the-password-71' };
/** Covers the fixture's run (2026-04-05 12:00 UTC). */
const range = 'start=1775300000&end=1775400000';

let studio: JunjoFake; // 0.82.1: login required, trace evidence
let older: JunjoFake; // 0.81.0: no login, no evidence route
let ancient: FakeUpstream; // /health says 0.44.0
let plain: FakeUpstream; // no /health at all
let viewer: Viewer;
let traceId: string;
let service: string;
const savedDelays = ingestWait.delaysMs;

beforeAll(async () => {
  ingestWait.delaysMs = [5, 5];
  studio = await startFakeStudio({ email, password });
  ({ traceId, service } = seedStudio(studio));
  older = await startFakeStudio({ email, password, version: '0.81.0' });
  seedStudio(older);
  ancient = await startFakeUpstream((_req, res) => json(res, 200, { status: 'ok', version: '0.44.0', app_name: 'Junjo AI Studio' }));
  plain = await startFakeUpstream();
  const signIn = { emailEnv: 'STUDIO_EMAIL', passwordEnv: 'STUDIO_PASSWORD' };
  viewer = await startViewer(
    {
      sources: [
        { name: 'studio', kind: 'junjo-studio', url: studio.url, signIn, uiUrl: 'http://studio.example:26153/' },
        { name: 'studio-wrong', kind: 'junjo-studio', url: studio.url, signIn: { emailEnv: 'STUDIO_EMAIL', passwordEnv: 'STUDIO_WRONG_PASSWORD' } },
        { name: 'studio-no-user', kind: 'junjo-studio', url: studio.url },
        { name: 'studio-081', kind: 'junjo-studio', url: older.url },
        { name: 'studio-ancient', kind: 'junjo-studio', url: ancient.url, signIn },
        { name: 'not-studio', kind: 'junjo-studio', url: plain.url, signIn },
        { name: 'studio-down', kind: 'junjo-studio', url: 'http://127.0.0.1:9', signIn },
      ],
    },
    env,
  );
});
afterAll(async () => {
  ingestWait.delaysMs = savedDelays;
  await viewer.close();
  await Promise.all([studio.close(), older.close(), ancient.close(), plain.close()]);
});
beforeEach(() => {
  studio.requests.length = 0;
  older.requests.length = 0;
  studio.state.refuseSessions = false;
});

const get = (path: string) => rawGet(viewer.url, path);
const noSecrets = (text: string) => {
  expect(text).not.toContain(password);
  for (const session of studio.state.sessions) expect(text).not.toContain(session);
  expect(text.toLowerCase()).not.toContain('set-cookie');
};

describe('Junjo AI Studio: recent runs', () => {
  it('signs in on the server, lists services then each one’s workflows (limit 250), and summarizes runs', async () => {
    const res = await get(`/api/sources/studio/search?${range}`);
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    noSecrets(res.text);
    const body = res.json<SearchResponse>();
    expect(body).toMatchObject({ source: 'studio', kind: 'junjo-studio', endpoint: 'junjo-studio-workflows' });
    expect(body.notice).toBeUndefined();
    expect(body.traces).toEqual([
      {
        traceId, rootName: 'basic_workflow', rootService: service, startNs: '1775390400000000000', durationMs: 300,
        spanCount: null, workflowName: 'basic_workflow', workflowSpans: 1, status: 'unset',
      },
    ]);
    const paths = studio.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('POST /sign-in');
    expect(paths).toContain('GET /api/v1/observability/services');
    const workflows = studio.requests.find((r) => r.path.endsWith('/workflows'));
    expect(workflows?.path).toBe(`/api/v1/observability/services/${service}/workflows`);
    expect(workflows?.query.get('limit')).toBe('250');
    expect(workflows?.headers.cookie).toMatch(/^session=/);
  });

  it('says so when a service has more runs than the 250 Studio lists, and keeps the newest', async () => {
    const base = studio.state.services.get(service)![0]!;
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...base,
      trace_id: (0xa000 + i).toString(16).padStart(32, '0'),
      start_time: new Date(Date.UTC(2026, 3, 5, 12, 0, 0) + (300 - i) * 1000).toISOString().replace('Z', '000+00:00'),
    }));
    studio.state.services.set('busy', many);
    try {
      const res = await get(`/api/sources/studio/search?service=busy&limit=100&${range}`);
      const body = res.json<SearchResponse>();
      expect(res.status).toBe(200);
      expect(body.traces).toHaveLength(100);
      expect(body.traces[0]!.traceId).toBe(many[0]!.trace_id);
      expect(body.notice).toMatch(/at most 250 workflow runs per service.*busy/);
      expect(studio.requests.find((r) => r.path.endsWith('/workflows'))?.query.get('limit')).toBe('250');
    } finally {
      studio.state.services.delete('busy');
    }
  });

  it('percent-encodes a service name as one path segment', async () => {
    const res = await get(`/api/sources/studio/search?service=${encodeURIComponent('team a/chat')}&${range}`);
    expect(res.status).toBe(200);
    expect(studio.requests.find((r) => r.path.includes('/workflows'))?.url).toMatch(/\/services\/team%20a%2Fchat\/workflows\?limit=250$/);
  });

  it('lists services', async () => {
    const res = await get('/api/sources/studio/services');
    expect(res.json()).toEqual({ source: 'studio', services: [service] });
  });
});

describe('Junjo AI Studio: a trace by id', () => {
  it('reads the trace evidence: rows for the decoder, Studio’s verified stores and a link to the run in Studio', async () => {
    const res = await get(`/api/sources/studio/traces/${traceId}`);
    expect(res.status).toBe(200);
    noSecrets(res.text);
    const body = res.json<TraceResponse>();
    expect(body).toMatchObject({ source: 'studio', kind: 'junjo-studio', endpoint: 'junjo-studio-evidence', partial: null, warnings: [] });
    expect(body.uiLink).toEqual({ label: 'Open in Junjo AI Studio', url: `http://studio.example:26153/workflows/${service}/${traceId}/1111111111111111` });
    expect(body.studioEvidence?.stores.map((s) => [s.storeId, s.reconstruction, s.transitions.length])).toEqual([['store-basic-01', 'verified', 2]]);
    const decoded = await decodeInput(new TextEncoder().encode(JSON.stringify(body.body)));
    expect(decoded.ok && decoded.result.spans.length).toBe(3);
    expect(studio.requests.at(-1)?.path).toBe(`/api/v1/trace-evidence/${traceId}`);
  });

  it('passes on evidence that disagrees with the spans, for the browser to compare', async () => {
    const fake = await startFakeStudio({ email, password });
    const { traceId: id } = seedStudio(fake, { evidence: 'disagree' });
    const other = await startViewer({ sources: [{ name: 's', kind: 'junjo-studio', url: fake.url, signIn: { emailEnv: 'STUDIO_EMAIL', passwordEnv: 'STUDIO_PASSWORD' } }] }, env);
    try {
      const body = (await rawGet(other.url, `/api/sources/s/traces/${id}`)).json<TraceResponse>();
      expect(body.studioEvidence?.stores[0]?.transitions[1]?.after).toEqual({ input: 'hello', output: 'HELLO!' });
    } finally {
      await other.close();
      await fake.close();
    }
  });

  it('waits for a trace that is still being ingested', async () => {
    const trace = studio.state.traces.get(traceId)!;
    trace.ingestingFor = 2; // the first two lookups find nothing
    const res = await get(`/api/sources/studio/traces/${traceId}`);
    expect(res.status).toBe(200);
    expect(res.json<TraceResponse>().endpoint).toBe('junjo-studio-evidence');
  });

  it('a trace that does not appear: not found, saying it may still be ingesting and to try again', async () => {
    const res = await get('/api/sources/studio/traces/99999999999999999999999999999999');
    expect(res.status).toBe(404);
    const { error } = res.json<{ error: { code: string; message: string; hint: string } }>();
    expect(error.code).toBe('not-found');
    expect(error.message).toMatch(/not in source "studio" \(Junjo AI Studio\)/);
    expect(error.hint).toMatch(/may still be ingesting.*Try again/);
    // evidence, then spans, three times
    expect(studio.requests.filter((r) => r.path.includes('9999')).length).toBe(6);
  });

  it('falls back to the spans when the evidence is not assembled yet, and says so', async () => {
    const fake = await startFakeStudio({ email, password });
    const { traceId: id } = seedStudio(fake, { evidence: 'none' });
    const other = await startViewer({ sources: [{ name: 's', kind: 'junjo-studio', url: fake.url, signIn: { emailEnv: 'STUDIO_EMAIL', passwordEnv: 'STUDIO_PASSWORD' } }] }, env);
    try {
      const body = (await rawGet(other.url, `/api/sources/s/traces/${id}`)).json<TraceResponse>();
      expect(body.endpoint).toBe('junjo-studio-spans');
      expect(body.studioEvidence).toBeUndefined();
      expect(body.warnings[0]).toMatch(/not assembled the verified evidence/);
    } finally {
      await other.close();
      await fake.close();
    }
  });
});

describe('Junjo AI Studio: sessions', () => {
  it('an expired session: one 401, one new sign-in, then the answer', async () => {
    await get('/api/sources/studio/services'); // signed in
    const before = studio.state.signIns;
    studio.revokeAll(); // e.g. someone signed this user out
    studio.requests.length = 0;
    const res = await get('/api/sources/studio/services');
    expect(res.status).toBe(200);
    expect(studio.state.signIns).toBe(before + 1);
    expect(studio.requests.map((r) => `${r.method} ${r.path}`).filter((p) => !p.endsWith('/health'))).toEqual([
      'GET /api/v1/observability/services',
      'POST /sign-in',
      'GET /api/v1/observability/services',
    ]);
  });

  it('a session refused right after signing in is reported after one retry, not a loop', async () => {
    studio.state.refuseSessions = true;
    const before = studio.state.signIns;
    const res = await get('/api/sources/studio/services');
    expect(res.status).toBe(401);
    expect(res.json<{ error: { code: string; hint: string } }>().error.hint).toMatch(/its own user/);
    expect(studio.state.signIns - before).toBe(1);
    noSecrets(res.text);
  });

  it('a wrong password: unauthorized, naming the source and the variables to check, never the password', async () => {
    const res = await get('/api/sources/studio-wrong/services');
    expect(res.status).toBe(401);
    const { error } = res.json<{ error: { code: string; message: string; hint: string } }>();
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/"studio-wrong".*wrong email or password/);
    expect(error.hint).toMatch(/emailEnv, passwordEnv/);
    expect(res.text).not.toContain(env.STUDIO_WRONG_PASSWORD);
  });

  it('a Studio 0.82 with no user configured: says to add signIn', async () => {
    const res = await get('/api/sources/studio-no-user/services');
    expect(res.status).toBe(401);
    expect(res.json<{ error: { hint: string } }>().error.hint).toMatch(/"signIn"/);
  });

  it('Studio before 0.82 is read without a login, from the spans route', async () => {
    const res = await get(`/api/sources/studio-081/traces/${traceId}`);
    expect(res.status).toBe(200);
    expect(res.json<TraceResponse>().endpoint).toBe('junjo-studio-spans');
    expect(older.requests.map((r) => r.path)).toEqual(['/health', `/api/v1/observability/traces/${traceId}/spans`]);
    expect(older.state.signIns).toBe(0);
  });
});

describe('Junjo AI Studio: errors a user can act on', () => {
  it('an unsupported version names the versions that are supported', async () => {
    const res = await get('/api/sources/studio-ancient/services');
    expect(res.status).toBe(501);
    const { error } = res.json<{ error: { code: string; message: string; hint: string } }>();
    expect(error).toMatchObject({ code: 'unsupported' });
    expect(error.message).toMatch(/"studio-ancient" runs Junjo AI Studio 0\.44\.0/);
    expect(error.hint).toMatch(/0\.80 or later.*junjo-server/);
  });

  it('a URL that is not Studio’s backend (no /health): unsupported, with what to point at', async () => {
    const res = await get('/api/sources/not-studio/services');
    expect(res.json<{ error: { code: string; hint: string } }>().error).toMatchObject({ code: 'unsupported', hint: expect.stringMatching(/26154/) });
  });

  it('an unreachable Studio is named', async () => {
    const res = await get(`/api/sources/studio-down/traces/${traceId}`);
    expect(res.status).toBe(502);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'upstream-unreachable', message: expect.stringMatching(/Could not reach source "studio-down"/) });
  });

  it('a redirect is not followed', async () => {
    const saved = plain.handler;
    plain.handler = (_req, res) => res.writeHead(302, { Location: 'http://169.254.169.254/' }).end();
    try {
      const res = await get('/api/sources/not-studio/services');
      expect(res.json<{ error: { code: string } }>().error.code).toBe('upstream-redirect');
      expect(plain.requests.every((r) => r.path === '/health')).toBe(true);
    } finally {
      plain.handler = saved;
    }
  });

  it('the fixtures hold the real error shapes', () => {
    expect(fixtureJson('junjo-studio/sign-in-invalid-credentials.json')).toEqual({ detail: 'Invalid credentials' });
  });
});
