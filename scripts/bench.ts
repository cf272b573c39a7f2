/**
 * `npm run bench [-- options]`: load-time, scroll and memory figures for big traces in Debian's
 * Chromium. Prints figures next to the targets; it never passes or fails on them (exit 1 only
 * when the harness itself breaks or runs out of time).
 *
 *   --no-build          serve a copy of the existing dist/ instead of running `vite build`
 *   --sizes=1000,10000  span counts (default 1000,10000,100000)
 *   --runs=3            fresh pages per size
 *   --max-frames=600    cap on scroll frames per run (larger steps for bigger traces)
 *   --time-limit=300    seconds for the whole run; stops with partial figures after that
 *
 * The app is built into (or dist/ copied to) a temp folder with the generated files in its bench/,
 * and served from there with `vite preview`; dist/ itself is never written.
 * Per run: a fresh browser context opens `/`, fetches the generated file from the same server into
 * a File (before the clock starts), dispatches dragenter/dragover/drop with a DataTransfer on
 * `main`, and times until the first waterfall row is in the DOM and two animation frames later
 * (painted). Messages to and from the trace worker are time-stamped on the page to split the load
 * into phases. Then: forced GC and heap sizes (page and worker, via CDP), then a scroll from top to
 * bottom, one step per animation frame, recording frame-to-frame deltas.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { PageHeap } from './lib/bench-cdp.ts';
import { dropAndWaitForPaint, fetchTraceFile, installWorkerProbe, nameShim, scrollThrough, type DropResult, type WorkerLogEntry } from './lib/bench-page.ts';
import { buildApp, startPreview, type Preview } from './lib/bench-server.ts';
import { fixed, formatSpread, megabytes, percentile, spread, textTable } from './lib/bench-stats.ts';
import { BIG_TRACE_SIZES, writeBigTrace } from './lib/make-big-trace.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(root, 'dist');
const outDir = join(root, 'bench-out');
const viewport = { width: 1400, height: 900 };
const targets = { paintMs: 1500, paintSpans: 100_000, scrollP95Ms: 20 };
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'];
const loadTimeoutMs = 60_000;
const scrollTimeoutMs = 60_000;

// ── options ────────────────────────────────────────────────────────────────────────────────────

interface Options {
  readonly build: boolean;
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly maxFrames: number;
  readonly timeLimitS: number;
}

function parseOptions(argv: readonly string[]): Options {
  let options: Options = { build: true, sizes: [...BIG_TRACE_SIZES], runs: 3, maxFrames: 600, timeLimitS: 300 };
  const positive = (name: string, raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} needs a positive whole number, got "${raw}".`);
    return value;
  };
  for (const arg of argv) {
    const [name, raw = ''] = arg.replace(/^--/, '').split('=', 2) as [string, string?];
    if (arg === '--no-build') options = { ...options, build: false };
    else if (name === 'sizes') options = { ...options, sizes: raw.split(',').map((s) => positive('sizes', s.replaceAll('_', ''))) };
    else if (name === 'runs') options = { ...options, runs: positive('runs', raw) };
    else if (name === 'max-frames') options = { ...options, maxFrames: positive('max-frames', raw) };
    else if (name === 'time-limit') options = { ...options, timeLimitS: positive('time-limit', raw) };
    else throw new UsageError(`Unknown option "${arg}". Options: --no-build, --sizes=1000,10000,100000, --runs=3, --max-frames=600, --time-limit=300.`);
  }
  return options;
}

class UsageError extends Error {}
class BenchTimeout extends Error {}

// ── time budget ────────────────────────────────────────────────────────────────────────────────

let deadline = Number.POSITIVE_INFINITY;
let currentStep = 'starting';

/** Runs one step within its own limit and what is left of the whole run's budget. */
async function step<T>(what: string, limitMs: number, work: () => Promise<T>): Promise<T> {
  currentStep = what;
  const left = deadline - Date.now();
  if (left <= 0) throw new BenchTimeout(`the time limit ran out before: ${what}`);
  const ms = Math.min(limitMs, left);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BenchTimeout(`${what} took longer than ${Math.round(ms / 1000)} s${ms < limitMs ? ' (the rest of the time limit)' : ''}`)), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ── results ────────────────────────────────────────────────────────────────────────────────────

/** Load phases in ms, from page-side timestamps of the worker's messages (see phasesOf). */
interface Phases {
  dropHandler: number;
  workerStart: number;
  readFile: number;
  jsonParse: number;
  decodeSpans: number;
  buildTraces: number;
  junjoAnalysis: number;
  resultTransfer: number;
  deserialize: number;
  reactRender: number;
  paint: number;
}

