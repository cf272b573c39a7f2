/// <reference lib="webworker" />
/**
 * Runs ELK's layered layout off the main thread (style habit 9: layout never runs in render).
 * Receives the JSON graph from buildLayoutInput and answers with flat node boxes.
 */
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { elkOptions } from './elk-options.ts';
import { flattenLayout, type LayoutRequest, type LayoutResponse } from './layout-result.ts';

declare const self: DedicatedWorkerGlobalScope;

const elk = new ELK(elkOptions);

self.onmessage = async (message: MessageEvent<LayoutRequest>) => {
  const { id, input } = message.data;
  let response: LayoutResponse;
  try {
    const laidOut = await elk.layout(input as ElkNode);
    response = { id, ok: true, layout: flattenLayout(laidOut) };
  } catch (error) {
    response = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
