/**
 * Runs the benchmark for one trace file: `runSize` does `runs` fresh pages one after another and
 * logs a line for each; `measureRun` is one of them (open `/`, fetch the file, drop it, time the
 * paint, wait for the Junjo analysis while counting long tasks, measure the heaps, scroll to the
 * bottom, open the graph and state tabs, read the renderer's memory). A last fresh page times a bare
 * JSON.parse of the same file. A failed run is recorded with its error, not thrown; only the
 * harness's own failures and timeouts (see bench-budget.ts) throw.
 */
import { loadavg } from 'node:os';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { step } from './bench-budget.ts';
import { PageHeap } from './bench-cdp.ts';
import { rendererMemory } from './bench-memory.ts';
import type { Options } from './bench-options.ts';
import { bareJsonParse, dropAndWaitForPaint, fetchTraceFile, installWorkerProbe, nameShim, openTabAndTime, scrollThrough, waitForJunjo } from './bench-page.ts';
import { count } from './bench-report.ts';
import { chunkedPhasesOf, phasesOf, type RunResult, type SizeResult } from './bench-results.ts';
import { fixed, megabytes, percentile } from './bench-stats.ts';

export const viewport = { width: 1400, height: 900 };
const loadTimeoutMs = 120_000;
const scrollTimeoutMs = 60_000;

/** The generated file's name in the served bench/ folder. */
export const fileNameOf = (size: Pick<SizeResult, 'kind' | 'spans'>): string => `${size.kind}-${size.spans}.json`;

/** Measures `options.runs` fresh pages for one file, adding each result to `size.runs`. */
export async function runSize(browser: Browser, baseUrl: string, size: SizeResult, options: Options): Promise<void> {
  let bareParseMs: number | undefined;
  for (let run = 1; run <= options.runs; run++) {
    const result = await measureRun(browser, baseUrl, size, run, options.maxFrames);
    size.runs.push(result);
    const s = result.scroll;
    console.log(
      `${size.kind.padEnd(12)} ${count(size.spans).padStart(7)} spans, run ${run}: first row ${fixed(result.paintMs).padStart(5)} ms, ` +
        `Junjo ready ${fixed(result.junjoReadyMs ?? Number.NaN)} ms (graph tab ${fixed(result.graphViewMs ?? Number.NaN)} ms, state tab ${fixed(result.stateViewMs ?? Number.NaN)} ms), ` +
        `long tasks after the row ${result.longTasksAfterPaint?.count ?? '–'}, over 100 ms ${result.longTasksAfterPaint?.over100 ?? '–'} (max ${fixed(result.longTasksAfterPaint?.maxMs ?? Number.NaN)} ms), ` +
        `heap page ${fixed(megabytes(result.pageHeapBytes), 1)} + workers ${fixed(megabytes(result.workerHeapBytes ?? Number.NaN), 1)} MB, ` +
        `renderer ${fixed(megabytes(result.rendererRssBytes ?? Number.NaN))} MB (peak ${fixed(megabytes(result.rendererPeakBytes ?? Number.NaN))})` +
        (s ? `, scroll ${s.frames} frames p50 ${fixed(s.p50, 1)} p95 ${fixed(s.p95, 1)} max ${fixed(s.max, 1)} ms` : '') +
        (result.error ? `  — ${result.error}` : '') +
        ` · load average ${loadavg()[0]?.toFixed(2)}`,
    );
  }
  if (size.kind !== 'plain' || size.spans <= 100_000) {
    bareParseMs = await measureBareParse(browser, baseUrl, size);
    const [first] = size.runs;
    if (first) size.runs[0] = { ...first, bareParseMs };
    console.log(`${size.kind.padEnd(12)} ${count(size.spans).padStart(7)} spans: bare JSON.parse on the page ${fixed(bareParseMs)} ms`);
  }
}

async function openPage(browser: Browser, baseUrl: string, label: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  await context.addInitScript(nameShim);
  await context.addInitScript(installWorkerProbe);
  const page = await context.newPage();
  await step(`${label}: opening /`, 30_000, async () => {
    await page.goto('/', { waitUntil: 'load' });
    await page.waitForSelector('main');
  });
  return { context, page };
}

