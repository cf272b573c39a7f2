/**
 * `npm run bench:server` (also the last part of `npm run bench`): the viewer server under hostile
 * load, over real sockets on 127.0.0.1. Prints figures; never passes or fails on them.
 *
 * 1. 200 clients against one slow source (answers after 3 s) while a healthy source is asked
 *    every 50 ms: latency of the healthy source (p50/p99), and what the slow one's clients got.
 * 2. 100 clients that ask for a 56 MB trace and never read, all at once and then one every
 *    100 ms: the server's peak RSS (target < 300 MB), and whether it let go of them.
 * 3. Ingest while a huge upstream answer is parsed: the viewer's built-in receivers (OTLP/gRPC
 *    and OTLP/HTTP protobuf, store on disk) take exports of ~512 Junjo spans while clients keep
 *    asking it for a 56 MB Tempo trace (the server reads and checks the whole answer); export
 *    latency p50/p99 per protocol and the latency of the local store's run list, idle and under
 *    the parsing load, and the CPU time of the server's event loop meanwhile (per huge answer:
 *    less sensitive to the machine's load than latency). These are measured by a probe process of
 *    their own (lib/latency-probe.ts), after a few unmeasured warm-up rounds, so that neither the
 *    load generator's pauses nor the first request's start-up count as the viewer's latency. The
 *    fake Tempo and the two clients run in another process (lib/huge-answer-load.ts) at nice 10:
 *    in use they are on machines of their own, and at the viewer's priority on these two cores
 *    their socket work could show up as the viewer's latency (measured once it no longer did: at
 *    equal priority gRPC/HTTP export and run-list p99 56/51/44 ms, at nice 10 55-61/41-49/48-49).
 *
 * The server runs in its own Node process (so its RSS is its own), started from
 * src/server/main.ts with the sources in JTV_SOURCES; the upstreams are fakes serving real Tempo
 * JSON, in this process for sections 1 and 2. Options: --quick (smaller counts), --only 1|2|3 (one section).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg, setPriority } from 'node:os';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { hugeTrace, idFor, tempoFixture, timedGet } from './lib/bench-http.ts';
import { sectionRuns } from './lib/bench-options.ts';
import { benchTempDir } from './lib/bench-temp.ts';
import { serverNodeFlags } from '../src/server/ingest/ingest-test-support.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const smallTrace = Buffer.from(JSON.stringify({ trace: { resourceSpans: tempoFixture().resourceSpans } }));

async function upstream(handler: http.RequestListener): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface Viewer {
  readonly url: string;
  readonly child: ChildProcess;
  rssMb(): number;
  /** The most RSS the process has had (the kernel's VmHWM): catches peaks between samples. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

function withoutViewerConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const key of Object.keys(copy)) if (key.startsWith('JTV_') || key === 'PORT' || key === 'HOST') delete copy[key];
  return copy;
}

/** The viewer without receivers and with a throwaway store, unless `args` say otherwise. */
async function startViewer(sources: object[], server: object = {}, args: readonly string[] = ['--receivers', 'off', '--data', ':memory:']): Promise<Viewer & { output: () => string }> {
  const configFile = join(benchTempDir(), 'config.json');
  writeFileSync(configFile, JSON.stringify({ server, sources: [] }));
  const child = spawn(process.execPath, [...serverNodeFlags(), '--import', 'tsx', join(root, 'src/server/main.ts'), '--port', '0', '--host', '127.0.0.1', '--config', configFile, ...args], {
    cwd: root,
    env: { ...withoutViewerConfig(process.env), JTV_SOURCES: JSON.stringify(sources) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /on (http:\/\/[^\s/]+)\//.exec(out);
      if (match?.[1]) done(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`the viewer server exited (${code}): ${out}`)));
  });
  return {
    url,
    child,
    output: () => out,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    peakRssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    },
  };
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const tally = (statuses: number[]) =>
  [...statuses.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<number, number>())]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${n}× ${status || 'failed'}`)
    .join(', ');

async function slowAndHealthy(): Promise<void> {
  const clients = quick ? 50 : 200;
  const slow = await upstream((_req, res) => void sleep(3000).then(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(smallTrace)));
  const healthy = await upstream((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(smallTrace));
  const viewer = await startViewer([
    { name: 'slow', kind: 'tempo', url: slow.url },
    { name: 'healthy', kind: 'tempo', url: healthy.url },
  ]);
  try {
    const started = performance.now();
    const slowRuns = Array.from({ length: clients }, (_, i) => timedGet(`${viewer.url}/api/sources/slow/traces/${idFor(i + 1)}`));
    const healthyTimes: number[] = [];
    const healthyStatuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await timedGet(`${viewer.url}/api/sources/healthy/traces/${idFor(10_000 + i)}`);
      healthyTimes.push(res.ms);
      healthyStatuses.push(res.status);
      await sleep(50);
    }
    const slowResults = await Promise.all(slowRuns);
    const slowOk = slowResults.filter((r) => r.status === 200).map((r) => r.ms);
    const slow503 = slowResults.filter((r) => r.status === 503).map((r) => r.ms);
    console.log(`\n1. ${clients} clients against a 3 s source, a healthy source asked 40 times meanwhile (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`   healthy source: p50 ${percentile(healthyTimes, 50).toFixed(0)} ms, p99 ${percentile(healthyTimes, 99).toFixed(0)} ms (${tally(healthyStatuses)})`);
    console.log(`   slow source:    ${tally(slowResults.map((r) => r.status))}; answered p50 ${percentile(slowOk, 50).toFixed(0)} ms, max ${Math.max(...slowOk).toFixed(0)} ms; refused (503) p50 ${slow503.length ? percentile(slow503, 50).toFixed(0) : '–'} ms`);
  } finally {
    await viewer.stop();
    slow.server.closeAllConnections();
    healthy.server.closeAllConnections();
    slow.server.close();
    healthy.server.close();
  }
}

