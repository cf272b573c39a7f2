/**
 * The benchmark's report: three text tables (load, scroll, load phases) over all sizes, figures
 * as median [min–max] over runs, next to the targets; then any runs' problems. Pure formatting.
 */
import type { Options } from './bench-options.ts';
import { phaseLabels, type Phases, type RunResult, type SizeResult } from './bench-results.ts';
import { fixed, formatSpread, megabytes, spread, textTable } from './bench-stats.ts';

export const targets = { paintMs: 1500, paintSpans: 100_000, scrollP95Ms: 20 };

export const count = (n: number) => n.toLocaleString('en');
const ok = (runs: readonly RunResult[]) => runs.filter((r) => !r.error || r.scroll);

export function report(sizes: readonly SizeResult[], options: Options): string {
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
