/**
 * The load of `npm run bench:server` section 3, in a process of its own that bench-server.ts runs
 * at a lower priority (nice 10): a fake Tempo serving one huge trace answer for any trace id, and
 * two clients that keep asking the viewer for traces in turn (the viewer reads, checks and passes on
 * each whole answer). In use, the upstream and the browsers run on machines of their own; here they
 * share the viewer's two cores, and at equal priority their socket work was counted as the viewer's
 * latency.
 *
 * `tsx scripts/lib/huge-answer-load.ts <bytes>`; stdout, one JSON line each: { upstream } once
 * listening. stdin: a line { viewer } starts the clients; a line "stop" ends them, and the
 * process prints { answers: [{ status, ms }] } and exits.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { hugeTrace, idFor, timedGet } from './bench-http.ts';

const body = hugeTrace(Number(process.argv[2] ?? 56 * 1024 * 1024));
const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body));
await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
process.stdout.write(`${JSON.stringify({ upstream: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bytes: body.length })}\n`);

let asking = false;
const answers: { status: number; ms: number }[] = [];
let clients: Promise<void>[] = [];
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'stop') break;
  const { viewer } = JSON.parse(line) as { viewer: string };
  asking = true;
  clients = Array.from({ length: 2 }, async (_, k) => {
    for (let n = 0; asking; n++) answers.push(await timedGet(`${viewer}/api/sources/tempo/traces/${idFor(1000 * (k + 1) + n)}`));
  });
}
asking = false;
await Promise.all(clients);
process.stdout.write(`${JSON.stringify({ answers })}\n`);
server.closeAllConnections();
server.close();
process.exit(0);
