import { describe, expect, it } from 'vitest';
import type { Trace } from '../model/trace.ts';
import { buildTraces } from './build-traces.ts';
import { span } from './test-spans.ts';
import {
  ancestorsOf,
  collapseAll,
  collapsedForDepth,
  collapseSubtree,
  computeVisibleRows,
  expandSubtree,
  keepMaskFor,
  nextSpanRow,
  parentRow,
  revealSpan,
  rowAt,
  rowDepth,
  toggleCollapsed,
  type VisibleRows,
} from './visible-rows.ts';

const trace: Trace = buildTraces([
  span('r', null, 0, 100),
  span('a', 'r', 10, 50),
  span('a1', 'a', 11, 20),
  span('a2', 'a', 21, 30),
  span('b', 'r', 60, 90),
  span('b1', 'b', 61, 62),
  span('o1', 'gone', 5, 6),
  span('oc', 'o1', 5, 6),
  span('o2', 'gone', 7, 8),
  span('p', 'other', 9, 10),
  span('cy', 'cy', 95, 96),
])[0]!;

const at = (name: string): number => trace.spans.findIndex((s) => s.name === name);
const set = (...names: string[]): Set<number> => new Set(names.map(at));
/** Rows as text: span names, and "[parentId]" for marker rows. */
const text = (visible: VisibleRows): string[] =>
  Array.from({ length: visible.rows.length }, (_, r) => {
    const row = rowAt(visible, r)!;
    return row.kind === 'span' ? trace.spans[row.spanIndex]!.name : `[${row.group.parentSpanId}:${row.group.reason}]`;
  });

const all = ['r', 'a', 'a1', 'a2', 'b', 'b1', '[gone:missing-parent]', 'o1', 'oc', 'o2', '[other:missing-parent]', 'p', '[cy:parent-cycle]', 'cy'];

describe('computeVisibleRows', () => {
  it.each([
    { case: 'everything expanded', collapsed: set(), want: all },
    { case: 'one span collapsed', collapsed: set('a'), want: ['r', 'a', 'b', 'b1', ...all.slice(6)] },
    { case: 'root collapsed', collapsed: set('r'), want: ['r', ...all.slice(6)] },
    { case: 'orphan collapsed', collapsed: set('o1'), want: [...all.slice(0, 8), 'o2', ...all.slice(10)] },
    { case: 'collapse all', collapsed: collapseAll(trace), want: ['r', '[gone:missing-parent]', 'o1', 'o2', '[other:missing-parent]', 'p', '[cy:parent-cycle]', 'cy'] },
    { case: 'depth 1', collapsed: collapsedForDepth(trace, 1), want: ['r', 'a', 'b', '[gone:missing-parent]', 'o1', 'o2', '[other:missing-parent]', 'p', '[cy:parent-cycle]', 'cy'] },
    { case: 'collapse subtree of r', collapsed: collapseSubtree(trace, set(), at('r')), want: ['r', ...all.slice(6)] },
  ])('$case', ({ collapsed, want }) => {
    expect(text(computeVisibleRows(trace, collapsed))).toEqual(want);
  });

  it('keep-only mask shows matches with their ancestors, and markers only for kept groups', () => {
    const keep = keepMaskFor(trace, [at('a2'), at('oc')]);
    expect(text(computeVisibleRows(trace, new Set(), keep))).toEqual(['r', 'a', 'a2', '[gone:missing-parent]', 'o1', 'oc']);
  });

  it('keeps a marker when only a later span of its group matches', () => {
    const keep = keepMaskFor(trace, [at('o2')]);
    expect(text(computeVisibleRows(trace, new Set(), keep))).toEqual(['[gone:missing-parent]', 'o2']);
  });

  it('maps spans to rows, -1 when hidden', () => {
    const visible = computeVisibleRows(trace, set('a'));
    expect(visible.rowOfSpan[at('b')]).toBe(2);
    expect(visible.rowOfSpan[at('a1')]).toBe(-1);
    expect(visible.rowOfSpan[at('o1')]).toBe(5);
  });
});

describe('collapse helpers', () => {
  it('toggles one span', () => {
    expect([...toggleCollapsed(set('a'), at('b'))]).toEqual([at('a'), at('b')]);
    expect([...toggleCollapsed(set('a', 'b'), at('a'))]).toEqual([at('b')]);
  });

  it('collapses and expands a subtree', () => {
    expect(collapseSubtree(trace, set(), at('r'))).toEqual(set('r', 'a', 'b'));
    expect(expandSubtree(trace, set('r', 'a', 'o1'), at('r'))).toEqual(set('o1'));
  });

  it('reveals a span by expanding its ancestors only', () => {
    expect(ancestorsOf(trace, at('a1')).map((i) => trace.spans[i]!.name)).toEqual(['r', 'a']);
    expect(revealSpan(trace, set('r', 'a', 'b'), at('a1'))).toEqual(set('b'));
    const untouched = set('b');
    expect(revealSpan(trace, untouched, at('a1'))).toBe(untouched);
  });
});

describe('row navigation', () => {
  const visible = computeVisibleRows(trace, new Set());
  const rowOf = (name: string): number => visible.rowOfSpan[at(name)]!;

  it.each([
    { from: 'r', step: 1 as const, want: 'a' },
    { from: 'b1', step: 1 as const, want: 'o1' },
    { from: 'o1', step: -1 as const, want: 'b1' },
    { from: 'r', step: -1 as const, want: null },
    { from: 'cy', step: 1 as const, want: null },
  ])('next span row from $from by $step is $want', ({ from, step, want }) => {
    const row = nextSpanRow(visible, rowOf(from), step);
    expect(row === -1 ? null : trace.spans[visible.rows[row]!]!.name).toBe(want);
  });

  it('finds parent rows: parent span, group marker, or none for a root', () => {
    expect(parentRow(trace, visible, rowOf('a1'))).toBe(rowOf('a'));
    expect(parentRow(trace, visible, rowOf('o2'))).toBe(rowOf('o2') - 3);
    expect(text(visible)[rowOf('o2') - 3]).toBe('[gone:missing-parent]');
    expect(parentRow(trace, visible, rowOf('r'))).toBe(-1);
  });

  it('gives depths for indentation', () => {
    expect([0, 1, 2, 6, 7, 8].map((r) => rowDepth(trace, visible, r))).toEqual([0, 1, 2, 0, 1, 2]);
  });
});
