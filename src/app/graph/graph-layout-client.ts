/**
 * The page side of the layout worker: one worker for the tab, started on first use, with requests
 * matched to answers by id. Caching is the caller's job (use-graph-layout keys it per graph).
 */
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

export function requestLayout(input: unknown): Promise<GraphLayout> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const request: LayoutRequest = { id, input };
    layoutWorker().postMessage(request);
  });
}

/**
 * Starts the worker and has it lay out a one-node graph, so ELK's code is loaded and compiled while
 * the trace is still loading: the first real layout then takes milliseconds instead of seconds.
 * Safe to call any number of times.
 */
let warmed = false;
export function warmLayoutWorker(): void {
  if (warmed || typeof Worker === 'undefined') return;
  warmed = true;
  requestLayout({ id: 'warm-up', layoutOptions: { 'elk.algorithm': 'layered' }, children: [{ id: 'a', width: 10, height: 10 }, { id: 'b', width: 10, height: 10 }], edges: [{ id: 'e', sources: ['a'], targets: ['b'] }] }).catch(() => {
    warmed = false;
  });
}
