/**
 * Tempo/Jaeger sources: validation of one source definition and the resolution of its credentials
 * from the environment. The config file names environment variables; it never holds a secret.
 *
 * Source definition (config file `sources[]`, or the JSON array in `JTV_SOURCES`):
 *   { "name": "tempo-prod", "kind": "tempo", "url": "https://tempo.example.com/tempo",
 *     "bearerTokenEnv": "TEMPO_TOKEN",                                  (optional)
 *     "basicAuth": { "usernameEnv": "GC_USER", "passwordEnv": "GC_TOKEN" },  (optional)
 *     "tenant": "team-a",                                               (optional: X-Scope-OrgID)
 *     "headers": { "X-Scope-OrgID": "team-a" },                         (optional, not secret)
 *     "headersFromEnv": { "X-Api-Key": "MY_KEY_ENV" },                  (optional)
 *     "timeoutMs": 30000, "connectTimeoutMs": 5000, "maxResponseBytes": 67108864,  (optional)
 *     "maxConcurrent": 4, "maxQueued": 16 }       (optional: this source's bulkhead)
 *
 * Junjo AI Studio (`"kind": "junjo-studio"`, URL of its backend, e.g. http://localhost:26154) and
 * the older Junjo Server (`"kind": "junjo-server"`, e.g. http://localhost:1323) sign in with a user:
 *     "signIn": { "emailEnv": "STUDIO_EMAIL", "passwordEnv": "STUDIO_PASSWORD" },
 *     "uiUrl": "http://localhost:26153"      (optional: Studio's own UI, for links to the same run)
 *
 * A resolved source keeps its secrets in `headers` only; `secrets` lists them so the server can
 * scrub any text it sends to the browser.
 */
import type { SourceKind } from '../../core/backends/api-types.ts';

export interface Limits {
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** This source's bulkhead: requests at once, and requests waiting (upstream-fetch.ts). */
  readonly maxConcurrent?: number;
  readonly maxQueued?: number;
}

export interface ResolvedSource {
  readonly name: string;
  readonly kind: SourceKind;
  /** Base URL with its path prefix; no userinfo, no query, no fragment, no trailing slash. */
  readonly baseUrl: URL;
  /** Headers sent on every upstream request, credentials included. Never sent to the browser. */
  readonly headers: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  readonly limits: Limits;
  /** Junjo AI Studio / Junjo Server: the user the server signs in as (never sent to the browser). */
  readonly signIn?: { readonly email: string; readonly password: string };
  /** Junjo AI Studio's own UI (shown to the browser in links to the same run). */
  readonly uiUrl?: URL;
}

const sourceKinds: readonly SourceKind[] = ['tempo', 'jaeger', 'junjo-studio', 'junjo-server'];
const isSourceKind = (kind: unknown): kind is SourceKind => sourceKinds.includes(kind as SourceKind);
const isJunjoKind = (kind: SourceKind): boolean => kind === 'junjo-studio' || kind === 'junjo-server';

export type ConfigResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const namePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** First path segments the app and server use themselves (view-state.ts, static files, the API). */
const reservedNames = new Set(['sample', 'samples', 'file', 'api', 'assets']);
const headerNamePattern = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const forbiddenHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding', 'cookie']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const fail = (message: string): ConfigResult<never> => ({ ok: false, message });