async function nonReadingClients(apartMs: number): Promise<void> {
  const clients = quick ? 30 : 100;
  const body = hugeTrace(56 * 1024 * 1024);
  const big = await upstream((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body));
  const writeTimeoutMs = 5000;
  const viewer = await startViewer([{ name: 'tempo', kind: 'tempo', url: big.url, maxResponseBytes: 64 * 1024 * 1024 }], { writeTimeoutMs });
  const sockets: net.Socket[] = [];
  try {
    await sleep(500);
    const baseline = viewer.rssMb();
    let peak = baseline;
    const port = Number(new URL(viewer.url).port);
    for (let i = 0; i < clients; i++) {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET /api/sources/tempo/traces/${idFor(1)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
      socket.pause();
      socket.on('error', () => undefined);
      sockets.push(socket);
      if (apartMs > 0) await sleep(apartMs);
      peak = Math.max(peak, viewer.rssMb());
    }
    const started = performance.now();
    let heldUntilS = NaN;
    const openOverTime: number[] = [];
    for (let t = 0; t < 60; t++) {
      await sleep(1000);
      peak = Math.max(peak, viewer.rssMb());
      const open = await openConnections(viewer.child.pid ?? 0);
      if (t % 10 === 9) openOverTime.push(open);
      if (open >= 0 && open <= 1 && Number.isNaN(heldUntilS)) heldUntilS = (performance.now() - started) / 1000;
      if (!Number.isNaN(heldUntilS) && t > heldUntilS + 2) break;
    }
    const highWater = viewer.peakRssMb(); // before the reading client below, which fetches the trace again
    const healthyAfter = await timedGet(`${viewer.url}/api/sources/tempo/traces/${idFor(2)}`);
    console.log(`\n2. ${clients} clients ask for a ${(body.length / 1024 / 1024).toFixed(0)} MB trace and never read, ${apartMs > 0 ? `one every ${apartMs} ms` : 'all at once'} (load average ${loadavg()[0]!.toFixed(1)})`);
    console.log(`   server RSS: ${baseline.toFixed(0)} MB before, peak ${Math.max(peak, highWater).toFixed(0)} MB (target < 300 MB; ${peak.toFixed(0)} MB in 1 s samples), ${viewer.rssMb().toFixed(0)} MB after`);
    console.log(`   connections the server held, every 10 s: ${openOverTime.join(', ')}`);
    console.log(`   non-reading connections dropped by the server after ${Number.isNaN(heldUntilS) ? 'more than 60' : heldUntilS.toFixed(0)} s (writeTimeoutMs ${writeTimeoutMs / 1000} s here, 20 s by default); a reading client afterwards got ${healthyAfter.status} in ${healthyAfter.ms.toFixed(0)} ms`);
  } finally {
    for (const socket of sockets) socket.destroy();
    await viewer.stop();
    big.server.closeAllConnections();
    big.server.close();
  }
}

/** TCP connections the process holds to its listening port's clients (ESTABLISHED, from /proc). */
async function openConnections(pid: number): Promise<number> {
  try {
    const { readdirSync, readlinkSync } = await import('node:fs');
    const inodes = new Set(
      readdirSync(`/proc/${pid}/fd`)
        .map((fd) => {
          try {
            return /socket:\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
          } catch {
            return undefined;
          }
        })
        .filter((inode): inode is string => inode !== undefined),
    );
    const table = readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1);
    // ESTABLISHED (01) sockets of this process, minus the one to the upstream at most
    return table.filter((line) => {
      const cols = line.trim().split(/\s+/);
      return cols[3] === '01' && inodes.has(cols[9] ?? '');
    }).length;
  } catch {
    return -1;
  }
}

