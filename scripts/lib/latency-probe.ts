/**
 * The measuring client of `npm run bench:server` section 3, in a process of its own: the
 * process that generates the load (the fake upstream serving a 56 MB answer, the clients reading
 * the viewer's copies of it) pauses for its own garbage collection and socket work, and a probe
 * in that same process counted those pauses as the viewer's latency.
 *
 * Exports are pre-encoded and sent as bench:ingest's sender sends them (a raw HTTP/2 gRPC client,
 * http.request with keep-alive), so the figures are the viewer's and not grpc-js' client's.
 *
 * `tsx scripts/lib/latency-probe.ts <json>` with { grpc, http, viewer, ms, warmup }: sends a few
 * unmeasured exports and run-list requests first (`warmup`), then for `ms` one OTLP/gRPC export,
 * one OTLP/HTTP protobuf export and one run-list request every 100 ms, and prints one JSON line:
 * { grpc: ms[], httpProto: ms[], list: ms[], failed: string[] }.
 */
import { timedGet } from './bench-http.ts';
import { g3SampleSpans } from './junjo-samples.ts';
import { preencoder, rawHttp2GrpcSender, rawHttpSender } from './raw-otlp-sender.ts';

interface ProbeOptions {
  readonly grpc: string;
  readonly http: string;
  readonly viewer: string;
  readonly ms: number;
  readonly warmup: number;
  readonly prefix: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as ProbeOptions;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const next = preencoder(g3SampleSpans(), 22, options.prefix);
const grpcSender = rawHttp2GrpcSender(options.grpc);
const httpSender = rawHttpSender(options.http, 2);
const grpc: number[] = [];
const httpProto: number[] = [];
const list: number[] = [];
const failed: string[] = [];

async function round(record: boolean): Promise<void> {
  const timed = async (into: number[], label: string, send: () => Promise<string | null>) => {
    const started = performance.now();
    const error = await send();
    if (error) failed.push(`${label} ${error}`);
    if (record) into.push(performance.now() - started);
  };
  await Promise.all([
    timed(grpc, 'gRPC', () => grpcSender.send(next().body)),
    timed(httpProto, 'HTTP', () => httpSender.send(next().body)),
    timedGet(`${options.viewer}/api/sources/local/search?limit=50`).then(({ ms }) => record && list.push(ms)),
    sleep(100),
  ]);
}

for (let n = 0; n < options.warmup; n++) await round(false);
const until = performance.now() + options.ms;
while (performance.now() < until) await round(true);
grpcSender.close();
httpSender.close();
process.stdout.write(`${JSON.stringify({ grpc, httpProto, list, failed })}\n`);
