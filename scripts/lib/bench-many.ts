/**
 * The many-traces section of `npm run bench` (issue 13, "Many traces in one file"): one OTLP JSON
 * file of N one-span traces, dropped on a fresh page; times until the trace picker is listed and
 * painted, counts the main-thread tasks over 100 ms from the drop until the worker has been quiet
 * for a second (the Junjo analyses of every trace included), measures the heaps and the renderer's
 * memory, then opens the last trace from the bottom of the picker. Target: 50,000 traces listed in
 * under 5 s with no task over 100 ms.
 */
import { writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { step } from './bench-budget.ts';
import { PageHeap } from './bench-cdp.ts';
import { rendererMemory } from './bench-memory.ts';
import { fetchTraceFile, installWorkerProbe, nameShim, type LongTask } from './bench-page.ts';
import { fixed, megabytes, textTable } from './bench-stats.ts';

export const manyTargets = { listedMs: 5000, longTaskMs: 100 };

export interface ManyResult {
  readonly traces: number;
  readonly fileBytes: number;
  readonly listedMs: number;
  /** Drop → the worker quiet for a second (all Junjo analyses posted). */
  readonly settledMs: number;
  readonly tasksOver100: number;
  readonly maxTaskMs: number;
  /** Of those, after the picker was painted. */
  readonly tasksOver100AfterList: number;
  readonly maxTaskAfterListMs: number;
  readonly openLastMs: number;
  readonly pageHeapBytes: number;
  readonly workerHeapBytes: number | undefined;
  readonly rendererRssBytes: number | undefined;
  readonly rendererPeakBytes: number | undefined;
  readonly error?: string;
}

export const manyFileName = (traces: number) => `many-traces-${traces}.json`;

/** Writes `n` one-span traces (one service, distinct ids and names) as OTLP JSON; returns the byte count. */
export function writeManyTraces(n: number, path: string): number {
  const spans = Array.from({ length: n }, (_, i) => ({
    traceId: `a${(i + 1).toString(16).padStart(31, '0')}`,
    spanId: `b${(i + 1).toString(16).padStart(15, '0')}`,
    name: `run ${i + 1}`,
    kind: 1,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n),
    endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n + 500_000n),
    attributes: [{ key: 'run.index', value: { intValue: String(i) } }],
  }));
  const text = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'batch' } }] }, scopeSpans: [{ scope: { name: 'bench' }, spans }] }] });
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

interface ListWait {
  readonly ok: boolean;
  readonly message?: string;
  readonly start: number;
  readonly listed: number;
  readonly settled: number;
  readonly longTasks: LongTask[];
}

/** In the page: drop the prepared File, wait for the picker's heading painted, then for the worker to be quiet for a second. */
function dropAndWaitForList({ traces, timeoutMs }: { traces: number; timeoutMs: number }): Promise<ListWait> {
  const w = window as unknown as { __benchFile: File | null; __benchLongTasks: LongTask[]; __benchWorkerLog: { t: number; direction: string }[] };
  const file = w.__benchFile;
  const target = document.querySelector('main');
  const start = performance.now();
  const heading = `This input holds ${traces.toLocaleString('en-US')} traces`;
  if (!file || !target) return Promise.resolve({ ok: false, message: 'no file or no <main>', start, listed: NaN, settled: NaN, longTasks: [] });
  w.__benchWorkerLog.length = 0;
  return new Promise((resolve) => {
    let listed = NaN;
    const poll = () => {
      const now = performance.now();
      if (now - start > timeoutMs) {
        resolve({ ok: false, message: Number.isNaN(listed) ? `not listed after ${timeoutMs} ms` : `the worker was still busy after ${timeoutMs} ms`, start, listed, settled: NaN, longTasks: [...w.__benchLongTasks] });
        return;
      }
      if (Number.isNaN(listed)) {
        const alert = document.querySelector('[role=alert]');
        if (alert) {
          resolve({ ok: false, message: `the app showed an alert: ${(alert.textContent ?? '').slice(0, 200)}`, start, listed, settled: NaN, longTasks: [] });
          return;
        }
        if ([...document.querySelectorAll('h2')].some((h) => h.textContent === heading)) {
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              listed = performance.now();
              setTimeout(poll, 50);
            }),
          );
          return;
        }
      } else {
        const last = w.__benchWorkerLog.filter((e) => e.direction === 'from-worker').pop();
        if (last && now - last.t > 1000) {
          resolve({ ok: true, start, listed, settled: last.t, longTasks: [...w.__benchLongTasks] });
          return;
        }
      }
      setTimeout(poll, 50);
    };
    const transfer = new DataTransfer();
    transfer.items.add(file);
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
    poll();
  });
}

