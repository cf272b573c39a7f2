/**
 * Entry of the upstream request thread (fetch-thread.ts): runs each request it is sent
 * (upstream-request.ts) and answers with its outcome, the body's parts moved with it; an
 * `{ abort: id }` message cancels a request.
 */
import { parentPort } from 'node:worker_threads';
import { outcomeMessage, type FetchMessage } from './fetch-thread.ts';
import { requestNow } from './upstream-request.ts';
import { lowerThisThreadPriority } from './thread-priority.ts';

// Reading a large upstream answer here must not take the CPU from the event loop, like body threads.
lowerThisThreadPriority();

const running = new Map<number, AbortController>();

parentPort?.on('message', (message: FetchMessage | { readonly abort: number }) => {
  if ('abort' in message) {
    running.get(message.abort)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  void requestNow(new URL(message.url), { ...message.options, signal: controller.signal }, message.deadline).then((outcome) => {
    running.delete(message.id);
    const reply = outcomeMessage(message.id, outcome);
    parentPort?.postMessage(reply.message, reply.transfer);
  });
});
