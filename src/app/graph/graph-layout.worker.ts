/// <reference lib="webworker" />
/**
 * Runs ELK's layered layout off the main thread (style habit 9: layout never runs in render).
 * Receives the JSON graph from buildLayoutInput and answers with flat node boxes.
 */
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { flattenLayout, type LayoutRequest, type LayoutResponse } from './layout-result.ts';

declare const self: DedicatedWorkerGlobalScope;

const elk = new ELK();

/** A real layout has started: ELK's code is being compiled by it, so a pending warm-up is not needed. */
let laidOut = false;

self.onmessage = (message: MessageEvent<LayoutRequest>) => {
  const request = message.data;
  // While ELK loads, the warm-up and the first real request can both be waiting: let the real one
  // go first (it warms ELK just as well), then skip the warm-up.
  if (request.warmUp) setTimeout(() => void answer(request.id, laidOut ? null : request.input), 0);
  else {
    laidOut = true;
    void answer(request.id, request.input);
  }
};

/** Lays `input` out and answers; a skipped warm-up (null input) gets an empty layout. */
async function answer(id: number, input: unknown): Promise<void> {
  let response: LayoutResponse;
  if (input === null) response = { id, ok: true, layout: { boxes: {}, edges: {}, width: 0, height: 0 } };
  else {
    try {
      response = { id, ok: true, layout: flattenLayout(await elk.layout(input as ElkNode)) };
    } catch (error) {
      response = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }
  self.postMessage(response);
}