async function measureBareParse(browser: Browser, baseUrl: string, size: SizeResult): Promise<number> {
  const name = fileNameOf(size);
  const label = `${size.kind} ${count(size.spans)} spans, bare JSON.parse`;
  const { context, page } = await openPage(browser, baseUrl, label);
  try {
    await step(`${label}: fetching the file into the page`, 60_000, () => page.evaluate(fetchTraceFile, { url: `/bench/${name}`, name, bytes: size.fileBytes }));
    const { parseMs } = await step(label, 60_000, () => page.evaluate(bareJsonParse));
    return parseMs;
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function measureRun(browser: Browser, baseUrl: string, size: SizeResult, run: number, maxFrames: number): Promise<RunResult> {
  const { spans, fileBytes, kind } = size;
  const name = fileNameOf(size);
  const label = `${kind} ${spans.toLocaleString('en')} spans, run ${run}`;
  let context: BrowserContext | undefined;
  try {
    const opened = await openPage(browser, baseUrl, label);
    context = opened.context;
    const page = opened.page;
    const heap = await PageHeap.attach(page);
    await step(`${label}: fetching the file into the page`, 60_000, () => page.evaluate(fetchTraceFile, { url: `/bench/${name}`, name, bytes: fileBytes }));

    const drop = await step(`${label}: drop → painted waterfall`, loadTimeoutMs + 5_000, () => page.evaluate(dropAndWaitForPaint, loadTimeoutMs));
    const failed = { run, paintMs: Number.NaN, rowsInDomMs: Number.NaN, rowCount: 0, pageHeapBytes: Number.NaN, workerHeapBytes: undefined };
    if (!drop.ok) return { ...failed, error: drop.message ?? 'the waterfall did not appear' };

    const junjo = await step(`${label}: waiting for the Junjo analysis`, loadTimeoutMs + 5_000, () => page.evaluate(waitForJunjo, loadTimeoutMs));
    const after = junjo.longTasks.filter((task) => task.start + task.duration > drop.painted);
    const heapFigures = await step(`${label}: heap after load`, 30_000, () => heap.measure());
    const scroll = await step(`${label}: scrolling`, scrollTimeoutMs + 5_000, () => page.evaluate(scrollThrough, { maxFrames, timeoutMs: scrollTimeoutMs }));
    await heap.detach();
    let graphViewMs: number | undefined;
    let stateViewMs: number | undefined;
    if (kind !== 'plain') {
      graphViewMs = await step(`${label}: graph tab`, 35_000, () => page.evaluate(openTabAndTime, { tab: 'Workflow graph', selector: '.react-flow__node', timeoutMs: 30_000 }));
      stateViewMs = await step(`${label}: state tab`, 35_000, () => page.evaluate(openTabAndTime, { tab: 'State', selector: '.st-title', timeoutMs: 30_000 }));
    }
    const memory = await rendererMemory(browser);
    const deltas = scroll.deltas;
    return {
      run,
      error: scroll.ok ? (junjo.ok ? undefined : 'the Junjo analysis did not arrive') : scroll.message,
      paintMs: drop.painted - drop.start,
      wholeMs: drop.wholePainted - drop.start,
      chunkedPhases: drop.partial ? chunkedPhasesOf(drop) : undefined,
      rowsInDomMs: drop.rowsInDom - drop.start,
      rowCount: drop.rowCount,
      junjoReadyMs: junjo.at - drop.start,
      graphViewMs,
      stateViewMs,
      longTasksAfterPaint: { count: after.length, over100: after.filter((t) => t.duration > 100).length, maxMs: after.length ? Math.max(...after.map((t) => t.duration)) : 0 },
      rendererRssBytes: memory?.rssBytes,
      rendererPeakBytes: memory?.peakBytes,
      phases: drop.partial ? undefined : phasesOf(drop, junjo.log),
      pageHeapBytes: heapFigures.pageUsedBytes,
      workerHeapBytes: heapFigures.workerUsedBytes,
      workerCount: heapFigures.workerCount,
      scroll: {
        frames: deltas.length,
        p50: percentile(deltas, 50),
        p95: percentile(deltas, 95),
        max: deltas.length ? Math.max(...deltas) : Number.NaN,
        over20: deltas.filter((d) => d > 20).length,
        idleP95: percentile(scroll.idleDeltas, 95),
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
