/**
 * Signed-in requests to Junjo AI Studio and the older Junjo Server (junjo-backends.md §2.1, §2.3).
 * Both authenticate reads with a session cookie only; the Junjo Server also wants a CSRF token.
 *
 * - Studio: `POST /sign-in {email, password}` → `Set-Cookie: session=…`. Before 0.82 its read routes
 *   needed no login, so a request is first sent without one and the server signs in on a 401.
 * - Junjo Server: the same sign-in, then `GET /csrf` → `{"csrfToken"}` (and a `csrf` cookie); every
 *   later request sends the cookies and `X-CSRF-Token`.
 * - A 401 on a read signs in again, once, and repeats the read (the session expired or was revoked:
 *   Studio's sign-out ends every session of that user).
 *
 * The cookie jar and token live here, in the server's memory, per source; they never reach the
 * browser, a log line or an error message (`scrub` removes them from any text that leaves).
 */
import type { ApiError, ApiResult } from '../../core/backends/api-types.ts';
import { apiError, unauthorized } from '../api-errors.ts';
import type { ResolvedSource } from './source-config.ts';
import { callSource, parseJsonBody, statusError, type UpstreamCall } from './source-request.ts';
import type { UpstreamResponse } from './upstream-fetch.ts';

interface Session {
  readonly cookies: Map<string, string>;
  csrf: string | undefined;
  signedIn: boolean;
  pending: Promise<ApiResult<void>> | undefined;
}

const sessions = new WeakMap<ResolvedSource, Session>();

function sessionOf(source: ResolvedSource): Session {
  let session = sessions.get(source);
  if (session === undefined) {
    session = { cookies: new Map(), csrf: undefined, signedIn: false, pending: undefined };
    sessions.set(source, session);
  }
  return session;
}

/** Forgets a source's session (tests; a config reload). */
export function resetSession(source: ResolvedSource): void {
  sessions.delete(source);
}

/** Every session value of the source (cookies, CSRF token), for scrubbing text. */
function sessionSecrets(source: ResolvedSource): string[] {
  const session = sessions.get(source);
  if (session === undefined) return [];
  const values = [...session.cookies.values()];
  if (session.csrf !== undefined) values.push(session.csrf);
  return values.filter((value) => value.length >= 4);
}

/** Removes the source's password, cookies and CSRF token from text. */
export function scrub(source: ResolvedSource, text: string): string {
  let out = text;
  for (const secret of [...source.secrets, ...sessionSecrets(source)]) out = out.split(secret).join('[redacted]');
  return out;
}

function keepCookies(session: Session, response: UpstreamResponse): void {
  const header = response.headers['set-cookie'];
  for (const line of header ?? []) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = /;\s*max-age=(0|-\d+)/i.test(line) || value === '' || value === '""';
    if (expired) session.cookies.delete(name);
    else if (/^[\x21-\x7e]*$/.test(value)) session.cookies.set(name, value);
  }
}

