/**
 * The compare graph's layout: requests to the compare layout worker and its answer, node boxes in
 * absolute coordinates (ELK gives them relative to their container).
 */
import { useEffect, useState } from 'react';
import { buildLayoutInput } from '../../../core/junjo/graph-layout-input.ts';
import type { WorkflowGraph } from '../../../core/junjo/graph-model.ts';

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

export interface CompareLayoutRequest {
  readonly id: number;
  readonly input: unknown;
}

export type CompareLayoutResponse =
  | { readonly id: number; readonly ok: true; readonly layout: CompareLayout }
  | { readonly id: number; readonly ok: false; readonly message: string };

interface LaidOut {
  readonly id: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly children?: readonly LaidOut[];
}

export function absoluteBoxes(root: LaidOut): CompareLayout {
  const boxes: Record<string, Box> = {};
  const visit = (node: LaidOut, offsetX: number, offsetY: number) => {
    for (const child of node.children ?? []) {
      const x = offsetX + (child.x ?? 0);
      const y = offsetY + (child.y ?? 0);
      boxes[child.id] = { x, y, width: child.width ?? 0, height: child.height ?? 0, container: (child.children?.length ?? 0) > 0 };
      visit(child, x, y);
    }
  };
  visit(root, 0, 0);
  return { boxes, width: root.width ?? 0, height: root.height ?? 0 };
}

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, (response: CompareLayoutResponse) => void>();

function layoutOf(graph: WorkflowGraph): Promise<CompareLayoutResponse> {
  if (!worker) {
    worker = new Worker(new URL('./compare-layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<CompareLayoutResponse>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
  }
  const id = nextId++;
  const request: CompareLayoutRequest = { id, input: buildLayoutInput(graph, { direction: 'RIGHT' }) };
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker?.postMessage(request);
  });
}

/** The graph's layout once the worker has it; a failed layout gives its message. */
export function useCompareLayout(graph: WorkflowGraph | undefined): CompareLayout | string | undefined {
  const [result, setResult] = useState<{ graph: WorkflowGraph; value: CompareLayout | string } | undefined>();
  useEffect(() => {
    if (!graph) return;
    let cancelled = false;
    void layoutOf(graph).then((response) => {
      if (!cancelled) setResult({ graph, value: response.ok ? response.layout : `The graph could not be laid out: ${response.message}` });
    });
    return () => {
      cancelled = true;
    };
  }, [graph]);
  return result && result.graph === graph ? result.value : undefined;
}
