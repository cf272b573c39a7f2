/**
 * Who may use the API, which headers every answer carries, which lists are cut on the server,
 * and that no form of a secret reaches an answer or the log — each over real sockets against a
 * real (hostile) upstream.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { startServer } from './http-server.ts';
import { json, rawGet, startFakeUpstream, startViewer, tempoBodies, type FakeUpstream, type Viewer } from './test-support.ts';

const token = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0ZYXWVUTSRQPONMLKJIHGFEDCBAabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN';
const password = 'pw-24-chars-Xy9!Qz7#Lm3$';
const id = tempoBodies('tempo/tempo-trace-queue-database.resourceSpans.json');
const jsonEscaped = (text: string) => [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const pieces = (secret: string, size: number) => Array.from({ length: secret.length - size + 1 }, (_, i) => secret.slice(i, i + size));

let upstream: FakeUpstream;
let viewer: Viewer;
const log: string[] = [];

beforeAll(async () => {
  upstream = await startFakeUpstream();
  viewer = await startViewer(
    {
      sources: [
        { name: 'tempo', kind: 'tempo', url: upstream.url, bearerTokenEnv: 'T_TOKEN' },
        { name: 'basic', kind: 'jaeger', url: upstream.url, basicAuth: { usernameEnv: 'B_USER', passwordEnv: 'B_PASS' } },
      ],
    },
    { T_TOKEN: token, B_USER: 'admin', B_PASS: password },
    (line) => log.push(line),
  );
});
afterAll(async () => {
  await viewer.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
  upstream.handler = (_req, res) => json(res, 200, id.v2);
});

describe('--host 0.0.0.0 keeps the DNS-rebinding guard', () => {
  let open: { url: string; close: () => void };
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jtv-host-'));
    writeFileSync(join(dir, 'junjo-viewer.config.json'), JSON.stringify({ sources: [{ name: 'tempo', kind: 'tempo', url: upstream.url }] }));
    const loaded = loadConfig(['--host', '0.0.0.0', '--port', '0', '--allowed-hosts', 'viewer.internal'], { JTV_ALLOWED_HOSTS: 'other.internal' }, dir);
    if (!loaded.ok) throw new Error(loaded.message);
    // Loopback only in tests: the configuration is the 0.0.0.0 one, the socket is not.
    const { server, url } = await startServer({ ...loaded.value, host: '127.0.0.1' });
    open = { url, close: () => server.close() };
  });
  afterAll(() => open.close());

  it.each(['evil.example', 'evil.example:8080', 'localhost.evil.example', '127.0.0.1.nip.io'])('refuses Host %s', async (host) => {
    const res = await rawGet(open.url, '/api/sources', { headers: { Host: host } });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'host-not-allowed', hint: expect.stringContaining('--allowed-hosts') } });
  });

  it.each(['localhost:8080', '127.0.0.1', '[::1]:80', '10.1.2.3:8080', '[fd00::1]', 'viewer.internal', 'OTHER.internal:443'])('accepts Host %s', async (host) => {
    const res = await rawGet(open.url, '/api/sources', { headers: { Host: host } });
    expect(res.status).toBe(200);
  });
});

describe('requests from other sites', () => {
  const path = `/api/sources/tempo/traces/${id.traceIdHex}`;
  it.each<Record<string, string>>([
    { 'Sec-Fetch-Site': 'cross-site' },
    { 'Sec-Fetch-Site': 'same-site' },
    { Origin: 'http://evil.example' },
    { Origin: 'null' },
    { Origin: 'http://127.0.0.1:1' },
  ])('are refused before any upstream call: %o', async (headers) => {
    const res = await rawGet(viewer.url, path, { headers });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'cross-origin' } });
    expect(upstream.requests).toHaveLength(0);
  });

  it('are answered when the page is the viewer itself', async () => {
    const own = new URL(viewer.url);
    const res = await rawGet(viewer.url, path, { headers: { 'Sec-Fetch-Site': 'same-origin', Origin: own.origin } });
    expect(res.status).toBe(200);
    expect((await rawGet(viewer.url, path, { headers: { 'Sec-Fetch-Site': 'none' } })).status).toBe(200);
  });
});

describe('headers', () => {
  it('every answer carries Permissions-Policy; static files carry Cross-Origin-Resource-Policy', async () => {
    for (const path of ['/', '/assets/app-1234.js', '/api/sources']) {
      const res = await rawGet(viewer.url, path);
      expect(res.headers['permissions-policy'], path).toMatch(/camera=\(\)/);
      expect(res.headers['cross-origin-resource-policy'], path).toBe('same-origin');
    }
  });
});

describe('lists are cut to the asked limit on the server', () => {
  it('Tempo search: 5,000 results from the backend, 20 to the browser', async () => {
    const traces = Array.from({ length: 5000 }, (_, i) => ({ traceID: (i + 1).toString(16).padStart(32, '0'), rootServiceName: 'svc', rootTraceName: 'run', startTimeUnixNano: '1700000000000000000', durationMs: 5 }));
    upstream.handler = (_req, res) => json(res, 200, { traces });
    const res = await rawGet(viewer.url, '/api/sources/tempo/search?limit=20');
    expect(res.status).toBe(200);
    expect(res.json<{ traces: unknown[] }>().traces).toHaveLength(20);
  });

  it('services: 50,000 names from the backend, the first 1,000 (or the asked limit) with the total', async () => {
    const names = Array.from({ length: 50_000 }, (_, i) => `svc-${String(i).padStart(6, '0')}`);
    upstream.handler = (_req, res) => json(res, 200, { tagValues: names.map((value) => ({ type: 'string', value })) });
    const res = await rawGet(viewer.url, '/api/sources/tempo/services');
    expect(res.json()).toMatchObject({ total: 50_000 });
    expect(res.json<{ services: string[] }>().services).toEqual(names.slice(0, 1000));
    expect(res.json<{ services: string[] }>().services).toHaveLength(1000);
    expect((await rawGet(viewer.url, '/api/sources/tempo/services?limit=5')).json<{ services: string[] }>().services).toEqual(names.slice(0, 5));
    expect((await rawGet(viewer.url, '/api/sources/tempo/services?limit=0')).status).toBe(400);
  });
});

describe('secrets in upstream error bodies', () => {
  it('are redacted whole before the excerpt is cut, in plain and JSON-escaped form, in answers and in the log', async () => {
    const bodies: string[] = [];
    for (let at = 120; at <= 230; at += 11) bodies.push(`${'e'.repeat(at)} Authorization: Bearer ${token} ${'z'.repeat(300)}`);
    bodies.push(`{"error":"bad token \\"${jsonEscaped(token)}\\""}`, `{"error":"bad password ${jsonEscaped(password)}"}`);
    bodies.push(`${'e'.repeat(180)} basic ${Buffer.from(`admin:${password}`).toString('base64')} ${'z'.repeat(300)}`);
    for (const body of bodies) {
      upstream.handler = (_req, res) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(body);
      for (const [source, secrets] of [['tempo', [token, jsonEscaped(token)]], ['basic', [password, jsonEscaped(password), Buffer.from(`admin:${password}`).toString('base64')]]] as const) {
        log.length = 0;
        const res = await rawGet(viewer.url, `/api/sources/${source}/traces/${id.traceIdHex}`);
        expect(res.status).toBe(502);
        const seen = `${res.text}\n${log.join('\n')}`;
        for (const secret of secrets) for (const piece of pieces(secret, secret.startsWith('\\u') ? 24 : 8)) expect(seen, `${source}: ${body.slice(0, 60)}`).not.toContain(piece);
      }
    }
  });

  it('are redacted in the log when the request itself spells them percent-encoded', async () => {
    upstream.handler = (_req, res) => res.writeHead(500).end('no');
    log.length = 0;
    const encoded = [...token].map((char) => `%${char.charCodeAt(0).toString(16)}`).join('');
    await rawGet(viewer.url, `/api/sources/tempo/search?service=${encoded}`);
    expect(log.join('\n')).not.toContain(encoded.slice(0, 60));
    expect(log.join('\n')).toContain('[redacted]');
  });
});