const phaseLabels: Record<keyof Phases, string> = {
  dropHandler: 'drop handler → postMessage',
  workerStart: 'worker start-up (first load creates it)',
  readFile: 'read File + UTF-8 decode',
  jsonParse: 'JSON.parse',
  decodeSpans: 'decode spans (OTLP → Span[])',
  buildTraces: 'buildTraces (tree, index)',
  junjoAnalysis: 'Junjo analysis',
  resultTransfer: 'postMessage result (clone + send)',
  deserialize: 'page: deserialize result',
  reactRender: 'page: React render → rows in DOM',
  paint: 'page: style/layout/paint (2 rAF)',
};

interface RunResult {
  readonly run: number;
  readonly error?: string;
  readonly paintMs: number;
  readonly rowsInDomMs: number;
  readonly rowCount: number;
  readonly phases?: Phases;
  readonly pageHeapBytes: number;
  readonly workerHeapBytes: number | undefined;
  /** Dedicated workers reached over CDP for the worker heap figure. */
  readonly workerCount?: number;
  readonly scroll?: {
    readonly frames: number;
    readonly p50: number;
    readonly p95: number;
    readonly max: number;
    readonly over20: number;
    readonly stepPx: number;
    readonly scrollHeight: number;
    readonly reachedLastRow: boolean;
    readonly longTasks: number;
    readonly deltas: readonly number[];
  };
}

interface SizeResult {
  readonly spans: number;
  readonly fileBytes: number;
  readonly generateMs: number;
  readonly runs: RunResult[];
}

/**
 * Splits drop → painted into phases. Timestamps are taken on the page when each worker message is
 * dispatched there, so a phase boundary is late by however long the page was busy; the worker's
 * own `report.millis` (its handler start → just before posting the result) separates the Junjo
 * analysis from the result's structured clone and transfer.
 */
function phasesOf(drop: DropResult): Phases | undefined {
  const log: WorkerLogEntry[] = drop.log;
  const posted = log.find((e) => e.direction === 'to-worker');
  const progress = (phase: string) => log.find((e) => e.direction === 'from-worker' && e.type === 'progress' && e.phase === phase);
  const reading = progress('Reading');
  const parsing = progress('parsing JSON');
  const decoding = progress('decoding spans');
  const building = progress('Building the span tree');
  const junjo = progress('Reading Junjo workflows');
  const done = log.find((e) => e.direction === 'from-worker' && e.type === 'done');
  if (!posted || !reading || !parsing || !decoding || !building || !junjo || !done || done.workerMillis === undefined) return undefined;
  const workerEnd = reading.t + done.workerMillis;
  const received = done.t + (done.deserializeMs ?? 0);
  return {
    dropHandler: posted.t - drop.start,
    workerStart: reading.t - posted.t,
    readFile: parsing.t - reading.t,
    jsonParse: decoding.t - parsing.t,
    decodeSpans: building.t - decoding.t,
    buildTraces: junjo.t - building.t,
    junjoAnalysis: workerEnd - junjo.t,
    resultTransfer: done.t - workerEnd,
    deserialize: done.deserializeMs ?? 0,
    reactRender: drop.rowsInDom - received,
    paint: drop.painted - drop.rowsInDom,
  };
}

// ── one run ────────────────────────────────────────────────────────────────────────────────────

async function measureRun(browser: Browser, baseUrl: string, { spans, fileBytes }: SizeResult, run: number, maxFrames: number): Promise<RunResult> {
  const name = `trace-${spans}.json`;
  const label = `${spans.toLocaleString('en')} spans, run ${run}`;
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ viewport, baseURL: baseUrl });
    await context.addInitScript(nameShim);
    await context.addInitScript(installWorkerProbe);
    const page = await context.newPage();
    const heap = await PageHeap.attach(page);
    await step(`${label}: opening /`, 30_000, async () => {
      await page.goto('/', { waitUntil: 'load' });
      await page.waitForSelector('main');
    });
    await step(`${label}: fetching the file into the page`, 60_000, () => page.evaluate(fetchTraceFile, { url: `/bench/${name}`, name, bytes: fileBytes }));

    const drop = await step(`${label}: drop → painted waterfall`, loadTimeoutMs + 5_000, () => page.evaluate(dropAndWaitForPaint, loadTimeoutMs));
    const failed = { run, paintMs: Number.NaN, rowsInDomMs: Number.NaN, rowCount: 0, pageHeapBytes: Number.NaN, workerHeapBytes: undefined };
    if (!drop.ok) return { ...failed, error: drop.message ?? 'the waterfall did not appear' };

    const heapFigures = await step(`${label}: heap after load`, 30_000, () => heap.measure());
    const scroll = await step(`${label}: scrolling`, scrollTimeoutMs + 5_000, () => page.evaluate(scrollThrough, { maxFrames, timeoutMs: scrollTimeoutMs }));
    await heap.detach();
    const deltas = scroll.deltas;
    return {
      run,
      error: scroll.ok ? undefined : scroll.message,
      paintMs: drop.painted - drop.start,
      rowsInDomMs: drop.rowsInDom - drop.start,
      rowCount: drop.rowCount,
      phases: phasesOf(drop),
      pageHeapBytes: heapFigures.pageUsedBytes,
      workerHeapBytes: heapFigures.workerUsedBytes,
      workerCount: heapFigures.workerCount,
      scroll: {
        frames: deltas.length,
        p50: percentile(deltas, 50),
        p95: percentile(deltas, 95),
        max: deltas.length ? Math.max(...deltas) : Number.NaN,
        over20: deltas.filter((d) => d > 20).length,
        stepPx: scroll.stepPx,
        scrollHeight: scroll.scrollHeight,
        reachedLastRow: scroll.reachedLastRow,
        longTasks: scroll.longTasks,
        deltas: deltas.map((d) => Math.round(d * 10) / 10),
      },
    };
  } finally {
    await context?.close().catch(() => undefined);
  }
}

