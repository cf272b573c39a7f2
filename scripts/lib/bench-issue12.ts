/**
 * Issue 12's section of `npm run bench`, runnable alone with BENCH_ONLY=analysis (a 100,000-span
 * Junjo trace, no load/scroll runs): the across-runs summary of 1,000 runs from the built-in store
 * (bench-across-runs.ts), then critical path, statistics and flame layout timed on the core code,
 * and the flame view's first paint and pan frames in Chromium (bench-analysis.ts). Each figure line
 * carries the load average: on a busy machine every figure is inflated.
 */
import { loadavg } from 'node:os';
import type { Browser } from '@playwright/test';
import { runAcrossRunsBench } from './bench-across-runs.ts';
import { runAnalysisBench } from './bench-analysis.ts';
import type { Options } from './bench-options.ts';

export type SectionOptions = Options & { readonly analysisOnly: boolean };

/** Options for this run: with BENCH_ONLY=analysis, one 100,000-span Junjo file; 'skip' when another section was asked for. */
export function analysisOnly(options: Options): SectionOptions | 'skip' {
  const only = process.env.BENCH_ONLY;
  if (only === undefined || only === '') return { ...options, analysisOnly: false };
  if (only !== 'analysis') return 'skip';
  const sizes = process.argv.some((arg) => arg.startsWith('--sizes=')) ? options.sizes : [100_000];
  const kinds = process.argv.some((arg) => arg.startsWith('--kinds=')) ? options.kinds : (['junjo-otlp'] as const);
  return { ...options, sizes, kinds, analysisOnly: true };
}

export async function runIssue12Bench(browser: Browser, baseUrl: string, file: { path: string; name: string; bytes: number }, viewport: { width: number; height: number }, root: string) {
  console.log(`\nIssue 12 (analysis) · load average ${(loadavg()[0] ?? 0).toFixed(2)} at the start`);
  const acrossRuns = await runAcrossRunsBench(root);
  const analysis = await runAnalysisBench(browser, baseUrl, file, viewport);
  console.log(`load average ${(loadavg()[0] ?? 0).toFixed(2)} at the end of the section`);
  return { acrossRuns, ...analysis };
}
