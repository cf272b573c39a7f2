/**
 * The benchmark's report: text tables (load, Junjo views and memory, scroll, load phases) over all
 * generated files, figures as median [min–max] over runs, next to the targets; then any runs'
 * problems. Pure formatting.
 */
import type { Options } from './bench-options.ts';
import { chunkedPhaseLabels, phaseLabels, type ChunkedPhases, type Phases, type RunResult, type SizeResult } from './bench-results.ts';
import { fixed, formatSpread, megabytes, spread, textTable } from './bench-stats.ts';

/** Issue 10's targets (quiet machine). */
export const targets = {
  /** First painted row ≤ this × bare JSON.parse of the same file (Junjo-heavy Jaeger, 50,000 spans). */
  paintVsParse: 1.5,
  /** 100,000 Junjo-heavy spans: first row under this. */
  paintMs100k: 3000,
  /** No main-thread task over this after the first row. */
  longTaskMs: 100,
  /** Graph and state of the opened run within this after asked (50,000 spans). */
  junjoViewMs: 1000,
  scrollP95Ms: 16.7,
};

export const count = (n: number) => n.toLocaleString('en');
const ok = (runs: readonly RunResult[]) => runs.filter((r) => !r.error || r.scroll);
const label = (s: SizeResult) => `${s.kind} ${count(s.spans)}`;
const median = (values: readonly number[]) => spread(values).median;

