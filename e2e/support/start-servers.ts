/**
 * What the end-to-end tests run against: the real viewer server (src/server) serving the built
 * dist/, configured with two sources, `tempo-local` (bearer token from the environment) and
 * `jaeger-local`, that point at fake upstreams in this same process (fake-backends.ts).
 *
 *   npx tsx e2e/support/start-servers.ts <port>
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/http-server.ts';
import { jaegerSource, tempoSource, tempoToken, tempoTokenEnv } from './backend-data.ts';
import { startFakeBackends } from './fake-backends.ts';

const port = process.argv[2] ?? '4179';
const { tempo, jaeger } = await startFakeBackends();

const dir = mkdtempSync(join(tmpdir(), 'jtv-e2e-'));
const configFile = join(dir, 'junjo-viewer.config.json');
writeFileSync(
  configFile,
  JSON.stringify({
    server: { timeoutMs: 10_000 },
    sources: [
      { name: tempoSource, kind: 'tempo', url: tempo.url, bearerTokenEnv: tempoTokenEnv },
      { name: jaegerSource, kind: 'jaeger', url: jaeger.url },
    ],
  }),
);

const config = loadConfig(['--config', configFile, '--port', port, '--host', '127.0.0.1', '--dist', resolve('dist')], { [tempoTokenEnv]: tempoToken }, dir);
if (!config.ok) {
  console.error(`e2e servers: ${config.message}`);
  process.exit(1);
}
const { server, url } = await startServer(config.value, { log: (line) => console.error(`[api] ${line}`) });
console.log(`e2e: viewer on ${url}/ (tempo-local → ${tempo.url}, jaeger-local → ${jaeger.url})`);

const stop = (): void => {
  server.closeAllConnections();
  server.close();
  void Promise.all([tempo.close(), jaeger.close()]).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
