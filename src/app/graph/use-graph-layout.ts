/**
 * Lays out one workflow graph in the worker (or takes it from the browser's layout cache,
 * layout-cache.ts), cached by TanStack Query per run and graph content
 * (a hash of the ELK input, so the same graph in another direction or trace is its own entry).
 * Re-renders when the layout arrives; the input is built once per graph and direction.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { buildLayoutInput, type LayoutDirection, type LayoutInputOptions } from '../../core/junjo/graph-layout-input.ts';
import type { WorkflowGraph } from '../../core/junjo/graph-model.ts';
import { requestLayout } from './graph-layout-client.ts';
import { cachedLayout, storeLayout } from './layout-cache.ts';
import type { GraphLayout } from './layout-result.ts';

/** FNV-1a over the JSON text: a short, stable identity for a graph's layout input. */
function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0') + text.length.toString(16);
}

export function useGraphLayout(runKey: string, graph: WorkflowGraph, direction: LayoutDirection, extra: Omit<LayoutInputOptions, 'direction'> = {}) {
  const { input, key } = useMemo(() => {
    const elkInput = buildLayoutInput(graph, { direction, ...extra });
    return { input: elkInput, key: hashText(JSON.stringify(elkInput)) };
  }, [graph, direction, extra]);
  return useQuery<GraphLayout, Error>({
    queryKey: ['graph-layout', runKey, key],
    // A layout kept from an earlier page shows at once, without a "Laying out" frame.
    initialData: () => cachedLayout(key),
    queryFn: async () => {
      const kept = cachedLayout(key);
      if (kept) return kept;
      const layout = await requestLayout(input);
      storeLayout(key, layout);
      return layout;
    },
    staleTime: Infinity,
    gcTime: 30 * 60_000,
    retry: false,
  });
}
