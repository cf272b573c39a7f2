/**
 * Across-runs figures for `npm run bench` (issue 12 §3): 1,000 runs of the contract-v2 sample
 * workflow (copies with their own trace ids and stretched durations, core/runs/run-copies.ts) stored
 * in a real store file (the built-in SQLite store in a temp folder), then the server's answer to
 * GET …/workflow-runs?limit=1000 timed as the route computes it: cold (every trace read, decoded and
 * digested) and warm (digests cached), plus the page's part (adding the digests up).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { decodeInput } from '../../src/core/formats/decode-input.ts';
import { copyRuns } from '../../src/core/runs/run-copies.ts';
import { summarizeRuns } from '../../src/core/runs/summarize-runs.ts';
import { fromSpanRecords } from '../../src/server/store/store-span.ts';
import { TraceStore } from '../../src/server/store/trace-store.ts';
import { localWorkflowRuns } from '../../src/server/workflow-runs-route.ts';
import { fixed } from './bench-stats.ts';
import { benchTempDir, removeBenchTempDir } from './bench-temp.ts';

export const acrossRunsTarget = { runs: 1000, ms: 1000 };

export async function runAcrossRunsBench(root: string): Promise<Record<string, number>> {
  const decoded = await decodeInput(readFileSync(join(root, 'public', 'samples', 'junjo-g3-contract-v2.json')));
  if (!decoded.ok) throw new Error(decoded.error.message);
  const factors = Array.from({ length: acrossRunsTarget.runs }, (_, n) => 0.7 + ((n * 7919) % 100) / 100);
  const dir = benchTempDir('jtv-bench-runs-');
  const opened = TraceStore.open(dir);
  if (!opened.ok) throw new Error(opened.message);
  const store = opened.store;
  try {
    const copies = copyRuns(decoded.result.spans, { factors, startMs: Date.now() - 86_400_000, gapMs: 60_000, idPrefix: 'bench' });
    for (let i = 0; i < copies.length; i += 100) store.insertBatches(copies.slice(i, i + 100).map(fromSpanRecords));
    const query = { workflow: 'demo_base_workflow', service: undefined, limit: acrossRunsTarget.runs };
    const load = loadavg()[0] ?? 0;
    const coldStarted = performance.now();
    const cold = await localWorkflowRuns(store, query);
    const coldMs = performance.now() - coldStarted;
    const warmStarted = performance.now();
    const warm = await localWorkflowRuns(store, query);
    const warmMs = performance.now() - warmStarted;
    const summaryStarted = performance.now();
    summarizeRuns(warm.runs);
    const summaryMs = performance.now() - summaryStarted;
    const bytes = Buffer.byteLength(JSON.stringify(cold));
    const figures = { runs: cold.runs.length, spansPerRun: decoded.result.spans.length, coldMs, warmMs, summaryMs, answerKB: bytes / 1024, loadAverage: load };
    console.log(
      `Across runs: ${figures.runs.toLocaleString('en')} runs (${figures.spansPerRun} spans each) from the built-in store: server answer ${fixed(coldMs)} ms cold, ${fixed(warmMs)} ms warm (digests cached); ` +
        `page summary ${fixed(summaryMs, 1)} ms; answer ${fixed(figures.answerKB)} KB (target < ${acrossRunsTarget.ms} ms) · load average ${load.toFixed(2)}`,
    );
    return figures;
  } finally {
    store.close();
    removeBenchTempDir(dir);
  }
}
