/**
 * A fake Junjo AI Studio and a fake (Go) Junjo Server for the server's tests and the e2e servers:
 * real HTTP on 127.0.0.1:0 (test-support.ts `startFakeUpstream`), answering with the response
 * shapes of the real backends (fixtures/junjo-studio/README.md says which models they follow).
 *
 * Studio: `GET /health`; `POST /sign-in` sets `session=…` (SameSite=Strict, 30 days); from 0.82 every
 * read needs that cookie (401 `{"detail":"Unauthorized: No valid session"}`); `…/workflows` takes
 * `limit` 1–250 (422 otherwise), newest first; trace evidence from 0.81.5.
 * Junjo Server: `POST /sign-in` sets `session=…`; every other route needs it; every answer sets a
 * `csrf` cookie when there is none; `GET /csrf` → `{"csrfToken"}`. The fake checks `X-CSRF-Token`
 * on every /otel read (Echo checks it on unsafe methods only): stricter, to prove it is sent.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { fixtureJson, json, startFakeUpstream, type FakeUpstream } from './test-support.ts';

type Row = Record<string, unknown>;

export interface FakeTrace {
  readonly spans: readonly Row[];
  /** Studio TraceEvidence; undefined = the evidence route answers 404 for it. */
  readonly evidence?: unknown;
  /** Lookups that answer "not there" before the trace appears (a run still being ingested). */
  ingestingFor?: number;
}

export interface JunjoFakeState {
  version: string;
  email: string;
  password: string;
  readonly sessions: Set<string>;
  /** Accept sign-ins but refuse every session (a user signed out continually). */
  refuseSessions: boolean;
  signIns: number;
  readonly services: Map<string, Row[]>;
  readonly traces: Map<string, FakeTrace>;
}

export interface JunjoFake extends FakeUpstream {
  readonly state: JunjoFakeState;
  /** Ends every session (Studio's sign-out does this for all sessions of the user). */
  revokeAll(): void;
}

const token = (): string => randomBytes(24).toString('base64url');

function cookiesOf(req: http.IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return jar;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function newState(email: string, password: string, version: string): JunjoFakeState {
  return { version, email, password, sessions: new Set(), refuseSessions: false, signIns: 0, services: new Map(), traces: new Map() };
}

const versionAtLeast = (version: string, min: [number, number, number]): boolean => {
  const v = version.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i]!;
  return true;
};

/** The trace's spans, unless it is still "being ingested" (then it counts the lookup down). */
function lookup(state: JunjoFakeState, traceId: string): FakeTrace | undefined {
  const trace = state.traces.get(traceId);
  if (trace === undefined) return undefined;
  if ((trace.ingestingFor ?? 0) > 0) {
    trace.ingestingFor = (trace.ingestingFor ?? 0) - 1;
    return undefined;
  }
  return trace;
}