export function report(sizes: readonly SizeResult[], options: Options): string {
  const out: string[] = [];
  out.push(`Load: drop → first painted waterfall row, ms, median [min–max] of ${options.runs} fresh page(s); bare = JSON.parse of the same file's text on the page`);
  out.push(
    textTable(
      ['file', 'MB', 'bare JSON.parse', 'first row', '÷ bare', 'target', 'whole trace on screen', 'long tasks after row', '> 100 ms', 'max task ms'],
      sizes.map((s) => {
        const runs = ok(s.runs);
        const bare = median(s.runs.flatMap((r) => (r.bareParseMs === undefined ? [] : [r.bareParseMs])));
        const paint = spread(runs.map((r) => r.paintMs));
        const target = s.kind !== 'plain' && s.spans >= 100_000 ? `< ${targets.paintMs100k} ms` : s.kind === 'junjo-jaeger' && s.spans === 50_000 ? `≤ ${targets.paintVsParse}× bare` : '';
        return [
          label(s),
          fixed(megabytes(s.fileBytes), 1),
          fixed(bare),
          formatSpread(paint),
          fixed(paint.median / bare, 2),
          target,
          formatSpread(spread(runs.map((r) => r.wholeMs ?? Number.NaN))),
          formatSpread(spread(runs.map((r) => r.longTasksAfterPaint?.count ?? Number.NaN))),
          formatSpread(spread(runs.map((r) => r.longTasksAfterPaint?.over100 ?? Number.NaN))),
          formatSpread(spread(runs.map((r) => r.longTasksAfterPaint?.maxMs ?? Number.NaN))),
        ];
      }),
    ),
  );
  out.push('');
  out.push(`Junjo views and memory: drop → analysis on the page; click → graph nodes / state view painted (target: asked at the first row → ready < ${targets.junjoViewMs} ms at 50,000); heaps after a forced GC; renderer RSS from /proc`);
  out.push(
    textTable(
      ['file', 'Junjo ready', 'after first row', 'graph tab', 'state tab', 'heap page MB', 'heap workers MB', 'renderer MB', 'renderer peak MB'],
      sizes.map((s) => {
        const runs = ok(s.runs);
        const worker = runs.map((r) => r.workerHeapBytes).filter((b): b is number => b !== undefined);
        return [
          label(s),
          formatSpread(spread(runs.map((r) => r.junjoReadyMs ?? Number.NaN))),
          formatSpread(spread(runs.map((r) => (r.junjoReadyMs ?? Number.NaN) - r.paintMs))),
          formatSpread(spread(runs.map((r) => r.graphViewMs ?? Number.NaN))),
          formatSpread(spread(runs.map((r) => r.stateViewMs ?? Number.NaN))),
          formatSpread(spread(runs.map((r) => megabytes(r.pageHeapBytes))), 1),
          worker.length ? formatSpread(spread(worker.map(megabytes)), 1) : 'n/a',
          formatSpread(spread(runs.map((r) => megabytes(r.rendererRssBytes ?? Number.NaN)))),
          formatSpread(spread(runs.map((r) => megabytes(r.rendererPeakBytes ?? Number.NaN)))),
        ];
      }),
    ),
  );
  out.push('');
  out.push(`Scroll: top → bottom of the waterfall, one step per animation frame (≥ ¾ viewport, ≤ ${options.maxFrames} frames); frame ms, median [min–max] over runs; idle p95: the same page's frame interval with nothing scrolling (the display's vsync and its jitter)`);
  out.push(
    textTable(
      ['file', 'frames', 'step px', 'p50', 'p95', 'target p95', 'idle p95', 'max', 'frames > 20 ms', 'long tasks', 'reached end'],
      sizes.map((s) => {
        const scrolls = s.runs.flatMap((r) => (r.scroll ? [r.scroll] : []));
        return [
          label(s),
          fixed(spread(scrolls.map((x) => x.frames)).median),
          fixed(spread(scrolls.map((x) => x.stepPx)).median),
          formatSpread(spread(scrolls.map((x) => x.p50)), 1),
          formatSpread(spread(scrolls.map((x) => x.p95)), 1),
          `≤ ${targets.scrollP95Ms}`,
          formatSpread(spread(scrolls.map((x) => x.idleP95 ?? Number.NaN)), 1),
          formatSpread(spread(scrolls.map((x) => x.max)), 1),
          formatSpread(spread(scrolls.map((x) => x.over20))),
          formatSpread(spread(scrolls.map((x) => x.longTasks))),
          scrolls.length && scrolls.every((x) => x.reachedLastRow) ? 'yes' : 'no',
        ];
      }),
    ),
  );
  out.push('');
  out.push("Where the load time goes: ms, median of runs (page-side timestamps of the worker's progress messages)");
  const keys = Object.keys(phaseLabels) as (keyof Phases)[];
  out.push(
    textTable(
      ['phase', ...sizes.map(label)],
      [
        ...keys.map((key) => [phaseLabels[key], ...sizes.map((s) => fixed(median(s.runs.flatMap((r) => (r.phases ? [r.phases[key]] : [])))))]),
        ['total (drop → first row painted)', ...sizes.map((s) => fixed(median(ok(s.runs).map((r) => r.paintMs))))],
      ],
    ),
  );
  const chunked = sizes.filter((s) => s.runs.some((r) => r.chunkedPhases));
  if (chunked.length) {
    out.push('');
    out.push("Progressive load (large Jaeger JSON: first rows from the file's first chunk, then the whole trace): ms, median of runs");
    const chunkedKeys = Object.keys(chunkedPhaseLabels) as (keyof ChunkedPhases)[];
    out.push(
      textTable(
        ['phase', ...chunked.map(label)],
        [
          ...chunkedKeys.map((key) => [chunkedPhaseLabels[key], ...chunked.map((s) => fixed(median(s.runs.flatMap((r) => (r.chunkedPhases ? [r.chunkedPhases[key]] : [])))))]),
          ['first row (drop → painted)', ...chunked.map((s) => fixed(median(ok(s.runs).map((r) => r.paintMs))))],
          ['whole trace on screen (drop → painted)', ...chunked.map((s) => fixed(median(ok(s.runs).map((r) => r.wholeMs ?? Number.NaN))))],
        ],
      ),
    );
  }
  const errors = sizes.flatMap((s) => s.runs.filter((r) => r.error).map((r) => `  ${label(s)} spans, run ${r.run}: ${r.error}`));
  if (errors.length) out.push('', 'Problems:', ...errors);
  return out.join('\n');
}
