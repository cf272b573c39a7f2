import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeJunjo, type JunjoFound } from './analyze-junjo.ts';
import { decodeTrace, indexOfName } from './junjo-test-traces.ts';
import { firstTransitionOf, joinOutline, outlineOf, splitOutline, storesWrittenBy, withTimelines } from './junjo-outline.ts';

const load = async (name: string) => {
  const trace = await decodeTrace(readFileSync(`public/samples/${name}.json`, 'utf8'));
  const analysis = analyzeJunjo(trace);
  if (analysis.kind !== 'junjo') throw new Error(analysis.reason);
  return { trace, analysis: analysis as JunjoFound };
};

describe('outlineOf', () => {
  test('keeps every store without its transitions and checkpoints, with one span per transition', async () => {
    const { analysis } = await load('junjo-g3-contract-v2');
    const outline = outlineOf(analysis);
    expect(outline.runs).toBe(analysis.runs);
    expect(outline.stores.map((s) => s.storeId)).toEqual(analysis.stores.map((s) => s.storeId));
    outline.stores.forEach((summary, i) => {
      const full = analysis.stores[i]!;
      expect(summary).not.toHaveProperty('transitions');
      expect(summary).not.toHaveProperty('checkpoints');
      expect(summary.transitionCount).toBe(full.transitions.length);
      expect([...summary.transitionSpans]).toEqual(full.transitions.map((t) => t.spanIndex));
      expect(summary).toMatchObject({ status: full.status, verified: full.verified, appliedCount: full.appliedCount, issues: full.issues });
    });
    // The outline is what the worker posts: it must survive a structured clone.
    expect(structuredClone(outline)).toEqual(outline);
  });

  test('withTimelines puts the full timelines back, and names a missing one', async () => {
    const { analysis } = await load('junjo-g3-contract-v2');
    const outline = outlineOf(analysis);
    expect(withTimelines(outline, [...analysis.stores].reverse()).stores).toEqual(analysis.stores);
    expect(() => withTimelines(outline, analysis.stores.slice(1))).toThrow(/timeline of store .* is missing/);
  });

  test('finds the stores and the first transition a span wrote, from the outline alone', async () => {
    const { trace, analysis } = await load('junjo-g1-legacy');
    const outline = outlineOf(analysis);
    const refine = indexOfName(trace, 'RefineNode');
    const [storeId] = storesWrittenBy(outline, refine);
    const store = analysis.stores.find((s) => s.storeId === storeId)!;
    const first = firstTransitionOf(outline, refine);
    expect(first).toEqual({ storeId, tx: store.transitions.findIndex((t) => t.spanIndex === refine) });
    expect(firstTransitionOf(outline, refine, 'no-such-store')).toEqual(first);
  });
});

describe('splitOutline', () => {
  test('cuts the lists into parts of at most n entries and joins them back as they were', async () => {
    const { analysis } = await load('junjo-g1-two-runs');
    const outline = outlineOf(analysis);
    expect(outline.runs.length).toBeGreaterThan(2);
    const { shell, parts } = splitOutline(outline, 2);
    expect(shell.runs).toEqual([]);
    expect(shell.topLevelRuns).toEqual(outline.topLevelRuns);
    expect(parts.length).toBe(Math.ceil(Math.max(outline.runs.length, outline.stores.length, outline.concurrency.length) / 2));
    for (const part of parts) expect(Math.max(part.runs.length, part.links.length, part.paths.length, part.stores.length, part.concurrency.length)).toBeLessThanOrEqual(2);
    expect(joinOutline(shell, parts)).toEqual(outline);
  });

  test('a small outline stays whole', async () => {
    const { analysis } = await load('junjo-g1-two-runs');
    const outline = outlineOf(analysis);
    expect(splitOutline(outline, 1000)).toEqual({ shell: outline, parts: [] });
    expect(joinOutline(outline, [])).toBe(outline);
  });
});