// ── report ─────────────────────────────────────────────────────────────────────────────────────

const count = (n: number) => n.toLocaleString('en');
const ok = (runs: readonly RunResult[]) => runs.filter((r) => !r.error || r.scroll);

function report(sizes: readonly SizeResult[], options: Options): string {
  const out: string[] = [];
  out.push(`Load: drop → first painted waterfall, ms, median [min–max] of ${options.runs} fresh pages`);
  out.push(
    textTable(
      ['spans', 'file MB', 'rows in DOM', 'painted', 'target', 'JS heap MB (page)', 'worker heap MB'],
      sizes.map((s) => {
        const runs = ok(s.runs);
        const worker = runs.map((r) => r.workerHeapBytes).filter((b): b is number => b !== undefined);
        return [
          count(s.spans),
          fixed(megabytes(s.fileBytes), 1),
          formatSpread(spread(runs.map((r) => r.rowsInDomMs))),
          formatSpread(spread(runs.map((r) => r.paintMs))),
          s.spans === targets.paintSpans ? `< ${targets.paintMs}` : '',
          formatSpread(spread(runs.map((r) => megabytes(r.pageHeapBytes))), 1),
          worker.length ? formatSpread(spread(worker.map(megabytes)), 1) : 'n/a',
        ];
      }),
    ),
  );
  out.push('');
  out.push(`Scroll: top → bottom of the waterfall, one step per animation frame (≥ ¾ viewport, ≤ ${options.maxFrames} frames); frame ms, median [min–max] over runs`);
  out.push(
    textTable(
      ['spans', 'frames', 'step px', 'p50', 'p95', 'target p95', 'max', 'frames > 20 ms', 'long tasks', 'reached end'],
      sizes.map((s) => {
        const scrolls = s.runs.flatMap((r) => (r.scroll ? [r.scroll] : []));
        return [
          count(s.spans),
          fixed(spread(scrolls.map((x) => x.frames)).median),
          fixed(spread(scrolls.map((x) => x.stepPx)).median),
          formatSpread(spread(scrolls.map((x) => x.p50)), 1),
          formatSpread(spread(scrolls.map((x) => x.p95)), 1),
          `< ${targets.scrollP95Ms}`,
          formatSpread(spread(scrolls.map((x) => x.max)), 1),
          formatSpread(spread(scrolls.map((x) => x.over20))),
          formatSpread(spread(scrolls.map((x) => x.longTasks))),
          scrolls.length && scrolls.every((x) => x.reachedLastRow) ? 'yes' : 'no',
        ];
      }),
    ),
  );
  out.push('');
  out.push('Where the load time goes: ms, median of runs (page-side timestamps of the worker\'s progress messages)');
  const keys = Object.keys(phaseLabels) as (keyof Phases)[];
  out.push(
    textTable(
      ['phase', ...sizes.map((s) => count(s.spans))],
      [
        ...keys.map((key) => [phaseLabels[key], ...sizes.map((s) => fixed(spread(s.runs.flatMap((r) => (r.phases ? [r.phases[key]] : []))).median))]),
        ['total (drop → painted)', ...sizes.map((s) => fixed(spread(ok(s.runs).map((r) => r.paintMs)).median))],
      ],
    ),
  );
  const errors = sizes.flatMap((s) => s.runs.filter((r) => r.error).map((r) => `  ${count(s.spans)} spans, run ${r.run}: ${r.error}`));
  if (errors.length) out.push('', 'Problems:', ...errors);
  return out.join('\n');
}

