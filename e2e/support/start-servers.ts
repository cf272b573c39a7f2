/**
 * What the end-to-end tests run against: the real viewer server (src/server) serving the built
 * dist/, configured with two sources, `tempo-local` (bearer token from the environment) and
 * `jaeger-local`, that point at fake upstreams in this same process (fake-backends.ts), plus the
 * local store in memory and its OTLP receivers on free ports, written to receiverPortsFile(port)
 * for the specs (receiver-ports.ts).
 *
 *   npx tsx e2e/support/start-servers.ts <port>
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/http-server.ts';
import { startReceivers } from '../../src/server/ingest/start-receivers.ts';
import { receiverPortsFile } from './receiver-ports.ts';
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

const config = loadConfig(
  ['--config', configFile, '--port', port, '--host', '127.0.0.1', '--dist', resolve('dist'), '--data', ':memory:', '--grpc-port', '0', '--otlp-http-port', '0', '--junjo-ports', 'none'],
  { [tempoTokenEnv]: tempoToken },
  dir,
);
if (!config.ok) {
  console.error(`e2e servers: ${config.message}`);
  process.exit(1);
}
const { server, url, local } = await startServer(config.value, { log: (line) => console.error(`[api] ${line}`) });
if (!local.ok) throw new Error(local.message);
const receivers = await startReceivers(config.value.receivers, local.source.queue, (line) => console.error(`[ingest] ${line}`));
const grpcPort = receivers.listening.find((l) => l.protocol === 'grpc')?.port;
const httpPort = receivers.listening.find((l) => l.protocol === 'http')?.port;
writeFileSync(receiverPortsFile(port), JSON.stringify({ grpcPort, httpPort }));
console.log(`e2e: viewer on ${url}/ (tempo-local → ${tempo.url}, jaeger-local → ${jaeger.url}, OTLP/gRPC ${grpcPort}, OTLP/HTTP ${httpPort})`);

const stop = (): void => {
  server.closeAllConnections();
  server.close();
  void Promise.all([tempo.close(), jaeger.close(), receivers.close()]).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
