/**
 * `npm run bench [-- options]`: load-time, Junjo-view, scroll and memory figures for big traces in
 * Debian's Chromium. Prints figures next to the targets; it never passes or fails on them (exit 1
 * only when the harness itself breaks or runs out of time).
 *
 *   --no-build          serve a copy of the existing dist/ instead of running `vite build`
 *   --sizes=1000,10000  span counts (default 1000,10000,50000; 100000 ≈ 240 MB of Jaeger JSON)
 *   --kinds=junjo-jaeger,junjo-otlp,plain
 *                       generated files: Junjo-heavy traces (scripts/lib/junjo-heavy-trace.ts) as
 *                       Jaeger JSON and OTLP JSON, and the plain OTLP trace (make-big-trace.ts)
 *   --runs=1            fresh pages per file
 *   --max-frames=600    cap on scroll frames per run (larger steps for bigger traces)
 *   --time-limit=600    seconds for the whole run; stops with partial figures after that
 *   --node              only the worker's phases in Node, per file (no browser; quick)
 *   --only=load,many,analysis,graph,server
 *                       sections: load (the files above), many (one file of many one-span traces
 *                       per --many count), analysis (critical path, flame on the largest file; graph layouts),
 *                       graph (only the graph layouts: BENCH_ONLY=graph npm run bench, about a minute),
 *                       server (bench-server.ts, the second script of `npm run bench`)
 *   --many=10000,50000  trace counts of the many-traces files
 *
 * The same as environment variables, so `npm run bench` takes them for both its scripts:
 * BENCH_ONLY, BENCH_SIZES, BENCH_KINDS, BENCH_MANY, BENCH_RUNS (e.g. `BENCH_ONLY=load BENCH_SIZES=50000
 * BENCH_KINDS=junjo-jaeger npm run bench`, or `BENCH_ONLY=many BENCH_MANY=50000 npm run bench`).
 *
 * The analysis section (bench-issue12.ts) runs the across-runs summary of 1,000 stored runs, then
 * critical path, statistics and the flame view on the largest file (e.g. BENCH_ONLY=analysis
 * BENCH_SIZES=100000 BENCH_KINDS=junjo-otlp npm run bench).
 *
 * The app is built into (or dist/ copied to) a temp folder with the generated files in its bench/,
 * and served from there with `vite preview`; dist/ itself is never written.
 * Per run: a fresh browser context opens `/`, fetches the generated file from the same server into
 * a File (before the clock starts), dispatches dragenter/dragover/drop with a DataTransfer on
 * `main`, and times until the first waterfall row is in the DOM and two animation frames later
 * (painted). Messages to and from the trace worker are time-stamped on the page to split the load
 * into phases. Then: forced GC and heap sizes (page and worker, via CDP), then a scroll from top to
 * bottom, one step per animation frame, recording frame-to-frame deltas.
 *
 * This file wires the run together; the parts are scripts/lib/bench-*.ts (options, time budget,
 * one size's runs, results and phases, report tables, page probes, CDP heaps, server, statistics).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { BenchTimeout, currentStep, setDeadline, step } from './lib/bench-budget.ts';
import { envArgs, parseOptions, UsageError, type TraceKind } from './lib/bench-options.ts';
import { manyFileName, manyLine, manyReport, runMany, writeManyTraces, type ManyResult } from './lib/bench-many.ts';
import { count, report, targets } from './lib/bench-report.ts';
import type { SizeResult } from './lib/bench-results.ts';
import { fileNameOf, runSize, viewport } from './lib/bench-run.ts';
import { buildApp, startPreview, type Preview } from './lib/bench-server.ts';
import { fixed, megabytes } from './lib/bench-stats.ts';
import { writeJunjoHeavyTrace } from './lib/junjo-heavy-trace.ts';
import { writeBigTrace } from './lib/make-big-trace.ts';
import { runIssue12Bench } from './lib/bench-issue12.ts';
import { graphLayoutReport, nodeLayoutFigures, pageLayoutFigures, type GraphLayoutFigures } from './lib/bench-graph-layout.ts';
import { runWorkerPhases } from './lib/worker-phases.ts';
import { benchTempDir, removeBenchTempDir } from './lib/bench-temp.ts';

/** Writes one generated file; returns its byte count. */
function generate(kind: TraceKind, spans: number, path: string): number {
  if (kind === 'plain') return writeBigTrace(spans, path);
  return writeJunjoHeavyTrace(spans, kind === 'junjo-jaeger' ? 'jaeger' : 'otlp', path);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(root, 'dist');
const outDir = join(root, 'bench-out');
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'];

async function main(): Promise<number> {
  const options = parseOptions([...envArgs(), ...process.argv.slice(2)]);
  const runs = (section: (typeof options.only)[number]) => options.only.includes(section);
  if (!runs('load') && !runs('many') && !runs('analysis') && !runs('graph')) {
    console.log('Page benchmark skipped (BENCH_ONLY names none of load, many, analysis, graph).');
    return 0;
  }
  const startedAt = Date.now();
  setDeadline(startedAt + options.timeLimitS * 1000);
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
  const many: ManyResult[] = [];
  const manyFiles: { traces: number; bytes: number }[] = [];
  const tmp = benchTempDir();
  let preview: Preview | undefined;
  let browser: Browser | undefined;
  let failure: Error | undefined;
  let analysis: unknown;
  let graphLayout: GraphLayoutFigures | undefined;

  try {
    if (!existsSync('/usr/bin/chromium')) execFileSync(process.execPath, [join(root, 'scripts', 'ensure-chromium.mjs')], { stdio: 'inherit' });

    // The analysis section reads the largest load file, so it generates them too.
    for (const kind of runs('load') || runs('analysis') ? options.kinds : []) {
      for (const spans of options.sizes) {
        const path = join(tmp, fileNameOf({ kind, spans }));
        const started = performance.now();
        const fileBytes = await step(`generating ${kind} ${count(spans)} spans`, 240_000, async () => generate(kind, spans, path));
        const generateMs = performance.now() - started;
        console.log(`generated ${kind.padEnd(12)} ${count(spans).padStart(7)} spans: ${fixed(megabytes(fileBytes), 1).padStart(5)} MB in ${fixed(generateMs)} ms`);
        sizes.push({ kind, spans, fileBytes, generateMs, runs: [] });
        if (options.nodeOnly) {
          const phases = await step(`worker phases in Node, ${kind} ${count(spans)} spans`, 240_000, () => runWorkerPhases(path));
          console.log(
            `  worker phases in Node (ms): read ${fixed(phases.readFile)} · bare JSON.parse ${fixed(phases.jsonParse)} · decodeInput ${fixed(phases.decodeInput)} · ` +
              `buildTraces ${fixed(phases.buildTraces)} · packTraces ${fixed(phases.packTraces)} · analyzeJunjo ${fixed(phases.analyzeJunjo)} (${phases.runs} runs) · load average ${loadavg()[0]?.toFixed(2)}`,
          );
          rmSync(path, { force: true });
        }
      }
    }
    if (options.nodeOnly) return 0;
    for (const traces of runs('many') ? options.manyTraces : []) {
      const path = join(tmp, manyFileName(traces));
      const bytes = await step(`generating ${count(traces)} one-span traces`, 120_000, async () => writeManyTraces(traces, path));
      manyFiles.push({ traces, bytes });
      console.log(`generated many-traces ${count(traces).padStart(7)} one-span traces: ${fixed(megabytes(bytes), 1).padStart(5)} MB`);
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
    for (const s of sizes) renameSync(join(tmp, fileNameOf(s)), join(siteDir, 'bench', fileNameOf(s)));
    for (const m of manyFiles) renameSync(join(tmp, manyFileName(m.traces)), join(siteDir, 'bench', manyFileName(m.traces)));

    preview = await step('starting vite preview', 30_000, () => startPreview(root, siteDir, 30_000));
    const launched = await step('launching Chromium', 30_000, () => chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs }));
    browser = launched;
    machine.chromium = launched.version();
    console.log(`serving the build on ${preview.url}; Chromium ${machine.chromium}\n`);

    if (runs('load')) for (const size of sizes) await runSize(launched, preview.url, size, options);
    for (const m of manyFiles) {
      const result = await runMany(launched, preview.url, m.traces, m.bytes, viewport);
      many.push(result);
      console.log(`${manyLine(result)} · load average ${loadavg()[0]?.toFixed(2)}`);
    }
    const largest = sizes[sizes.length - 1];
    if (largest && runs('analysis')) {
      const name = fileNameOf(largest);
      analysis = await runIssue12Bench(launched, preview.url, { path: join(siteDir, 'bench', name), name, bytes: largest.fileBytes }, viewport, root);
    }
    if (runs('analysis') || runs('graph')) {
      const layoutInNode = await step('graph layouts in Node', 240_000, () => nodeLayoutFigures(join(root, 'public', 'samples')));
      graphLayout = { ...layoutInNode, page: await step('graph first layout in Chromium', 240_000, () => pageLayoutFigures(launched, preview!.url, viewport, join(siteDir, 'samples'))) };
    }
  } catch (error) {
    failure = error as Error;
  } finally {
    await browser?.close().catch(() => undefined);
    await preview?.stop();
    removeBenchTempDir(tmp);
  }

  machine.loadAverage.end = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const fileLine = sizes.map((s) => `${s.kind} ${count(s.spans)} spans ${fixed(megabytes(s.fileBytes), 1)} MB`).join(' · ');
  console.log(
    `\nJunjo Trace Viewer benchmark — ${machine.cores} cores (${machine.cpu}), ${machine.memoryGB} GB RAM, Chromium ${machine.chromium || '?'}, Node ${machine.node}, viewport ${viewport.width}×${viewport.height}`,
  );
  console.log(`Load average (1 min) ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end${machine.loadAverage.end > machine.cores ? ' — the machine was busy; expect noisy figures' : ''}`);
  console.log(`Files: ${fileLine}`);
  console.log(
    `Targets (issue 10, quiet machine): first row ≤ ${targets.paintVsParse}× bare JSON.parse on junjo-jaeger 50,000; junjo 100,000 first row < ${targets.paintMs100k} ms and no task > ${targets.longTaskMs} ms after it; ` +
      `graph and state < ${targets.junjoViewMs} ms after asked at 50,000; scroll p95 ≤ ${targets.scrollP95Ms} ms\n`,
  );
  if (sizes.some((s) => s.runs.length > 0)) console.log(report(sizes, options));
  if (many.length > 0) console.log(`\n${manyReport(many)}`);
  if (graphLayout) console.log(`\n${graphLayoutReport(graphLayout)}`);

  const totalS = (Date.now() - startedAt) / 1000;
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, 'results.json');
  writeFileSync(
    outFile,
    `${JSON.stringify({ date: new Date().toISOString(), machine, options, targets, viewport, totalSeconds: totalS, failure: failure?.message, sizes, many, analysis, graphLayout }, null, 2)}\n`,
  );
  console.log(`\nWhole run ${fixed(totalS)} s; raw figures in ${outFile.replace(`${root}/`, '')}`);

  if (failure instanceof BenchTimeout) {
    console.error(`\nThe benchmark stopped at its ${options.timeLimitS} s limit: ${failure.message}. The figures above are partial; raise --time-limit or pass fewer --sizes/--runs.`);
    return 1;
  }
  if (failure) {
    console.error(`\nThe benchmark harness failed during "${currentStep()}": ${failure instanceof UsageError ? failure.message : (failure.stack ?? failure.message)}`);
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
