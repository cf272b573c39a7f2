/**
 * Issue 12's section of `npm run bench`, runnable alone with BENCH_ONLY=analysis (on the largest
 * generated file): the across-runs summary of 1,000 runs from the built-in store
 * (bench-across-runs.ts), then critical path, statistics and flame layout timed on the core code,
 * and the flame view's first paint and pan frames in Chromium (bench-analysis.ts). Each figure line
 * carries the load average: on a busy machine every figure is inflated.
 */
import { loadavg } from 'node:os';
import type { Browser } from '@playwright/test';
import { runAcrossRunsBench } from './bench-across-runs.ts';
import { runAnalysisBench } from './bench-analysis.ts';

export async function runIssue12Bench(browser: Browser, baseUrl: string, file: { path: string; name: string; bytes: number }, viewport: { width: number; height: number }, root: string) {
  console.log(`\nIssue 12 (analysis) · load average ${(loadavg()[0] ?? 0).toFixed(2)} at the start`);
  const acrossRuns = await runAcrossRunsBench(root);
  const analysis = await runAnalysisBench(browser, baseUrl, file, viewport);
  console.log(`load average ${(loadavg()[0] ?? 0).toFixed(2)} at the end of the section`);
  return { acrossRuns, ...analysis };
}
