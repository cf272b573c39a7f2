/**
 * Server configuration from, in order of precedence: CLI flags, environment variables, the config
 * file, defaults. Sources come from the config file's `sources`, then `JTV_SOURCES` (a JSON array
 * of the same objects), then `JTV_SOURCE_<NAME>_URL`/`_KIND`… variables (source-config.ts).
 *
 *   --config <path> | JTV_CONFIG   config file; default ./junjo-viewer.config.json if it exists
 *   --port <n>      | PORT         default 8080 (0 = any free port)
 *   --host <addr>   | HOST         default 127.0.0.1
 *   --dist <dir>    | JTV_DIST     the built app; default <repo>/dist
 *   --allowed-hosts <a,b> | JTV_ALLOWED_HOSTS   extra Host header names the API accepts (comma
 *                                  separated; added to the config file's "allowedHosts")
 *
 * The API always accepts loopback names (localhost, 127.0.0.1, [::1]) and IP addresses as Host,
 * whatever address the server binds to (0.0.0.0 included): a DNS-rebinding page can only send
 * its own domain name. Any other name must be listed.
 *
 * Config file:
 *   { "server": { "port": 8080, "host": "127.0.0.1", "allowedHosts": ["viewer.internal"],
 *                 "timeoutMs": 30000, "connectTimeoutMs": 5000, "maxResponseBytes": 67108864,
 *                 "maxConcurrent": 4, "maxQueued": 16,            (each source's bulkhead)
 *                 "writeTimeoutMs": 20000,    (drop a client that reads nothing for this long)
 *                 "maxHeldResponseBytes": 134217728 },  (answers held for clients, in total)
 *     "sources": [ { "name": "tempo", "kind": "tempo", "url": "http://localhost:3200" } ] }
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReceiverConfig, loadStoreConfig, receiverFlags, type ReceiverConfig, type StoreConfig } from './ingest/receiver-config.ts';
import { resolveSource, sourcesFromPrefixedEnv, type ConfigResult, type Limits, type ResolvedSource } from './sources/source-config.ts';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly distDir: string;
  /** Host header names accepted for the API besides IP addresses (guards against DNS rebinding). */
  readonly allowedHosts: readonly string[];
  /** A client whose answer makes no progress for this long is dropped (default 20 s). */
  readonly writeTimeoutMs?: number;
  /** Bytes held for answers being sent, in total (default 128 MiB); more gets 503. */
  readonly maxHeldResponseBytes?: number;
  readonly sources: readonly ResolvedSource[];
  /** The local store (the source named "local"). */
  readonly store: StoreConfig;
  /** The OTLP receivers that write into it. */
  readonly receivers: ReceiverConfig;
}

/** The store's source name; no configured source may take it. */
export const localSourceName = 'local';

const defaultLimits: Limits = { connectTimeoutMs: 5_000, timeoutMs: 30_000, maxResponseBytes: 64 * 1024 * 1024, maxConcurrent: 4, maxQueued: 16 };
const defaultConfigFile = 'junjo-viewer.config.json';
const defaultDist = fileURLToPath(new URL('../../dist', import.meta.url));

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const fail = (message: string): ConfigResult<never> => ({ ok: false, message });

/** `--name value` and `--name=value` flags. Unknown flags are an error. */
function parseArgs(argv: readonly string[]): ConfigResult<Record<string, string>> {
  const known = new Set<string>(['config', 'port', 'host', 'dist', 'allowed-hosts', ...receiverFlags]);
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1] || !known.has(match[1]))
      return fail(`Unknown argument "${arg}". Flags: --config <file>, --port <n>, --host <addr>, --dist <dir>, --allowed-hosts <name,name>, ${receiverFlags.map((f) => `--${f}`).join(', ')} (see README).`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) return fail(`--${match[1]} needs a value.`);
    flags[match[1]] = value;
  }
  return { ok: true, value: flags };
}