// ── main ───────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = Date.now();
  deadline = startedAt + options.timeLimitS * 1000;
  const cpuList = cpus();
  const machine = {
    cores: cpuList.length,
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round(totalmem() / 1e8) / 10,
    freeMemoryGB: Math.round(freemem() / 1e8) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    chromium: '',
    /** 1-minute load average at the start and the end: other work on the machine skews every figure. */
    loadAverage: { start: Math.round((loadavg()[0] ?? 0) * 100) / 100, end: Number.NaN },
  };
  const sizes: SizeResult[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'jtv-bench-'));
  let preview: Preview | undefined;
  let browser: Browser | undefined;
  let failure: Error | undefined;

  try {
    if (!existsSync('/usr/bin/chromium')) execFileSync(process.execPath, [join(root, 'scripts', 'ensure-chromium.mjs')], { stdio: 'inherit' });

    for (const spans of options.sizes) {
      const path = join(tmp, `trace-${spans}.json`);
      const started = performance.now();
      const fileBytes = await step(`generating ${count(spans)} spans`, 120_000, async () => writeBigTrace(spans, path));
      const generateMs = performance.now() - started;
      console.log(`generated ${count(spans).padStart(7)} spans: ${fixed(megabytes(fileBytes), 1).padStart(5)} MB in ${fixed(generateMs)} ms`);
      sizes.push({ spans, fileBytes, generateMs, runs: [] });
    }

    const siteDir = join(tmp, 'site');
    if (options.build) {
      const started = performance.now();
      await step('vite build', 180_000, () => buildApp(root, siteDir, 180_000));
      console.log(`built the app in ${fixed(performance.now() - started)} ms`);
    } else if (existsSync(join(distDir, 'index.html'))) {
      cpSync(distDir, siteDir, { recursive: true });
    } else {
      throw new Error('dist/index.html is missing: run without --no-build (or `npm run build`) first.');
    }
    mkdirSync(join(siteDir, 'bench'), { recursive: true });
    for (const s of sizes) renameSync(join(tmp, `trace-${s.spans}.json`), join(siteDir, 'bench', `trace-${s.spans}.json`));

    preview = await step('starting vite preview', 30_000, () => startPreview(root, siteDir, 30_000));
    const launched = await step('launching Chromium', 30_000, () => chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs }));
    browser = launched;
    machine.chromium = launched.version();
    console.log(`serving the build on ${preview.url}; Chromium ${machine.chromium}\n`);

    for (const size of sizes) {
      for (let run = 1; run <= options.runs; run++) {
        const result = await measureRun(launched, preview.url, size, run, options.maxFrames);
        size.runs.push(result);
        const s = result.scroll;
        console.log(
          `${count(size.spans).padStart(7)} spans, run ${run}: painted in ${fixed(result.paintMs).padStart(5)} ms, ` +
            `heap ${fixed(megabytes(result.pageHeapBytes), 1)} MB` +
            (s ? `, scroll ${s.frames} frames p50 ${fixed(s.p50, 1)} p95 ${fixed(s.p95, 1)} max ${fixed(s.max, 1)} ms` : '') +
            (result.error ? `  — ${result.error}` : ''),
        );
      }
    }
  } catch (error) {
    failure = error as Error;
  } finally {
    await browser?.close().catch(() => undefined);
    await preview?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }

  machine.loadAverage.end = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const fileLine = sizes.map((s) => `${count(s.spans)} spans ${fixed(megabytes(s.fileBytes), 1)} MB`).join(' · ');
  console.log(
    `\nJunjo Trace Viewer benchmark — ${machine.cores} cores (${machine.cpu}), ${machine.memoryGB} GB RAM, Chromium ${machine.chromium || '?'}, Node ${machine.node}, viewport ${viewport.width}×${viewport.height}`,
  );
  console.log(`Load average (1 min) ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end${machine.loadAverage.end > machine.cores ? ' — the machine was busy; expect noisy figures' : ''}`);
  console.log(`Files (OTLP JSON, compact): ${fileLine}`);
  console.log(`Targets: ${count(targets.paintSpans)} spans painted in < ${targets.paintMs} ms; scroll p95 < ${targets.scrollP95Ms} ms\n`);
  if (sizes.some((s) => s.runs.length > 0)) console.log(report(sizes, options));

  const totalS = (Date.now() - startedAt) / 1000;
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, 'results.json');
  writeFileSync(
    outFile,
    `${JSON.stringify({ date: new Date().toISOString(), machine, options, targets, viewport, totalSeconds: totalS, failure: failure?.message, sizes }, null, 2)}\n`,
  );
  console.log(`\nWhole run ${fixed(totalS)} s; raw figures in ${outFile.replace(`${root}/`, '')}`);

  if (failure instanceof BenchTimeout) {
    console.error(`\nThe benchmark stopped at its ${options.timeLimitS} s limit: ${failure.message}. The figures above are partial; raise --time-limit or pass fewer --sizes/--runs.`);
    return 1;
  }
  if (failure) {
    console.error(`\nThe benchmark harness failed during "${currentStep}": ${failure instanceof UsageError ? failure.message : (failure.stack ?? failure.message)}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exit(1);
  },
);
