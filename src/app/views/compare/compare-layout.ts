/**
 * The compare graph's layout: the shared ELK layout worker (graph/graph-layout-client.ts) lays out
 * the declared graph; each node's box in absolute coordinates, marked when it holds other nodes.
 */
import { useEffect, useState } from 'react';
import { buildLayoutInput, resolveContainers } from '../../../core/junjo/graph-layout-input.ts';
import type { WorkflowGraph } from '../../../core/junjo/graph-model.ts';
import { requestLayout } from '../../graph/graph-layout-client.ts';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Holds other nodes (a RunConcurrent or subflow drawn open). */
  readonly container: boolean;
}

export interface CompareLayout {
  readonly boxes: Readonly<Record<string, Box>>;
  readonly width: number;
  readonly height: number;
}

async function layoutOf(graph: WorkflowGraph): Promise<CompareLayout> {
  const layout = await requestLayout(buildLayoutInput(graph, { direction: 'RIGHT' }));
  // ELK nests members in their container (buildLayoutInput follows the resolved containers), and the
  // shared layout keeps a member's box relative to its container's, as the graph view's canvas wants.
  const containerOf = resolveContainers(graph);
  const holders = new Set([...containerOf.values()].filter((id): id is string => id !== null));
  const boxes: Record<string, Box> = {};
  const absolute = (id: string): Box | undefined => {
    const known = boxes[id];
    if (known) return known;
    const own = layout.boxes[id];
    if (!own) return undefined;
    const holder = containerOf.get(id);
    const origin = holder ? absolute(holder) : undefined;
    return (boxes[id] = { x: own.x + (origin?.x ?? 0), y: own.y + (origin?.y ?? 0), width: own.width, height: own.height, container: holders.has(id) });
  };
  for (const id of Object.keys(layout.boxes)) absolute(id);
  return { boxes, width: layout.width, height: layout.height };
}

/** The graph's layout once the worker has it; a failed layout gives its message. */
export function useCompareLayout(graph: WorkflowGraph | undefined): CompareLayout | string | undefined {
  const [result, setResult] = useState<{ graph: WorkflowGraph; value: CompareLayout | string } | undefined>();
  useEffect(() => {
    if (!graph) return;
    let cancelled = false;
    layoutOf(graph).then(
      (layout) => !cancelled && setResult({ graph, value: layout }),
      (error: unknown) => !cancelled && setResult({ graph, value: error instanceof Error ? error.message : `The graph could not be laid out: ${String(error)}` }),
    );
    return () => {
      cancelled = true;
    };
  }, [graph]);
  return result && result.graph === graph ? result.value : undefined;
}