/** In the page: scroll the picker to its end, click the last trace, time until its waterfall row is painted. */
async function openLast(traces: number): Promise<number> {
  const picker = document.querySelector('.picker');
  if (!picker) return NaN;
  picker.scrollTo(0, picker.scrollHeight);
  const name = `run ${traces}`;
  const deadline = performance.now() + 10_000;
  let button: HTMLElement | undefined;
  while (!button && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    button = [...document.querySelectorAll<HTMLElement>('.picker button')].find((b) => b.textContent === name);
  }
  if (!button) return NaN;
  const start = performance.now();
  button.click();
  while (!document.querySelector('[role=treegrid] [role=row]')) {
    if (performance.now() - start > 20_000) return NaN;
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - start;
}

export async function runMany(browser: Browser, baseUrl: string, traces: number, fileBytes: number, viewport: { width: number; height: number }): Promise<ManyResult> {
  const label = `many-traces ${traces.toLocaleString('en')}`;
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  try {
    await context.addInitScript(nameShim);
    await context.addInitScript(installWorkerProbe);
    const page = await context.newPage();
    await step(`${label}: opening /`, 30_000, () => page.goto('/', { waitUntil: 'load' }));
    const heap = await PageHeap.attach(page);
    const name = manyFileName(traces);
    await step(`${label}: fetching the file into the page`, 60_000, () => page.evaluate(fetchTraceFile, { url: `/bench/${name}`, name, bytes: fileBytes }));
    const wait = await step(`${label}: drop → listed → worker quiet`, 185_000, () => page.evaluate(dropAndWaitForList, { traces, timeoutMs: 180_000 }));
    const all = wait.longTasks.filter((t) => t.start + t.duration > wait.start && t.duration > manyTargets.longTaskMs);
    const afterList = all.filter((t) => t.start >= wait.listed);
    const heaps = await step(`${label}: heaps`, 30_000, () => heap.measure());
    await heap.detach();
    const openLastMs = wait.ok ? await step(`${label}: opening the last trace`, 35_000, () => page.evaluate(openLast, traces)) : NaN;
    const memory = await rendererMemory(browser);
    return {
      traces,
      fileBytes,
      listedMs: wait.listed - wait.start,
      settledMs: wait.settled - wait.start,
      tasksOver100: all.length,
      maxTaskMs: all.length ? Math.max(...all.map((t) => t.duration)) : 0,
      tasksOver100AfterList: afterList.length,
      maxTaskAfterListMs: afterList.length ? Math.max(...afterList.map((t) => t.duration)) : 0,
      openLastMs,
      pageHeapBytes: heaps.pageUsedBytes,
      workerHeapBytes: heaps.workerUsedBytes,
      rendererRssBytes: memory?.rssBytes,
      rendererPeakBytes: memory?.peakBytes,
      ...(wait.ok ? {} : { error: wait.message }),
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}

export function manyLine(r: ManyResult): string {
  return (
    `many-traces ${r.traces.toLocaleString('en').padStart(7)} one-span traces (${fixed(megabytes(r.fileBytes), 1)} MB): listed ${fixed(r.listedMs)} ms, worker done ${fixed(r.settledMs)} ms, ` +
    `tasks > 100 ms ${r.tasksOver100} (max ${fixed(r.maxTaskMs)} ms; after listing ${r.tasksOver100AfterList}, max ${fixed(r.maxTaskAfterListMs)} ms), open the last ${fixed(r.openLastMs)} ms, ` +
    `heap page ${fixed(megabytes(r.pageHeapBytes), 1)} + workers ${fixed(megabytes(r.workerHeapBytes ?? NaN), 1)} MB, renderer ${fixed(megabytes(r.rendererRssBytes ?? NaN))} MB (peak ${fixed(megabytes(r.rendererPeakBytes ?? NaN))})` +
    (r.error ? `  — ${r.error}` : '')
  );
}

export function manyReport(results: readonly ManyResult[]): string {
  return [
    `Many traces in one file (issue 13; target: 50,000 listed < ${manyTargets.listedMs} ms, no task > ${manyTargets.longTaskMs} ms): drop → picker painted; tasks counted from the drop until the worker is quiet`,
    textTable(
      ['traces', 'MB', 'listed ms', 'worker done ms', 'tasks > 100 ms', 'max task ms', 'after listing > 100 ms', 'open last ms', 'heap page MB', 'heap workers MB', 'renderer MB'],
      results.map((r) => [
        r.traces.toLocaleString('en'),
        fixed(megabytes(r.fileBytes), 1),
        fixed(r.listedMs),
        fixed(r.settledMs),
        String(r.tasksOver100),
        fixed(r.maxTaskMs),
        String(r.tasksOver100AfterList),
        fixed(r.openLastMs),
        fixed(megabytes(r.pageHeapBytes), 1),
        fixed(megabytes(r.workerHeapBytes ?? NaN), 1),
        fixed(megabytes(r.rendererRssBytes ?? NaN)),
      ]),
    ),
  ].join('\n');
}
