/**
 * `npm start` entry point: loads the configuration (config.ts), starts the server and says where
 * it listens and which sources it knows. A configuration problem is printed with what to fix,
 * and the process exits with status 1.
 */
import { loadConfig } from './config.ts';
import { startServer } from './http-server.ts';
import { startReceivers, type Receivers } from './ingest/start-receivers.ts';
import { openLocalSource } from './local-source.ts';

const config = loadConfig(process.argv.slice(2), process.env);
if (!config.ok) {
  console.error(`Junjo Trace Viewer: configuration problem.\n  ${config.message}`);
  process.exit(1);
}

const log = (line: string): void => console.error(`[api] ${line}`);
const local = openLocalSource(config.value.store, (line) => console.error(`[store] ${line}`));
try {
  const { server, url } = await startServer(config.value, { log, local });
  const sources = config.value.sources.map((s) => `${s.name} (${s.kind})`).join(', ');
  console.log(`Junjo Trace Viewer on ${url}/`);
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(config.value.host);
  const names = config.value.allowedHosts.join(', ');
  console.log(
    loopback
      ? `API Host names accepted: ${names} and IP addresses.`
      : `Listening on ${config.value.host}: the API accepts the Host names ${names} and IP addresses only (DNS-rebinding guard). To open the viewer under another name, list it: --allowed-hosts viewer.example,other.example, JTV_ALLOWED_HOSTS, or "allowedHosts" in the config file.`,
  );
  if (local.ok) console.log(`Local store: ${local.source.store.file === ':memory:' ? 'in memory (nothing is kept after exit)' : local.source.store.file} (${local.source.store.traceCount()} traces)`);
  else console.error(`Local store NOT available: ${local.message}`);
  console.log(sources ? `Sources: local, ${sources}` : 'Sources: local (add Tempo, Jaeger, Junjo AI Studio or Junjo Server: see docs/sources.md).');
  let receivers: Receivers | undefined;
  if (!config.value.receivers.enabled) console.log('OTLP receivers: off (--receivers off).');
  else if (!local.ok) console.error('OTLP receivers: not started, because the local store is not available.');
  else {
    receivers = await startReceivers(config.value.receivers, local.source.queue, (line) => console.error(`[ingest] ${line}`));
    console.log(`OTLP receivers (spans go to the local store):\n${receivers.lines.join('\n')}`);
  }
  const stop = (): void => {
    void (receivers?.close() ?? Promise.resolve()).then(() => {
      server.close(() => {
        if (local.ok) local.source.close();
        process.exit(0);
      });
      server.closeAllConnections();
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const hint = code === 'EADDRINUSE' ? ' The port is in use: choose another with --port or PORT.' : '';
  console.error(`Junjo Trace Viewer could not start: ${(error as Error).message}.${hint}`);
  process.exit(1);
}
