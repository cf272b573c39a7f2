/**
 * From the URL's collapse and search state to the rows the waterfall shows. Each step is
 * memoized on its own inputs, so selecting a span (which changes none of them) costs nothing.
 */
import { useMemo } from 'react';
import type { Trace } from '../../../core/model/trace.ts';
import { searchTrace } from '../../../core/trace/search.ts';
import { computeVisibleRows, keepMaskFor, type VisibleRows } from '../../../core/trace/visible-rows.ts';
import type { ParsedRunGraphs } from '../../../core/junjo/declared-branch-order.ts';
import { useDeclaredOrder } from './use-declared-order.ts';
import { collapsedSpans } from './collapse-state.ts';
import { useViewState } from '../../routes/use-view-state.ts';
import { analysisKeep } from './analysis-filters.ts';

export interface WaterfallRows {
  readonly collapsed: ReadonlySet<number>;
  readonly matches: readonly number[];
  /** 1 for spans that match the search. */
  readonly matchMask: Uint8Array | undefined;
  readonly visible: VisibleRows;
}

/** `runs`: the Junjo analysis's runs with their parsed graphs, once it has come (RC branches are in start order until then). */
export function useWaterfallRows(trace: Trace, runs: ParsedRunGraphs | undefined): WaterfallRows {
  const collapsedKey = useViewState((state) => state.collapsed.join(','));
  const depth = useViewState((state) => state.depth);
  const query = useViewState((state) => state.q.trim());
  const hide = useViewState((state) => state.hideUnmatched);

  const collapsed = useMemo(() => collapsedSpans(trace, depth, collapsedKey === '' ? [] : collapsedKey.split(',')), [trace, collapsedKey, depth]);

  const matches = useMemo(() => (query === '' ? [] : searchTrace(trace, query)), [trace, query]);
  const matchMask = useMemo(() => {
    if (query === '') return undefined;
    const mask = new Uint8Array(trace.spans.length);
    for (const index of matches) mask[index] = 1;
    return mask;
  }, [trace, query, matches]);

  const criticalOnly = useViewState((state) => state.critical === 'only');
  const op = useViewState((state) => state.op);
  const opService = op?.service;
  const opName = op?.operation;
  const keep = useMemo(() => {
    const searchKeep = hide && query !== '' ? keepMaskFor(trace, matches) : undefined;
    const operation = opService !== undefined && opName !== undefined ? { service: opService, operation: opName } : undefined;
    return analysisKeep(trace, searchKeep, criticalOnly, operation);
  }, [trace, hide, query, matches, criticalOnly, opService, opName]);
  // RunConcurrent branches in the order the graph declares them, from the graphs the analysis parsed
  // (parsing thousands of graph attributes on the page cost half a second on a 100,000-span trace).
  const order = useDeclaredOrder(trace, runs);
  const visible = useMemo(() => computeVisibleRows(trace, collapsed, keep, order), [trace, collapsed, keep, order]);
  return { collapsed, matches, matchMask, visible };
}
