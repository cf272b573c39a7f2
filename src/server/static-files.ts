/**
 * Serves the built app from `dist/`, with a single-page-app fallback: a path that names no file
 * and has no file extension (a client route such as `/tempo/trace/<id>`), or any missing path
 * outside /assets/ that a browser navigates to (`Accept: text/html`, e.g. `/sample/x.json`),
 * gets `index.html`.
 *
 * Containment: each raw path segment is percent-decoded on its own and refused (400) if it is
 * `.` or `..` or contains `/`, `\`, NUL or a colon, or if decoding fails; the joined path is then
 * checked again to lie inside the dist directory. So `/../../etc/passwd`, `%2e%2e`, `%2f` and
 * `..\\` cannot leave dist/.
 *
 * Headers: every answer has `X-Content-Type-Options: nosniff`, files also
 * `Cross-Origin-Resource-Policy: same-origin` (no other site may embed or read them); HTML gets a Content-Security-Policy
 * allowing only the app's own scripts, workers, styles and API (plus blob: workers and data:/blob:
 * images), and no framing. Hashed files under /assets/ are cached for a year, the rest revalidated.
 */
import { createReadStream, promises as fs } from 'node:fs';
import type http from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // React Flow and inline style attributes
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const htmlHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The decoded, checked segments of a raw URL path, or undefined when the path is not acceptable. */
export function safePathSegments(rawPath: string): string[] | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  const segments: string[] = [];
  for (const raw of rawPath.split('/').slice(1)) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

function sendPlain(res: http.ServerResponse, status: number, text: string, method: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(text) });
  res.end(method === 'HEAD' ? undefined : text);
}

async function fileAt(path: string): Promise<{ size: number } | undefined> {
  try {
    const stat = await fs.stat(path);
    return stat.isFile() ? { size: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

export async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string, distDir: string): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendPlain(res, 405, 'Method not allowed.', method);
  }
  const root = resolve(distDir);
  const segments = safePathSegments(rawPath);
  if (segments === undefined) return sendPlain(res, 400, 'Bad path.', method);
  let path = resolve(root, ...segments);
  if (path !== root && !path.startsWith(root + sep)) return sendPlain(res, 400, 'Bad path.', method);

  let file = await fileAt(path);
  // A browser navigation (Accept: text/html) to a missing path is a client route too, even one
  // ending in a file name such as /sample/<file>.json or /file/<name>.json.
  const navigation = (req.headers.accept ?? '').includes('text/html') && segments[0] !== 'assets';
  if (file === undefined && segments.length > 0 && (navigation || extname(segments[segments.length - 1] ?? '') === '')) {
    path = join(root, 'index.html'); // client route: the app reads the URL itself
    file = await fileAt(path);
  } else if (file === undefined && segments.length === 0) {
    path = join(root, 'index.html');
    file = await fileAt(path);
  }
  if (file === undefined) {
    const missingApp = segments.length === 0 || extname(segments[segments.length - 1] ?? '') === '';
    return sendPlain(res, 404, missingApp ? 'The app is not built: run `npm run build` (npm start does this).' : 'Not found.', method);
  }

  const type = contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const immutable = segments[0] === 'assets' && path.startsWith(join(root, 'assets') + sep);
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': file.size,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(type.startsWith('text/html') ? htmlHeaders : {}),
  });
  if (method === 'HEAD') return void res.end();
  const stream = createReadStream(path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