function sessionHeaders(source: ResolvedSource, session: Session): Record<string, string> {
  const headers: Record<string, string> = {};
  if (session.cookies.size > 0) headers.Cookie = [...session.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  if (source.kind === 'junjo-server' && session.csrf !== undefined) headers['X-CSRF-Token'] = session.csrf;
  return headers;
}

const product = (source: ResolvedSource): string => (source.kind === 'junjo-server' ? 'Junjo Server' : 'Junjo AI Studio');

const noSignIn = (source: ResolvedSource): ApiError =>
  apiError(
    'unauthorized',
    `Source "${source.name}" (${product(source)}) asks for a login, and no user is configured for it.`,
    'Add "signIn": { "emailEnv": "...", "passwordEnv": "..." } to the source in the config, naming environment variables that hold the email and password of a dedicated user.',
  );

const wrongPassword = (source: ResolvedSource): ApiError =>
  apiError(
    'unauthorized',
    `Source "${source.name}" (${product(source)}) refused the sign-in: wrong email or password.`,
    'Check the environment variables named by "signIn" in the config (emailEnv, passwordEnv) where the viewer server runs, and that this user exists in the backend.',
  );

async function signInNow(source: ResolvedSource, session: Session, signal: AbortSignal): Promise<ApiResult<void>> {
  if (source.signIn === undefined) return { ok: false, error: noSignIn(source) };
  session.cookies.clear();
  session.csrf = undefined;
  session.signedIn = false;
  const body = Buffer.from(JSON.stringify({ email: source.signIn.email, password: source.signIn.password }), 'utf8');
  const response = await callSource(source, { segments: ['sign-in'], method: 'POST', body, headers: { 'Content-Type': 'application/json' }, signal });
  if (!response.ok) return response;
  if (response.value.status === 401 || response.value.status === 403) return { ok: false, error: wrongPassword(source) };
  if (response.value.status === 400 || response.value.status === 422)
    return { ok: false, error: apiError('unauthorized', `Source "${source.name}" (${product(source)}) refused the sign-in request (HTTP ${response.value.status}).`, 'Check that the email in the environment variable named by signIn.emailEnv is a valid email address.') };
  if (response.value.status !== 200) return { ok: false, error: statusError(source, response.value.status, Buffer.alloc(0)) };
  keepCookies(session, response.value);
  if (session.cookies.size === 0)
    return { ok: false, error: apiError('malformed-response', `Source "${source.name}" accepted the sign-in but set no session cookie.`, `Check that the URL points at the ${product(source)} backend itself (not its web UI or a proxy that drops cookies).`) };

  if (source.kind === 'junjo-server') {
    const csrf = await callSource(source, { segments: ['csrf'], headers: sessionHeaders(source, session), signal });
    if (!csrf.ok) return csrf;
    if (csrf.value.status !== 200) return { ok: false, error: statusError(source, csrf.value.status, Buffer.alloc(0)) };
    keepCookies(session, csrf.value);
    const json = parseJsonBody(csrf.value.body);
    const token = json.ok && typeof json.value === 'object' && json.value !== null ? (json.value as { csrfToken?: unknown }).csrfToken : undefined;
    if (typeof token !== 'string' || token === '' || /[\r\n]/.test(token))
      return { ok: false, error: apiError('malformed-response', `Source "${source.name}" sent no CSRF token after the sign-in.`, 'Check that the URL points at the Junjo Server backend (GET /csrf must answer {"csrfToken": "…"}).') };
    session.csrf = token;
  }
  session.signedIn = true;
  return { ok: true, value: undefined };
}

/** Signs in; concurrent callers share one sign-in. */
function signIn(source: ResolvedSource, session: Session, signal: AbortSignal): Promise<ApiResult<void>> {
  session.pending ??= signInNow(source, session, signal).finally(() => {
    session.pending = undefined;
  });
  return session.pending;
}

export interface SignedInOptions {
  /** Sign in before the first request (Junjo Server, Studio 0.82+) instead of waiting for a 401. */
  readonly loginFirst: boolean;
}

/**
 * One read with the source's session: signs in first when asked (and not yet signed in), and on a
 * 401 signs in again once and repeats the read. A second 401 is reported as refused access.
 */
export async function signedInGet(source: ResolvedSource, call: UpstreamCall & { signal: AbortSignal }, options: SignedInOptions): Promise<ApiResult<UpstreamResponse>> {
  const session = sessionOf(source);
  if (session.pending) await session.pending;
  if (options.loginFirst && !session.signedIn && source.signIn !== undefined) {
    const login = await signIn(source, session, call.signal);
    if (!login.ok) return login;
  }
  const send = () => callSource(source, { ...call, headers: { ...call.headers, ...sessionHeaders(source, session) } });
  const first = await send();
  if (!first.ok || first.value.status !== 401) return first;
  if (source.signIn === undefined) return { ok: false, error: noSignIn(source) };
  const login = await signIn(source, session, call.signal);
  if (!login.ok) return login;
  const second = await send();
  if (second.ok && second.value.status === 401) {
    session.signedIn = false;
    return { ok: false, error: { ...unauthorized(source.name, 401), hint: 'The sign-in worked but the session was refused right after. Check that no one signs this user out continually (signing out ends every session of that user): give the viewer its own user.' } };
  }
  return second;
}
