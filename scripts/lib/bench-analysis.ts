/**
 * Analysis figures for `npm run bench` (issue 12), on the largest generated trace:
 * - compute: the span-based critical path, the statistics table and the flame layouts (spans, merged),
 *   and the CPM schedule of every Junjo run, timed in Node on the same pure `core` code the page runs
 *   (median of 3 after one warm-up);
 * - flame view in Chromium: from the tab click to the canvas's first paint (layout included), then
 *   a pan (Shift+wheel, one step per animation frame after zooming in) with frame-to-frame deltas.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { decodeInput } from '../../src/core/formats/decode-input.ts';
import { analyzeJunjo } from '../../src/core/junjo/analyze-junjo.ts';
import { runSchedule } from '../../src/core/junjo/run-schedule.ts';
import { buildTraces } from '../../src/core/trace/build-traces.ts';
import { criticalPath } from '../../src/core/trace/critical-path.ts';
import { flameLayout } from '../../src/core/trace/flame-layout.ts';
import { traceStatistics } from '../../src/core/trace/trace-statistics.ts';
import { step } from './bench-budget.ts';
import { dropAndWaitForPaint, fetchTraceFile, installWorkerProbe, nameShim } from './bench-page.ts';
import { fixed, percentile } from './bench-stats.ts';

export const analysisTargets = { computeMs: 200, flameFrameP95Ms: 16.7 };

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function timeIt(work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function computeFigures(path: string): Promise<Record<string, number>> {
  const outcome = await decodeInput(readFileSync(path));
  if (!outcome.ok) throw new Error(`decoding ${path}: ${outcome.error.message}`);
  const trace = buildTraces(outcome.result.spans).sort((a, b) => b.spans.length - a.spans.length)[0]!;
  const junjo = analyzeJunjo(trace);
  const figures: Record<string, number> = {
    spans: trace.spans.length,
    criticalPathMs: timeIt(() => criticalPath(trace)),
    statisticsMs: timeIt(() => traceStatistics(trace)),
    flameSpansMs: timeIt(() => flameLayout(trace, 'spans')),
    flameMergedMs: timeIt(() => flameLayout(trace, 'merged')),
  };
  if (junjo.kind === 'junjo') figures.runSchedulesMs = timeIt(() => junjo.topLevelRuns.forEach((r) => runSchedule(trace, junjo.runs[r]!.spanIndex, junjo.spanIndex.junjoParent)));
  return figures;
}

/** In the page: click the Flame tab, wait for the first paint, zoom in, then pan one step per frame. */
function flameInPage({ frames, timeoutMs }: { frames: number; timeoutMs: number }): Promise<{ ok: boolean; message?: string; firstPaintMs: number; deltas: number[]; drawn: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const tab = document.getElementById('tab-flame');
    if (!tab) return resolve({ ok: false, message: 'no Flame tab', firstPaintMs: NaN, deltas: [], drawn: 0 });
    tab.click();
    const waitPaint = () => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.fl-canvas');
      if (canvas && Number(canvas.dataset.paints ?? 0) >= 1) return pan(canvas, performance.now() - started);
      if (performance.now() - started > timeoutMs) return resolve({ ok: false, message: 'the flame canvas never painted', firstPaintMs: NaN, deltas: [], drawn: 0 });
      requestAnimationFrame(waitPaint);
    };
    const pan = (canvas: HTMLCanvasElement, firstPaintMs: number) => {
      const rect = canvas.getBoundingClientRect();
      const at = { clientX: rect.left + rect.width / 2, clientY: rect.top + 40, bubbles: true, cancelable: true };
      for (let i = 0; i < 12; i++) canvas.dispatchEvent(new WheelEvent('wheel', { ...at, deltaY: -200 }));
      const deltas: number[] = [];
      let last = performance.now();
      let n = 0;
      const frame = () => {
        const now = performance.now();
        deltas.push(now - last);
        last = now;
        canvas.dispatchEvent(new WheelEvent('wheel', { ...at, shiftKey: true, deltaY: n % 120 < 60 ? 40 : -40 }));
        if (++n < frames) requestAnimationFrame(frame);
        else resolve({ ok: true, firstPaintMs, deltas: deltas.slice(1), drawn: Number(canvas.dataset.drawn ?? 0) });
      };
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(waitPaint);
  });
}

export async function flameFigures(browser: Browser, baseUrl: string, name: string, bytes: number, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  try {
    await context.addInitScript(nameShim);
    await context.addInitScript(installWorkerProbe);
    const page = await context.newPage();
    await page.goto('/', { waitUntil: 'load' });
    await page.evaluate(fetchTraceFile, { url: `/bench/${name}`, name, bytes });
    const drop = await page.evaluate(dropAndWaitForPaint, 60_000);
    if (!drop.ok) throw new Error(drop.message ?? 'the waterfall did not appear');
    return await page.evaluate(flameInPage, { frames: 300, timeoutMs: 60_000 });
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** Runs both parts for one generated file and prints the figures; returns them for results.json. */
export async function runAnalysisBench(browser: Browser, baseUrl: string, file: { path: string; name: string; bytes: number }, viewport: { width: number; height: number }) {
  const compute = await step('analysis: critical path, statistics, flame layout', 120_000, () => computeFigures(file.path));
  console.log(
    `\nAnalysis on ${compute.spans!.toLocaleString('en')} spans (Node, the page's core code; target < ${analysisTargets.computeMs} ms each): ` +
      `critical path ${fixed(compute.criticalPathMs!, 1)} ms · statistics ${fixed(compute.statisticsMs!, 1)} ms · ` +
      `flame layout ${fixed(compute.flameSpansMs!, 1)} ms (merged ${fixed(compute.flameMergedMs!, 1)} ms)` +
      (compute.runSchedulesMs !== undefined ? ` · Junjo run schedules ${fixed(compute.runSchedulesMs, 1)} ms` : ''),
  );
  const flame = await step('analysis: flame view paint and pan', 150_000, () => flameFigures(browser, baseUrl, file.name, file.bytes, viewport));
  const p95 = percentile(flame.deltas, 95);
  console.log(
    flame.ok
      ? `Flame view: first paint ${fixed(flame.firstPaintMs)} ms after the tab click; pan ${flame.deltas.length} frames p50 ${fixed(percentile(flame.deltas, 50), 1)} p95 ${fixed(p95, 1)} max ${fixed(Math.max(...flame.deltas), 1)} ms (target p95 < ${analysisTargets.flameFrameP95Ms} ms), ${flame.drawn.toLocaleString('en')} frames drawn in the last paint`
      : `Flame view: failed — ${flame.message}`,
  );
  return { compute, flame: { ...flame, p95, deltas: flame.deltas.map((d) => Math.round(d * 10) / 10) } };
}
