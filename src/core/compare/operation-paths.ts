/**
 * Plain traces lined up by service and operation path (issue 12 §2): every span is named by the
 * chain of `service: operation` from its root (or from a chosen span) down to itself, and the two
 * traces are compared per path: how many spans took it and how long they took, in total and on
 * average. Jaeger's trace diff compares only the counts.
 */
import type { Trace } from '../model/trace.ts';

export const PATH_SEPARATOR = ' › ';

export interface PathFigures {
  readonly count: number;
  /** ns, summed over the spans. */
  readonly total: number;
  readonly errors: number;
}

export interface PathComparison {
  readonly path: string;
  /** Steps of the path (service: operation), root first. */
  readonly steps: readonly string[];
  readonly depth: number;
  readonly a: PathFigures;
  readonly b: PathFigures;
  /** ns; 0 when the path has no span on that side. */
  readonly meanA: number;
  readonly meanB: number;
  readonly countDelta: number;
  /** B total − A total, ns. */
  readonly totalDelta: number;
  readonly presence: 'both' | 'a-only' | 'b-only';
}

/** Figures per operation path of a trace, or of the subtree under `rootSpan`. */
export function operationPaths(trace: Trace, rootSpan?: number): Map<string, PathFigures & { readonly steps: readonly string[] }> {
  const figures = new Map<string, { steps: string[]; count: number; total: number; errors: number }>();
  const visit = (spanIndex: number, parentSteps: readonly string[]) => {
    // Iterative over the subtree: deep traces must not overflow the stack.
    const stack: [number, readonly string[]][] = [[spanIndex, parentSteps]];
    while (stack.length > 0) {
      const [index, above] = stack.pop() as [number, readonly string[]];
      const span = trace.spans[index];
      if (!span) continue;
      const steps = [...above, `${span.resource.serviceName}: ${span.name}`];
      const path = steps.join(PATH_SEPARATOR);
      let entry = figures.get(path);
      if (!entry) figures.set(path, (entry = { steps, count: 0, total: 0, errors: 0 }));
      entry.count++;
      entry.total += Math.max(0, span.end - span.start);
      if (span.status.code === 'error') entry.errors++;
      const children = trace.children[index] ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as number, steps]);
    }
  };
  if (rootSpan !== undefined) visit(rootSpan, []);
  else for (const root of trace.roots) visit(root, []);
  return figures;
}

const none: PathFigures = { count: 0, total: 0, errors: 0 };

export function compareOperationPaths(a: Trace, b: Trace, rootA?: number, rootB?: number): PathComparison[] {
  const pathsA = operationPaths(a, rootA);
  const pathsB = operationPaths(b, rootB);
  const rows: PathComparison[] = [];
  const keys = [...pathsA.keys(), ...[...pathsB.keys()].filter((key) => !pathsA.has(key))];
  for (const path of keys) {
    const fa = pathsA.get(path);
    const fb = pathsB.get(path);
    const sa = fa ? { count: fa.count, total: fa.total, errors: fa.errors } : none;
    const sb = fb ? { count: fb.count, total: fb.total, errors: fb.errors } : none;
    const steps = (fa ?? fb)?.steps ?? [path];
    rows.push({
      path,
      steps,
      depth: steps.length - 1,
      a: sa,
      b: sb,
      meanA: sa.count > 0 ? sa.total / sa.count : 0,
      meanB: sb.count > 0 ? sb.total / sb.count : 0,
      countDelta: sb.count - sa.count,
      totalDelta: sb.total - sa.total,
      presence: fa && fb ? 'both' : fa ? 'a-only' : 'b-only',
    });
  }
  return rows;
}

export type PathSortKey = 'path' | 'countA' | 'countB' | 'totalA' | 'totalB' | 'meanA' | 'meanB' | 'delta';

/** Rows ordered by a column (`descending` for largest first); ties keep the path order. */
export function sortPathRows(rows: readonly PathComparison[], key: PathSortKey, descending: boolean): PathComparison[] {
  const value = (row: PathComparison): number | string => {
    switch (key) {
      case 'path': return row.path;
      case 'countA': return row.a.count;
      case 'countB': return row.b.count;
      case 'totalA': return row.a.total;
      case 'totalB': return row.b.total;
      case 'meanA': return row.meanA;
      case 'meanB': return row.meanB;
      case 'delta': return row.totalDelta;
    }
  };
  const indexed = rows.map((row, index) => ({ row, index, v: value(row) }));
  indexed.sort((x, y) => {
    const order = typeof x.v === 'string' ? x.v.localeCompare(y.v as string) : x.v - (y.v as number);
    return (descending ? -order : order) || x.index - y.index;
  });
  return indexed.map((entry) => entry.row);
}
