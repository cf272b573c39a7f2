import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

function dirWith(config?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'jtv-cfg-'));
  if (config) writeFileSync(join(dir, 'junjo-viewer.config.json'), JSON.stringify(config));
  return dir;
}

const tempo = { name: 'tempo-prod', kind: 'tempo', url: 'https://tempo.example.com/tempo/' };

describe('loadConfig', () => {
  it('has defaults: 127.0.0.1:8080, no sources, loopback Host names only', () => {
    const config = loadConfig([], {}, dirWith());
    expect(config).toMatchObject({ ok: true, value: { port: 8080, host: '127.0.0.1', sources: [] } });
    if (config.ok) expect(config.value.allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
  });

  it('reads the config file in cwd; flags beat env, env beats the file', () => {
    const dir = dirWith({ server: { port: 9000, host: '0.0.0.0' }, sources: [tempo] });
    expect(loadConfig([], {}, dir)).toMatchObject({ ok: true, value: { port: 9000, host: '0.0.0.0', allowedHosts: ['localhost', '127.0.0.1', '[::1]'] } });
    expect(loadConfig([], { PORT: '9100', HOST: '::1' }, dir)).toMatchObject({ value: { port: 9100, host: '::1' } });
    expect(loadConfig(['--port', '9200', '--host=127.0.0.1'], { PORT: '9100' }, dir)).toMatchObject({ value: { port: 9200, host: '127.0.0.1' } });
  });

  it('reads --config or JTV_CONFIG, and says when that file is missing', () => {
    const dir = dirWith();
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ sources: [tempo] }));
    expect(loadConfig(['--config', 'other.json'], {}, dir)).toMatchObject({ ok: true, value: { sources: [{ name: 'tempo-prod' }] } });
    expect(loadConfig([], { JTV_CONFIG: join(dir, 'other.json') }, '/')).toMatchObject({ ok: true });
    expect(loadConfig(['--config', 'nope.json'], {}, dir)).toMatchObject({ ok: false, message: expect.stringContaining('Cannot read the config file') });
  });

  it('resolves credentials from the environment into headers, never from the file', () => {
    const dir = dirWith({
      sources: [
        { ...tempo, bearerTokenEnv: 'TOKEN', tenant: 'team-a' },
        { name: 'gc', kind: 'tempo', url: 'https://tempo-eu.grafana.net/tempo', basicAuth: { usernameEnv: 'GC_USER', passwordEnv: 'GC_PASS' } },
        { name: 'jaeger', kind: 'jaeger', url: 'http://jaeger:16686/jaeger', headersFromEnv: { 'X-Api-Key': 'J_KEY' }, timeoutMs: 1000 },
      ],
    });
    const config = loadConfig([], { TOKEN: 'tok-123', GC_USER: 'u1', GC_PASS: 'p4ss', J_KEY: 'key-9' }, dir);
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    const [prod, gc, jaeger] = config.value.sources;
    expect(prod?.headers).toEqual({ 'X-Scope-OrgID': 'team-a', Authorization: 'Bearer tok-123' });
    expect(prod?.baseUrl.href).toBe('https://tempo.example.com/tempo');
    expect(prod?.secrets).toContain('tok-123');
    expect(gc?.headers.Authorization).toBe(`Basic ${Buffer.from('u1:p4ss').toString('base64')}`);
    expect(gc?.secrets).toContain('p4ss');
    expect(jaeger?.headers).toEqual({ 'X-Api-Key': 'key-9' });
    expect(jaeger?.limits).toEqual({ maxConcurrent: 4, maxQueued: 16, connectTimeoutMs: 5000, timeoutMs: 1000, maxResponseBytes: 64 * 1024 * 1024 });
  });

  it('defines sources from JTV_SOURCES and JTV_SOURCE_<NAME>_* variables', () => {
    const config = loadConfig([], {
      JTV_SOURCES: JSON.stringify([{ name: 'j1', kind: 'jaeger', url: 'http://localhost:16686' }]),
      JTV_SOURCE_TEMPO_LOCAL_URL: 'http://localhost:3200',
      JTV_SOURCE_TEMPO_LOCAL_KIND: 'tempo',
      JTV_SOURCE_TEMPO_LOCAL_BEARER_TOKEN: 'tok-env',
      JTV_SOURCE_TEMPO_LOCAL_TENANT: 'acme',
    }, dirWith());
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    expect(config.value.sources.map((s) => [s.name, s.kind])).toEqual([['j1', 'jaeger'], ['tempo-local', 'tempo']]);
    expect(config.value.sources[1]?.headers).toEqual({ Authorization: 'Bearer tok-env', 'X-Scope-OrgID': 'acme' });
  });

  it.each([
    [{ sources: [{ ...tempo, url: 'https://user:pw@tempo.example.com' }] }, {}, /must not contain a user name or password/],
    [{ sources: [{ ...tempo, url: 'file:///etc/passwd' }] }, {}, /http:\/\/ or https:\/\//],
    [{ sources: [{ ...tempo, url: 'http://x?y=1' }] }, {}, /query/],
    [{ sources: [{ ...tempo, kind: 'zipkin' }] }, {}, /"kind" must be one of "tempo", "jaeger", "junjo-studio", "junjo-server"/],
    [{ sources: [{ ...tempo, name: '../x' }] }, {}, /"name"/],
    [{ sources: [tempo, tempo] }, {}, /defined twice/],
    [{ sources: [{ ...tempo, name: 'sample' }] }, {}, /viewer's own links/],
    [{ sources: [{ ...tempo, bearerTokenEnv: 'MISSING' }] }, {}, /MISSING is not set/],
    [{ sources: [{ ...tempo, headers: { Host: 'evil' } }] }, {}, /not allowed/],
    [{ sources: [{ ...tempo, headers: { Authorization: 'Bearer x' } }] }, {}, /do not put credentials/],
    [{ sources: [{ ...tempo, headersFromEnv: { 'X-A': 'V' } }] }, { V: 'a\r\nInjected: 1' }, /line break/],
    [{ sources: [{ ...tempo, maxResponseBytes: -1 }] }, {}, /positive/],
    [{ server: { port: 70000 } }, {}, /port/],
  ])('refuses a bad config (%#) with a message', (file, env, message) => {
    const config = loadConfig([], env as NodeJS.ProcessEnv, dirWith(file));
    expect(config.ok).toBe(false);
    if (!config.ok) expect(config.message).toMatch(message);
  });

  it('refuses unknown flags and bad JSON', () => {
    expect(loadConfig(['--prot', '1'], {}, dirWith())).toMatchObject({ ok: false, message: expect.stringContaining('Unknown argument') });
    expect(loadConfig([], { JTV_SOURCES: '{nope' }, dirWith())).toMatchObject({ ok: false, message: expect.stringContaining('JTV_SOURCES') });
  });
});
