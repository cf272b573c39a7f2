/**
 * The viewer's one HTTP server: `/api/…` goes to api-routes.ts, everything else to the built app
 * (static-files.ts). API requests must carry an allowed Host header (config.allowedHosts; by
 * default loopback names when bound to loopback), so a web page cannot reach the API, and
 * through it the credentialed upstreams, by DNS rebinding.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiError } from './api-errors.ts';
import { handleApi, sendError, type ApiContext } from './api-routes.ts';
import type { ServerConfig } from './config.ts';
import { openLocalSource, type LocalState } from './local-source.ts';
import { serveStatic } from './static-files.ts';

export interface ServerOptions {
  readonly log?: (line: string) => void;
  /** The local store, when the caller opened it (main.ts shares it with the receivers); else opened from config.store and closed with the server. */
  readonly local?: LocalState;
}

function hostAllowed(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  if (hostHeader === undefined) return false;
  const host = hostHeader.toLowerCase().replace(/:\d+$/, '');
  return allowed.includes(host);
}

function createAppServer(config: ServerConfig, local: LocalState, options: ServerOptions = {}): http.Server {
  const ctx: ApiContext = {
    sources: config.sources,
    secrets: [...new Set([...config.sources.flatMap((source) => source.secrets), ...config.receivers.apiKeys])].sort((a, b) => b.length - a.length),
    log: options.log ?? (() => undefined),
    local,
  };
  const server = http.createServer((req, res) => {
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? '' : target.slice(queryAt + 1);
    const handle = async (): Promise<void> => {
      if (rawPath === '/api' || rawPath.startsWith('/api/')) {
        if (!hostAllowed(req.headers.host, config.allowedHosts))
          return sendError(res, apiError('host-not-allowed', 'This Host name is not allowed to use the API.', 'Open the viewer through localhost, or add the name to "allowedHosts" (JTV_ALLOWED_HOSTS).'), ctx);
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
  return server;
}

/** Starts the server; resolves with the address it listens on (port 0 picks a free port). */
export function startServer(config: ServerConfig, options: ServerOptions = {}): Promise<{ server: http.Server; url: string; local: LocalState }> {
  const local = options.local ?? openLocalSource(config.store, options.log);
  const server = createAppServer(config, local, options);
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
      resolveStart({ server, url: `http://${host}:${address.port}`, local });
    });
  });
}
