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
}

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
  if (raw.kind !== 'tempo' && raw.kind !== 'jaeger') return fail(`${at}: "kind" must be "tempo" or "jaeger".`);
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
      kind: raw.kind,
      baseUrl: url.value,
      headers,
      secrets: secrets.filter((secret) => secret.length >= 4),
      limits: { connectTimeoutMs: connectTimeoutMs.value, timeoutMs: timeoutMs.value, maxResponseBytes: maxResponseBytes.value, ...bulkhead },
    },
  };
}

/**
 * Sources defined one variable at a time: `JTV_SOURCE_<NAME>_URL` and `JTV_SOURCE_<NAME>_KIND`,
 * plus optional `_BEARER_TOKEN`, `_BASIC_USER` + `_BASIC_PASSWORD`, `_TENANT`. The source name is
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
    definitions.push(definition);
  }
  return definitions;
}