/** CPU seconds (user + system) of a process's main thread and of all its threads (Linux /proc; undefined elsewhere). */
function threadCpu(pid: number): { main: number; all: number } | undefined {
  const seconds = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 per second on Linux)
  };
  try {
    return { main: seconds(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')), all: seconds(readFileSync(`/proc/${pid}/stat`, 'utf8')) };
  } catch {
    return undefined;
  }
}

interface ProbeResult {
  readonly grpc: number[];
  readonly httpProto: number[];
  readonly list: number[];
  readonly failed: string[];
}

/** The huge-answer load of section 3 in a process of its own at nice 10 (see lib/huge-answer-load.ts). */
async function startHugeAnswerLoad(bytes: number): Promise<{ upstream: string; bytes: number; ask(viewer: string): void; stop(): Promise<{ status: number; ms: number }[]>; kill(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/lib/huge-answer-load.ts'), String(bytes)], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    if (child.pid) setPriority(child.pid, 10);
  } catch {
    // Without the right to lower its priority the load runs at the viewer's: the figures then say more about the machine.
  }
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const line = await lines.next();
    if (line.done) throw new Error('the huge-answer load process ended without its figures');
    return JSON.parse(line.value) as T;
  };
  const { upstream: url, bytes: size } = await next<{ upstream: string; bytes: number }>();
  return {
    upstream: url,
    bytes: size,
    ask: (viewer) => child.stdin!.write(`${JSON.stringify({ viewer })}\n`),
    stop: async () => {
      child.stdin!.write('stop\n');
      return (await next<{ answers: { status: number; ms: number }[] }>()).answers;
    },
    kill: () => void (child.exitCode === null && child.kill()),
  };
}

