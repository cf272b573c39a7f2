/**
 * A separate process that sends the sample Junjo workflow (scripts/lib/junjo-samples.ts) with a
 * real OpenTelemetry exporter, for the receiver tests and the ingest benchmark:
 *
 *   tsx scripts/send-otlp.ts --protocol grpc|http-proto|http-json --url http://127.0.0.1:4317
 *        [--key K] [--gzip] [--runs N] [--batch 512] [--seconds S] [--concurrency C] [--trace-prefix hex]
 *
 * Sends runs under fresh trace ids (prefix + counter), `batch` spans per export (whole runs),
 * until `runs` runs or `seconds` seconds. With `--raw` (grpc and http-proto only, for the
 * benchmark), the request is encoded once by the OpenTelemetry serializer and each export is a
 * copy with new trace ids (written into the worker's previous buffer), sent by a raw HTTP/2 gRPC
 * client (`--grpc-js`: grpc-js' client) or http.request (scripts/lib/raw-otlp-sender.ts),
 * so the sender's own cost stays out of the figures. Prints one JSON line per export:
 *   {"ok":true,"traceIds":[…],"spans":n,"ms":t}  or  {"ok":false,"error":"…","ms":t}
 * and finally {"done":true,"exports":n,"spans":n,"failed":n}.
 */
import { g3SampleSpans } from './lib/junjo-samples.ts';
import { exportOnce, makeExporter, withTraceId, type Protocol } from './lib/otlp-sender.ts';
import { preencoder, rawGrpcSender, rawHttp2GrpcSender, rawHttpSender } from './lib/raw-otlp-sender.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const protocol = (arg('protocol') ?? 'grpc') as Protocol;
const url = arg('url') ?? 'http://127.0.0.1:4317';
const key = arg('key');
const runs = Number(arg('runs') ?? '1');
const seconds = Number(arg('seconds') ?? '0');
const batch = Number(arg('batch') ?? '0');
const concurrency = Number(arg('concurrency') ?? '1');
const prefix = (arg('trace-prefix') ?? Math.floor(Math.random() * 0xffffffff).toString(16)).padStart(8, '0').slice(0, 8);

const sample = g3SampleSpans();
const exporter = makeExporter({ protocol, url, ...(key !== undefined ? { apiKey: key } : {}), gzip: args.includes('--gzip') });
const perExport = batch > 0 ? Math.max(1, Math.floor(batch / sample.length)) : 1;
const deadline = seconds > 0 ? Date.now() + seconds * 1000 : Infinity;
let next = 0;
let exports = 0;
let sent = 0;
let failed = 0;

function nextBatch(): { traceIds: string[]; spans: ReturnType<typeof withTraceId> } | undefined {
  if (seconds > 0 ? Date.now() >= deadline : next >= runs) return undefined;
  const traceIds: string[] = [];
  const spans = [];
  for (let i = 0; i < perExport && (seconds > 0 || next < runs); i++) {
    const traceId = `${prefix}${(next++).toString(16).padStart(24, '0')}`;
    traceIds.push(traceId);
    spans.push(...withTraceId(sample, traceId));
  }
  return { traceIds, spans };
}

async function worker(): Promise<void> {
  for (let item = nextBatch(); item; item = nextBatch()) {
    const started = performance.now();
    const error = await exportOnce(exporter, item.spans);
    const ms = performance.now() - started;
    exports++;
    if (error === null) {
      sent += item.spans.length;
      process.stdout.write(`${JSON.stringify({ ok: true, traceIds: item.traceIds, spans: item.spans.length, ms })}\n`);
    } else {
      failed++;
      process.stdout.write(`${JSON.stringify({ ok: false, error, ms })}\n`);
    }
  }
}

async function rawWorker(next: ReturnType<typeof preencoder>, send: (body: Buffer) => Promise<string | null>): Promise<void> {
  let previous: Buffer | undefined;
  while (seconds > 0 ? Date.now() < deadline : exports * perExport < runs) {
    // The previous export was answered: its buffer is written over (no new 750 KB per export).
    const item = next(previous);
    previous = item.body;
    const started = performance.now();
    const error = await send(item.body);
    const ms = performance.now() - started;
    exports++;
    if (error === null) {
      sent += item.spans;
      process.stdout.write(`${JSON.stringify({ ok: true, traceIds: item.traceIds, spans: item.spans, ms })}\n`);
    } else {
      failed++;
      process.stdout.write(`${JSON.stringify({ ok: false, error, ms })}\n`);
    }
  }
}

if (args.includes('--raw')) {
  if (protocol === 'http-json') throw new Error('--raw sends protobuf: use --protocol grpc or http-proto');
  const next = preencoder(sample, perExport, prefix);
  const sender = protocol === 'grpc' ? (args.includes('--grpc-js') ? rawGrpcSender(url, key) : rawHttp2GrpcSender(url, key)) : rawHttpSender(url, concurrency, key);
  await Promise.all(Array.from({ length: concurrency }, () => rawWorker(next, sender.send)));
  sender.close();
} else await Promise.all(Array.from({ length: concurrency }, () => worker()));
process.stdout.write(`${JSON.stringify({ done: true, exports, spans: sent, failed, spansPerRun: sample.length })}\n`);
await exporter.shutdown();
process.exit(0);
