/**
 * Runs the benchmark for one trace size: `runSize` does `runs` fresh pages one after another and
 * logs a line for each; `measureRun` is one of them (open `/`, fetch the file, drop it, time the
 * paint, measure the heaps, scroll to the bottom). A failed run is recorded with its error, not
 * thrown; only the harness's own failures and timeouts (see bench-budget.ts) throw.
 */
import type { Browser, BrowserContext } from '@playwright/test';
import { step } from './bench-budget.ts';
import { PageHeap } from './bench-cdp.ts';
import type { Options } from './bench-options.ts';
import { dropAndWaitForPaint, fetchTraceFile, installWorkerProbe, nameShim, scrollThrough } from './bench-page.ts';
import { count } from './bench-report.ts';
import { phasesOf, type RunResult, type SizeResult } from './bench-results.ts';
import { fixed, megabytes, percentile } from './bench-stats.ts';

export const viewport = { width: 1400, height: 900 };
const loadTimeoutMs = 60_000;
const scrollTimeoutMs = 60_000;

/** Measures `options.runs` fresh pages for one size, adding each result to `size.runs`. */
export async function runSize(browser: Browser, baseUrl: string, size: SizeResult, options: Options): Promise<void> {
  for (let run = 1; run <= options.runs; run++) {
    const result = await measureRun(browser, baseUrl, size, run, options.maxFrames);
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
