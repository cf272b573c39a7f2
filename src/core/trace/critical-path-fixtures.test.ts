import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJunjo } from '../junjo/analyze-junjo.ts';
import { decodeTrace } from '../junjo/junjo-test-traces.ts';
import { runSchedule } from '../junjo/run-schedule.ts';
import type { Trace } from '../model/trace.ts';
import { criticalPath, criticalKeepMask } from './critical-path.ts';
import { flameLayout } from './flame-layout.ts';
import { traceStatistics } from './trace-statistics.ts';

const files = [
  'fixtures/jaeger/v1-trace-57spans-10services.json',
  'fixtures/jaeger/v1-trace-logs-refs-types.json',
  'fixtures/tempo/tempo-trace-queue-database.resourceSpans.json',
  'fixtures/junjo/workflow/run_concurrent_success.json',
  'fixtures/junjo/workflow/subflow_with_parent_store.json',
  'public/samples/junjo-g3-contract-v2.json',
  'public/samples/plain-http-service.json',
];

/** Properties every critical path must have, whatever the trace. */
function checkPath(trace: Trace): void {
  const path = criticalPath(trace);
  const segments: [number, number][] = [];
  for (let s = 0; s < trace.spans.length; s++) {
    const span = trace.spans[s]!;
    for (let k = path.segOffset[s]!; k < path.segOffset[s + 1]!; k++) {
      // Segments lie inside their span and belong to spans on the path.
      expect(path.onPath[s]).toBe(1);
      expect(path.segStart[k]).toBeGreaterThanOrEqual(span.start);
      expect(path.segEnd[k]).toBeLessThanOrEqual(span.end);
      segments.push([path.segStart[k]!, path.segEnd[k]!]);
    }
  }
  // The path is one chain in time: segments never overlap, and together they are no longer than the trace.
  segments.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < segments.length; i++) expect(segments[i]![0]).toBeGreaterThanOrEqual(segments[i - 1]![1]);
  expect(path.total).toBeLessThanOrEqual(trace.duration);
  expect(path.total).toBeGreaterThan(0);
  // The filter keeps ancestors; the flame's critical mode is exactly as wide as the path.
  const keep = criticalKeepMask(trace, path);
  for (let s = 0; s < trace.spans.length; s++) if (keep[s] && trace.parent[s]! >= 0) expect(keep[trace.parent[s]!]).toBe(1);
  expect(flameLayout(trace, 'critical', path).value[0]).toBeCloseTo(path.total);
  // Statistics account for every span once.
  expect(traceStatistics(trace).reduce((sum, row) => sum + row.count, 0)).toBe(trace.spans.length);
}

describe('critical path on real traces', () => {
  it.each(files)('%s', async (file) => {
    const trace = await decodeTrace(readFileSync(file, 'utf8'));
    checkPath(trace);
    const junjo = analyzeJunjo(trace);
    if (junjo.kind !== 'junjo') return;
    for (const r of junjo.topLevelRuns) {
      const run = junjo.runs[r]!;
      const schedule = runSchedule(trace, run.spanIndex, junjo.spanIndex.junjoParent);
      expect(schedule.instances.length).toBeGreaterThan(0);
      for (const i of schedule.instances) expect(i.slack).toBeGreaterThanOrEqual(0);
      // Some instance is critical, and the last to end in the run's own sequence is one of them.
      expect(schedule.criticalPath.length).toBeGreaterThan(0);
      const top = schedule.instances.filter((i) => i.container === run.spanIndex);
      const lastEnd = Math.max(...top.map((i) => i.end));
      expect(top.filter((i) => i.end === lastEnd).every((i) => i.critical)).toBe(true);
    }
  });
});
