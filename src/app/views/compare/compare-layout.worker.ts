/// <reference lib="webworker" />
/**
 * Lays out the declared graph for the compare screen with ELK's layered algorithm, off the main
 * thread, and answers with every node's box in absolute coordinates.
 */
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { absoluteBoxes, type CompareLayoutRequest, type CompareLayoutResponse } from './compare-layout.ts';

declare const self: DedicatedWorkerGlobalScope;

const elk = new ELK();

self.onmessage = async (message: MessageEvent<CompareLayoutRequest>) => {
  const { id, input } = message.data;
  let response: CompareLayoutResponse;
  try {
    const laidOut = await elk.layout(input as ElkNode);
    response = { id, ok: true, layout: absoluteBoxes(laidOut) };
  } catch (error) {
    response = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
