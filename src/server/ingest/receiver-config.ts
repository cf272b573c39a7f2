/**
 * Configuration of the store and the OTLP receivers, from flags, environment and the config
 * file's "store" and "receivers" sections (config.ts calls this; flags beat env beat the file):
 *
 *   --data <dir|:memory:>       JTV_DATA             store folder; default ./.junjo-viewer (":memory:": keep nothing)
 *   --retention-days <n>        JTV_RETENTION_DAYS   default 7
 *   --retention-mb <n>          JTV_RETENTION_MB     default 1024 (span text kept)
 *   --receivers on|off          JTV_RECEIVERS        default on
 *   --receiver-host <addr>      JTV_RECEIVER_HOST    default 127.0.0.1
 *   --grpc-port <n|off>         JTV_GRPC_PORT        OTLP/gRPC, default 4317
 *   --otlp-http-port <n|off>    JTV_OTLP_HTTP_PORT   OTLP/HTTP, default 4318
 *   --junjo-ports <list|none>   JTV_JUNJO_PORTS      more OTLP/gRPC ports, default 50051,26155
 *   --api-keys-file <path>      JTV_API_KEYS_FILE    one key per line
 *                               JTV_API_KEYS         keys, comma separated
 *                               JTV_CORS_ORIGINS     origins allowed to POST /v1/traces from a browser
 *
 * API keys never come from the config file itself (it names a file at most).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface StoreConfig {
  /** A folder, or ":memory:". */
  readonly location: string;
  readonly retention: { readonly maxAgeMs: number; readonly maxBytes: number };
  /** A run without its root span that receives nothing for this long reads "incomplete". */
  readonly incompleteAfterMs: number;
}

export interface ReceiverConfig {
  readonly enabled: boolean;
  readonly host: string;
  /** OTLP/gRPC ports: the standard one first, then the Junjo ones. */
  readonly grpcPorts: readonly { readonly port: number; readonly label: string }[];
  readonly httpPort: number | null;
  readonly apiKeys: readonly string[];
  readonly corsOrigins: readonly string[];
  /** Largest message accepted, after decompression. */
  readonly maxMessageBytes: number;
}

type Result<T> = { ok: true; value: T } | { ok: false; message: string };
type Json = Record<string, unknown>;
const fail = (message: string): Result<never> => ({ ok: false, message });
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export const receiverFlags = ['data', 'retention-days', 'retention-mb', 'incomplete-after-s', 'receivers', 'receiver-host', 'grpc-port', 'otlp-http-port', 'junjo-ports', 'api-keys-file'] as const;

interface Inputs {
  readonly flags: Readonly<Record<string, string>>;
  readonly env: NodeJS.ProcessEnv;
  readonly file: Json;
  readonly cwd: string;
}

/** The first of flag, env, file value that is given, with where it came from. */
function pick(inputs: Inputs, flag: string, env: string, section: Json, key: string): { value: unknown; where: string } | undefined {
  if (inputs.flags[flag] !== undefined) return { value: inputs.flags[flag], where: `--${flag}` };
  if (inputs.env[env] !== undefined && inputs.env[env] !== '') return { value: inputs.env[env], where: env };
  if (section[key] !== undefined) return { value: section[key], where: `config file ${key}` };
  return undefined;
}

function positive(found: { value: unknown; where: string } | undefined, fallback: number): Result<number> {
  if (!found) return { ok: true, value: fallback };
  const n = typeof found.value === 'string' && /^\d+(\.\d+)?$/.test(found.value) ? Number(found.value) : found.value;
  if (typeof n !== 'number' || !(n > 0) || !Number.isFinite(n)) return fail(`${found.where}: must be a positive number.`);
  return { ok: true, value: n };
}

function port(found: { value: unknown; where: string } | undefined, fallback: number | null): Result<number | null> {
  if (!found) return { ok: true, value: fallback };
  if (found.value === 'off' || found.value === 'none' || found.value === false) return { ok: true, value: null };
  const n = typeof found.value === 'string' && /^\d+$/.test(found.value) ? Number(found.value) : found.value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 65535) return fail(`${found.where}: a port is a number from 0 to 65535, or "off".`);
  return { ok: true, value: n };
}

export function loadStoreConfig(inputs: Inputs): Result<StoreConfig> {
  const section = inputs.file.store === undefined ? {} : inputs.file.store;
  if (!isObject(section)) return fail('"store" in the config file must be an object.');
  const data = pick(inputs, 'data', 'JTV_DATA', section, 'data');
  if (data && (typeof data.value !== 'string' || data.value === '')) return fail(`${data.where}: give a folder, or ":memory:".`);
  const location = data === undefined ? resolve(inputs.cwd, '.junjo-viewer') : data.value === ':memory:' ? ':memory:' : resolve(inputs.cwd, data.value as string);
  const days = positive(pick(inputs, 'retention-days', 'JTV_RETENTION_DAYS', section, 'retentionDays'), 7);
  if (!days.ok) return days;
  const mb = positive(pick(inputs, 'retention-mb', 'JTV_RETENTION_MB', section, 'retentionMb'), 1024);
  if (!mb.ok) return mb;
  const quiet = positive(pick(inputs, 'incomplete-after-s', 'JTV_INCOMPLETE_AFTER_S', section, 'incompleteAfterSeconds'), 300);
  if (!quiet.ok) return quiet;
  return {
    ok: true,
    value: { location, retention: { maxAgeMs: days.value * 24 * 3600 * 1000, maxBytes: mb.value * 1024 * 1024 }, incompleteAfterMs: quiet.value * 1000 },
  };
}

