/**
 * `npm start` entry point: loads the configuration (config.ts), starts the server and says where
 * it listens and which sources it knows. A configuration problem is printed with what to fix,
 * and the process exits with status 1.
 */
import { loadConfig } from './config.ts';
import { startServer } from './http-server.ts';

const config = loadConfig(process.argv.slice(2), process.env);
if (!config.ok) {
  console.error(`Junjo Trace Viewer: configuration problem.\n  ${config.message}`);
  process.exit(1);
}

try {
  const { server, url } = await startServer(config.value, { log: (line) => console.error(`[api] ${line}`) });
  const sources = config.value.sources.map((s) => `${s.name} (${s.kind})`).join(', ');
  console.log(`Junjo Trace Viewer on ${url}/`);
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(config.value.host);
  const names = config.value.allowedHosts.join(', ');
  console.log(
    loopback
      ? `API Host names accepted: ${names} and IP addresses.`
      : `Listening on ${config.value.host}: the API accepts the Host names ${names} and IP addresses only (DNS-rebinding guard). To open the viewer under another name, list it: --allowed-hosts viewer.example,other.example, JTV_ALLOWED_HOSTS, or "allowedHosts" in the config file.`,
  );
  console.log(sources ? `Sources: ${sources}` : 'No Tempo or Jaeger sources configured (files and samples still work); see docs/sources.md.');
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const hint = code === 'EADDRINUSE' ? ' The port is in use: choose another with --port or PORT.' : '';
  console.error(`Junjo Trace Viewer could not start: ${(error as Error).message}.${hint}`);
  process.exit(1);
}
