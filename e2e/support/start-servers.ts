/**
 * What the end-to-end tests run against: the real viewer server (src/server) serving the built
 * dist/, configured with `tempo-local` (bearer token from the environment), `jaeger-local`,
 * `studio-local` (Junjo AI Studio, sign-in from the environment) and `junjo-server-local` (the older
 * Junjo Server), that point at fake upstreams in this same process (fake-backends.ts).
 *
 *   npx tsx e2e/support/start-servers.ts <port>
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/http-server.ts';
import { ingestWait } from '../../src/server/sources/junjo-common.ts';
import { jaegerSource, tempoSource, tempoToken, tempoTokenEnv } from './backend-data.ts';
import * as junjoData from './backend-data.ts';
import { startFakeBackends, startFakeJunjoBackends } from './fake-backends.ts';

const port = process.argv[2] ?? '4179';
const { tempo, jaeger } = await startFakeBackends();
const { studio, junjoServer } = await startFakeJunjoBackends();
// Unknown ids are asked again after a few seconds in production; shorter here, so lookups stay quick.
ingestWait.delaysMs = [200, 400];
const junjoSignIn = { emailEnv: junjoData.studioEmailEnv, passwordEnv: junjoData.studioPasswordEnv };

const dir = mkdtempSync(join(tmpdir(), 'jtv-e2e-'));
const configFile = join(dir, 'junjo-viewer.config.json');
writeFileSync(
  configFile,
  JSON.stringify({
    server: { timeoutMs: 10_000 },
    sources: [
      { name: tempoSource, kind: 'tempo', url: tempo.url, bearerTokenEnv: tempoTokenEnv },
      { name: jaegerSource, kind: 'jaeger', url: jaeger.url },
      { name: junjoData.studioSource, kind: 'junjo-studio', url: studio.url, signIn: junjoSignIn, uiUrl: junjoData.studioUiUrl },
      { name: junjoData.junjoServerSource, kind: 'junjo-server', url: junjoServer.url, signIn: junjoSignIn },
    ],
  }),
);

const config = loadConfig(['--config', configFile, '--port', port, '--host', '127.0.0.1', '--dist', resolve('dist')], { [tempoTokenEnv]: tempoToken, [junjoData.studioEmailEnv]: junjoData.studioEmail, [junjoData.studioPasswordEnv]: junjoData.studioPassword }, dir);
if (!config.ok) {
  console.error(`e2e servers: ${config.message}`);
  process.exit(1);
}
const { server, url } = await startServer(config.value, { log: (line) => console.error(`[api] ${line}`) });
console.log(`e2e: viewer on ${url}/ (tempo-local → ${tempo.url}, jaeger-local → ${jaeger.url})`);

const stop = (): void => {
  server.closeAllConnections();
  server.close();
  void Promise.all([tempo.close(), jaeger.close(), studio.close(), junjoServer.close()]).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
