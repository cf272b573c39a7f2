/**
 * Code the benchmark runs inside the page (passed to Playwright's addInitScript / evaluate).
 * Each function must be self-contained: Playwright sends its source text, not its closure.
 * tsx's transform wraps named inner functions in `__name(...)`, so `nameShim` must be installed
 * as an init script first.
 */

/** Makes tsx/esbuild's `__name(fn, "name")` helper a no-op in the page and its workers. */
export const nameShim = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

/** One message between the page and the trace worker, as the page saw it. */
export interface WorkerLogEntry {
  /** performance.now() on the page when the event was dispatched (before reading `data`). */
  readonly t: number;
  readonly direction: 'to-worker' | 'from-worker';
  readonly type?: string;
  readonly phase?: string;
  /** Time spent reading `event.data` (Chrome deserializes the structured clone lazily). */
  readonly deserializeMs?: number;
  /** The worker's own `report.millis` on 'done' (start of its handler → just before postMessage), or its analysis time on 'junjo'. */
  readonly workerMillis?: number;
  /** A 'done' message that already carries the Junjo analysis (builds before issue 10 posted it with the spans). */
  readonly carriesJunjo?: boolean;
}

/** A main-thread task over 50 ms (PerformanceObserver 'longtask'), in page time. */
export interface LongTask {
  readonly start: number;
  readonly duration: number;
}

interface ProbeWindow {
  Worker: typeof Worker;
  __benchWorkerLog: WorkerLogEntry[];
  __benchLongTasks: LongTask[];
  __benchFile: File | null;
}

/**
 * Init script: wraps `Worker` so every message to and from the trace worker is time-stamped on the
 * page. The listener is added in the constructor, so it runs before the app's own `onmessage`.
 */
export function installWorkerProbe(): void {
  const w = window as unknown as ProbeWindow;
  const Original = w.Worker;
  w.__benchWorkerLog = [];
  w.__benchLongTasks = [];
  w.__benchFile = null;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // Long-task timing is optional.
  }
  class ProbedWorker extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const log = w.__benchWorkerLog;
      this.addEventListener('message', (event: MessageEvent) => {
        const t = performance.now();
        const data = event.data as { type?: string; phase?: string; millis?: number; outcome?: { report?: { millis?: number }; traces?: { junjo?: unknown }[] } };
        const deserializeMs = performance.now() - t;
        const carriesJunjo = data.outcome?.traces?.[0]?.junjo !== undefined;
        log.push({ t, direction: 'from-worker', type: data.type, phase: data.phase, deserializeMs, workerMillis: data.outcome?.report?.millis ?? data.millis, carriesJunjo });
      });
    }
    override postMessage(message: unknown, options?: StructuredSerializeOptions | Transferable[]): void {
      w.__benchWorkerLog.push({ t: performance.now(), direction: 'to-worker' });
      super.postMessage(message, options as StructuredSerializeOptions);
    }
  }
  w.Worker = ProbedWorker;
}

/** Fetches the trace from the server into a File held by the page (done before the clock starts). */
export async function fetchTraceFile({ url, name, bytes }: { url: string; name: string; bytes: number }): Promise<number> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const blob = await response.blob();
  if (blob.size !== bytes) throw new Error(`GET ${url} gave ${blob.size} bytes, not the ${bytes} bytes generated`);
  const w = window as unknown as ProbeWindow;
  w.__benchFile = new File([blob], name, { type: 'application/json' });
  return blob.size;
}

export interface DropResult {
  readonly ok: boolean;
  readonly message?: string;
  /** Clock start (performance.now) just before dispatching dragenter. */
  readonly start: number;
  /** First `[role=treegrid] [role=row]` in the DOM. */
  readonly rowsInDom: number;
  /** Two animation frames later: the rows have been painted. */
  readonly painted: number;
  /**
   * The complete trace's rows painted (after 'done'). Equals `painted` when the worker posted no
   * 'partial' result (a file read at once); later when the first rows were the spans read so far.
   */
  readonly wholePainted: number;
  /** The first rows came from a 'partial' result (a large file read in chunks). */
  readonly partial: boolean;
  readonly rowCount: number;
  readonly log: WorkerLogEntry[];
}

/**
 * Drops the prepared File on `main` (dragenter, dragover, drop with a real DataTransfer) and waits
 * until the waterfall's first rows are in the DOM and then painted (two requestAnimationFrame
 * callbacks later). Gives up after `timeoutMs`, or when the app shows an alert.
 */
