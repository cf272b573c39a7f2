/**
 * `npm run bench:ingest [-- --seconds 60]`: the viewer (`src/server/main.ts`, store in a temporary
 * folder) in one process, the sender (scripts/send-otlp.ts, real OpenTelemetry exporters) in
 * another, exporting the sample Junjo run in batches of 512 spans for `seconds` through OTLP/gRPC,
 * then through OTLP/HTTP protobuf. Prints per protocol: spans/s accepted, p50/p99 export latency,
 * the server's peak RSS, and spans lost (acknowledged but not in the store; must be 0), with the
 * machine's load average (the figures depend on what else runs).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSender, startViewerProcess, type SendLine } from '../src/server/ingest/ingest-test-support.ts';
import { TraceStore } from '../src/server/store/trace-store.ts';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 60) || 60;
const concurrency = Number(args[args.indexOf('--concurrency') + 1] || 4) || 4;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function bench(protocol: 'grpc' | 'http-proto'): Promise<void> {
  const data = mkdtempSync(join(tmpdir(), 'jtv-bench-'));
  const viewer = await startViewerProcess(['--data', data, '--retention-mb', '100000']);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(viewer.child.pid!))), 250);
  const port = protocol === 'grpc' ? viewer.grpcPort : viewer.httpPort;
  const load = loadavg()[0]!.toFixed(1);
  const started = performance.now();
  const lines: SendLine[] = await runSender(['--protocol', protocol, '--url', `http://127.0.0.1:${port}`, '--seconds', String(seconds), '--batch', '512', '--concurrency', String(concurrency)]).done;
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const ok = lines.filter((l) => l.ok);
  const failed = lines.filter((l) => l.ok === false).length;
  const spans = ok.reduce((n, l) => n + (l.spans ?? 0), 0);
  const latencies = ok.map((l) => (l as SendLine & { ms: number }).ms).sort((a, b) => a - b);
  await viewer.stop();
  // Every acknowledged run, read from the store file the viewer wrote.
  const opened = TraceStore.open(data);
  if (!opened.ok) throw new Error(opened.message);
  const spanCount = opened.store.database.prepare('SELECT span_count FROM traces WHERE trace_id = ?').pluck();
  const perRun = lines.at(-1)?.spansPerRun ?? 0;
  const lost = ok.flatMap((l) => l.traceIds ?? []).reduce((n, id) => n + Math.max(0, perRun - Number(spanCount.get(id) ?? 0)), 0);
  opened.store.close();
  const checked = '';
  console.log(
    `${protocol === 'grpc' ? 'OTLP/gRPC         ' : 'OTLP/HTTP protobuf'}  ${(spans / elapsed).toFixed(0).padStart(7)} spans/s accepted over ${elapsed.toFixed(0)} s` +
      `  (${ok.length} exports of ~${ok[0]?.spans ?? 0} spans, ${failed} failed)` +
      `  latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms` +
      `  server peak RSS ${(peakRss / 1048576).toFixed(0)} MB  spans lost ${lost}${checked}  load average at start ${load}`,
  );
}

console.log(`Ingest benchmark: ${seconds} s per protocol, ${concurrency} concurrent exporters' worth of exports, batches of 512 spans, store on disk (WAL, synchronous=FULL).`);
await bench('grpc');
await bench('http-proto');
console.log(`Load average now: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores.`);