const list = (text: string): string[] => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

export function loadReceiverConfig(inputs: Inputs): Result<ReceiverConfig> {
  const section = inputs.file.receivers === undefined ? {} : inputs.file.receivers;
  if (!isObject(section)) return fail('"receivers" in the config file must be an object.');
  if ('apiKeys' in section || 'apiKey' in section)
    return fail('API keys do not belong in the config file: set JTV_API_KEYS, or name a file of keys with "apiKeysFile" (or --api-keys-file).');
  const enabledRaw = pick(inputs, 'receivers', 'JTV_RECEIVERS', section, 'enabled');
  let enabled = true;
  if (enabledRaw) {
    const v = enabledRaw.value;
    if (v === 'off' || v === 'false' || v === '0' || v === false) enabled = false;
    else if (!(v === 'on' || v === 'true' || v === '1' || v === true)) return fail(`${enabledRaw.where}: "on" or "off".`);
  }
  const hostRaw = pick(inputs, 'receiver-host', 'JTV_RECEIVER_HOST', section, 'host');
  if (hostRaw && (typeof hostRaw.value !== 'string' || hostRaw.value === '')) return fail(`${hostRaw.where}: an address such as 127.0.0.1.`);
  const host = (hostRaw?.value as string | undefined) ?? '127.0.0.1';

  const grpc = port(pick(inputs, 'grpc-port', 'JTV_GRPC_PORT', section, 'grpcPort'), 4317);
  if (!grpc.ok) return grpc;
  const http = port(pick(inputs, 'otlp-http-port', 'JTV_OTLP_HTTP_PORT', section, 'httpPort'), 4318);
  if (!http.ok) return http;
  const junjoRaw = pick(inputs, 'junjo-ports', 'JTV_JUNJO_PORTS', section, 'junjoPorts');
  let junjoPorts: number[] = [50051, 26155];
  if (junjoRaw) {
    const items = Array.isArray(junjoRaw.value) ? junjoRaw.value : typeof junjoRaw.value === 'string' ? (junjoRaw.value === 'none' || junjoRaw.value === 'off' ? [] : list(junjoRaw.value)) : null;
    if (items === null) return fail(`${junjoRaw.where}: a list of ports such as 50051,26155, or "none".`);
    junjoPorts = [];
    for (const item of items) {
      const p = port({ value: item, where: junjoRaw.where }, null);
      if (!p.ok) return p;
      if (p.value !== null) junjoPorts.push(p.value);
    }
  }
  const grpcPorts = [
    ...(grpc.value === null ? [] : [{ port: grpc.value, label: 'OTLP/gRPC' }]),
    ...junjoPorts.map((p) => ({ port: p, label: p === 50051 ? 'OTLP/gRPC, Junjo Server port' : p === 26155 ? 'OTLP/gRPC, Junjo AI Studio port' : 'OTLP/gRPC' })),
  ];

  const apiKeys = list(inputs.env.JTV_API_KEYS ?? '');
  const keysFile = pick(inputs, 'api-keys-file', 'JTV_API_KEYS_FILE', section, 'apiKeysFile');
  if (keysFile) {
    if (typeof keysFile.value !== 'string') return fail(`${keysFile.where}: the path of a file with one API key per line.`);
    const path = resolve(inputs.cwd, keysFile.value);
    try {
      apiKeys.push(...readFileSync(path, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#')));
    } catch {
      return fail(`${keysFile.where}: cannot read the API key file ${path}.`);
    }
  }
  const corsRaw = inputs.env.JTV_CORS_ORIGINS !== undefined ? list(inputs.env.JTV_CORS_ORIGINS) : section.corsOrigins;
  if (corsRaw !== undefined && (!Array.isArray(corsRaw) || corsRaw.some((o) => typeof o !== 'string' || !/^https?:\/\/[^/\s]+$/.test(o))))
    return fail('CORS origins (JTV_CORS_ORIGINS or receivers.corsOrigins) are like http://localhost:5173, without a path.');
  return {
    ok: true,
    value: { enabled, host, grpcPorts, httpPort: http.value, apiKeys: [...new Set(apiKeys)], corsOrigins: (corsRaw as string[] | undefined) ?? [], maxMessageBytes: 64 * 1024 * 1024 },
  };
}