export function dropAndWaitForPaint(timeoutMs: number): Promise<DropResult> {
  const w = window as unknown as ProbeWindow;
  const file = w.__benchFile;
  const target = document.querySelector('main');
  w.__benchWorkerLog.length = 0;
  const start = performance.now();
  const fail = (message: string): DropResult => ({ ok: false, message, start, rowsInDom: Number.NaN, painted: Number.NaN, wholePainted: Number.NaN, partial: false, rowCount: 0, log: [...w.__benchWorkerLog] });
  if (!file) return Promise.resolve(fail('no file was prepared'));
  if (!target) return Promise.resolve(fail('the page has no <main>'));

  return new Promise<DropResult>((resolve) => {
    let done = false;
    const finish = (result: DropResult) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      w.__benchFile = null;
      resolve(result);
    };
    const check = () => {
      if (done) return;
      // A Junjo trace opens on its graph: the waterfall is one click away, and that click is timed too.
      const waterfallTab = Array.from(document.querySelectorAll<HTMLElement>('[role=tab]')).find((tab) => tab.textContent?.trim() === 'Waterfall');
      if (waterfallTab && waterfallTab.getAttribute('aria-selected') !== 'true' && !waterfallTab.hasAttribute('data-bench-clicked')) {
        waterfallTab.setAttribute('data-bench-clicked', '');
        waterfallTab.click();
      }
      const row = document.querySelector('[role=treegrid] [role=row]');
      if (row) {
        const rowsInDom = performance.now();
        const grid = document.querySelector('[role=treegrid]');
        const rowCount = Number(grid?.getAttribute('aria-rowcount') ?? 0);
        observer.disconnect();
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const painted = performance.now();
            const partial = w.__benchWorkerLog.some((e) => e.direction === 'from-worker' && e.type === 'partial');
            if (!partial) {
              finish({ ok: true, start, rowsInDom, painted, wholePainted: painted, partial, rowCount, log: [...w.__benchWorkerLog] });
              return;
            }
            // The first rows are the spans read so far: wait for the complete trace's rows ('done' on screen, the status line gone).
            const waitWhole = () => {
              if (done) return;
              const doneSeen = w.__benchWorkerLog.some((e) => e.direction === 'from-worker' && e.type === 'done');
              const alertShown = document.querySelector('[role=alert]');
              if (alertShown) return finish(fail(`the app showed an alert after the first rows: ${(alertShown.textContent ?? '').slice(0, 300)}`));
              if (!doneSeen || document.querySelector('.reading-status')) return void requestAnimationFrame(waitWhole);
              const wholeGrid = document.querySelector('[role=treegrid]');
              const wholeRows = Number(wholeGrid?.getAttribute('aria-rowcount') ?? 0);
              requestAnimationFrame(() =>
                requestAnimationFrame(() => finish({ ok: true, start, rowsInDom, painted, wholePainted: performance.now(), partial, rowCount: wholeRows, log: [...w.__benchWorkerLog] })),
              );
            };
            waitWhole();
          }),
        );
        return;
      }
      const alert = document.querySelector('[role=alert]');
      if (alert) finish(fail(`the app showed an alert: ${(alert.textContent ?? '').slice(0, 300)}`));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => finish(fail(`no waterfall row after ${timeoutMs} ms`)), timeoutMs);

    const transfer = new DataTransfer();
    transfer.items.add(file);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
    }
    check();
  });
}

export interface ScrollResult {
  readonly ok: boolean;
  readonly message?: string;
  readonly stepPx: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  /** Frame-to-frame deltas of requestAnimationFrame timestamps while scrolling. */
  readonly deltas: number[];
  /**
   * The same deltas over 60 frames just before, with nothing scrolling: the display's own frame
   * interval and its jitter (headless Chromium's vsync wanders by a few tenths of a millisecond
   * around 16.7), what the scroll's figures are to be read against.
   */
  readonly idleDeltas: number[];
  /** Whether the last row (aria-rowindex = aria-rowcount) was in the DOM at the end. */
  readonly reachedLastRow: boolean;
  /** Long tasks (> 50 ms) seen on the page during the scroll. */
  readonly longTasks: number;
}

/**
 * Scrolls the waterfall from top to bottom, one step per animation frame, and records the
 * frame-to-frame deltas. The step is ¾ of the viewport, or larger when needed so that the whole
 * trace takes at most `maxFrames` frames (for 100,000 rows: ~4,300 px ≈ 166 rows per frame, so every
 * frame renders an entirely new set of rows — the worst case for the virtualizer). First it records
 * 60 frames without scrolling, for the page's idle frame interval.
 */
