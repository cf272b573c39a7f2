import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';

const dir = (config?: object) => {
  const d = mkdtempSync(join(tmpdir(), 'jtv-rcfg-'));
  if (config) writeFileSync(join(d, 'junjo-viewer.config.json'), JSON.stringify(config));
  return d;
};

describe('store and receiver configuration', () => {
  it('defaults: .junjo-viewer under the cwd, 7 days, 1 GiB, loopback receivers on 4317, 50051, 26155 and 4318, no keys', () => {
    const cwd = dir();
    const config = loadConfig([], {}, cwd);
    if (!config.ok) throw new Error(config.message);
    expect(config.value.store).toEqual({ location: join(cwd, '.junjo-viewer'), retention: { maxAgeMs: 7 * 86_400_000, maxBytes: 1024 * 1024 * 1024 }, incompleteAfterMs: 300_000 });
    expect(config.value.receivers).toMatchObject({ enabled: true, host: '127.0.0.1', httpPort: 4318, apiKeys: [], maxMessageBytes: 64 * 1024 * 1024 });
    expect(config.value.receivers.grpcPorts.map((p) => p.port)).toEqual([4317, 50051, 26155]);
  });

  it('flags beat env beat the file; ports can be turned off; keys come from env or a key file only', () => {
    const cwd = dir({ receivers: { grpcPort: 5317, apiKeysFile: 'keys.txt' }, store: { data: 'from-file' } });
    writeFileSync(join(cwd, 'keys.txt'), '# keys\nfile-key\n\n');
    const config = loadConfig(['--grpc-port', '6317', '--junjo-ports', 'none', '--otlp-http-port', 'off', '--data', ':memory:'], { JTV_GRPC_PORT: '7317', JTV_API_KEYS: 'a, b' }, cwd);
    if (!config.ok) throw new Error(config.message);
    expect(config.value.receivers.grpcPorts.map((p) => p.port)).toEqual([6317]);
    expect(config.value.receivers.httpPort).toBeNull();
    expect(config.value.receivers.apiKeys).toEqual(['a', 'b', 'file-key']);
    expect(config.value.store.location).toBe(':memory:');
    expect(loadConfig(['--incomplete-after-s', '30'], {}, cwd)).toMatchObject({ ok: true, value: { store: { incompleteAfterMs: 30_000 } } });
    expect(loadConfig([], { JTV_RECEIVERS: 'off' }, cwd)).toMatchObject({ ok: true, value: { receivers: { enabled: false } } });
  });

  it('says what is wrong', () => {
    expect(loadConfig(['--grpc-port', 'lots'], {}, dir())).toMatchObject({ ok: false, message: expect.stringContaining('--grpc-port') });
    expect(loadConfig([], {}, dir({ receivers: { apiKeys: ['k'] } }))).toMatchObject({ ok: false, message: expect.stringContaining('do not belong in the config file') });
    expect(loadConfig([], {}, dir({ sources: [{ name: 'local', kind: 'tempo', url: 'http://localhost:3200' }] }))).toMatchObject({ ok: false, message: expect.stringContaining('"local"') });
    expect(loadConfig(['--api-keys-file', 'missing.txt'], {}, dir())).toMatchObject({ ok: false, message: expect.stringContaining('cannot read') });
  });
});