/** Parses and checks a base URL: http(s) only, no credentials inside it. */
function parseBaseUrl(raw: unknown, where: string): ConfigResult<URL> {
  if (typeof raw !== 'string' || raw.trim() === '') return fail(`${where}: "url" is required (e.g. "http://localhost:3200").`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail(`${where}: "url" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(`${where}: "url" must start with http:// or https://.`);
  if (url.username !== '' || url.password !== '')
    return fail(`${where}: "url" must not contain a user name or password; use "basicAuth" with environment variables.`);
  if (url.search !== '' || url.hash !== '') return fail(`${where}: "url" must not contain a query or fragment.`);
  url.pathname = url.pathname.replace(/\/+$/, '');
  return { ok: true, value: url };
}

function envValue(env: NodeJS.ProcessEnv, variable: unknown, where: string): ConfigResult<string> {
  if (typeof variable !== 'string' || variable === '') return fail(`${where}: expected the name of an environment variable.`);
  const value = env[variable];
  if (value === undefined || value === '') return fail(`${where}: environment variable ${variable} is not set.`);
  return { ok: true, value };
}

function positive(value: unknown, fallback: number, where: string): ConfigResult<number> {
  if (value === undefined) return { ok: true, value: fallback };
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return fail(`${where} must be a positive number.`);
  return { ok: true, value };
}

/** Checks one source definition and resolves its credentials from `env`. */
export function resolveSource(raw: unknown, env: NodeJS.ProcessEnv, defaults: Limits, where: string): ConfigResult<ResolvedSource> {
  if (!isObject(raw)) return fail(`${where}: a source must be an object with "name", "kind" and "url".`);
  const name = raw.name;
  if (typeof name !== 'string' || !namePattern.test(name))
    return fail(`${where}: "name" must be 1–64 letters, digits, "-" or "_" (it appears in the viewer's links).`);
  if (reservedNames.has(name.toLowerCase()))
    return fail(`${where}: the name "${name}" is used by the viewer's own links (${[...reservedNames].join(', ')}); choose another.`);
  const at = `source "${name}"`;
  if (!isSourceKind(raw.kind)) return fail(`${at}: "kind" must be one of ${sourceKinds.map((k) => `"${k}"`).join(', ')}.`);
  const kind = raw.kind;
  const url = parseBaseUrl(raw.url, at);
  if (!url.ok) return url;

  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  const setHeader = (header: string, value: string, secret: boolean): string | undefined => {
    if (!headerNamePattern.test(header) || forbiddenHeaders.has(header.toLowerCase())) return `${at}: header "${header}" is not allowed.`;
    if (/[\r\n\0]/.test(value)) return `${at}: the value of header "${header}" contains a line break.`;
    headers[header] = value;
    if (secret) secrets.push(value);
    return undefined;
  };

  if (raw.headers !== undefined) {
    if (!isObject(raw.headers)) return fail(`${at}: "headers" must be an object of header names to values.`);
    for (const [header, value] of Object.entries(raw.headers)) {
      if (typeof value !== 'string') return fail(`${at}: header "${header}" must be a string.`);
      if (header.toLowerCase() === 'authorization')
        return fail(`${at}: do not put credentials in "headers"; use "bearerTokenEnv", "basicAuth" or "headersFromEnv".`);
      const problem = setHeader(header, value, false);
      if (problem) return fail(problem);
    }
  }
  if (raw.tenant !== undefined) {
    if (typeof raw.tenant !== 'string' || raw.tenant === '') return fail(`${at}: "tenant" must be a non-empty string.`);
    setHeader('X-Scope-OrgID', raw.tenant, false);
  }
  if (raw.headersFromEnv !== undefined) {
    if (!isObject(raw.headersFromEnv)) return fail(`${at}: "headersFromEnv" must map header names to environment variable names.`);
    for (const [header, variable] of Object.entries(raw.headersFromEnv)) {
      const value = envValue(env, variable, `${at}, header ${header}`);
      if (!value.ok) return value;
      const problem = setHeader(header, value.value, true);
      if (problem) return fail(problem);
    }
  }
  if (raw.bearerTokenEnv !== undefined && raw.basicAuth !== undefined) return fail(`${at}: use either "bearerTokenEnv" or "basicAuth", not both.`);
  if (raw.bearerTokenEnv !== undefined) {
    const token = envValue(env, raw.bearerTokenEnv, `${at}, bearerTokenEnv`);
    if (!token.ok) return token;
    const problem = setHeader('Authorization', `Bearer ${token.value}`, true);
    if (problem) return fail(problem);
    secrets.push(token.value);
  }
  if (raw.basicAuth !== undefined) {
    if (!isObject(raw.basicAuth)) return fail(`${at}: "basicAuth" must be { "usernameEnv": "...", "passwordEnv": "..." }.`);
    const user = envValue(env, raw.basicAuth.usernameEnv, `${at}, basicAuth.usernameEnv`);
    if (!user.ok) return user;
    const password = envValue(env, raw.basicAuth.passwordEnv, `${at}, basicAuth.passwordEnv`);
    if (!password.ok) return password;
    const encoded = Buffer.from(`${user.value}:${password.value}`, 'utf8').toString('base64');
    setHeader('Authorization', `Basic ${encoded}`, true);
    secrets.push(password.value, encoded);
  }

  let signIn: ResolvedSource['signIn'];
  if (raw.signIn !== undefined) {
    if (!isJunjoKind(kind)) return fail(`${at}: "signIn" is only for "junjo-studio" and "junjo-server" sources.`);
    if (!isObject(raw.signIn)) return fail(`${at}: "signIn" must be { "emailEnv": "...", "passwordEnv": "..." }.`);
    const email = envValue(env, raw.signIn.emailEnv, `${at}, signIn.emailEnv`);
    if (!email.ok) return email;
    const password = envValue(env, raw.signIn.passwordEnv, `${at}, signIn.passwordEnv`);
    if (!password.ok) return password;
    signIn = { email: email.value, password: password.value };
    secrets.push(password.value);
  } else if (kind === 'junjo-server') {
    return fail(`${at}: a Junjo Server needs "signIn": { "emailEnv": "...", "passwordEnv": "..." } (environment variables holding a user's email and password).`);
  }
  let uiUrl: URL | undefined;
  if (raw.uiUrl !== undefined) {
    if (kind !== 'junjo-studio') return fail(`${at}: "uiUrl" is only for "junjo-studio" sources.`);
    const parsed = parseBaseUrl(raw.uiUrl, `${at} (uiUrl)`);
    if (!parsed.ok) return fail(parsed.message.replace('"url"', '"uiUrl"'));
    uiUrl = parsed.value;
  }

  const connectTimeoutMs = positive(raw.connectTimeoutMs, defaults.connectTimeoutMs, `${at}: "connectTimeoutMs"`);
  if (!connectTimeoutMs.ok) return connectTimeoutMs;
  const timeoutMs = positive(raw.timeoutMs, defaults.timeoutMs, `${at}: "timeoutMs"`);
  if (!timeoutMs.ok) return timeoutMs;
  const maxResponseBytes = positive(raw.maxResponseBytes, defaults.maxResponseBytes, `${at}: "maxResponseBytes"`);
  if (!maxResponseBytes.ok) return maxResponseBytes;
  const bulkhead: { maxConcurrent?: number; maxQueued?: number } = {};
  for (const key of ['maxConcurrent', 'maxQueued'] as const) {
    const value = raw[key] ?? defaults[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < (key === 'maxConcurrent' ? 1 : 0) || value > 10_000)
      return fail(`${at}: "${key}" must be a whole number${key === 'maxConcurrent' ? ' from 1' : ' from 0'} to 10000.`);
    bulkhead[key] = value;
  }

  return {
    ok: true,
    value: {
      name,
      kind,
      baseUrl: url.value,
      headers,
      secrets: secrets.filter((secret) => secret.length >= 4),
      limits: { connectTimeoutMs: connectTimeoutMs.value, timeoutMs: timeoutMs.value, maxResponseBytes: maxResponseBytes.value, ...bulkhead },
      ...(signIn ? { signIn } : {}),
      ...(uiUrl ? { uiUrl } : {}),
    },
  };
}

/**
 * Sources defined one variable at a time: `JTV_SOURCE_<NAME>_URL` and `JTV_SOURCE_<NAME>_KIND`,
 * plus optional `_BEARER_TOKEN`, `_BASIC_USER` + `_BASIC_PASSWORD`, `_TENANT`, and for Junjo
 * sources `_EMAIL` + `_PASSWORD` (sign-in) and `_UI_URL`. The source name is
 * `<NAME>` in lower case with `_` as `-` (JTV_SOURCE_TEMPO_PROD_URL → "tempo-prod").
 */
export function sourcesFromPrefixedEnv(env: NodeJS.ProcessEnv): Json[] {
  const definitions: Json[] = [];
  for (const key of Object.keys(env).sort()) {
    const match = /^JTV_SOURCE_([A-Z0-9_]+?)_URL$/.exec(key);
    if (!match?.[1]) continue;
    const prefix = `JTV_SOURCE_${match[1]}`;
    const definition: Json = { name: match[1].toLowerCase().replace(/_/g, '-'), kind: env[`${prefix}_KIND`]?.toLowerCase(), url: env[key] };
    if (env[`${prefix}_BEARER_TOKEN`]) definition.bearerTokenEnv = `${prefix}_BEARER_TOKEN`;
    if (env[`${prefix}_BASIC_USER`] || env[`${prefix}_BASIC_PASSWORD`])
      definition.basicAuth = { usernameEnv: `${prefix}_BASIC_USER`, passwordEnv: `${prefix}_BASIC_PASSWORD` };
    if (env[`${prefix}_TENANT`]) definition.tenant = env[`${prefix}_TENANT`];
    if (env[`${prefix}_EMAIL`] || env[`${prefix}_PASSWORD`]) definition.signIn = { emailEnv: `${prefix}_EMAIL`, passwordEnv: `${prefix}_PASSWORD` };
    if (env[`${prefix}_UI_URL`]) definition.uiUrl = env[`${prefix}_UI_URL`];
    definitions.push(definition);
  }
  return definitions;
}