export function scrollThrough({ maxFrames, timeoutMs }: { maxFrames: number; timeoutMs: number }): Promise<ScrollResult> {
  const el = document.querySelector<HTMLElement>('.wf-scroller');
  const empty = { stepPx: 0, scrollHeight: 0, clientHeight: 0, deltas: [], idleDeltas: [], reachedLastRow: false, longTasks: 0 };
  if (!el) return Promise.resolve({ ok: false, message: 'no .wf-scroller on the page', ...empty });
  const maxScroll = el.scrollHeight - el.clientHeight;
  const stepPx = Math.max((3 * el.clientHeight) / 4, maxScroll / maxFrames);
  let longTasks = 0;
  const longTaskObserver = new PerformanceObserver((list) => {
    longTasks += list.getEntries().length;
  });
  try {
    longTaskObserver.observe({ type: 'longtask' });
  } catch {
    // Long-task timing is optional.
  }
  el.scrollTop = 0;
  return new Promise<ScrollResult>((resolve) => {
    const stamps: number[] = [];
    const idleStamps: number[] = [];
    const started = performance.now();
    let atEnd = 0;
    const end = (ok: boolean, message?: string) => {
      longTaskObserver.disconnect();
      const deltasOf = (list: number[]) => list.slice(1).map((t, i) => t - (list[i] ?? t));
      const deltas = deltasOf(stamps);
      const grid = document.querySelector('[role=treegrid]');
      const rowCount = grid?.getAttribute('aria-rowcount') ?? '';
      const reachedLastRow = rowCount !== '' && document.querySelector(`[role=treegrid] [role=row][aria-rowindex="${rowCount}"]`) !== null;
      resolve({ ok, message, stepPx, scrollHeight: el.scrollHeight, clientHeight: el.clientHeight, deltas, idleDeltas: deltasOf(idleStamps), reachedLastRow, longTasks });
    };
    const frame = (timestamp: number) => {
      stamps.push(timestamp);
      if (performance.now() - started > timeoutMs) return end(false, `scrolling took over ${timeoutMs} ms`);
      // Keep measuring one frame after the last step, so the last scroll's rendering is counted.
      if (el.scrollTop >= maxScroll - 1 && ++atEnd > 1) return end(true);
      el.scrollTop = Math.min(maxScroll, el.scrollTop + stepPx);
      requestAnimationFrame(frame);
    };
    const idle = (timestamp: number) => {
      idleStamps.push(timestamp);
      requestAnimationFrame(idleStamps.length > 60 ? frame : idle);
    };
    // Start from a settled frame at the top.
    requestAnimationFrame(() => requestAnimationFrame(idle));
  });
}

export interface JunjoWait {
  readonly ok: boolean;
  /** performance.now() when the page got the (first) trace's Junjo analysis. */
  readonly at: number;
  readonly log: WorkerLogEntry[];
  readonly longTasks: LongTask[];
}

/**
 * Waits until the worker's Junjo analysis of the trace reached the page (a 'junjo' message in the
 * probe's log), then half a second more for the views to settle; returns the log and the long tasks.
 */
export function waitForJunjo(timeoutMs: number): Promise<JunjoWait> {
  const w = window as unknown as ProbeWindow;
  const started = performance.now();
  return new Promise((resolve) => {
    const poll = () => {
      const entry = w.__benchWorkerLog.find((e) => e.direction === 'from-worker' && (e.type === 'junjo' || (e.type === 'done' && e.carriesJunjo)));
      if (entry) {
        setTimeout(() => resolve({ ok: true, at: entry.t + (entry.deserializeMs ?? 0), log: [...w.__benchWorkerLog], longTasks: [...w.__benchLongTasks] }), 500);
        return;
      }
      if (performance.now() - started > timeoutMs) {
        resolve({ ok: false, at: Number.NaN, log: [...w.__benchWorkerLog], longTasks: [...w.__benchLongTasks] });
        return;
      }
      setTimeout(poll, 20);
    };
    poll();
  });
}

/**
 * Clicks a tab (by its label) and times until `selector` is in the DOM and painted (two animation
 * frames later). NaN when it does not appear within `timeoutMs`.
 */
export function openTabAndTime({ tab, selector, timeoutMs }: { tab: string; selector: string; timeoutMs: number }): Promise<number> {
  const button = [...document.querySelectorAll<HTMLElement>('[role=tab]')].find((el) => (el.textContent ?? '').startsWith(tab));
  if (!button) return Promise.resolve(Number.NaN);
  const start = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: number) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    };
    const check = () => {
      if (done || !document.querySelector(selector)) return;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => finish(performance.now() - start)));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    const timer = setTimeout(() => finish(Number.NaN), timeoutMs);
    button.click();
    check();
  });
}

/** Bare `JSON.parse` of the prepared File's text on the page's main thread (the floor for any decoder), in ms. */
export async function bareJsonParse(): Promise<{ readMs: number; parseMs: number }> {
  const w = window as unknown as ProbeWindow;
  const file = w.__benchFile;
  if (!file) throw new Error('no file was prepared');
  const t0 = performance.now();
  const text = await file.text();
  const t1 = performance.now();
  JSON.parse(text);
  const t2 = performance.now();
  w.__benchFile = null;
  return { readMs: t1 - t0, parseMs: t2 - t1 };
}