function readConfigFile(path: string | undefined, cwd: string): ConfigResult<Json> {
  const file = path !== undefined ? resolve(cwd, path) : resolve(cwd, defaultConfigFile);
  if (path === undefined && !existsSync(file)) return { ok: true, value: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return fail(`Cannot read the config file ${file}. Check the path given with --config or JTV_CONFIG.`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isObject(parsed)) return fail(`${file}: the config must be a JSON object with "sources" (and optionally "server").`);
    return { ok: true, value: parsed };
  } catch (error) {
    return fail(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function parsePort(raw: unknown, where: string): ConfigResult<number> {
  const port = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) return fail(`${where}: the port must be a number from 0 to 65535.`);
  return { ok: true, value: port };
}

/** Builds the whole server configuration. Pure apart from reading the config file. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): ConfigResult<ServerConfig> {
  const args = parseArgs(argv);
  if (!args.ok) return args;
  const file = readConfigFile(args.value.config ?? env.JTV_CONFIG, cwd);
  if (!file.ok) return file;
  const server = file.value.server === undefined ? {} : file.value.server;
  if (!isObject(server)) return fail('"server" in the config file must be an object.');

  const port = parsePort(args.value.port ?? env.PORT ?? server.port ?? 8080, args.value.port ? '--port' : env.PORT ? 'PORT' : 'server.port');
  if (!port.ok) return port;
  const host = args.value.host ?? env.HOST ?? (typeof server.host === 'string' ? server.host : '127.0.0.1');
  const distDir = resolve(cwd, args.value.dist ?? env.JTV_DIST ?? (typeof server.distDir === 'string' ? server.distDir : defaultDist));

  const limits: { -readonly [K in keyof Limits]: number } = { ...defaultLimits };
  for (const key of ['connectTimeoutMs', 'timeoutMs', 'maxResponseBytes', 'maxConcurrent', 'maxQueued'] as const) {
    const value = server[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0) || (key.startsWith('maxQ') || key.startsWith('maxC') ? !Number.isInteger(value) : false))
      return fail(`server.${key} must be a positive ${key.startsWith('maxQ') || key.startsWith('maxC') ? 'whole ' : ''}number.`);
    limits[key] = value;
  }

  if (server.allowedHosts !== undefined && !(Array.isArray(server.allowedHosts) && server.allowedHosts.every((h) => typeof h === 'string')))
    return fail('server.allowedHosts must be an array of host names, e.g. ["viewer.internal"].');
  const configuredHosts = (server.allowedHosts ?? []) as string[];
  const listed = (text: string | undefined) => (text ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  const extraHosts = [...configuredHosts, ...listed(env.JTV_ALLOWED_HOSTS), ...listed(args.value['allowed-hosts'])].map((h) => h.toLowerCase());
  const badHost = extraHosts.find((h) => !/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(h));
  if (badHost !== undefined) return fail(`"${badHost.slice(0, 80)}" is not a host name (allowed hosts are names such as viewer.internal, without port or scheme).`);
  const allowedHosts = [...new Set(['localhost', '127.0.0.1', '[::1]', ...extraHosts])];

  const serverExtras: { writeTimeoutMs?: number; maxHeldResponseBytes?: number } = {};
  for (const key of ['writeTimeoutMs', 'maxHeldResponseBytes'] as const) {
    const value = server[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0)) return fail(`server.${key} must be a positive number.`);
    serverExtras[key] = value;
  }

  const definitions: { raw: unknown; where: string }[] = [];
  if (file.value.sources !== undefined) {
    if (!Array.isArray(file.value.sources)) return fail('"sources" in the config file must be an array.');
    file.value.sources.forEach((raw, i) => definitions.push({ raw, where: `config file sources[${i}]` }));
  }
  if (env.JTV_SOURCES) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.JTV_SOURCES);
    } catch {
      return fail('JTV_SOURCES must be a JSON array of source objects.');
    }
    if (!Array.isArray(parsed)) return fail('JTV_SOURCES must be a JSON array of source objects.');
    parsed.forEach((raw, i) => definitions.push({ raw, where: `JTV_SOURCES[${i}]` }));
  }
  for (const raw of sourcesFromPrefixedEnv(env)) definitions.push({ raw, where: `JTV_SOURCE_${String(raw.name).toUpperCase().replace(/-/g, '_')}_*` });

  const sources: ResolvedSource[] = [];
  for (const { raw, where } of definitions) {
    const source = resolveSource(raw, env, limits, where);
    if (!source.ok) return source;
    if (sources.some((other) => other.name === source.value.name)) return fail(`${where}: a source named "${source.value.name}" is defined twice.`);
    if (source.value.name === localSourceName) return fail(`${where}: the name "${localSourceName}" belongs to the viewer's own store; choose another name.`);
    sources.push(source.value);
  }
  const store = loadStoreConfig({ flags: args.value, env, file: file.value, cwd });
  if (!store.ok) return store;
  const receivers = loadReceiverConfig({ flags: args.value, env, file: file.value, cwd });
  if (!receivers.ok) return receivers;
  return { ok: true, value: { port: port.value, host, distDir, allowedHosts, sources, ...serverExtras, store: store.value, receivers: receivers.value } };
}
