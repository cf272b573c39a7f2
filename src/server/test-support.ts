/**
 * Shared pieces for the server's tests (not used by the server itself): a real fake upstream on
 * 127.0.0.1:0 that records what it received, the real viewer server started from a real config
 * file, raw HTTP GETs (no URL normalization, so path tricks reach the server as written), and
 * real-format bodies built from the repository's fixtures/ folder.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from './config.ts';
import { startServer } from './http-server.ts';

const fixturesDir = resolve(import.meta.dirname, '../../fixtures');
export const fixtureText = (path: string): string => readFileSync(join(fixturesDir, path), 'utf8');
export const fixtureJson = (path: string): unknown => JSON.parse(fixtureText(path));

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
}

export type FakeHandler = (req: http.IncomingMessage, res: http.ServerResponse, path: string) => void;

export interface FakeUpstream {
  readonly url: string;
  readonly requests: RecordedRequest[];
  handler: FakeHandler;
  close(): Promise<void>;
}

export async function startFakeUpstream(handler: FakeHandler = (_req, res) => res.writeHead(404).end('404 page not found')): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const fake = {
    url: '',
    requests,
    handler,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const parsed = new URL(url, 'http://upstream');
    requests.push({ method: req.method ?? '', url, path: parsed.pathname, query: parsed.searchParams, headers: req.headers });
    fake.handler(req, res, parsed.pathname);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** A dist/ with an index.html and a hashed asset, next to a file that must never be served. */
function makeDist(): string {
  const base = mkdtempSync(join(tmpdir(), 'jtv-test-'));
  const dist = join(base, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app-1234.js"></script></body></html>');
  writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log("app");');
  writeFileSync(join(base, 'outside-secret.txt'), 'root:x:0:0:OUTSIDE-DIST');
  return dist;
}

export interface Viewer {
  readonly url: string;
  /** Open client connections, as the server counts them. */
  connections(): Promise<number>;
  /** Bytes the server holds for answers still being sent (its response budget's count). */
  heldResponseBytes(): number;
  close(): Promise<void>;
}

/** Starts the real server from a config file written to a temporary directory. */
export async function startViewer(config: object, env: NodeJS.ProcessEnv = {}, log?: (line: string) => void): Promise<Viewer> {
  const dist = makeDist();
  const dir = mkdtempSync(join(tmpdir(), 'jtv-config-'));
  writeFileSync(join(dir, 'junjo-viewer.config.json'), JSON.stringify(config));
  const loaded = loadConfig(['--port', '0', '--host', '127.0.0.1', '--dist', dist], env, dir);
  if (!loaded.ok) throw new Error(loaded.message);
  const { server, url, responses } = await startServer(loaded.value, log ? { log } : {});
  return {
    url,
    heldResponseBytes: () => responses.heldBytes,
    connections: () => new Promise((done, fail) => server.getConnections((error, count) => (error ? fail(error) : done(count)))),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

/** GET with the path sent exactly as given. */
export function rawGet(base: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T,>() => JSON.parse(text) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const hexOf = (base64: string): string => Buffer.from(base64, 'base64').toString('hex');

/** Tempo's real bodies: v2 `{"trace":{…}}` and v1 `{"batches":[…]}` from a resourceSpans fixture. */
export function tempoBodies(fixture: string): { traceIdHex: string; v1: string; v2: string } {
  const data = fixtureJson(fixture) as { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] };
  const base64 = data.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.traceId ?? '';
  const traceIdHex = /^[0-9a-f]{32}$/i.test(base64) ? base64.toLowerCase() : hexOf(base64);
  return {
    traceIdHex,
    v1: JSON.stringify({ batches: data.resourceSpans }),
    v2: JSON.stringify({ trace: { resourceSpans: data.resourceSpans }, metrics: { inspectedBytes: '1234' } }),
  };
}

export const json = (res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(text);
};

/** A Tempo v2 body of at least `bytes`: the fixture's resourceSpans repeated (real format). */
export function largeTempoBody(fixture: string, bytes: number): Buffer {
  const data = fixtureJson(fixture) as { resourceSpans: unknown[] };
  const one = JSON.stringify(data.resourceSpans).slice(1, -1);
  const copies = Math.ceil(bytes / one.length);
  return Buffer.from(`{"trace":{"resourceSpans":[${Array(copies).fill(one).join(',')}]}}`);
}
