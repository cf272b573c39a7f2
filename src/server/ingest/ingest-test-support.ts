/**
 * Shared pieces for the receiver tests (not used by the server): the sender script in a child
 * process (real OpenTelemetry exporters), the viewer's `npm start` entry in a child process with
 * its ports read from its start-up lines, and a fingerprint of a trace's Junjo analysis (graph,
 * runs, state replay) to compare what was sent with what was stored.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { decodeInput } from '../../core/formats/decode-input.ts';
import { analyzeJunjo } from '../../core/junjo/analyze-junjo.ts';
import { buildTraces } from '../../core/trace/build-traces.ts';

const root = resolve(import.meta.dirname, '../../..');

export interface SendLine {
  readonly ok?: boolean;
  readonly traceIds?: string[];
  readonly spans?: number;
  readonly error?: string;
  readonly done?: boolean;
  readonly spansPerRun?: number;
}

/** Runs scripts/send-otlp.ts with these arguments; resolves with its JSON lines. */
export function runSender(args: readonly string[], onLine?: (line: SendLine) => void): { child: ChildProcess; done: Promise<SendLine[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/send-otlp.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: SendLine[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      const text = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as SendLine;
      lines.push(line);
      onLine?.(line);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<SendLine[]>((resolveDone, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null && lines.length === 0) reject(new Error(`sender exited ${code}: ${stderr.slice(-2000)}`));
      else resolveDone(lines);
    });
  });
  return { child, done };
}

export interface ViewerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly grpcPort: number;
  readonly httpPort: number;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Starts `src/server/main.ts` (what `npm start` runs) on free ports. */
export function startViewerProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}, nodeArgs: readonly string[] = []): Promise<ViewerProcess> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'src/server/main.ts', '--port', '0', '--grpc-port', '0', '--otlp-http-port', '0', '--junjo-ports', 'none', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let text = '';
  const collect = (chunk: Buffer) => (text += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`viewer did not start:\n${text}`)), 60_000);
    const check = () => {
      const url = /Viewer on (http:\/\/[\d.]+:\d+)/.exec(text)?.[1];
      const grpcPort = /OTLP\/gRPC: [\d.]+:(\d+)/.exec(text)?.[1];
      const httpPort = /OTLP\/HTTP: http:\/\/[\d.]+:(\d+)/.exec(text)?.[1];
      if (url && grpcPort && httpPort && /API keys/.test(text)) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolveStart({
          child,
          url,
          grpcPort: Number(grpcPort),
          httpPort: Number(httpPort),
          output: () => text,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`viewer exited:\n${text}`));
    });
  });
}

const plain = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** What the viewer shows of a Junjo trace, without ids that differ between copies of a run. */
export async function junjoFingerprint(body: string): Promise<string> {
  const decoded = await decodeInput(body);
  if (!decoded.ok) throw new Error(decoded.error.message);
  const traces = buildTraces(decoded.result.spans);
  if (traces.length !== 1) throw new Error(`expected one trace, got ${traces.length}`);
  const trace = traces[0]!;
  const analysis = analyzeJunjo(trace);
  if (analysis.kind !== 'junjo') throw new Error(`not a Junjo trace: ${analysis.reason}`);
  return JSON.stringify(
    {
      spans: trace.spans.map((s) => `${s.name} ${s.start} ${s.end} ${s.scope.name} ${s.attributes.length} ${s.events.length}`),
      generations: analysis.generations,
      runs: analysis.runs.map((r) => ({ name: r.name, kind: r.kind, generation: r.generation, status: r.status, graph: r.graph, nodes: r.nodeSpans.length })),
      stores: analysis.stores.map((s) => ({ name: s.storeName, transitions: s.transitions.length, status: s.status, verified: s.verified, last: s.checkpoints.at(-1) })),
    },
    plain,
  );
}
