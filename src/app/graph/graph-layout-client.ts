/**
 * The page side of the layout worker: one worker for the tab, started on first use, with requests
 * matched to answers by id. Caching is the caller's job (use-graph-layout keys it per graph).
 */
import { buildLayoutInput } from '../../core/junjo/graph-layout-input.ts';
import type { WorkflowGraph } from '../../core/junjo/graph-model.ts';
import type { GraphLayout, LayoutRequest, LayoutResponse } from './layout-result.ts';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (layout: GraphLayout) => void; reject: (error: Error) => void }>();

function layoutWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./graph-layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (message: MessageEvent<LayoutResponse>) => {
      const answer = message.data;
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.layout);
      else waiting.reject(new Error(`The graph layout failed: ${answer.message}`));
    };
    worker.onerror = (event) => {
      for (const waiting of pending.values()) waiting.reject(new Error(`The graph layout worker stopped: ${event.message}`));
      pending.clear();
      worker?.terminate();
      worker = undefined;
    };
  }
  return worker;
}

export function requestLayout(input: unknown, warmUp = false): Promise<GraphLayout> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const request: LayoutRequest = { id, input, warmUp };
    layoutWorker().postMessage(request);
  });
}

/**
 * A small graph that goes through the same ELK code as a real workflow: a group with two lanes
 * (hierarchy), a loop with a label (cycle breaking, feedback edge routing, label placement).
 */
const warmUpGraph: WorkflowGraph = {
  schema: 1,
  graphStructuralId: null,
  sourceIds: ['a'],
  sinkIds: ['d'],
  warnings: [],
  nodes: [
    { id: 'a', label: 'StartNode', type: 'A', kind: 'node', structuralId: null, children: [], subflow: null, container: null },
    { id: 'g', label: 'Group', type: 'RunConcurrent', kind: 'run_concurrent', structuralId: null, children: ['b', 'c'], subflow: null, container: null },
    { id: 'b', label: 'LeftNode', type: 'B', kind: 'node', structuralId: null, children: [], subflow: null, container: 'g' },
    { id: 'c', label: 'RightNode', type: 'C', kind: 'node', structuralId: null, children: [], subflow: null, container: 'g' },
    { id: 'd', label: 'EndNode', type: 'D', kind: 'node', structuralId: null, children: [], subflow: null, container: null },
  ],
  edges: [
    { id: 'e1', source: 'a', target: 'g', condition: null, scope: 'explicit', container: null },
    { id: 'e2', source: 'g', target: 'd', condition: null, scope: 'explicit', container: null },
    { id: 'e3', source: 'd', target: 'a', condition: 'Again()', scope: 'explicit', container: null },
  ],
};

/**
 * Starts the worker and has it lay out a small graph, so ELK's code is loaded and compiled while
 * the trace is still loading: the first real layout then skips the cold start. When a real layout
 * reaches the worker before the warm-up has started, the worker skips the warm-up.
 * Safe to call any number of times.
 */
let warmed = false;
export function warmLayoutWorker(): void {
  if (warmed || typeof Worker === 'undefined') return;
  warmed = true;
  requestLayout(buildLayoutInput(warmUpGraph, { direction: 'RIGHT' }), true).catch(() => {
    warmed = false;
  });
}
