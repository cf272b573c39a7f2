import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safePathSegments } from './static-files.ts';
import { rawGet, startViewer, type Viewer } from './test-support.ts';

let viewer: Viewer;
beforeAll(async () => {
  viewer = await startViewer({ sources: [] });
});
afterAll(() => viewer.close());

const get = (path: string, method?: string) => rawGet(viewer.url, path, method ? { method } : {});

describe('static files', () => {
  it('serves index.html with security headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(res.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "script-src 'self'", "worker-src 'self' blob:", "style-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'"])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  });

  it('falls back to index.html for client routes, but not for missing files', async () => {
    const route = await get('/tempo-prod/trace/4290b5877a9930de79bb428365398ecc?span=00f067aa0ba902b7');
    expect(route.status).toBe(200);
    expect(route.text).toContain('<div id="root">');
    expect(route.headers['content-security-policy']).toBeDefined();
    expect((await get('/assets/missing-5678.js')).status).toBe(404);
  });

  it('falls back to index.html for a page navigation to a route ending in a file name', async () => {
    const page = await rawGet(viewer.url, '/sample/plain-http-service.json', { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    expect((await get('/sample/plain-http-service.json')).status).toBe(404);
    expect((await rawGet(viewer.url, '/assets/missing-5678.js', { headers: { Accept: 'text/html' } })).status).toBe(404);
  });

  it('serves hashed assets with a content type, nosniff and long caching', async () => {
    const res = await get('/assets/app-1234.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toContain('immutable');
    const head = await get('/assets/app-1234.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect((await get('/', 'POST')).status).toBe(405);
  });

  it.each([
    '/../../etc/passwd',
    '/../outside-secret.txt',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e/outside-secret.txt',
    '/%2E%2E/outside-secret.txt',
    '/assets/..%2f..%2foutside-secret.txt',
    '/assets/%2e%2e/%2e%2e/outside-secret.txt',
    '/..%5coutside-secret.txt',
    '/..\\outside-secret.txt',
    '//etc/passwd',
    '/%252e%252e/outside-secret.txt',
    '/assets/app-1234.js%00.html',
    '/%c0%ae%c0%ae/outside-secret.txt',
    '/C:/Windows/win.ini',
  ])('cannot escape dist/ with %s', async (path) => {
    const res = await get(path);
    expect(res.text).not.toContain('root:');
    expect(res.text).not.toContain('OUTSIDE-DIST');
    expect([200, 400, 404]).toContain(res.status);
    if (res.status === 200) expect(res.text).toContain('<div id="root">'); // only ever the app itself
  });
});

describe('safePathSegments', () => {
  it.each([
    ['/', []],
    ['/a/b.js', ['a', 'b.js']],
    ['/a%20b', ['a b']],
    ['//a//b', ['a', 'b']],
  ])('reads %s', (path, expected) => expect(safePathSegments(path)).toEqual(expected));
  it.each(['/..', '/a/../b', '/%2e%2e', '/a%2fb', '/a%5cb', '/a\\b', '/%00', '/%zz', 'relative', 'http://x/y', '/c:'])('refuses %s', (path) =>
    expect(safePathSegments(path)).toBeUndefined(),
  );
});
