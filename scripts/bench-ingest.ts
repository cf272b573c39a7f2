/**
 * `npm run bench:ingest [-- --seconds 60 --concurrency 4 --exporters --cpu-prof DIR --protocol grpc|http-proto]`: the viewer
 * (`src/server/main.ts`, store in a temporary folder) in one process, the sender
 * (scripts/send-otlp.ts) in another, exporting the sample Junjo run in batches of ~512 spans for
 * `seconds` through OTLP/gRPC, then through OTLP/HTTP protobuf. By default the sender pre-encodes
 * the request once with the OpenTelemetry serializer and only rewrites trace ids per export
 * (`--raw`, sent by a raw HTTP/2 gRPC client or http.request), so the figures measure the server; `--exporters` sends through the real OpenTelemetry
 * exporters instead (then the sender's own encoding is part of the figure). Prints per protocol:
 * spans/s accepted, p50/p99 export latency, the server's peak RSS and CPU time per span, and spans
 * lost (acknowledged but not in the store; must be 0); the CPU per span is the whole server's and its
 * main thread's (the event loop), with the machine's load average (the figures
 * depend on what else runs). `--cpu-prof DIR` writes the server's V8 CPU profile there.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runSender, startViewerProcess, type SendLine } from '../src/server/ingest/ingest-test-support.ts';
import { TraceStore } from '../src/server/store/trace-store.ts';
import { benchTempDir, removeBenchTempDir } from './lib/bench-temp.ts';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 60) || 60;
const concurrency = Number(args[args.indexOf('--concurrency') + 1] || 4) || 4;
const raw = !args.includes('--exporters');
const cpuProf = args.includes('--cpu-prof') ? args[args.indexOf('--cpu-prof') + 1] : undefined;
const ticks = 100; // USER_HZ of /proc/<pid>/stat

/** User + system CPU seconds the process has used (`tid`: only that thread of it). */
function cpuOf(pid: number, tid?: number): number {
  try {
    const fields = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return NaN;
  }
}

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
  const data = benchTempDir('jtv-bench-store-');
  const nodeArgs = cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(cpuProf, protocol)}`] : [];
  const viewer = await startViewerProcess(['--data', data, '--retention-mb', '100000'], {}, nodeArgs);
  const cpuBefore = cpuOf(viewer.child.pid!);
  const mainBefore = cpuOf(viewer.child.pid!, viewer.child.pid!);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(viewer.child.pid!))), 250);
  const port = protocol === 'grpc' ? viewer.grpcPort : viewer.httpPort;
  const load = loadavg()[0]!.toFixed(1);
  const started = performance.now();
  const sender = runSender([
    '--protocol', protocol, '--url', `http://127.0.0.1:${port}`, '--seconds', String(seconds), '--batch', '512', '--concurrency', String(concurrency), ...(raw ? ['--raw'] : []),
  ]);
  // The sender's own CPU, read just before it exits (so it is not the limit unnoticed).
  let senderCpu = 0;
  const senderSampler = setInterval(() => (senderCpu = cpuOf(sender.child.pid!) || senderCpu), 100);
  const lines: SendLine[] = await sender.done;
  clearInterval(senderSampler);
  const elapsed = (performance.now() - started) / 1000;
  const cpuSeconds = cpuOf(viewer.child.pid!) - cpuBefore;
  const mainSeconds = cpuOf(viewer.child.pid!, viewer.child.pid!) - mainBefore;
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
  removeBenchTempDir(data);
  const checked = '';
  console.log(
    `${protocol === 'grpc' ? 'OTLP/gRPC         ' : 'OTLP/HTTP protobuf'}  ${(spans / elapsed).toFixed(0).padStart(7)} spans/s accepted over ${elapsed.toFixed(0)} s` +
      `  (${ok.length} exports of ~${ok[0]?.spans ?? 0} spans, ${failed} failed)` +
      `  latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms` +
      `  server peak RSS ${(peakRss / 1048576).toFixed(0)} MB, CPU ${((cpuSeconds * 1e6) / Math.max(1, spans)).toFixed(1)} µs/span (main thread ${((mainSeconds * 1e6) / Math.max(1, spans)).toFixed(1)}; sender ${((senderCpu * 1e6) / Math.max(1, spans)).toFixed(1)})  spans lost ${lost}${checked}  load average at start ${load}`,
  );
}

console.log(
  `Ingest benchmark: ${seconds} s per protocol, ${concurrency} exports in flight, batches of ~512 Junjo spans, store on disk (WAL, synchronous=FULL, commits ${process.env.JTV_WRITER_THREAD === 'off' ? 'on the main thread: JTV_WRITER_THREAD=off' : 'on the writer thread; JTV_WRITER_THREAD=off for the main thread'}), sender in its own process: ` +
    (raw
      ? 'requests pre-encoded once by the OpenTelemetry serializer, trace ids rewritten per export, a raw HTTP/2 gRPC client / http.request keep-alive, each reusing its buffers (the figure measures the server).'
      : 'real OpenTelemetry exporters (the sender encodes every export).'),
);
const only = args.includes('--protocol') ? args[args.indexOf('--protocol') + 1] : undefined;
if (only !== 'http-proto') await bench('grpc');
if (only !== 'grpc') await bench('http-proto');
console.log(`Load average now: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores.`);