async function signIn(req: http.IncomingMessage, res: http.ServerResponse, state: JunjoFakeState, studio: boolean): Promise<void> {
  let body: { email?: unknown; password?: unknown } = {};
  try {
    body = JSON.parse(await readBody(req)) as typeof body;
  } catch {
    return json(res, 422, { detail: [{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error' }] });
  }
  if (body.email !== state.email || body.password !== state.password)
    return json(res, 401, studio ? { detail: 'Invalid credentials' } : { message: 'invalid credentials' });
  state.signIns++;
  const session = token();
  state.sessions.add(session);
  const cookie = studio
    ? `session=${session}; path=/; Max-Age=2592000; httponly; samesite=strict`
    : `session=${session}; Path=/; Max-Age=2592000; HttpOnly; Secure; SameSite=Strict`;
  json(res, 200, { message: 'signed in' }, { 'Set-Cookie': cookie });
}

const hasSession = (req: http.IncomingMessage, state: JunjoFakeState): boolean =>
  !state.refuseSessions && state.sessions.has(cookiesOf(req).get('session') ?? '');

/** Junjo AI Studio's backend, with the basic workflow fixture as one run. */
export async function startFakeStudio(options: { email: string; password: string; version?: string }): Promise<JunjoFake> {
  const state = newState(options.email, options.password, options.version ?? '0.82.1');
  const fake = await startFakeUpstream();
  const observability = '/api/v1/observability';
  fake.handler = (req, res, path) => {
    const health = fixtureJson('junjo-studio/health.json') as Row;
    if (req.method === 'GET' && path === '/health') return json(res, 200, { ...health, version: state.version });
    if (req.method === 'POST' && path === '/sign-in') return void signIn(req, res, state, true);
    if (req.method !== 'GET') return json(res, 405, { detail: 'Method Not Allowed' });
    if (versionAtLeast(state.version, [0, 82, 0]) && !hasSession(req, state)) return json(res, 401, fixtureJson('junjo-studio/unauthorized-no-session.json'));
    const url = new URL(req.url ?? '/', 'http://studio');
    if (path === `${observability}/services`) return json(res, 200, [...state.services.keys()].sort());
    const workflows = new RegExp(`^${observability}/services/(.+)/workflows$`).exec(path);
    if (workflows?.[1] !== undefined) {
      const limit = Number(url.searchParams.get('limit') ?? '100');
      if (!Number.isInteger(limit) || limit < 1 || limit > 250)
        return json(res, 422, { detail: [{ type: 'less_than_equal', loc: ['query', 'limit'], msg: 'Input should be less than or equal to 250', input: String(limit) }] });
      return json(res, 200, (state.services.get(decodeURIComponent(workflows[1])) ?? []).slice(0, limit));
    }
    const spans = new RegExp(`^${observability}/traces/([^/]+)/spans$`).exec(path);
    if (spans?.[1] !== undefined) return json(res, 200, lookup(state, spans[1])?.spans ?? []);
    const evidence = /^\/api\/v1\/trace-evidence\/([^/]+)$/.exec(path);
    if (evidence?.[1] !== undefined && versionAtLeast(state.version, [0, 81, 5])) {
      if (!/^[0-9a-f]{32}$/.test(evidence[1])) return json(res, 422, { detail: [{ type: 'string_pattern_mismatch', loc: ['path', 'trace_id'] }] });
      const found = lookup(state, evidence[1]);
      return found?.evidence !== undefined ? json(res, 200, found.evidence) : json(res, 404, fixtureJson('junjo-studio/trace-not-found.json'));
    }
    return json(res, 404, { detail: 'Not Found' });
  };
  return Object.assign(fake, { state, revokeAll: () => state.sessions.clear() });
}

/** The Go Junjo Server's backend (Echo, gorilla sessions, Echo CSRF). */
export async function startFakeJunjoServer(options: { email: string; password: string }): Promise<JunjoFake & { csrfChecks: () => number }> {
  const state = newState(options.email, options.password, 'go');
  const csrfTokens = new Set<string>();
  let csrfChecks = 0;
  const fake = await startFakeUpstream();
  fake.handler = (req, res, path) => {
    // Echo's CSRF middleware: a csrf cookie on every answer that has none (sign-in is skipped).
    const jar = cookiesOf(req);
    let csrf = jar.get('csrf');
    if (path !== '/sign-in' && (csrf === undefined || !csrfTokens.has(csrf))) {
      csrf = token();
      csrfTokens.add(csrf);
      res.setHeader('Set-Cookie', `csrf=${csrf}; Path=/; Max-Age=86400; HttpOnly; Secure; SameSite=Strict`);
    }
    if (req.method === 'POST' && path === '/sign-in') return void signIn(req, res, state, false);
    if (path === '/csrf') return json(res, 200, { csrfToken: csrf });
    if (!hasSession(req, state)) return json(res, 401, fixtureJson('junjo-studio/junjo-server/unauthorized-no-session.json'));
    if (path.startsWith('/otel/')) {
      const sent = String(req.headers['x-csrf-token'] ?? '');
      if (sent === '' || sent !== jar.get('csrf')) return json(res, 403, { message: 'invalid csrf token' });
      csrfChecks++;
    }
    if (path === '/otel/span-service-names') return json(res, 200, [...state.services.keys()].sort());
    const workflows = /^\/otel\/spans\/type\/workflow\/(.+)$/.exec(path);
    if (workflows?.[1] !== undefined) return json(res, 200, state.services.get(decodeURIComponent(workflows[1])) ?? []);
    const nested = /^\/otel\/trace\/([^/]+)\/nested-spans$/.exec(path);
    if (nested?.[1] !== undefined) return json(res, 200, lookup(state, nested[1])?.spans ?? []);
    return json(res, 404, { message: 'Not Found' });
  };
  return Object.assign(fake, { state, revokeAll: () => state.sessions.clear(), csrfChecks: () => csrfChecks });
}

/**
 * Studio with the basic workflow run (fixtures/junjo-studio): its evidence and its spans, under the
 * fixture's trace id or `traceId`, and listed as its service's workflow run.
 */
export function seedStudio(fake: JunjoFake, options: { evidence?: 'agree' | 'disagree' | 'none'; shiftToNow?: boolean; traceId?: string } = {}): { traceId: string; service: string } {
  const evidence = fixtureJson(options.evidence === 'disagree' ? 'junjo-studio/trace-evidence-disagree.json' : 'junjo-studio/trace-evidence.json') as Row & { trace_id: string; spans: Row[] };
  const traceId = options.traceId ?? evidence.trace_id;
  const rows: Row[] = evidence.spans.map((row) => ({ ...row, trace_id: traceId }));
  const spans = options.shiftToNow ? shiftRowsToNow(rows) : rows;
  const service = String(spans[0]?.service_name);
  fake.state.traces.set(traceId, { spans, ...(options.evidence === 'none' ? {} : { evidence: { ...evidence, trace_id: traceId, spans } }) });
  const listed = (fake.state.services.get(service) ?? []).filter((row) => row.trace_id !== traceId);
  const workflows = spans.filter((row) => (row.attributes_json as Row)['junjo.span_type'] === 'workflow');
  fake.state.services.set(service, [...workflows, ...listed].sort((a, b) => String(b.start_time).localeCompare(String(a.start_time))));
  return { traceId, service };
}

/** The Junjo Server with the G1 demo run (fixtures/junjo-studio/junjo-server). */
export function seedJunjoServer(fake: JunjoFake, options: { shiftToNow?: boolean } = {}): { traceId: string; service: string } {
  const raw = fixtureJson('junjo-studio/junjo-server/nested-spans.json') as Row[];
  const rows = options.shiftToNow ? shiftRowsToNow(raw) : raw;
  const traceId = String(rows[0]?.trace_id);
  const service = String(rows.find((r) => r.junjo_span_type === 'workflow')?.service_name);
  fake.state.traces.set(traceId, { spans: rows });
  fake.state.services.set(service, rows.filter((r) => r.junjo_span_type === 'workflow'));
  return { traceId, service };
}

/** Moves rows' ISO times so the latest ends a minute ago (recent-runs lists search the last hour). */
export function shiftRowsToNow(rows: readonly Row[]): Row[] {
  const ms = (text: unknown) => Date.parse(String(text));
  const latest = Math.max(...rows.map((r) => ms(r.end_time)));
  const shift = Date.now() - 60_000 - latest;
  const move = (text: unknown): string => {
    const value = String(text);
    const micros = /\.(\d+)/.exec(value)?.[1]?.padEnd(6, '0').slice(3, 6) ?? '000';
    const iso = new Date(ms(value) + shift).toISOString(); // …sss Z
    return value.endsWith('Z') ? iso.replace('Z', `${micros}Z`) : iso.replace('Z', `${micros}+00:00`);
  };
  const shiftNs = BigInt(shift) * 1_000_000n;
  const moveEvent = (event: unknown): unknown => {
    if (typeof event !== 'object' || event === null) return event;
    const time = (event as Row).timeUnixNano;
    const moved = typeof time === 'string' ? String(BigInt(time) + shiftNs) : typeof time === 'number' ? time + shift * 1e6 : time;
    return { ...event, timeUnixNano: moved };
  };
  return rows.map((row) => ({
    ...row,
    start_time: move(row.start_time),
    end_time: move(row.end_time),
    ...(Array.isArray(row.events_json) ? { events_json: row.events_json.map(moveEvent) } : {}),
  }));
}
