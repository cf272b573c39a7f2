/**
 * The viewer's one HTTP server: `/api/…` goes to api-routes.ts, everything else to the built app
 * (static-files.ts). Protections every route shares, API and receivers alike:
 *
 * - API requests must carry an allowed Host and must not come from another site
 *   (request-guards.ts);
 * - a client that stops reading its answer is dropped after `writeTimeoutMs`
 *   (slow-client-guard.ts), and answers being sent hold at most `maxHeldResponseBytes` in total
 *   (response-budget.ts);
 * - every answer says no powerful browser features are wanted (Permissions-Policy);
 * - every line of the server log is redacted of all configured secrets.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi, sendError, type ApiContext } from './api-routes.ts';
import { apiError } from './api-errors.ts';
import type { ServerConfig } from './config.ts';
import { openLocalSource, type LocalState } from './local-source.ts';
import { redactText } from './redact.ts';
import { crossSiteRefusal, hostAllowed, hostRefused } from './request-guards.ts';
import { ResponseBudget } from './response-budget.ts';
import { dropIfNotReading } from './slow-client-guard.ts';
import { fetchThread } from './sources/fetch-thread.ts';
import { serveStatic } from './static-files.ts';

export interface ServerOptions {
  readonly log?: (line: string) => void;
  /** The local store, when the caller opened it (main.ts shares it with the receivers); else opened from config.store and closed with the server. */
  readonly local?: LocalState;
}

export const defaultWriteTimeoutMs = 20_000;
/**
 * Room for two large traces being sent at once (56 MB each, bench-server §3) and small answers.
 * Each different answer held adds its size to the server's memory (a hundred clients that do not
 * read one 56 MB trace: about 210 MB of RSS, bench-server §2; was 256 MiB, which let four
 * different ones be held). Upstream answers still being fetched are not counted here (each
 * source's maxConcurrent bounds them). An answer larger than this alone is still sent
 * (response-budget.ts).
 */
export const defaultMaxHeldResponseBytes = 128 * 1024 * 1024;
const permissionsPolicy = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()';

function createAppServer(config: ServerConfig, local: LocalState, options: ServerOptions = {}): { server: http.Server; responses: ResponseBudget } {
  const secrets = [...new Set([...config.sources.flatMap((source) => source.secrets), ...config.receivers.apiKeys])].sort((a, b) => b.length - a.length);
  const write = options.log ?? (() => undefined);
  const ctx: ApiContext = {
    sources: config.sources,
    secrets,
    log: (line) => write(redactText(line, secrets)),
    responses: new ResponseBudget(config.maxHeldResponseBytes ?? defaultMaxHeldResponseBytes),
    local,
  };
  // With upstreams to ask, their thread starts now (requests run inline until it is ready).
  if (config.sources.length > 0) void fetchThread.started();
  const writeTimeoutMs = config.writeTimeoutMs ?? defaultWriteTimeoutMs;
  const server = http.createServer((req, res) => {
    dropIfNotReading(res, writeTimeoutMs);
    res.setHeader('Permissions-Policy', permissionsPolicy);
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? '' : target.slice(queryAt + 1);
    const handle = async (): Promise<void> => {
      if (rawPath === '/api' || rawPath.startsWith('/api/')) {
        if (!hostAllowed(req.headers.host, config.allowedHosts)) return sendError(res, hostRefused(), ctx);
        const crossSite = crossSiteRefusal(req);
        if (crossSite !== undefined) return sendError(res, crossSite, ctx);
        return handleApi(req, res, rawPath, rawQuery, ctx);
      }
      return serveStatic(req, res, rawPath, config.distDir);
    };
    handle().catch((error: unknown) => {
      ctx.log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendError(res, apiError('upstream-error', 'The viewer server failed unexpectedly.', 'See the server log.'), ctx);
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  return { server, responses: ctx.responses };
}
/** Starts the server; resolves with the address it listens on (port 0 picks a free port). */
export function startServer(config: ServerConfig, options: ServerOptions = {}): Promise<{ server: http.Server; url: string; local: LocalState; responses: ResponseBudget }> {
  const local = options.local ?? openLocalSource(config.store, options.log);
  const { server, responses } = createAppServer(config, local, options);
  if (options.local === undefined && local.ok) server.on('close', () => local.source.close());
  return new Promise((resolveStart, reject) => {
    server.once('error', (error) => {
      if (options.local === undefined && local.ok) local.source.close();
      reject(error);
    });
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolveStart({ server, url: `http://${host}:${address.port}`, local, responses });
    });
  });
}