async function ingestWhileParsing(): Promise<void> {
  const seconds = quick ? 8 : 20;
  const load = await startHugeAnswerLoad((quick ? 24 : 56) * 1024 * 1024);
  const data = benchTempDir('jtv-bench-store-');
  const viewer = await startViewer([{ name: 'tempo', kind: 'tempo', url: load.upstream, maxResponseBytes: 64 * 1024 * 1024 }], {}, [
    '--data', data, '--grpc-port', '0', '--otlp-http-port', '0', '--junjo-ports', 'none',
  ]);
  for (let t = 0; t < 200 && !/API keys/.test(viewer.output()); t++) await sleep(50);
  const grpcPort = /OTLP\/gRPC: [\d.]+:(\d+)/.exec(viewer.output())?.[1];
  const httpPort = /OTLP\/HTTP: http:\/\/[\d.]+:(\d+)/.exec(viewer.output())?.[1];
  if (!grpcPort || !httpPort) throw new Error(`the viewer did not say where its receivers listen:\n${viewer.output()}`);
  /** One export every 100 ms through each protocol and one run-list request, for `ms`, measured by a process of its own. */
  const sample = (ms: number, warmup: number, prefix: string) =>
    new Promise<ProbeResult>((done, fail) => {
      const options = { grpc: `http://127.0.0.1:${grpcPort}`, http: `http://127.0.0.1:${httpPort}`, viewer: viewer.url, ms, warmup, prefix };
      const probe = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/lib/latency-probe.ts'), JSON.stringify(options)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      probe.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      probe.once('exit', (code) => {
        try {
          done(JSON.parse(out) as ProbeResult);
        } catch {
          fail(new Error(`the latency probe exited (${code}) without its figures: ${out.slice(0, 500)}`));
        }
      });
    });
  const line = (label: string, times: number[]) => `${label} p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms (${times.length})`;
  try {
    const idle = await sample(quick ? 3000 : 6000, 5, 'b3b3b3b3');
    // Two clients at a time keep asking for the huge trace for the whole measurement.
    load.ask(viewer.url);
    const cpuBefore = threadCpu(viewer.child.pid ?? 0);
    const loaded = await sample(seconds * 1000, 0, 'b4b4b4b4');
    const cpuAfter = threadCpu(viewer.child.pid ?? 0);
    const bigAnswers = await load.stop();
    console.log(`\n3. Ingest while a huge upstream answer is parsed (${(load.bytes / 1024 / 1024).toFixed(0)} MB Tempo trace, 2 clients asking for it in turn from a process at nice 10, ${seconds} s; batches of ~512 Junjo spans, pre-encoded; load average ${loadavg()[0]!.toFixed(1)})`);
    console.log(`   huge trace answers: ${tally(bigAnswers.map((a) => a.status))}, p50 ${percentile(bigAnswers.map((a) => a.ms), 50).toFixed(0)} ms each`);
    console.log(`   idle:    ${line('OTLP/gRPC export', idle.grpc)}; ${line('OTLP/HTTP export', idle.httpProto)}; ${line('run list', idle.list)}`);
    console.log(`   parsing: ${line('OTLP/gRPC export', loaded.grpc)}; ${line('OTLP/HTTP export', loaded.httpProto)}; ${line('run list', loaded.list)}`);
    const failures = [...idle.failed, ...loaded.failed];
    console.log(`   exports refused or failed: ${failures.length}${failures.length ? ` (first: ${failures[0]})` : ''}; server RSS after ${viewer.rssMb().toFixed(0)} MB`);
    if (cpuBefore && cpuAfter) {
      const main = cpuAfter.main - cpuBefore.main;
      const others = cpuAfter.all - cpuBefore.all - main;
      console.log(`   server CPU while parsing (less sensitive to load than latency): event loop ${main.toFixed(1)} s of ${seconds} s (${((main / Math.max(1, bigAnswers.length)) * 1000).toFixed(0)} ms per huge answer, with the exports), other threads ${others.toFixed(1)} s`);
    }
  } finally {
    await viewer.stop();
    load.kill();
  }
}

if (!sectionRuns('server')) {
  console.log('Server benchmark skipped (BENCH_ONLY does not name "server").');
  process.exit(0);
}
console.log(`Server benchmark (${quick ? 'quick' : 'full'}), Node ${process.version}, load average ${loadavg()[0]?.toFixed(2)}`);
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? Number(process.argv[onlyAt + 1]) : 0;
if (!only || only === 1) await slowAndHealthy();
if (!only || only === 2) {
  await nonReadingClients(0);
  await nonReadingClients(100);
}
if (!only || only === 3) await ingestWhileParsing();
